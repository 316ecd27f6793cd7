/**
 * How the desktop app runs the jwtw command line: `JWT Workbench --jwtw-cli ARGS...` runs the
 * CLI in the app's own runtime with no window (the RunAsNode fuse is off, so the app cannot be
 * used as plain Node); the installed `jwtw` launcher calls it that way.
 */
export const CLI_MODE_FLAG = '--jwtw-cli'

/**
 * The CLI's arguments: those after CLI_MODE_FLAG when the app runs it, else after the script.
 *
 * @example
 * cliArgv(['/opt/JWT Workbench/jwt-workbench', '--jwtw-cli', 'decode', 'eyJ...']) // ['decode', 'eyJ...']
 * cliArgv(['/usr/bin/node', '/usr/bin/jwtw', 'decode']) // ['decode']
 */
export function cliArgv(argv: readonly string[]): string[] {
  const marker = argv.indexOf(CLI_MODE_FLAG)
  return marker === -1 ? argv.slice(2) : argv.slice(marker + 1)
}
