// The results of earlier stages, in the shape GitHub gives `toJSON(needs)`:
// job id → { result, outputs }. The workflow passes them between jobs; the
// `all` stage builds the same object in memory.

import { z } from 'zod'
import { InputError } from './errors.js'
import { ReportSchema, type Report } from './report.js'

export const JOB_IDS = {
  gate: 'safety-gate',
  ci: 'ci',
  deploy: 'deploy',
  monitor: 'monitor',
  rollback: 'rollback',
  status: 'update-status',
  notify: 'notify'
} as const

export type JobId = (typeof JOB_IDS)[keyof typeof JOB_IDS]

const JobSchema = z.object({
  result: z.enum(['success', 'failure', 'cancelled', 'skipped']),
  outputs: z.record(z.string(), z.string()).default({})
})

export const ResultsSchema = z.record(z.string(), JobSchema)
export type JobResult = z.infer<typeof JobSchema>
export type Results = Record<string, JobResult>

export function parseResults(text: string): Results {
  if (text.trim() === '') return {}
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new InputError(
      'input `results`: not valid JSON; allowed: ${{ toJSON(needs) }}, an object of job id → { result, outputs }'
    )
  }
  const parsed = ResultsSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InputError(
      `input \`results\`: at ${issue?.path.join('.') || 'the top'}: ${issue?.message ?? 'invalid'}; allowed: \${{ toJSON(needs) }}, an object of job id → { result, outputs }`
    )
  }
  return parsed.data
}

/** An output of a job, by its kebab-case name or the workflow's snake_case one. */
export function output(
  results: Results,
  job: JobId,
  name: string
): string | undefined {
  const outputs = results[job]?.outputs
  if (!outputs) return undefined
  return outputs[name] ?? outputs[name.replace(/-/g, '_')]
}

/** The monitoring report carried in a job's `report` output, when valid. */
export function reportFrom(results: Results, job: JobId): Report | null {
  const text = output(results, job, 'report')
  if (!text) return null
  try {
    const parsed = ReportSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
