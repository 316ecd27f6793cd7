#!/usr/bin/env node
// The CLI is built to out/cli by `npm run build` (run by `prepare` on npm install / npm ci).
import { existsSync } from 'node:fs'

const built = new URL('../out/cli/jwtw.mjs', import.meta.url)
if (!existsSync(built)) {
  process.stderr.write(
    'ERR_UI_NOT_BUILT: jwtw is not built yet. Run `npm run build` in the project.\n',
  )
  process.exit(1)
}
await import(built.href)
