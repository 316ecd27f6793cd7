/**
 * A log scan: every input in turn into one tally of unique tokens; each unique token is
 * decoded and described once, and verified once (when a key source is given), while the scan
 * reads on; at the end each is reported with its sightings and grouped by issuer and kid.
 * Cancelling (or Ctrl+C) ends the reading and reports what was found so far, marked partial.
 */
import { stat } from 'node:fs/promises'
import { toErrorPayload } from '../../../shared/errors'
import type { ScanFile, ScanProgress, ScanResult, ScanToken } from '../../../shared/scan-types'
import type { JweKeySourceInput, KeySourceInput } from '../../../shared/request-schemas'
import type { AppContext } from '../context'
import { groupTokens, tallyEncrypted } from './scan-groups'
import { scanFile, scanStream, type SourceScan } from './scan-source'
import type { ScanVerifier } from './scan-verifier'
import { FactsAhead } from './facts-ahead'
import { tokenReport } from './token-report'
import { TokenTally } from './token-tally'

/** An input: a file on this machine, or a stream with a name to show (stdin, a paste, an upload). */
export type ScanInput =
  | { path: string }
  | {
      name: string
      stream: NodeJS.ReadableStream | AsyncIterable<Buffer | string> | Iterable<Buffer | string>
      bytes?: number
    }

export interface ScanOptions {
  /** Verify each unique token with this key source (the context holds keys, cache, issuers). */
  verifyWith?: { key?: KeySourceInput; decrypt?: JweKeySourceInput; ctx: AppContext }
  /** The time expiry is judged at (default: now). */
  now?: Date
  /** Put each token itself in the report (otherwise only its sha256 and a redacted preview). */
  showTokens?: boolean
  /** Keep reading growing files until the signal aborts. */
  follow?: boolean
  /** Worker threads for a large file (0: none). */
  workers?: number
  /** The calling thread scans too (the CLI); the app's main process leaves it to workers. */
  inProcess?: boolean
  signal?: AbortSignal
  onProgress?: (progress: ScanProgress) => void
  /** Each new unique token as soon as it is found (and verified); reads in order, in-process. */
  onToken?: (token: ScanToken) => void
  progressEveryMs?: number
}

export async function runScan(inputs: ScanInput[], options: ScanOptions = {}): Promise<ScanResult> {
  const started = performance.now()
  const now = options.now ?? new Date()
  // Loaded only to verify: a plain scan never parses jose.
  const verifier = options.verifyWith
    ? await import('./scan-verifier').then((m) =>
        m.createScanVerifier(options.verifyWith!, options.verifyWith!.ctx),
      )
    : undefined
  const names = inputs.map((input) => ('path' in input ? input.path : input.name))
  const facts = new FactsAhead(now, options.showTokens === true)
  const announced: Promise<void>[] = []
  const tally = new TokenTally((token, sighting) => {
    verifier?.queue(token)
    const onToken = options.onToken
    if (!onToken) {
      facts.soon([token])
      return
    }
    const report = tokenReport(facts.of(token), { ...sighting }, names)
    announced.push(withVerification(report, token, verifier).then(onToken))
  })

  const progress: ScanProgress = {
    bytesDone: 0,
    bytesTotal: 0,
    occurrences: 0,
    unique: 0,
    elapsedMs: 0,
  }
  let lastReport = 0
  const report = (force = false) => {
    const elapsed = performance.now() - started
    if (!options.onProgress || (!force && elapsed - lastReport < (options.progressEveryMs ?? 200)))
      return
    lastReport = elapsed
    progress.occurrences = tally.occurrences
    progress.unique = tally.seen.size
    progress.elapsedMs = Math.round(elapsed)
    options.onProgress({ ...progress })
  }
  const sourceOptions = {
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.inProcess === undefined ? {} : { inProcess: options.inProcess }),
    // Tokens announced as found come in file order: one reader.
    ...(options.onToken ? { ordered: true } : {}),
    ...(options.follow ? { follow: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onBytes: (bytes: number) => {
      progress.bytesDone += bytes
      report()
    },
    onFresh: (tokens: string[]) => {
      for (const token of tokens) verifier?.queue(token)
      facts.soon(tokens)
    },
  }
  progress.bytesTotal = await totalBytes(inputs)

  const files: ScanFile[] = []
  for (const [index, input] of inputs.entries()) {
    if (options.signal?.aborted) break
    const before = tally.occurrences
    const file: ScanFile = { path: names[index]!, bytes: 0, lines: 0, gzip: false, occurrences: 0 }
    try {
      const scanned: SourceScan =
        'path' in input
          ? await scanFile(input.path, index, tally, sourceOptions)
          : await scanStream(input.stream, input.name, index, tally, sourceOptions)
      Object.assign(file, scanned)
    } catch (error) {
      // A read that failed because the scan was cancelled: the scan ends here.
      if (options.signal?.aborted) break
      const { code, message } = toErrorPayload(error)
      if (code === 'ERR_NOT_BUILT' || code === 'ERR_INTERNAL') throw error
      file.error = { code, message }
    }
    file.occurrences = tally.occurrences - before
    files.push(file)
  }
  report(true)

  await Promise.all(announced)
  facts.stop()
  const tokens = await Promise.all(
    [...tally.seen].map(([token, sighting]) =>
      withVerification(tokenReport(facts.of(token), sighting, names), token, verifier),
    ),
  )
  tokens.sort((a, b) => b.count - a.count || a.firstLine - b.firstLine)
  return {
    occurrences: tally.occurrences,
    unique: tally.seen.size,
    unlisted: tally.unlisted,
    truncated: tally.truncated,
    oversized: tally.oversized.map(({ place, bytes }) => ({
      ...(names.length > 1 ? { file: names[place.file]! } : {}),
      line: place.line,
      bytes,
      code: 'ERR_INPUT_TOO_LARGE' as const,
    })),
    oversizedCount: tally.oversizedCount,
    files,
    groups: groupTokens(tokens, verifier !== undefined),
    encrypted: tallyEncrypted(tokens),
    tokens,
    scannedAt: now.toISOString(),
    elapsedMs: Math.round(performance.now() - started),
    ...(options.signal?.aborted ? { partial: true } : {}),
  }
}

async function withVerification(
  report: ScanToken,
  token: string,
  verifier: ScanVerifier | undefined,
): Promise<ScanToken> {
  const verification = await verifier?.result(token)
  if (verification) report.verification = verification
  return report
}

async function totalBytes(inputs: ScanInput[]): Promise<number> {
  let total = 0
  for (const input of inputs) {
    if ('path' in input) total += (await stat(input.path).catch(() => ({ size: 0 }))).size
    else total += input.bytes ?? 0
  }
  return total
}
