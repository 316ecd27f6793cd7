/** A decrypted JWE as it crosses the contract (the type of shapes/decrypt.ts). */
import type { z } from 'zod/mini'
import type { DecryptResultSchema } from './shapes/decrypt'

export type DecryptResult = z.infer<typeof DecryptResultSchema>
