/** A file that cannot be read, said once for every face: the path (clipped) and why, never its content. */
import { WorkbenchError } from '../../shared/errors'
import { clip } from '../../shared/redact'

export function fileError(path: string, error: unknown): WorkbenchError {
  const code = (error as NodeJS.ErrnoException).code ?? 'error'
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code
  return new WorkbenchError('ERR_FILE_READ', `Cannot read ${clip(path, 200)}: ${why}.`, {
    cause: error,
  })
}
