import { defineConfig } from 'vitest/config'

// The smoke test of the real Electron app (npm run test:electron; see scripts/test-electron.mjs).
export default defineConfig({
  test: {
    include: ['e2e-electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
})
