/**
 * jwtw run in-process through its own entry (runCli) against src: injected stdin, stdout,
 * stderr, environment, clock and Ctrl+C. `spawnJwtw` runs the built binary, for the few smoke
 * tests of what only a real process has (start-up, pipes, workers, the native addon).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PassThrough, Readable, Writable } from 'node:stream'
import { runCli } from '../../src/cli/main'
import type { CliIo } from '../../src/cli/io'

export const ROOT = resolve(import.meta.dirname, '..', '..')
export const JWTW = resolve(ROOT, 'bin', 'jwtw.cjs')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  input?: string | Buffer
  /** Added to the test environment (a temp JWTW_HOME and a test keychain service). */
  env?: NodeJS.ProcessEnv
  /** The CLI's clock (default: the real one). */
  now?: Date
  /** stdin is a terminal (a no-echo prompt reads `input` a character at a time). */
  terminal?: boolean
  /** stdout and stderr are terminals (colours, progress). */
  tty?: boolean
  /** stdout's width, as a terminal reports it. */
  columns?: number
}

let defaultHome: string | undefined
let counter = 0

/** A fresh settings directory and keychain service for CLI runs, and their cleanup. */
export function cliEnv(label = 'cli'): { env: NodeJS.ProcessEnv; home: string; service: string } {
  const home = mkdtempSync(join(tmpdir(), `jwtw-${label}-`))
  const service = `jwtw-test-${label}-${process.pid}-${counter++}`
  return { home, service, env: { JWTW_HOME: home, JWTW_KEYCHAIN_SERVICE: service } }
}

/** The environment every in-process run starts from: nothing of the user's own. */
function baseEnv(): NodeJS.ProcessEnv {
  defaultHome ??= mkdtempSync(join(tmpdir(), 'jwtw-cli-default-'))
  return {
    NO_COLOR: '1',
    JWTW_HOME: defaultHome,
    JWTW_KEYCHAIN_SERVICE: `jwtw-test-default-${process.pid}`,
  }
}

/** A running in-process jwtw: its output so far, Ctrl+C, and the end. */
export interface RunningCli {
  stdout(): string
  stderr(): string
  /** Resolves with stdout (or stderr) once it matches. */
  waitFor(pattern: RegExp, timeoutMs?: number, stream?: 'stdout' | 'stderr'): Promise<string>
  interrupt(): void
  done: Promise<CliRun>
}

export function startJwtw(args: string[], options: CliOptions = {}): RunningCli {
  let out = ''
  let err = ''
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        append(typeof chunk === 'string' ? chunk : chunk.toString('utf8'))
        callback()
      },
    })
  const stdout = Object.assign(
    sink((t) => (out += t)),
    {
      isTTY: options.tty === true,
      ...(options.columns === undefined ? {} : { columns: options.columns }),
    },
  )
  const stderr = Object.assign(
    sink((t) => (err += t)),
    { isTTY: options.tty === true },
  )
  const listeners = new Set<() => void>()
  const io: CliIo = {
    stdout,
    stderr,
    stdin: stdinOf(options),
    env: { ...baseEnv(), ...options.env },
    now: options.now ? () => options.now! : () => new Date(),
    onInterrupt: (stop) => {
      listeners.add(stop)
      return () => listeners.delete(stop)
    },
  }
  const done = runCli(args, io).then((code) => ({ code, stdout: out, stderr: err }))
  return {
    stdout: () => out,
    stderr: () => err,
    async waitFor(pattern, timeoutMs = 10_000, stream = 'stdout') {
      const until = Date.now() + timeoutMs
      const text = () => (stream === 'stdout' ? out : err)
      while (!pattern.test(text())) {
        if (Date.now() > until)
          throw new Error(`no ${pattern} in ${stream}: ${out}\nstderr: ${err}`)
        await new Promise((r) => setTimeout(r, 10))
      }
      return text()
    },
    interrupt: () => [...listeners].forEach((stop) => stop()),
    done,
  }
}

/** Runs jwtw in-process and collects its exit code and output. */
export function jwtw(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return startJwtw(args, options).done
}

function stdinOf(options: CliOptions): CliIo['stdin'] {
  if (!options.terminal) return Readable.from(options.input === undefined ? [] : [options.input])
  // A terminal: typed characters arrive one by one once the prompt turns echo off.
  const tty = Object.assign(new PassThrough(), {
    isTTY: true,
    rawMode: false,
    setRawMode(raw: boolean) {
      tty.rawMode = raw
      return tty
    },
  })
  const typed = String(options.input ?? '')
  setTimeout(() => {
    for (const char of typed) tty.write(char)
  }, 5)
  return tty
}

/** Removes a directory made by cliEnv. */
export function removeHome(home: string): void {
  rmSync(home, { recursive: true, force: true })
}

/** Spawns the built `jwtw` (bin/jwtw.cjs -> out/cli) and collects its output and exit code. */
export function spawnJwtw(
  args: string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [JWTW, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolvePromise({ code, stdout, stderr })
    })
    child.stdin.end(options.input ?? '')
  })
}
