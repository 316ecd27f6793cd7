/**
 * A CA file the user names (an internal identity provider's root): read and checked where it
 * is set and where it is used. A missing or unreadable file, or one holding no certificate, is
 * the user's configuration (ERR_FILE_READ, ERR_INVALID_ARGUMENT): never reported as a server
 * outage, so no stale copy of a JWKS stands in for it.
 */
import { X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { WorkbenchError } from '../../../shared/errors'
import { LIMITS, tooLarge } from '../../../shared/limits'
import { clip } from '../../../shared/redact'

const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** The PEM text of a CA file with at least one certificate; throws with its own code otherwise. */
export function readCaFile(path: string): string {
  if (!isAbsolute(path)) {
    throw new WorkbenchError(
      'ERR_INVALID_ARGUMENT',
      `The CA file must be an absolute path, not ${clip(path, 80)}.`,
    )
  }
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new WorkbenchError(
      'ERR_FILE_READ',
      `Cannot read the CA file ${clip(path, 200)} (${(error as NodeJS.ErrnoException).code ?? 'error'}): fix the path (jwtw settings set jwks.ca FILE).`,
      { cause: error },
    )
  }
  if (text.length > LIMITS.keyText * 4) {
    throw new WorkbenchError(
      'ERR_INPUT_TOO_LARGE',
      tooLarge(`The CA file ${clip(path, 200)}`, text.length, LIMITS.keyText * 4),
    )
  }
  const blocks = text.match(CERTIFICATE) ?? []
  const readable = blocks.filter((pem) => {
    try {
      new X509Certificate(pem)
      return true
    } catch {
      return false
    }
  })
  if (readable.length === 0) {
    throw new WorkbenchError(
      'ERR_INVALID_ARGUMENT',
      `The CA file ${clip(path, 200)} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`,
    )
  }
  return text
}
