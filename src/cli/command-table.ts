/**
 * Every jwtw command, in the order help lists them. Each command's declaration lives beside its
 * code (commands/NAME/spec.ts) and imports no service; its implementation (run.ts) is loaded
 * only when it runs, so `jwtw --version` and `jwtw decode` start fast.
 *
 * Most commands call the services through the contract (cli/call-service.ts), like the app and
 * browser mode. The streaming ones run their service directly, because the contract's shape
 * (one request, one JSON answer) does not fit them: decode and scan read inputs of any size as
 * streams, secret audit drives worker threads with progress, token waits for a browser or a
 * device with progress, and serve and ui run servers until Ctrl+C.
 */
import { completionSpec } from './commands/completion/spec'
import { clientsSpec } from './commands/clients/spec'
import { credsSpec } from './commands/creds/spec'
import { decodeSpec } from './commands/decode/spec'
import { decryptSpec } from './commands/decrypt/spec'
import { dpopSpec } from './commands/dpop/spec'
import { issuersSpec } from './commands/issuers/spec'
import { jwksSpec } from './commands/jwks/spec'
import { keysSpec } from './commands/keys/spec'
import { mintSpec } from './commands/mint/spec'
import { recipesSpec } from './commands/recipes/spec'
import { scanSpec } from './commands/scan/spec'
import { secretSpec } from './commands/secret/spec'
import { serveSpec } from './commands/serve/spec'
import { settingsSpec } from './commands/settings/spec'
import { templatesSpec } from './commands/templates/spec'
import { tokenSpec } from './commands/token/spec'
import { uiSpec } from './commands/ui/spec'
import { verifySpec } from './commands/verify/spec'
import { command, exitCodes, flag } from './framework/spec'

const helpSpec = command({
  name: 'help',
  summary: 'show the help of a command (jwtw help keys import)',
  positionals: [{ name: 'COMMAND', variadic: true }],
  exitCodes: exitCodes('printed', 'never'),
})

/** The root: every command. */
export const ROOT = command({
  name: 'jwtw',
  summary: 'JWT Workbench: inspect, mint and verify JSON Web Tokens; keys in the OS keychain.',
  subcommands: [
    decodeSpec,
    scanSpec,
    verifySpec,
    decryptSpec,
    mintSpec,
    templatesSpec,
    keysSpec,
    credsSpec,
    clientsSpec,
    tokenSpec,
    recipesSpec,
    dpopSpec,
    secretSpec,
    jwksSpec,
    issuersSpec,
    settingsSpec,
    serveSpec,
    uiSpec,
    completionSpec,
    helpSpec,
  ],
  options: { version: flag('print the version', { short: 'v' }) },
  exitCodes: exitCodes(
    'success',
    'the token is invalid, the check failed, or a configuration problem',
  ),
})
