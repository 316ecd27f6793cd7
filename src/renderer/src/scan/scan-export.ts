/** The Scan view's table as JSON or CSV (redacted: a preview and the sha256, never the token). */
import type { ScanRow } from '../../../shared/scan-types'

const COLUMNS: (keyof ScanRow)[] = [
  'sha256',
  'preview',
  'count',
  'firstLine',
  'lastLine',
  'firstFile',
  'alg',
  'kid',
  'iss',
  'sub',
  'aud',
  'clientId',
  'scope',
  'state',
  'expiresAt',
  'longLived',
  'verification',
  'verificationCode',
]

/**
 * @example
 * rowsAsCsv([{ sha256: 'ab', preview: 'eyJ…(9 chars)', count: 2, ... }]).split('\n')[0] // 'sha256,preview,count,...'
 */
export function rowsAsCsv(rows: ScanRow[]): string {
  const cell = (value: unknown) => {
    const text = value === undefined || value === null ? '' : String(value)
    // Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it.
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
  }
  return (
    [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\n') +
    '\n'
  )
}

export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
