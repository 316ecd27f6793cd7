// Waits (up to 10 s) until the Secret Service takes a write and a delete; see with-keychain.sh.
// Each call is bounded too: a daemon that takes the call and never answers would otherwise
// hold this script, and the run behind it, forever.
import { AsyncEntry } from '@napi-rs/keyring'

const entry = new AsyncEntry('jwtw-keychain-ready', 'probe', { linux: { store: 'secret-service' } })
const deadline = Date.now() + 10_000

function fail(message) {
  console.error(`keychain-ready: the keyring did not answer: ${message}`)
  // A call still waiting on the daemon holds a libuv thread that process.exit would join.
  process.kill(process.pid, 'SIGKILL')
}

function bounded(promise) {
  const left = Math.max(deadline - Date.now(), 0)
  let timer
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer within 10 s')), left)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

for (;;) {
  try {
    await bounded(entry.setPassword('ready'))
    await bounded(entry.deleteCredential())
    process.exit(0)
  } catch (error) {
    if (Date.now() >= deadline) fail(error.message)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
