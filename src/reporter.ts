// Where a run's messages, outputs and summary go: the Actions log and job
// summary through @actions/core, or the terminal for the local tool.

import * as core from '@actions/core'
import { oneLine } from './text.js'

export interface Reporter {
  debug(message: string): void
  info(message: string): void
  /** A warning annotation (Actions) or a warning line (terminal). */
  warning(message: string, title?: string): void
  /** An error annotation that does not by itself fail the run. */
  error(message: string, title?: string): void
  group<T>(title: string, fn: () => Promise<T>): Promise<T>
  setOutput(name: string, value: string): void
  setSecret(value: string): void
  /** Markdown appended to the job summary. */
  summary(markdown: string): void
}

/** The Actions log: every message passes through oneLine, so no text can start a workflow command. */
export class ActionsReporter implements Reporter {
  private readonly parts: string[] = []

  debug(message: string): void {
    core.debug(oneLine(message, 2000))
  }
  info(message: string): void {
    core.info(oneLine(message, 2000))
  }
  warning(message: string, title?: string): void {
    core.warning(
      oneLine(message, 1000),
      title ? { title: oneLine(title, 100) } : {}
    )
  }
  error(message: string, title?: string): void {
    core.error(
      oneLine(message, 1000),
      title ? { title: oneLine(title, 100) } : {}
    )
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    return core.group(oneLine(title, 200), fn)
  }
  setOutput(name: string, value: string): void {
    core.setOutput(name, value)
  }
  setSecret(value: string): void {
    if (value) core.setSecret(value)
  }
  summary(markdown: string): void {
    this.parts.push(markdown)
  }
  /** Writes the collected summary once, at the end of the run. */
  async flush(): Promise<void> {
    if (this.parts.length === 0 || !process.env.GITHUB_STEP_SUMMARY) return
    await core.summary.addRaw(this.parts.join('\n\n'), true).write()
    this.parts.length = 0
  }
}
