// Where the stages report while the MCP server runs them: stderr only (stdout
// carries the protocol), and the lines kept for the tool's answer.

import type { Reporter } from '../log.js'
import { oneLine } from '../safe-text.js'

/** Lines kept per call: enough to see what happened, bounded. */
const KEPT = 200

export class McpReporter implements Reporter {
  readonly lines: string[] = []

  constructor(private readonly verbose = false) {}

  private keep(line: string): void {
    if (this.lines.length < KEPT) this.lines.push(line)
  }
  private write(line: string): void {
    process.stderr.write(`${line}\n`)
  }

  debug(message: string): void {
    if (this.verbose) this.write(`  ${oneLine(message, 2000)}`)
  }
  info(message: string): void {
    const line = oneLine(message, 1000)
    this.keep(line)
    if (this.verbose) this.write(line)
  }
  warning(message: string): void {
    const line = `warning: ${oneLine(message, 1000)}`
    this.keep(line)
    this.write(line)
  }
  error(message: string): void {
    const line = `error: ${oneLine(message, 1000)}`
    this.keep(line)
    this.write(line)
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.info(`— ${title}`)
    return fn()
  }
  setOutput(): void {}
  setSecret(): void {}
  summary(): void {}
}

/** A line on stderr from the server itself. */
export function log(message: string): void {
  process.stderr.write(`runbook mcp: ${oneLine(message, 2000)}\n`)
}
