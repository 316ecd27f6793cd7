/** Entry point of the built `jwtw` binary. */
import { endIfKeychainCallsHang } from '../main/core/keychain'
import { cliArgv } from '../shared/app-launch'
import { processIo } from './io'
import { runCli } from './main'

// `jwtw decode ... | head` closes the pipe early: that is the reader being done, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

process.exitCode = await runCli(cliArgv(process.argv), processIo())
endIfKeychainCallsHang()
