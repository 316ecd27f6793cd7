// Waits (up to 10 s) until the Secret Service takes a write and a delete; see with-keychain.sh.
import { AsyncEntry } from '@napi-rs/keyring'

const entry = new AsyncEntry('jwtw-keychain-ready', 'probe', { linux: { store: 'secret-service' } })
const deadline = Date.now() + 10_000
for (;;) {
  try {
    await entry.setPassword('ready')
    await entry.deleteCredential()
    process.exit(0)
  } catch (error) {
    if (Date.now() > deadline) {
      console.error(`keychain-ready: the keyring did not answer: ${error.message}`)
      process.exit(1)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
