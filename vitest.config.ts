import { readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }

export default defineConfig({
  // In-process CLI tests run src/cli against the same version string the build bakes in.
  define: { __JWTW_VERSION__: JSON.stringify(version) },
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/helpers/build-once.ts'],
    reporters: ['default', './tests/helpers/slow-files-reporter.ts'],
    // Processed by vitest so a test's stand-in for 'electron' reaches it (the app's store).
    server: { deps: { inline: ['electron-store'] } },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
