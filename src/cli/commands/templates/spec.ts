/** `jwtw templates` declared. */
import { command, exitCodes } from '../../framework/spec'
import { jsonOption } from '../../options'

export const templatesOptions = { ...jsonOption } as const

export const templatesSpec = command({
  name: 'templates',
  summary: 'list the mint templates with their claims',
  options: templatesOptions,
  exitCodes: exitCodes('listed', 'never'),
  load: () => import('./run').then((m) => m.run),
})
