/** The key store's rules for names and tags, and its one error for keys that cannot sign. */
import { WorkbenchError } from '../../../shared/errors'
import { LIMITS } from '../../../shared/limits'
import { clip } from '../../../shared/redact'
import { cleanTags, keyNameProblem } from '../../../shared/stored-key-types'

/** Validates a key name: ERR_INVALID_KEY_NAME with the rule when it breaks it. */
export function assertName(name: string): void {
  const problem = keyNameProblem(name)
  if (problem !== null) throw new WorkbenchError('ERR_INVALID_KEY_NAME', problem)
}

export function assertFree(taken: string[], name: string): void {
  const lower = name.toLowerCase()
  const clash = taken.find((n) => n.toLowerCase() === lower)
  if (clash !== undefined) {
    throw new WorkbenchError(
      'ERR_KEY_EXISTS',
      `A key named "${clip(clash)}" already exists (names are unique regardless of case). Pick another name or delete it first.`,
    )
  }
}

export function tagsOf(tags: string[] | undefined): string[] {
  const clean = cleanTags(tags ?? [])
  if (clean === null) {
    throw new WorkbenchError(
      'ERR_INVALID_ARGUMENT',
      `Up to ${LIMITS.tags} tags of ${LIMITS.tag} characters each.`,
    )
  }
  return clean
}

export function verifyOnly(name: string): WorkbenchError {
  return new WorkbenchError(
    'ERR_KEY_VERIFY_ONLY',
    `Key "${clip(name)}" is a public key or certificate: it verifies but cannot sign, rotate or export private material.`,
  )
}

/** A stored key used for what it is not for: an encryption key never signs, a signing key never decrypts. */
export function wrongUse(name: string, use: 'sig' | 'enc'): WorkbenchError {
  return new WorkbenchError(
    'ERR_KEY_UNFIT',
    use === 'enc'
      ? `Key "${clip(name)}" is an encryption key (use enc): it encrypts and decrypts JWE but never signs or verifies.`
      : `Key "${clip(name)}" is a signing key (use sig): it never encrypts or decrypts. Generate an encryption key with \`jwtw keys generate NAME --alg RSA-OAEP-256\`.`,
  )
}
