/** `jwtw templates`: the mint templates with their claims. */
import { TEMPLATE_NAMES, TEMPLATES } from '../../../shared/templates'
import { EXIT, type Runner } from '../../framework/spec'
import { colorsFor, printJson } from '../../output'
import type { templatesOptions } from './spec'

export const run: Runner<typeof templatesOptions> = async ({ values }, io) => {
  const templates = TEMPLATE_NAMES.map((name) => TEMPLATES[name])
  if (values.json) {
    printJson(io, templates)
    return EXIT.ok
  }
  const c = colorsFor(io.stdout, io.env)
  const blocks = templates.map(
    (t) =>
      `${c.bold(t.name)}  ${t.alg}, ${t.expiresIn === null ? 'no expiry' : `expires in ${t.expiresIn}`}\n  ${t.description}\n  ${c.dim(JSON.stringify(t.claims))}`,
  )
  io.stdout.write(`${blocks.join('\n\n')}\n`)
  return EXIT.ok
}
