/** Splits an HS256/384/512 token into what the audit needs: signing input, signature, hash size. */
import { WorkbenchError } from '../../../shared/errors'

export interface HmacToken {
  alg: 'HS256' | 'HS384' | 'HS512'
  bits: 256 | 384 | 512
  signingInput: Uint8Array
  signature: Uint8Array
}

const BITS = { HS256: 256, HS384: 384, HS512: 512 } as const
const SEGMENT = /^[A-Za-z0-9_-]*$/

/** Parses a compact JWS; throws ERR_JWT_MALFORMED or ERR_NOT_HMAC_TOKEN. */
export function parseHmacToken(token: string): HmacToken {
  const parts = token.trim().split('.')
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) {
    throw new WorkbenchError(
      'ERR_JWT_MALFORMED',
      'Not a compact JWS: expected three base64url parts separated by dots.',
    )
  }
  const [header = '', payload = '', sig = ''] = parts
  let alg: unknown
  try {
    alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg
  } catch {
    throw new WorkbenchError('ERR_JWT_MALFORMED', 'The token header is not valid JSON.')
  }
  if (typeof alg !== 'string' || !(alg in BITS)) {
    throw new WorkbenchError(
      'ERR_NOT_HMAC_TOKEN',
      `The token is signed with ${typeof alg === 'string' ? alg : 'no alg'}, not HS256/384/512: ` +
        'only HMAC tokens have a shared secret to audit.',
    )
  }
  const bits = BITS[alg as keyof typeof BITS]
  const signature = new Uint8Array(Buffer.from(sig, 'base64url'))
  if (signature.length !== bits / 8) {
    throw new WorkbenchError(
      'ERR_JWT_MALFORMED',
      `The signature is ${signature.length} bytes; ${alg} signatures are ${bits / 8}.`,
    )
  }
  return {
    alg: alg as HmacToken['alg'],
    bits,
    signingInput: new TextEncoder().encode(`${header}.${payload}`),
    signature,
  }
}
