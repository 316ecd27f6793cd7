/**
 * Every `--json` / `--ndjson` output of jwtw, by the name of its JSON Schema in docs/json. The
 * shapes are the zod schemas the services' types come from; the JSON Schema files are generated
 * from them (`npm run schemas`), and a test fails when a committed file differs.
 */
import * as z from 'zod/mini'
import { RemotePreferencesSchema } from '../shared/jwks-schemas'
import { DecryptResultSchema } from '../shared/shapes/decrypt'
import {
  ClientsListOutputSchema,
  DpopProofResultSchema,
  TokenResultSchema,
} from '../shared/shapes/oauth'
import { IssuersListOutputSchema, JwksReportSchema } from '../shared/shapes/jwks'
import { ScanLineSchema, ScanResultSchema } from '../shared/shapes/scan'
import { AuditResultSchema, SecretCheckSchema } from '../shared/shapes/secrets'
import {
  CredsListOutputSchema,
  KeysListOutputSchema,
  KeysRecoverOutputSchema,
} from '../shared/shapes/stored-keys'
import { TemplatesOutputSchema } from '../shared/shapes/templates'
import { DecodeOutputSchema } from '../shared/shapes/token'
import { VerifyOutputSchema } from '../shared/shapes/verify'

export const JSON_OUTPUTS = {
  decode: { schema: DecodeOutputSchema, of: 'jwtw decode --json' },
  verify: { schema: VerifyOutputSchema, of: 'jwtw verify --json (an array with --all)' },
  decrypt: { schema: DecryptResultSchema, of: 'jwtw decrypt --json' },
  scan: { schema: ScanResultSchema, of: 'jwtw scan --json' },
  'scan-line': { schema: ScanLineSchema, of: 'each line of jwtw scan --ndjson' },
  jwks: { schema: JwksReportSchema, of: 'jwtw jwks --json' },
  'keys-list': { schema: KeysListOutputSchema, of: 'jwtw keys list --json' },
  'keys-recover': { schema: KeysRecoverOutputSchema, of: 'jwtw keys recover --json' },
  'creds-list': { schema: CredsListOutputSchema, of: 'jwtw creds list --json' },
  'issuers-list': { schema: IssuersListOutputSchema, of: 'jwtw issuers list --json' },
  'secret-audit': { schema: AuditResultSchema, of: 'jwtw secret audit --json' },
  'secret-check': { schema: SecretCheckSchema, of: 'jwtw secret check --json' },
  'settings-show': { schema: RemotePreferencesSchema, of: 'jwtw settings show --json' },
  templates: { schema: TemplatesOutputSchema, of: 'jwtw templates --json' },
  'clients-list': { schema: ClientsListOutputSchema, of: 'jwtw clients list --json' },
  token: { schema: TokenResultSchema, of: 'jwtw token --json' },
  dpop: { schema: DpopProofResultSchema, of: 'jwtw dpop --json' },
} as const

export type JsonOutputName = keyof typeof JSON_OUTPUTS

/** The JSON Schema document of an output, as committed under docs/json/NAME.schema.json. */
export function jsonSchemaText(name: JsonOutputName): string {
  const { schema, of } = JSON_OUTPUTS[name]
  const document = {
    $id: `https://github.com/jwt-workbench/jwt-workbench/docs/json/${name}.schema.json`,
    title: of,
    ...z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }),
  }
  return `${JSON.stringify(document, null, 2)}\n`
}
