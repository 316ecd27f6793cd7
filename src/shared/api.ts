/**
 * The contract: the single source of truth for every call between the UI and the services.
 * Method name -> zod schema of the arguments -> result type. IPC, the preload bridge, the
 * browser-mode HTTP API and the renderer's `api` object are all derived from this table.
 */
import * as z from 'zod/mini'
import { LIMITS } from './limits'
import { onFirstUse } from './on-first-use'
import type { Result } from './result'
import type { DecodedToken } from './token-types'
import type { MintResult } from './mint-types'
import { DecryptRequestSchema, MintRequestSchema, VerifyRequestSchema } from './request-schemas'
import type { DecryptResult } from './decrypt-types'
import type { RuntimeAlgorithms } from './jwe-algorithms'
import type { VerifyResult } from './verify-types'
import type * as StoredKeys from './stored-key-types'
import {
  CredentialHostSchema,
  CredentialNameSchema,
  CredentialSchema,
  DeleteKeyOptionsSchema,
  GenerateKeySchema,
  ImportKeySchema,
  IssuerOptionsSchema,
  KeyNameSchema,
  KidSchema,
  TagsSchema,
  PrivateFormatSchema,
  PublicFormatSchema,
  RecoverSchema,
} from './stored-key-schemas'
import type { AuditStatus, GeneratedSecret } from './secret-types'
import { AuditRequestSchema, GenerateSecretSchema, SaveSecretSchema } from './secret-schemas'
import type { ScanStatus, ScanToken } from './scan-types'
import { HistoryAddSchema, UiStatePatchSchema } from './ui-schemas'
import type { HistoryEntry, UiState } from './ui-state'
import { JobIdSchema, ScanChunkSchema, ScanRequestSchema, Sha256Schema } from './scan-schemas'
import type { KeySummary } from './stored-key-types'
import {
  ClientAddSchema,
  ClientNameSchema,
  DpopProofSchema,
  RecipeRunSchema,
  TokenRecipeSchema,
  TokenRequestSchema,
  type TokenRecipe,
} from './oauth-schemas'
import type { ClientSummary, DpopProofResult, RecipeResult, TokenStatus } from './oauth-types'
import type { CachedDocument, JwksReport, TrustedIssuer } from './jwks-types'
import {
  CacheUrlSchema,
  JwksFetchOptionsSchema,
  JwksSourceSchema,
  RemotePreferencesSchema,
  TrustIssuerSchema,
  type RemotePreferences,
} from './jwks-schemas'

interface MethodSpec<A extends z.ZodMiniTuple, R> {
  /**
   * The arguments' schema, built on the method's first call: a process builds the schemas of
   * the methods it calls, not the whole contract's (the CLI runs one).
   */
  args: () => A
  /** Phantom field carrying the result type; never set at run time. */
  result?: R
}

function method<A extends z.ZodMiniTuple>(args: () => A) {
  return { returns: <R>(): MethodSpec<A, R> => ({ args: onFirstUse(args) }) }
}

/**
 * A job's three methods (see shared/jobs.ts): NAME.start(request) -> { jobId },
 * NAME.status(jobId) and NAME.cancel(jobId) -> its status.
 */
const jobStart = <R extends z.ZodMiniType>(request: R) =>
  method(() => z.tuple([request])).returns<{ jobId: string }>()
const jobStatus = <S>() => method(() => z.tuple([JobIdSchema])).returns<S>()

function jobMethods<N extends string, R extends z.ZodMiniType>(name: N, request: R) {
  return {
    returns: <S>() =>
      ({
        [`${name}.start`]: jobStart(request),
        [`${name}.status`]: jobStatus<S>(),
        [`${name}.cancel`]: jobStatus<S>(),
      }) as Record<`${N}.start`, ReturnType<typeof jobStart<R>>> &
        Record<`${N}.status` | `${N}.cancel`, ReturnType<typeof jobStatus<S>>>,
  }
}

/**
 * Every method of the contract.
 *
 * @example
 * const r = await api.decode('Authorization: Bearer eyJ...')
 * if (r.ok) console.log(r.value[0].payload)
 */
export const contract = {
  decode: method(() =>
    z.tuple([z.string().check(z.maxLength(LIMITS.text, 'text is over 1 MiB'))]),
  ).returns<DecodedToken[]>(),
  mint: method(() => z.tuple([MintRequestSchema])).returns<MintResult>(),
  verify: method(() => z.tuple([VerifyRequestSchema])).returns<VerifyResult>(),
  decrypt: method(() => z.tuple([DecryptRequestSchema])).returns<DecryptResult>(),
  /** Which JWS and JWE algorithms this runtime's crypto can do (pickers grey out the rest). */
  'runtime.algorithms': method(() => z.tuple([])).returns<RuntimeAlgorithms>(),
  'keys.list': method(() => z.tuple([])).returns<StoredKeys.KeySummary[]>(),
  'keys.generate': method(() => z.tuple([GenerateKeySchema])).returns<StoredKeys.KeySummary>(),
  'keys.import': method(() => z.tuple([ImportKeySchema])).returns<StoredKeys.KeySummary[]>(),
  'keys.exportPublic': method(() => z.tuple([KeyNameSchema, PublicFormatSchema])).returns<string>(),
  // The only way private material crosses the contract; the UI asks before calling it.
  'keys.exportPrivate': method(() =>
    z.tuple([KeyNameSchema, PrivateFormatSchema]),
  ).returns<string>(),
  'keys.rotate': method(() => z.tuple([KeyNameSchema])).returns<StoredKeys.KeySummary>(),
  'keys.delete': method(() => z.tuple([KeyNameSchema, DeleteKeyOptionsSchema])).returns<{
    deleted: true
  }>(),
  'keys.setKid': method(() => z.tuple([KeyNameSchema, KidSchema])).returns<StoredKeys.KeySummary>(),
  'keys.setTags': method(() =>
    z.tuple([KeyNameSchema, TagsSchema]),
  ).returns<StoredKeys.KeySummary>(),
  // Keychain entries no stored key or credential names (after a lost settings file).
  'keys.orphans': method(() => z.tuple([])).returns<StoredKeys.OrphanEntry[]>(),
  'keys.recover': method(() => z.tuple([RecoverSchema])).returns<StoredKeys.RecoverResult>(),
  'creds.list': method(() => z.tuple([])).returns<StoredKeys.CredentialSummary[]>(),
  'creds.set': method(() => z.tuple([CredentialSchema])).returns<StoredKeys.CredentialSummary>(),
  'creds.get': method(() => z.tuple([CredentialNameSchema])).returns<string>(),
  'creds.getByHost': method(() => z.tuple([CredentialHostSchema])).returns<string>(),
  'creds.delete': method(() => z.tuple([CredentialNameSchema])).returns<{ deleted: true }>(),
  'issuer.start': method(() => z.tuple([IssuerOptionsSchema])).returns<StoredKeys.IssuerStatus>(),
  'issuer.stop': method(() => z.tuple([])).returns<StoredKeys.IssuerStatus>(),
  'issuer.status': method(() => z.tuple([])).returns<StoredKeys.IssuerStatus>(),
  'secret.generate': method(() => z.tuple([GenerateSecretSchema])).returns<GeneratedSecret>(),
  'secret.save': method(() => z.tuple([SaveSecretSchema])).returns<KeySummary>(),
  // Wordlist paths are the user's own files, read only by main (desktop and browser mode on
  // 127.0.0.1 behind the session token); the result never carries file contents except the
  // one line that already signs the caller's token.
  ...jobMethods('audit', AuditRequestSchema).returns<AuditStatus>(),
  // Log scanning: files by path (read by main), pasted text, or an upload sent in chunks.
  ...jobMethods('scan', ScanRequestSchema).returns<ScanStatus>(),
  'scan.push': method(() => z.tuple([JobIdSchema, ScanChunkSchema])).returns<{
    received: number
  }>(),
  // One token of a finished scan, in full (to open it in Inspect); rows are redacted.
  'scan.token': method(() => z.tuple([JobIdSchema, Sha256Schema])).returns<
    ScanToken & { token: string }
  >(),
  // Remote keys: only URLs the caller gives are fetched, never one from a token.
  'jwks.fetch': method(() =>
    z.tuple([JwksSourceSchema, JwksFetchOptionsSchema]),
  ).returns<JwksReport>(),
  'jwks.cached': method(() => z.tuple([])).returns<CachedDocument[]>(),
  'jwks.forget': method(() => z.tuple([CacheUrlSchema])).returns<{ forgotten: true }>(),
  'issuers.list': method(() => z.tuple([])).returns<TrustedIssuer[]>(),
  'issuers.add': method(() => z.tuple([TrustIssuerSchema])).returns<TrustedIssuer>(),
  'issuers.remove': method(() => z.tuple([CacheUrlSchema])).returns<{ removed: true }>(),
  'preferences.remote': method(() => z.tuple([])).returns<RemotePreferences>(),
  'preferences.setRemote': method(() =>
    z.tuple([RemotePreferencesSchema]),
  ).returns<RemotePreferences>(),
  // The UI's non-secret working state (theme, view, pane sizes, Mint's choices).
  'preferences.ui': method(() => z.tuple([])).returns<UiState>(),
  'preferences.setUi': method(() => z.tuple([UiStatePatchSchema])).returns<UiState>(),
  // History, opt-in: tokens without their signature.
  'history.list': method(() => z.tuple([])).returns<HistoryEntry[]>(),
  'history.add': method(() => z.tuple([HistoryAddSchema])).returns<{ kept: boolean }>(),
  'history.clear': method(() => z.tuple([])).returns<{ cleared: true }>(),
  // OAuth client profiles (secrets to the keychain) and the token flows, which run in main.
  'clients.list': method(() => z.tuple([])).returns<ClientSummary[]>(),
  'clients.get': method(() => z.tuple([ClientNameSchema])).returns<ClientSummary>(),
  'clients.add': method(() => z.tuple([ClientAddSchema])).returns<ClientSummary>(),
  'clients.remove': method(() => z.tuple([ClientNameSchema])).returns<{ removed: true }>(),
  ...jobMethods('token', TokenRequestSchema).returns<TokenStatus>(),
  // Custom token endpoints (a session cookie from the keychain, a token in a header).
  'recipes.list': method(() => z.tuple([])).returns<TokenRecipe[]>(),
  'recipes.save': method(() =>
    z.tuple([z.strictObject({ recipe: TokenRecipeSchema, replace: z.optional(z.boolean()) })]),
  ).returns<TokenRecipe>(),
  'recipes.remove': method(() => z.tuple([ClientNameSchema])).returns<{ removed: true }>(),
  'recipes.run': method(() => z.tuple([RecipeRunSchema])).returns<RecipeResult>(),
  'dpop.proof': method(() => z.tuple([DpopProofSchema])).returns<DpopProofResult>(),
  // Desktop only: the native open dialog; browser mode says to type a path or drop the file.
  'files.pick': method(() => z.tuple([])).returns<string[]>(),
}

export type Contract = typeof contract
export type MethodName = keyof Contract
export type MethodArgs<M extends MethodName> = z.input<ReturnType<Contract[M]['args']>>
export type ParsedArgs<M extends MethodName> = z.output<ReturnType<Contract[M]['args']>>
export type MethodResult<M extends MethodName> = NonNullable<Contract[M]['result']>

/** The object the renderer talks to, whichever transport is underneath. */
export type Api = {
  [M in MethodName]: (...args: MethodArgs<M>) => Promise<Result<MethodResult<M>>>
}

/** The implementation side: one function per method, receiving validated arguments. */
export type Handlers = {
  [M in MethodName]: (...args: ParsedArgs<M>) => Promise<MethodResult<M>> | MethodResult<M>
}

/** Method names in contract order. */
export const methodNames = Object.keys(contract) as MethodName[]

/** The channel main sends menu commands on (main -> renderer only). */
export const COMMAND_CHANNEL = 'workbench:command'

/** IPC channel of a method. */
export function channelOf(name: MethodName): string {
  return `workbench:${name}`
}

/** True when `name` is a method of the contract. */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name)
}
