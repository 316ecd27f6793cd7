/** Key sources and key descriptions shared by mint, verify, the renderer and the CLI. */
import type { z } from 'zod/mini'
import type { KeyDescriptionSchema } from './shapes/verify'

/** What a key is, never what it holds: safe to show, log and return across the contract. */
export type KeyDescription = z.infer<typeof KeyDescriptionSchema>
