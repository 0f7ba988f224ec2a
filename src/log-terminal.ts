// The local tool's reporter: log lines to stderr, tables to stdout.

import type { Reporter } from './log.js'
import { TABLE_HEADER, reportRows, type Report } from './health-report.js'
import { oneLine } from './safe-text.js'

export class TerminalReporter implements Reporter {
  constructor(
    private readonly options: { verbose?: boolean; quiet?: boolean } = {}
  ) {}

  debug(message: string): void {
    if (this.options.verbose) console.error(`  ${oneLine(message, 2000)}`)
  }
  info(message: string): void {
    if (!this.options.quiet) console.error(oneLine(message, 2000))
  }
  warning(message: string): void {
    console.error(`warning: ${oneLine(message, 1000)}`)
  }
  error(message: string): void {
    console.error(`error: ${oneLine(message, 1000)}`)
  }
  async group<T>(title: string, fn: () => Promise<T>): Promise<T> {
    this.info(`— ${title}`)
    return fn()
  }
  setOutput(): void {}
  setSecret(): void {}
  summary(): void {}
}

/** The health table as aligned plain text. */
export function reportText(report: Report): string {
  const rows = [TABLE_HEADER, ...reportRows(report)].map((row) =>
    row.map((cell) => oneLine(cell, 80))
  )
  const widths = TABLE_HEADER.map((_, i) =>
    Math.max(...rows.map((row) => (row[i] ?? '').length))
  )
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}
