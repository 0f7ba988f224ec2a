// The monitoring report (DESIGN §4): its shape, the overall status, and the
// table people read in the job summary and the terminal.

import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { ProbeResult, ServiceState } from './probe.js'
import { markdownCell } from './safe-text.js'

export type OverallStatus = 'healthy' | 'degraded' | 'critical'

export interface ServiceReport extends ProbeResult {
  port: number
  url: string
}

export interface Report {
  timestamp: string
  run_id: string
  overall_status: OverallStatus
  services: Record<string, ServiceReport>
}

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

const ICON: Record<string, string> = {
  healthy: '🟢',
  degraded: '🟡',
  down: '🔴',
  critical: '🔴'
}

export function stateIcon(state: string): string {
  return ICON[state] ?? '⚪'
}

/** The report as a markdown table for the job summary. */
export function reportMarkdown(report: Report): string {
  const rows = reportRows(report).map((row) =>
    row.map((cell, i) =>
      i === 1 ? `${stateIcon(cell)} ${cell}` : markdownCell(cell)
    )
  )
  return [
    `| ${TABLE_HEADER.join(' | ')} |`,
    `| ${TABLE_HEADER.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`)
  ].join('\n')
}
