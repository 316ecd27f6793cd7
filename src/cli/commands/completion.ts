/** `jwtw completion bash|zsh|fish`: the completion script, generated from the command declarations. */
import { ROOT } from '../commands'
import { completionScript, type Shell } from '../framework/completion'
import { EXIT, type Runner } from '../framework/spec'

export const run: Runner = async (parsed, io) => {
  io.stdout.write(completionScript(parsed.positionals[0] as Shell, ROOT))
  return EXIT.ok
}
