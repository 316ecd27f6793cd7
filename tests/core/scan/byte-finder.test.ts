// The byte scanner finds exactly what decode's text finder finds: same tokens, same offsets,
// and line numbers, whatever the chunking, for both engines (native and JavaScript), and across
// the range boundaries the block scanner cuts.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { forEachToken, isTruncated } from '../../../src/shared/token-finder'
import { onFirstUse } from '../../../src/shared/on-first-use'
import {
  scanBytesJs,
  nativeEngine,
  NATIVE_LEVELS,
  scanBytesNative,
  readAheadOutput,
  readAndSearch,
  type ScanBytes,
} from '../../../src/main/core/scan/byte-finder'
import { scanRange } from '../../../src/main/core/scan/range-scan'
import { TokenStream, type TokenHit } from '../../../src/main/core/scan/token-stream'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const TOKEN = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'a', exp: 1 })}.c2lnbmF0dXJl`
const NONE = `${b64({ alg: 'none' })}.${b64({ sub: 'b' })}.`
const JWE = `${b64({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.a2V5.aXY.Y2lwaGVy.dGFn`
const EW = `${Buffer.from('{ "alg": "HS256" }').toString('base64url')}.${b64({ x: 1 })}.AAAA`

// Fragments that steer random text to tokens, decoys and the escape and boundary rules.
const FRAGMENTS = [
  TOKEN,
  NONE,
  JWE,
  EW,
  TOKEN.slice(0, 40),
  'eyJ',
  'ey',
  'ew',
  '.',
  '..',
  ' ',
  '\n',
  '\r\n',
  '\\n',
  '\\',
  '\\u0022',
  'u0022',
  '%20',
  '%',
  '20',
  'v1.2.3',
  'ey.1.release',
  'Bearer ',
  'token=',
  '"',
  'é',
  '€',
  'A',
  '_-',
  // Plain log text between tokens: long steps of the SIMD loops with no candidate in them.
  '10.2.0.7 - - [22/Nov/2026:10:00:00 +0000] "GET /api/v2/orders?page=2 HTTP/1.1" 200 5120',
  ' "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0" rt=0.012',
  'x'.repeat(31),
]
const text = fc
  .array(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FRAGMENTS) }, fc.string({ maxLength: 3 })),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(''))

/** What the text finder says, with offsets in UTF-8 bytes and 1-based lines. */
function reference(value: string): TokenHit[] {
  const hits: TokenHit[] = []
  // Counted on from the last hit (one pass over the text, whatever its length).
  let at = 0
  let offset = 0
  let line = 1
  forEachToken(value, (token, start) => {
    const between = value.slice(at, start)
    offset += Buffer.byteLength(between)
    line += between.split('\n').length - 1
    at = start
    hits.push({ token, offset, line })
  })
  return hits
}

function streamed(bytes: Buffer, cuts: number[]): TokenHit[] {
  const hits: TokenHit[] = []
  const stream = new TokenStream((hit) => {
    if (!hit.truncated) hits.push(hit)
  })
  let at = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const to = Math.min(bytes.length, cut)
    if (to < at) continue
    stream.push(bytes.subarray(at, to))
    at = to
  }
  stream.push(bytes.subarray(at))
  stream.end()
  return hits
}

const aheadDir = mkdtempSync(join(tmpdir(), 'jwtw-ahead-'))

/** As streamed, each chunk read from a file and searched on the thread pool, into `out()`. */
async function streamedAhead(
  bytes: Buffer,
  cuts: number[],
  out: () => Uint32Array,
): Promise<TokenHit[]> {
  const path = join(aheadDir, 'log')
  writeFileSync(path, bytes)
  const handle = await open(path, 'r')
  const hits: TokenHit[] = []
  const stream = new TokenStream((hit) => {
    if (!hit.truncated) hits.push(hit)
  })
  const bounds = [...cuts.map((c) => Math.min(c, bytes.length)), bytes.length].sort((a, b) => a - b)
  let at = 0
  try {
    for (const to of bounds) {
      if (to < at) continue
      const into = Buffer.alloc(to - at)
      const { bytes: read, searched } = await readAndSearch!(handle.fd, at, to - at, into, out())
      expect(read).toBe(to - at)
      stream.push(into, searched)
      at = to
    }
  } finally {
    await handle.close()
  }
  stream.end()
  return hits
}

// The native engine at every instruction set this CPU has (portable, SSE2, AVX2).
const engines: Array<[string, ScanBytes]> = [['js', scanBytesJs]]
NATIVE_LEVELS.forEach((name, level) => {
  const engine = nativeEngine(level)
  if (engine) engines.push([`native ${name}`, engine])
})

describe('the byte scanner', () => {
  it('has its native engine built here (CI builds it on npm ci), with SIMD on x86-64', () => {
    if (process.env['CI']) expect(scanBytesNative).toBeDefined()
    if (process.env['CI'] && process.arch === 'x64') expect(nativeEngine(1)).toBeDefined()
  })

  for (const [name, engine] of engines) {
    it(`${name}: the same tokens, offsets and newlines as the text finder`, () => {
      fc.assert(
        fc.property(text, (value) => {
          const bytes = Buffer.from(value)
          const hits: TokenHit[] = []
          const truncated: string[] = []
          const newlines = engine(bytes, 0, bytes.length, (token, offset, before, cut) => {
            if (cut) truncated.push(token)
            else hits.push({ token, offset, line: before + 1 })
          })
          expect(hits).toEqual(reference(value))
          // A header and dots is counted as a truncated token, never reported as one.
          for (const token of truncated) expect(isTruncated(token)).toBe(true)
          expect(newlines).toBe(value.split('\n').length - 1)
        }),
        { numRuns: 2000 },
      )
    })
  }

  // The native engine keeps the token runs it has judged (a token repeats through a log): a
  // repeat must get the answer its own bytes and context get, past the bound on what is kept.
  const repeated = onFirstUse(() => {
    const distinct = Array.from(
      { length: 5000 },
      (_, i) =>
        `${b64({ alg: 'RS256', kid: `k${i}` })}.${b64({ sub: `user-${i}`, exp: 1 })}.c2ln${i}`,
    )
    const contexts = ['Bearer ', 'token=', '"', '\\n', '%20', '\\u0022', ' x', '.']
    const parts: string[] = []
    for (let round = 0; round < 3; round++) {
      distinct.forEach((token, i) =>
        parts.push(`${contexts[(i + round) % contexts.length]}${token}\n`),
      )
    }
    const value = parts.join('')
    return { bytes: Buffer.from(value), expected: reference(value) }
  })
  for (const [name, engine] of engines) {
    it(`${name}: repeated tokens, more than are kept, each in every context`, () => {
      const { bytes, expected } = repeated()
      const hits: TokenHit[] = []
      engine(bytes, 0, bytes.length, (token, offset, before) =>
        hits.push({ token, offset, line: before + 1 }),
      )
      expect(hits).toEqual(expected)
      expect(hits.length).toBeGreaterThan(12000)
    })
  }

  it('native: two tokens whose bytes hash alike are still told apart', () => {
    if (!scanBytesNative) return
    // FNV-1a (32 bits), as the addon hashes a run: search for two tokens of one length that
    // collide (a birthday search: tens of thousands of tries).
    const fnv = (text: string) => {
      let hash = 2166136261
      for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619)
      return hash >>> 0
    }
    const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'orders-api', exp: 1 })}.`
    const seen = new Map<number, string>()
    let pair: [string, string] | undefined
    for (let i = 0; !pair && i < 1_000_000; i++) {
      const token = `${head}${i.toString(36).padStart(8, 'A')}`
      const other = seen.get(fnv(token))
      if (other !== undefined) pair = [other, token]
      else seen.set(fnv(token), token)
    }
    expect(pair).toBeDefined()
    const [a, b] = pair!
    expect(a).not.toBe(b)
    const value = `Bearer ${a}\nBearer ${b}\nBearer ${a}\n`
    const bytes = Buffer.from(value)
    const found: string[] = []
    scanBytesNative(bytes, 0, bytes.length, (token) => found.push(token))
    expect(found).toEqual([a, b, a])
  })

  it('a stream cut anywhere finds the same, with the same lines', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat({ max: 2000 }), { maxLength: 8 }), (value, cuts) => {
        const bytes = Buffer.from(value)
        const found = streamed(bytes, cuts)
        expect(found).toEqual(reference(value))
      }),
      { numRuns: 2000 },
    )
  })

  it('a file read in chunks cut anywhere, each read and searched on the thread pool, finds the same', async () => {
    if (!readAndSearch) return
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.array(fc.nat({ max: 2000 }), { maxLength: 8 }),
        async (value, cuts) => {
          const bytes = Buffer.from(value)
          expect(await streamedAhead(bytes, cuts, readAheadOutput)).toEqual(reference(value))
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('a chunk with more runs than its output holds is searched again in full', async () => {
    if (!readAndSearch) return
    const value = Array.from({ length: 40 }, (_, i) => `v${i}.2.3 Bearer ${TOKEN}\n`).join('')
    // Room for one run: the rest of the chunk is found by a search on the calling thread.
    const oneRun = () => new Uint32Array(2 + 4)
    expect(await streamedAhead(Buffer.from(value), [100, 900], oneRun)).toEqual(reference(value))
    expect(reference(value)).toHaveLength(40)
  })

  it('a file cut into ranges anywhere finds each token once, in the range where it starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jwtw-ranges-'))
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.array(fc.nat({ max: 2000 }), { maxLength: 5 }),
        async (value, cuts) => {
          const bytes = Buffer.from(value)
          const path = join(dir, 'log')
          writeFileSync(path, bytes)
          const bounds = [
            ...new Set([0, ...cuts.map((c) => Math.min(c, bytes.length)), bytes.length]),
          ].sort((a, b) => a - b)
          const seen = new Map<string, [number, number, number]>()
          let lines = 0
          for (let i = 0; i + 1 < bounds.length; i++) {
            const result = await scanRange({ path, start: bounds[i]!, end: bounds[i + 1]! })
            for (const [token, count, first, last] of result.rows) {
              const known = seen.get(token)
              if (known) {
                known[0] += count
                known[2] = last + lines
              } else seen.set(token, [count, first + lines, last + lines])
            }
            lines += result.newlines
          }
          const expected = new Map<string, [number, number, number]>()
          for (const hit of reference(value)) {
            const known = expected.get(hit.token)
            if (known) {
              known[0]++
              known[2] = hit.line
            } else expected.set(hit.token, [1, hit.line, hit.line])
          }
          expect(seen).toEqual(expected)
          expect(lines).toBe(value.split('\n').length - 1)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('a run longer than any token is dropped without holding it in memory', () => {
    const hits: TokenHit[] = []
    const stream = new TokenStream((hit) => {
      if (!hit.truncated) hits.push(hit)
    })
    const junk = Buffer.alloc(1 << 20, 'A')
    for (let i = 0; i < 4; i++) stream.push(junk)
    stream.push(Buffer.from(`.x.y\n${TOKEN}\n`))
    stream.end()
    expect(hits).toEqual([{ token: TOKEN, offset: 4 * (1 << 20) + 5, line: 2 }])
  })
})
