/**
 * A vitest reporter that names a test file still running after two minutes (no file here
 * takes over 30 s), so a run that hangs says where. A file stuck while it is being imported
 * (a top-level await) is covered by no test or hook timeout; this is how it shows up.
 */
import type { Reporter, TestModule } from 'vitest/node'

const SLOW_AFTER_MS = 120_000
const CHECK_EVERY_MS = 15_000

export default class SlowFilesReporter implements Reporter {
  private readonly started = new Map<string, number>()
  private timer: NodeJS.Timeout | undefined

  onInit(): void {
    this.timer = setInterval(() => this.check(), CHECK_EVERY_MS)
    this.timer.unref()
  }

  onTestModuleQueued(module: TestModule): void {
    this.started.set(module.relativeModuleId, Date.now())
  }

  onTestModuleEnd(module: TestModule): void {
    this.started.delete(module.relativeModuleId)
  }

  onTestRunEnd(): void {
    clearInterval(this.timer)
  }

  private check(): void {
    const now = Date.now()
    for (const [file, since] of this.started) {
      if (now - since < SLOW_AFTER_MS) continue
      process.stderr.write(
        `slow-files: ${file} has been running for ${Math.round((now - since) / 1000)} s\n`,
      )
      this.started.set(file, now) // said again only after another two minutes
    }
  }
}
