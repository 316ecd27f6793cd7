/** `jwtw completion` declared. */
import { SHELLS } from '../../framework/completion'
import { command, exitCodes } from '../../framework/spec'

export const completionSpec = command({
  name: 'completion',
  summary: 'print the shell completion script for bash, zsh or fish',
  details:
    'bash: source <(jwtw completion bash)   zsh: source <(jwtw completion zsh)   fish: jwtw completion fish | source',
  positionals: [{ name: 'SHELL', choices: SHELLS }],
  exitCodes: exitCodes('printed', 'never'),
  load: () => import('./run').then((m) => m.run),
})
