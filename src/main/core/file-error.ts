/** A file that cannot be read, said once for every face: the path (clipped) and why, never its content. */
import { WorkbenchError } from '../../shared/errors'
import { clip } from '../../shared/redact'

export function fileError(path: string, error: unknown): WorkbenchError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error'
  // "a.b.c" is more likely a mistyped token than a file name.
  const dotted = !path.includes('/') && (path.match(/\./g) ?? []).length >= 2
  const why =
    code === 'ENOENT'
      ? dotted
        ? 'no such file, and it is no token either (a token starts with "ey" and has 3 or 5 segments)'
        : 'no such file'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code
  return new WorkbenchError('ERR_FILE_READ', `Cannot read ${clip(path, 200)}: ${why}.`, {
    cause: error,
  })
}
