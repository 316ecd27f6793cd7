/**
 * The candidate scanner the workers run: the native addon when it loads (SHA-NI or portable C),
 * else node:crypto's createHmac per line. Both take a chunk of newline-separated candidates
 * (CRLF tolerated, blank lines skipped) and stop at the first match.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { loadAddon } from '../built-files'

/** [tried, foundStart, foundEnd]; found offsets are -1 when nothing matched. */
export type ScanResult = [number, number, number]

export interface WordlistEngine {
  name: 'native-sha-ni' | 'native' | 'js'
  scan(chunk: Uint8Array, signingInput: Uint8Array, signature: Uint8Array, bits: number): ScanResult
}

interface Addon {
  scan: WordlistEngine['scan']
  shaNi: boolean
}

const NEWLINE = 0x0a
const CR = 0x0d

/** The fallback: correct everywhere, about a tenth of the native engine's speed. */
export const jsEngine: WordlistEngine = {
  name: 'js',
  scan(chunk, signingInput, signature, bits) {
    const hash = `sha${bits}`
    const expected = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength)
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    let tried = 0
    let pos = 0
    while (pos < bytes.length) {
      let end = bytes.indexOf(NEWLINE, pos)
      if (end < 0) end = bytes.length
      let lineEnd = end
      if (lineEnd > pos && bytes[lineEnd - 1] === CR) lineEnd--
      if (lineEnd > pos) {
        tried++
        const mac = createHmac(hash, bytes.subarray(pos, lineEnd)).update(signingInput).digest()
        if (mac.length === expected.length && timingSafeEqual(mac, expected)) {
          return [tried, pos, lineEnd]
        }
      }
      pos = end + 1
    }
    return [tried, -1, -1]
  },
}

/** The fastest engine available here; JWTW_AUDIT_ENGINE=js forces the fallback. */
export function loadWordlistEngine(env: NodeJS.ProcessEnv = process.env): WordlistEngine {
  if (env['JWTW_AUDIT_ENGINE'] === 'js') return jsEngine
  const addon = loadAddon<Addon>('hmac-scan')
  return addon ? { name: addon.shaNi ? 'native-sha-ni' : 'native', scan: addon.scan } : jsEngine
}
