// Where a run's messages, outputs and summary go: the Actions log and job
// summary, or the terminal for the local tool.

import * as runner from './action-io.js'
import { oneLine } from './safe-text.js'

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
    runner.debug(oneLine(message, 2000))
  }
  info(message: string): void {
    runner.info(oneLine(message, 2000))
  }
  warning(message: string, title?: string): void {
    runner.annotate(
      'warning',
      oneLine(message, 1000),
      title ? oneLine(title, 100) : undefined
    )
  }
  error(message: string, title?: string): void {
    runner.annotate(
      'error',
      oneLine(message, 1000),
      title ? oneLine(title, 100) : undefined
    )
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    runner.startGroup(oneLine(title, 200))
    try {
      return await fn()
    } finally {
      runner.endGroup()
    }
  }
  setOutput(name: string, value: string): void {
    runner.setOutput(name, value)
  }
  setSecret(value: string): void {
    runner.setSecret(value)
  }
  summary(markdown: string): void {
    this.parts.push(markdown)
  }
  /** Writes the collected summary once, at the end of the run. */
  flush(): void {
    if (this.parts.length === 0) return
    runner.appendSummary(this.parts.join('\n\n'))
    this.parts.length = 0
  }
}
