/**
 * Where a file dropped on the window goes: a key (PEM, JWK, JWKS) to Keys import, a token file
 * (.jwt, or a small text holding a token) to Inspect, anything else (a log) to Scan, which
 * streams it to main. Read sizes are capped before reading.
 */
import { LIMITS, formatSize, tooLarge } from '../../../shared/limits'
import { findTokens } from '../../../shared/token-finder'

export type Dropped =
  | { kind: 'key'; text: string }
  | { kind: 'token'; text: string }
  | { kind: 'log'; file: File }
  | { kind: 'error'; message: string }

const KEY_NAME = /\.(pem|key|crt|cer|pub|jwk|jwks|json)$/i

export async function routeDroppedFile(file: File): Promise<Dropped> {
  if (file.size <= LIMITS.keyText) {
    const text = await file.text()
    const trimmed = text.trim()
    const looksLikeKey =
      trimmed.startsWith('-----BEGIN') ||
      (KEY_NAME.test(file.name) && trimmed.startsWith('{') && /"(kty|keys)"/.test(trimmed))
    if (looksLikeKey) return { kind: 'key', text }
    if (
      /\.jwt$/i.test(file.name) ||
      (findTokens(text).length > 0 && text.length <= LIMITS.text / 16)
    ) {
      return { kind: 'token', text }
    }
  }
  if (file.size > LIMITS.scanUploadBytes) {
    return {
      kind: 'error',
      message: `ERR_INPUT_TOO_LARGE: ${tooLarge(`The file ${file.name}`, file.size, LIMITS.scanUploadBytes)} Scan it by path (Scan view) or with jwtw scan.`,
    }
  }
  return file.size === 0
    ? { kind: 'error', message: `${file.name} is empty (${formatSize(0)}).` }
    : { kind: 'log', file }
}
