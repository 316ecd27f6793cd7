import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY } from './src/main/core/csp'

// The built page carries the CSP as a meta tag too (defence in depth beside the response
// header); not in dev, where Vite's hot-reload preamble is an inline script.
// frame-ancestors is ignored in a meta tag, so it stays header-only.
const cspMeta: Plugin = {
  name: 'jwtw-csp-meta',
  apply: 'build',
  transformIndexHtml: (html) => {
    const policy = CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ')
    return html.replace(
      '<meta charset="UTF-8" />',
      `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
    )
  },
}

export default defineConfig(({ command }) => ({
  main: {
    // Only `electron-vite dev` may load the page from its dev server (see dev-server.ts).
    define: { __JWTW_DEV_SERVER__: JSON.stringify(command === 'serve') },
    build: {
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve('src/main/electron/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron'): bundle everything into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    plugins: [react(), cspMeta],
    build: {
      // Browser mode loads this over HTTP: less to parse before the first view is interactive.
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
}))
