/**
 * Tokens in a stream of text of any size, in constant memory: the same finder as decode, fed
 * chunk by chunk. Chunks are read as latin1 (one character per byte, so offsets are byte
 * offsets and tokens, which are ASCII, come out whole); a run of token characters cut by the
 * end of a chunk is carried into the next one. Line numbers are counted as it goes.
 */
import { forEachToken } from '../../../shared/token-finder'

/** One occurrence of a token. */
export interface TokenHit {
  token: string
  /** Byte offset in the stream. */
  offset: number
  /** 1-based line number. */
  line: number
}

const NEWLINE = 0x0a

/** True for a byte that can be part of a token run (base64url and dot). */
function isRunByte(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x5f ||
    code === 0x2e
  )
}

/** A run longer than this is no token (tokens are capped at 256 KiB): it is dropped, not carried. */
const MAX_CARRY = (256 << 10) + 16

export class TokenStream {
  private carry = ''
  /** Offset of the carry's first character in the stream. */
  private carryOffset = 0
  private line = 1
  private lineCountedTo = 0
  /** Characters before the carry that the finder may look back at (an escape like \n or %20). */
  private context = ''

  constructor(private readonly onHit: (hit: TokenHit) => void) {}

  /** Feeds the next chunk (latin1 text). */
  push(chunk: string): void {
    const text = this.carry + chunk
    const base = this.carryOffset
    // Everything up to the last character that cannot be part of a run is complete.
    let end = text.length
    while (end > 0 && isRunByte(text.charCodeAt(end - 1))) end--
    if (text.length - end > MAX_CARRY) end = text.length
    this.scan(text, base, end)
    this.context = text.slice(Math.max(0, end - 8), end)
    this.carry = text.slice(end)
    this.carryOffset = base + end
  }

  /** Ends the stream: whatever is carried is complete now. */
  end(): void {
    this.scan(this.carry, this.carryOffset, this.carry.length)
    this.carry = ''
  }

  private scan(text: string, base: number, end: number): void {
    const prefix = this.context
    const padded = prefix + text.slice(0, end)
    forEachToken(
      padded,
      (token, at) => {
        const offset = base + at - prefix.length
        this.onHit({ token, offset, line: this.lineAt(text, base, offset) })
      },
      prefix.length,
    )
    this.countLines(text, base, base + end)
  }

  /** The line of `offset`, counting newlines in `text` (which starts at `base`) up to it. */
  private lineAt(text: string, base: number, offset: number): number {
    this.countLines(text, base, offset)
    return this.line
  }

  private countLines(text: string, base: number, upTo: number): void {
    for (let i = Math.max(this.lineCountedTo, base) - base; i < upTo - base; i++) {
      if (text.charCodeAt(i) === NEWLINE) this.line++
    }
    this.lineCountedTo = Math.max(this.lineCountedTo, upTo)
  }
}
