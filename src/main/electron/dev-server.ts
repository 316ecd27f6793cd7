/**
 * The page's address in `npm run dev`: electron-vite's dev server, named by ELECTRON_RENDERER_URL.
 * Only a bundle built by `electron-vite dev` (it defines __JWTW_DEV_SERVER__ true) reads that
 * variable, and only for a loopback http URL: `npm start` and an installed app load app:// whatever
 * the environment says, so a variable set by someone else never swaps the page that holds the
 * keychain API.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * The dev server's URL, or undefined to load the built page.
 *
 * @example
 * devServerUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, { dev: false, packaged: false }) // undefined
 */
export function devServerUrl(
  env: NodeJS.ProcessEnv,
  build: { dev: boolean; packaged: boolean },
): string | undefined {
  const value = env['ELECTRON_RENDERER_URL']
  if (!build.dev || build.packaged || value === undefined) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname) ? url.href : undefined
}
