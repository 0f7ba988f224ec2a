// The monitoring report (DESIGN §4): its shape, the overall status, and the
// table people read in the job summary and the terminal.

import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { MonitoredReport } from './contract.js'
import type { ServiceState } from './probe.js'
import { markdownCell } from './safe-text.js'
import { statusIcon, type OverallStatus } from './status.js'

export type { OverallStatus } from './status.js'

/** The report's shape is its schema in the stage contract. */
export type Report = MonitoredReport
/** A service's line: what its probe found, with its port and URL. */
export type ServiceReport = Report['services'][string]

export function overallStatus(states: ServiceState[]): OverallStatus {
  if (states.some((s) => s === 'down')) return 'critical'
  if (states.every((s) => s === 'healthy')) return 'healthy'
  return 'degraded'
}

export async function writeReport(path: string, report: Report): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`)
}

export const TABLE_HEADER = [
  'service',
  'state',
  'HTTP status',
  'latency',
  'attempts',
  'reason'
]

/** One row per service, as plain strings (not yet escaped for markdown). */
export function reportRows(report: Report): string[][] {
  return Object.entries(report.services).map(([name, s]) => [
    name,
    s.status,
    s.http_status === null ? '–' : String(s.http_status),
    s.latency_ms === null ? '–' : `${s.latency_ms} ms`,
    String(s.attempts),
    s.error ?? ''
  ])
}

/** The report as a markdown table for the job summary. */
export function reportMarkdown(report: Report): string {
  const rows = reportRows(report).map((row) =>
    row.map((cell, i) =>
      i === 1 ? `${statusIcon(cell)} ${cell}` : markdownCell(cell)
    )
  )
  return [
    `| ${TABLE_HEADER.join(' | ')} |`,
    `| ${TABLE_HEADER.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`)
  ].join('\n')
}
