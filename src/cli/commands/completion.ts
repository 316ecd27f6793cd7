/** `jwtw completion bash|zsh|fish`: the completion script, generated from the command declarations. */
import { completionScript, type Shell } from '../framework/completion'
import { EXIT, type Runner } from '../framework/spec'

export const run: Runner = async (parsed, io, root) => {
  io.stdout.write(completionScript(parsed.positionals[0] as Shell, root))
  return EXIT.ok
}
