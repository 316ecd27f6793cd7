// A file scanned by the calling thread alone is read as one range, a few chunks ahead on the
// thread pool: tokens cut by a chunk's edge, counts, lines and the report are what the text
// finder and a report made from scratch say; Ctrl+C stops it between chunks with what was found.
import { describe, expect, it, vi } from 'vitest'
import { runScan } from '../../../src/main/core/scan/run-scan'
import { tokenFacts, tokenReport } from '../../../src/main/core/scan/token-report'
import { forEachToken } from '../../../src/shared/token-finder'
import { allProviderTokens } from '../../helpers/provider-tokens'
import { tempFiles } from '../../helpers/temp-files'

const { file } = tempFiles('run-scan')
const NOW = new Date('2026-11-22T12:00:00Z')
const tokens = (await allProviderTokens(Date.parse('2026-11-22T11:00:00Z') / 1000)).map(
  (t) => t.token,
)
/** Where the range reads one chunk (range-scan's CHUNK). */
const CHUNK = 2 << 20

/** An access log of about `bytes`, CRLF lines, with a token on some lines and one cut by every chunk edge. */
function accessLog(bytes: number): string {
  const lines: string[] = []
  let length = 0
  let next = 0
  for (let i = 0; length < bytes; i++) {
    const edge = Math.ceil((length + 1) / CHUNK) * CHUNK
    let line = `10.2.${i % 250}.7 - - [22/Nov/2026:10:${String(i % 60).padStart(2, '0')}:00 +0000] "GET /api/v2/orders/${i}?expand=items HTTP/1.1" 200 ${i % 9000} "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0"`
    if (i % 37 === 0) line += ` Authorization="Bearer ${tokens[next++ % tokens.length]}"`
    // The next line straddles a chunk's edge: its token starts before it and ends after it.
    const token = tokens[next % tokens.length]!
    if (length + line.length + 2 < edge && length + line.length + 2 + 30 + token.length > edge) {
      const pad = edge - (length + line.length + 2) - 30 - Math.floor(token.length / 2)
      line += ` ${'x'.repeat(Math.max(0, pad))} Cookie: session=${token}`
      next++
    }
    lines.push(line)
    length += line.length + 2
  }
  return `${lines.join('\r\n')}\r\n`
}

/** What the text finder says: per token, its count and first and last line. */
function expected(text: string): Map<string, [number, number, number]> {
  const found = new Map<string, [number, number, number]>()
  let line = 1
  let counted = 0
  forEachToken(text, (token, at) => {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
      line++
    }
    counted = at
    const known = found.get(token)
    if (known) {
      known[0]++
      known[2] = line
    } else found.set(token, [1, line, line])
  })
  return found
}

describe('a file scanned by the calling thread alone', () => {
  const text = accessLog(5 * CHUNK + 12345)
  const path = file('access.log', text)

  it('finds every token as the text finder does, those cut by a chunk edge too', async () => {
    const result = await runScan([{ path }], { now: NOW, showTokens: true, workers: 0 })
    const found = new Map(result.tokens.map((t) => [t.token!, [t.count, t.firstLine, t.lastLine]]))
    expect(found).toEqual(expected(text))
    expect(result.files[0]!.lines).toBe(text.split('\n').length - 1)
    // The log was built to cut a token at every chunk edge.
    for (let edge = CHUNK; edge < text.length; edge += CHUNK) {
      const start = text.lastIndexOf('session=', edge) + 'session='.length
      expect(tokens).toContain(text.slice(start, text.indexOf('\r', start)))
      expect(text.indexOf('\r', start)).toBeGreaterThan(edge)
    }
  })

  it('reports each token as a report made from scratch does (facts prepared while it read)', async () => {
    const result = await runScan([{ path }], { now: NOW, showTokens: true, workers: 0 })
    for (const report of result.tokens) {
      const sighting = {
        count: report.count,
        first: { file: 0, line: report.firstLine },
        last: { file: 0, line: report.lastLine },
      }
      expect(report).toEqual(tokenReport(tokenFacts(report.token!, NOW, true), sighting, [path]))
    }
    expect(result.tokens.map((t) => t.claims.provider).filter(Boolean).length).toBeGreaterThan(10)
  })

  it('Ctrl+C stops it between chunks: what was found so far, marked partial', async () => {
    const controller = new AbortController()
    const result = await runScan([{ path }], {
      now: NOW,
      workers: 0,
      signal: controller.signal,
      progressEveryMs: 0,
      onProgress: (progress) => {
        if (progress.bytesDone >= CHUNK) controller.abort()
      },
    })
    expect(result.partial).toBe(true)
    expect(result.occurrences).toBeGreaterThan(0)
    expect(result.occurrences).toBeLessThan(
      [...expected(text).values()].reduce((n, [c]) => n + c, 0),
    )
  })

  it('cancelled while blocks are read on a worker too: the blocks from the start on count', async () => {
    const big = file('access-big.log', text.repeat(4))
    const controller = new AbortController()
    const result = await runScan([{ path: big }], {
      now: NOW,
      workers: 1,
      signal: controller.signal,
      progressEveryMs: 0,
      onProgress: (progress) => {
        if (progress.bytesDone > 0) controller.abort()
      },
    })
    expect(result.partial).toBe(true)
    const all = [...expected(text).values()].reduce((n, [c]) => n + c, 0) * 4
    expect(result.occurrences).toBeGreaterThan(0)
    expect(result.occurrences).toBeLessThan(all)
    // Lines count on from the file's first line: the blocks kept have no gap before them.
    const lines = result.files[0]!.lines
    expect(Math.max(...result.tokens.map((t) => t.lastLine))).toBeLessThanOrEqual(lines)
  })

  it('with the JavaScript engine (no addon: Windows, or JWTW_SCAN_ENGINE=js) reads to the same report', async () => {
    const native = await runScan([{ path }], { now: NOW, showTokens: true, workers: 0 })
    vi.resetModules()
    vi.stubEnv('JWTW_SCAN_ENGINE', 'js')
    try {
      const finder = await import('../../../src/main/core/scan/byte-finder')
      expect(finder.readAndSearch).toBeUndefined()
      const fresh = await import('../../../src/main/core/scan/run-scan')
      const js = await fresh.runScan([{ path }], { now: NOW, showTokens: true, workers: 0 })
      expect({ ...js, elapsedMs: 0 }).toEqual({ ...native, elapsedMs: 0 })
    } finally {
      vi.unstubAllEnvs()
      vi.resetModules()
    }
  })
})
