// A Reporter that records every call, so tests can read what a stage logged,
// annotated, summarised and output.

import type { Reporter } from '../../src/log.js'

export type LogKind = 'debug' | 'info' | 'warning' | 'error' | 'group'

export interface LogCall {
  kind: LogKind
  message: string
  title?: string
}

export class RecordingReporter implements Reporter {
  readonly logs: LogCall[] = []
  readonly outputs: Record<string, string> = {}
  readonly secrets: string[] = []
  readonly summaries: string[] = []

  debug(message: string): void {
    this.logs.push({ kind: 'debug', message })
  }
  info(message: string): void {
    this.logs.push({ kind: 'info', message })
  }
  warning(message: string, title?: string): void {
    this.logs.push({ kind: 'warning', message, title })
  }
  error(message: string, title?: string): void {
    this.logs.push({ kind: 'error', message, title })
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.logs.push({ kind: 'group', message: title })
    return fn()
  }
  setOutput(name: string, value: string): void {
    this.outputs[name] = value
  }
  setSecret(value: string): void {
    this.secrets.push(value)
  }
  summary(markdown: string): void {
    this.summaries.push(markdown)
  }

  /** The calls of one kind. */
  of(kind: LogKind): LogCall[] {
    return this.logs.filter((call) => call.kind === kind)
  }

  /** Every string that would reach a log line: messages and titles. */
  logLines(): string[] {
    return this.logs.flatMap((call) =>
      call.title === undefined ? [call.message] : [call.message, call.title]
    )
  }
}
