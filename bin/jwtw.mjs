#!/usr/bin/env node
// The CLI is built to out/cli by `npm run build` (run by `prepare` on npm install / npm ci).
try {
  await import('../out/cli/jwtw.mjs')
} catch (error) {
  if (
    error?.code !== 'ERR_MODULE_NOT_FOUND' ||
    !String(error.message).includes('out/cli/jwtw.mjs')
  ) {
    throw error
  }
  process.stderr.write(
    'ERR_UI_NOT_BUILT: jwtw is not built yet. Run `npm run build` in the project.\n',
  )
  process.exit(1)
}
