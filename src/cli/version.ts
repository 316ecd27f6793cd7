/** The version printed by `jwtw --version`, read from package.json at build time. */
declare const __JWTW_VERSION__: string
export const VERSION: string = typeof __JWTW_VERSION__ === 'string' ? __JWTW_VERSION__ : '0.0.0-dev'
