/**
 * Which JWS and JWE algorithms this runtime can do. jose works through WebCrypto, and the
 * desktop app's WebCrypto is Electron's BoringSSL, which lacks some of what plain Node has
 * (AES key wrap, PBES2 and ECDH-ES+KW on older builds; X25519 on some). Each algorithm is
 * probed once, when first needed, with the WebCrypto primitive jose uses for it; the result
 * is kept here and every face reports the rest as ERR_ALG_NOT_AVAILABLE ("not available in
 * this runtime") instead of an opaque failure.
 */
import { webcrypto } from 'node:crypto'
import { JWS_ALGS, JWS_ALGORITHMS, type JwsAlg } from '../../shared/algorithms'
import { WorkbenchError } from '../../shared/errors'
import {
  JWE_ENC_NAMES,
  JWE_ENCS,
  JWE_KEY_ALG_NAMES,
  NOT_AVAILABLE,
  type JweEnc,
  type JweKeyAlg,
  type RuntimeAlgorithms,
} from '../../shared/jwe-algorithms'

type SubtleCrypto = webcrypto.SubtleCrypto
type KeyUsage = webcrypto.KeyUsage
type CryptoKeyPair = webcrypto.CryptoKeyPair
type Subtle = Pick<
  SubtleCrypto,
  'generateKey' | 'importKey' | 'encrypt' | 'decrypt' | 'sign' | 'wrapKey' | 'deriveBits'
>

const DATA = new Uint8Array(16)
const hashOf = (bits: number | string) => `SHA-${bits}`
const E = new Uint8Array([1, 0, 1])

/** The WebCrypto operation behind each algorithm, run once on throwaway keys. */
function probes(subtle: Subtle): Record<string, () => Promise<unknown>> {
  const rsa = async (name: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'RSA-OAEP', hash: string) => {
    const usages: KeyUsage[] = name === 'RSA-OAEP' ? ['encrypt', 'decrypt'] : ['sign', 'verify']
    // Small throwaway keys; OAEP with SHA-512 needs room for two hashes and the data.
    const modulusLength = name === 'RSA-OAEP' ? 1536 : 1024
    const pair = (await subtle.generateKey(
      { name, modulusLength, publicExponent: E, hash },
      false,
      usages,
    )) as CryptoKeyPair
    if (name === 'RSA-OAEP') return subtle.encrypt({ name }, pair.publicKey, DATA)
    return subtle.sign({ name, saltLength: 32 }, pair.privateKey, DATA)
  }
  const ecdh = async (curve: string) => {
    const params = curve === 'X25519' ? { name: 'X25519' } : { name: 'ECDH', namedCurve: curve }
    const pair = (await subtle.generateKey(params, false, ['deriveBits'])) as CryptoKeyPair
    return subtle.deriveBits({ ...params, public: pair.publicKey } as never, pair.privateKey, 128)
  }
  const aesKw = async (bits: number) => {
    const kek = await subtle.importKey('raw', new Uint8Array(bits / 8), 'AES-KW', false, [
      'wrapKey',
    ])
    const cek = await subtle.importKey('raw', DATA, 'AES-GCM', true, ['encrypt'])
    return subtle.wrapKey('raw', cek, kek, 'AES-KW')
  }
  const aesGcm = async (bits: number) => {
    const key = await subtle.importKey('raw', new Uint8Array(bits / 8), 'AES-GCM', false, [
      'encrypt',
    ])
    return subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, DATA)
  }
  const aesCbcHmac = async (bits: number) => {
    const half = bits / 2
    const key = await subtle.importKey('raw', new Uint8Array(half / 8), 'AES-CBC', false, [
      'encrypt',
    ])
    await subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, key, DATA)
    return hmac(hashOf(bits))
  }
  const hmac = async (hash: string) => {
    const key = await subtle.importKey('raw', DATA, { name: 'HMAC', hash }, false, ['sign'])
    return subtle.sign('HMAC', key, DATA)
  }
  const pbes2 = async (hash: string, bits: number) => {
    const key = await subtle.importKey('raw', DATA, 'PBKDF2', false, ['deriveBits'])
    await subtle.deriveBits({ name: 'PBKDF2', hash, salt: DATA, iterations: 1 }, key, bits)
    return aesKw(bits)
  }
  const table: Record<string, () => Promise<unknown>> = {}
  for (const alg of JWS_ALGS) {
    const a = JWS_ALGORITHMS[alg]
    table[alg] =
      a.keyType === 'oct'
        ? () => hmac(a.hash!)
        : a.keyType === 'RSA'
          ? () => rsa(a.padding === 'pss' ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5', a.hash!)
          : a.keyType === 'EC'
            ? async () => {
                const params = { name: 'ECDSA', namedCurve: a.curve! }
                const pair = (await subtle.generateKey(params, false, ['sign'])) as CryptoKeyPair
                return subtle.sign({ name: 'ECDSA', hash: a.hash! }, pair.privateKey, DATA)
              }
            : async () => {
                const pair = (await subtle.generateKey({ name: 'Ed25519' }, false, [
                  'sign',
                ])) as CryptoKeyPair
                return subtle.sign('Ed25519', pair.privateKey, DATA)
              }
  }
  Object.assign(table, {
    'RSA-OAEP': () => rsa('RSA-OAEP', 'SHA-1'),
    'RSA-OAEP-256': () => rsa('RSA-OAEP', 'SHA-256'),
    'RSA-OAEP-384': () => rsa('RSA-OAEP', 'SHA-384'),
    'RSA-OAEP-512': () => rsa('RSA-OAEP', 'SHA-512'),
    'ECDH-ES': () => ecdh('P-256'),
    'ECDH-ES+A128KW': async () => (await ecdh('P-256'), aesKw(128)),
    'ECDH-ES+A192KW': async () => (await ecdh('P-256'), aesKw(192)),
    'ECDH-ES+A256KW': async () => (await ecdh('P-256'), aesKw(256)),
    A128KW: () => aesKw(128),
    A192KW: () => aesKw(192),
    A256KW: () => aesKw(256),
    A128GCMKW: () => aesGcm(128),
    A192GCMKW: () => aesGcm(192),
    A256GCMKW: () => aesGcm(256),
    dir: async () => undefined,
    'PBES2-HS256+A128KW': () => pbes2('SHA-256', 128),
    'PBES2-HS384+A192KW': () => pbes2('SHA-384', 192),
    'PBES2-HS512+A256KW': () => pbes2('SHA-512', 256),
    X25519: () => ecdh('X25519'),
  })
  for (const enc of JWE_ENC_NAMES) {
    const bits = JWE_ENCS[enc].cekBits
    table[`enc:${enc}`] = enc.includes('GCM') ? () => aesGcm(bits) : () => aesCbcHmac(bits)
  }
  return table
}

/** The runtime's algorithms, each probed once when first asked about. */
export function createAlgorithmSupport(subtle: Subtle = webcrypto.subtle as Subtle) {
  const table = probes(subtle)
  const known = new Map<string, Promise<boolean>>()
  const available = (name: string): Promise<boolean> => {
    let result = known.get(name)
    if (result === undefined) {
      result = table[name]!().then(
        () => true,
        () => false,
      )
      known.set(name, result)
    }
    return result
  }
  const all = async <T extends string>(names: readonly T[], prefix = '') =>
    Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, await available(prefix + n)] as const)),
    ) as Record<T, boolean>
  return {
    /** Every algorithm, available or not (the pickers grey out the rest). */
    async algorithms(): Promise<RuntimeAlgorithms> {
      return {
        jws: await all(JWS_ALGS),
        jweAlg: await all(JWE_KEY_ALG_NAMES),
        jweEnc: await all(JWE_ENC_NAMES, 'enc:'),
      }
    },
    /** ERR_ALG_NOT_AVAILABLE unless this runtime can do the alg (and enc); X25519 when asked. */
    async assertAvailable(alg: JweKeyAlg | JwsAlg, enc?: JweEnc, curve?: string): Promise<void> {
      const missing = [
        (await available(alg)) ? null : alg,
        enc === undefined || (await available(`enc:${enc}`)) ? null : enc,
        curve !== 'X25519' || (await available('X25519')) ? null : 'X25519',
      ].filter((m) => m !== null)
      if (missing.length > 0) {
        throw new WorkbenchError(
          'ERR_ALG_NOT_AVAILABLE',
          `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} ${NOT_AVAILABLE} (its crypto library lacks ${missing.length > 1 ? 'them' : 'it'}). The jwtw CLI on Node.js has every algorithm.`,
        )
      }
    },
  }
}

/** The runtime's own. */
export const runtimeSupport = createAlgorithmSupport()
