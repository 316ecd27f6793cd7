/** Key pairs for token tests, generated once per test file, in every format the key source reads. */
import { execFileSync } from 'node:child_process'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { JwsAlg } from '../../src/shared/algorithms'

export interface Pair {
  privateKey: KeyObject
  publicKey: KeyObject
  privatePem: string
  publicPem: string
}

function pair(kind: 'rsa' | 'ec' | 'ed25519', curve?: string): Pair {
  const { privateKey, publicKey } =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : kind === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: curve! })
        : generateKeyPairSync('ed25519')
  return {
    privateKey,
    publicKey,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  }
}

export const rsa = pair('rsa')
export const p256 = pair('ec', 'P-256')
export const p384 = pair('ec', 'P-384')
export const p521 = pair('ec', 'P-521')
export const ed25519 = pair('ed25519')

export const HMAC_SECRET = 'a-32-byte-secret-for-hs-tests-00a-64-byte-secret-for-hs512-tests-'

/** The pair (or secret) for each algorithm. */
export function keyFor(alg: JwsAlg): { signText: string; verifyText: string; secret?: string } {
  if (alg.startsWith('HS')) return { signText: '', verifyText: '', secret: HMAC_SECRET }
  const p =
    alg.startsWith('RS') || alg.startsWith('PS')
      ? rsa
      : alg === 'ES256'
        ? p256
        : alg === 'ES384'
          ? p384
          : alg === 'ES512'
            ? p521
            : ed25519
  return { signText: p.privatePem, verifyText: p.publicPem }
}

/** A self-signed P-256 certificate and its private key, made with openssl. */
export function selfSignedCertificate(): { certPem: string; keyPem: string } {
  const dir = mkdtempSync(join(tmpdir(), 'jwtw-cert-'))
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-subj',
        '/CN=jwtw-test',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    )
    return {
      certPem: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      keyPem: readFileSync(join(dir, 'key.pem'), 'utf8'),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
