/** A temporary directory for a test file's inputs (key files, secrets, JWKS), removed after it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

export function tempFiles(label: string): {
  dir: string
  file(name: string, text: string): string
} {
  const dir = mkdtempSync(join(tmpdir(), `jwtw-${label}-`))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return {
    dir,
    file(name, text) {
      const path = join(dir, name)
      writeFileSync(path, text)
      return path
    },
  }
}
