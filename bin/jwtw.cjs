#!/usr/bin/env node
// The CLI is built to out/cli by `npm run build` (run by `prepare` on npm install / npm ci).
// CommonJS, like the build it loads: an ES module here would load Node's module loader first.
const entry = '../out/cli/jwtw.cjs'
try {
  require(entry)
} catch (error) {
  // Only the entry itself missing (the message's first line names it; a module the build
  // needs and cannot find is a different error, shown as it is).
  if (error?.code !== 'MODULE_NOT_FOUND' || !error.message.split('\n')[0].includes(entry)) {
    throw error
  }
  process.stderr.write(
    'ERR_UI_NOT_BUILT: jwtw is not built yet. Run `npm run build` in the project.\n',
  )
  process.exit(1)
}
