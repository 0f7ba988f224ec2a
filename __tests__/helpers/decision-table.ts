// Reads the decision table from the runbook's "Deciding" section, so that
// tests hold the situation model to what the docs tell agents to do.

import { readFileSync } from 'node:fs'
import { WORKFLOW } from '../../src/dashboard/situation.js'

export interface DecisionRow {
  situation: string
  /** The step as written, without backticks: arguments, or 'none'. */
  step: string
  /** What a command for this row must look like; null when the step is none. */
  pattern: RegExp | null
}

const escape = (text: string): string =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The regular expression a command must match for a step of the table. */
export function stepPattern(step: string): RegExp | null {
  if (step === 'none') return null
  const args = escape(step)
    .replace(
      escape('[-f target_component=<service>] '),
      '(?:-f target_component=[a-z0-9-]+ )?'
    )
    .replace(escape('<tag>'), 'deployment-\\d{8}-\\d{6}')
  return new RegExp(`^${escape(`gh workflow run ${WORKFLOW} `)}${args}$`)
}

export function decisionTable(
  path = new URL('../../docs/AI_AGENT_RUNBOOK.md', import.meta.url)
): DecisionRow[] {
  const text = readFileSync(path, 'utf8')
  const start = text.indexOf('\n## Deciding\n')
  const end = text.indexOf('\n## ', start + 1)
  const section = text.slice(start, end === -1 ? undefined : end)
  const rows: DecisionRow[] = []
  for (const line of section.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim())
    const id = /^`([a-z-]+)`$/.exec(cells[0] ?? '')?.[1]
    if (!id || cells.length < 3) continue
    const step = (cells[1] ?? '').replace(/^`|`$/g, '')
    rows.push({ situation: id, step, pattern: stepPattern(step) })
  }
  return rows
}
