/** The output shape of `jwtw templates --json` (zod). */
import * as z from 'zod/mini'
import { JWS_ALGS } from '../algorithms'
import { TEMPLATE_NAMES } from '../templates'

export const MintTemplateSchema = z.object({
  name: z.enum(TEMPLATE_NAMES),
  title: z.string(),
  description: z.string(),
  alg: z.enum(JWS_ALGS),
  expiresIn: z
    .nullable(z.string())
    .check(z.describe('Lifetime as a duration, or null for no exp.')),
  claims: z.record(z.string(), z.unknown()),
})

export const TemplatesOutputSchema = z.array(MintTemplateSchema)
