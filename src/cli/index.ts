/**
 * The CLI bundle's entry (out/cli/cli.cjs), run by the built `jwtw` (out/cli/jwtw.cjs, see
 * start.ts). `done` settles once the command has finished and set the exit code.
 */
import { endIfKeychainCallsHang } from '../main/core/keychain'
import { cliArgv } from '../shared/app-launch'
import { ROOT } from './command-table'
import { processIo } from './io'
import { runCli } from './main'

// `jwtw decode ... | head` closes the pipe early: that is the reader being done, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

/** The command names, whose code caches start.ts keeps (no cache is made for a typo). */
export const commands: string[] = ROOT.subcommands?.map((spec) => spec.name) ?? []

export const done: Promise<void> = runCli(cliArgv(process.argv), processIo()).then((code) => {
  process.exitCode = code
  endIfKeychainCallsHang()
})
