/**
 * "Install the jwtw command": a small launcher on the PATH that runs the CLI with the app's own
 * runtime (`JWT Workbench --jwtw-cli ARGS`): a POSIX shell script in ~/.local/bin on Linux and
 * macOS, a .cmd in %LOCALAPPDATA%\Microsoft\WindowsApps (on the PATH by default) on Windows.
 * A file there that the workbench did not write is never overwritten or removed.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The line that marks a launcher as ours. */
export const LAUNCHER_MARK = 'Installed by JWT Workbench (Help > Install the jwtw command)'

export interface Launcher {
  fileName: string
  text: string
}

const posixQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
const cmdQuote = (s: string) => `"${s.replace(/"/g, '""').replace(/%/g, '%%')}"`

/**
 * The launcher that runs `command` (the runtime and its leading arguments) with the user's
 * arguments appended.
 *
 * @example
 * launcherFor('linux', ['/opt/JWT Workbench/jwt-workbench', '--jwtw-cli']).text
 * // "#!/bin/sh\n# ...\nexec '/opt/JWT Workbench/jwt-workbench' '--jwtw-cli' \"$@\"\n"
 */
export function launcherFor(platform: NodeJS.Platform, command: readonly string[]): Launcher {
  if (platform === 'win32') {
    return {
      fileName: 'jwtw.cmd',
      text: `@echo off\r\nrem ${LAUNCHER_MARK}\r\n${command.map(cmdQuote).join(' ')} %*\r\n`,
    }
  }
  return {
    fileName: 'jwtw',
    text: `#!/bin/sh\n# ${LAUNCHER_MARK}\nexec ${command.map(posixQuote).join(' ')} "$@"\n`,
  }
}

/** Where the launcher goes on this platform. */
export function launcherDir(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  home: string,
): string {
  if (platform === 'win32') {
    return join(env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local'), 'Microsoft', 'WindowsApps')
  }
  return join(home, '.local', 'bin')
}

export type LauncherOutcome =
  { done: true; path: string; onPath: boolean } | { done: false; path: string; reason: string }

/** Writes the launcher (executable); refuses to replace a jwtw that is not ours. */
export function installLauncher(dir: string, launcher: Launcher, pathVar: string): LauncherOutcome {
  const path = join(dir, launcher.fileName)
  if (existsSync(path) && !readFileSync(path, 'utf8').includes(LAUNCHER_MARK)) {
    return {
      done: false,
      path,
      reason: `${path} exists and was not installed by JWT Workbench: it is left alone.`,
    }
  }
  mkdirSync(dir, { recursive: true })
  writeFileSync(path, launcher.text, { mode: 0o755 })
  chmodSync(path, 0o755)
  const separator = process.platform === 'win32' ? ';' : ':'
  return { done: true, path, onPath: pathVar.split(separator).includes(dir) }
}

/** Removes the launcher when it is ours. */
export function uninstallLauncher(dir: string, launcher: Launcher): LauncherOutcome {
  const path = join(dir, launcher.fileName)
  if (!existsSync(path)) return { done: false, path, reason: `No jwtw command at ${path}.` }
  if (!readFileSync(path, 'utf8').includes(LAUNCHER_MARK)) {
    return {
      done: false,
      path,
      reason: `${path} was not installed by JWT Workbench: it is left alone.`,
    }
  }
  rmSync(path)
  return { done: true, path, onPath: false }
}
