/**
 * Whether the real OS keychain answers here. Keychain tests skip when it does not, with the
 * reason, except under CI=true where an unreachable keychain fails the run.
 */
import { createOsKeychain } from '../../src/main/core/keychain'

export async function probeKeychain(): Promise<{ available: boolean; reason: string }> {
  try {
    // Bounded: a keyring daemon that hangs fails the file at once instead of holding its import
    // (a top-level await no test timeout covers) and with it the whole run.
    await createOsKeychain(`jwtw-probe-${process.pid}`, { timeoutMs: 15_000 }).list()
    return { available: true, reason: '' }
  } catch (error) {
    const reason = `OS keychain unreachable (${(error as Error).message.slice(0, 200)})`
    if (process.env['CI'] === 'true') {
      throw new Error(
        `CI=true requires a reachable keychain: ${reason}. Run the tests with \`npm test\`.`,
        { cause: error },
      )
    }
    console.warn(`Skipping keychain tests: ${reason}. Run them with \`npm test\`.`)
    return { available: false, reason }
  }
}
