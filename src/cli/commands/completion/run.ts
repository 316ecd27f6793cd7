/** `jwtw completion bash|zsh|fish`: the completion script, generated from the command declarations. */
import { completionScript, type Shell } from '../../framework/completion'
import { EXIT, type Runner, type NoOptions } from '../../framework/spec'

export const run: Runner<NoOptions> = async ({ positionals }, io, root) => {
  io.stdout.write(completionScript(positionals[0] as Shell, root))
  return EXIT.ok
}
