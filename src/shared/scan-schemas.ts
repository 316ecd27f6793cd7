/** The Scan view's requests: what to scan (files on this machine, pasted text, an upload) and with which keys. */
import * as z from 'zod/mini'
import { LIMITS } from './limits'
import { JweKeySourceSchema, KeySourceSchema } from './request-schemas'

/** A running job (a scan, an audit). */
export const JobIdSchema = z.lazy(() => z.string().check(z.minLength(1), z.maxLength(64)))

export const ScanSourceSchema = z.lazy(() =>
  z.union([
    /** Files on this machine, read by main (desktop, or browser mode behind its session). */
    z.strictObject({
      paths: z
        .array(z.string().check(z.minLength(1), z.maxLength(LIMITS.path)))
        .check(z.minLength(1), z.maxLength(32)),
    }),
    /** Pasted log text. */
    z.strictObject({
      text: z.string().check(z.minLength(1), z.maxLength(LIMITS.text, 'text is over 1 MiB')),
    }),
    /** A dropped file, sent after start in chunks (scan.push). */
    z.strictObject({
      upload: z.strictObject({
        name: z.string().check(z.minLength(1), z.maxLength(LIMITS.path)),
        bytes: z.int().check(z.gte(0), z.lte(LIMITS.scanUploadBytes, 'the file is over 64 MiB')),
      }),
    }),
  ]),
)

export const ScanRequestSchema = z.lazy(() =>
  z.strictObject({
    source: ScanSourceSchema,
    /** Verify each unique token with this key source ({ trusted: true }: each token's trusted issuer). */
    key: z.optional(KeySourceSchema),
    /** Decrypt each unique JWE once with these keys ({ anyStored: true }: every stored one). */
    decrypt: z.optional(JweKeySourceSchema),
  }),
)
export type ScanRequest = z.infer<typeof ScanRequestSchema>

/** One chunk of an upload, base64; `last` ends it. */
export const ScanChunkSchema = z.lazy(() =>
  z.strictObject({
    data: z.base64().check(z.maxLength(Math.ceil(LIMITS.scanChunkBytes / 3) * 4)),
    last: z.optional(z.boolean()),
  }),
)

export const Sha256Schema = z.lazy(() =>
  z.string().check(z.regex(/^[0-9a-f]{64}$/, 'a sha256 in hex')),
)
