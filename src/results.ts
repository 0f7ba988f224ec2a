// The results of earlier stages, in the shape GitHub gives `toJSON(needs)`:
// job id → { result, outputs }. The workflow passes them between jobs; the
// `all` stage builds the same object in memory.

import { z } from 'zod'
import { InputError } from './errors.js'
import type { Report } from './report.js'

// Built on first use: a health check on its own never needs them, and
// building zod schemas is a visible part of start-up.
const schemas = lazy(() => ({
  report: reportSchema(),
  results: resultsSchema()
}))

function lazy<T>(make: () => T): () => T {
  let made: T | undefined
  return () => (made ??= make())
}

/** The report as it comes back from another job, validated. */
const reportSchema = () =>
  z.object({
    timestamp: z.string().max(40),
    run_id: z.string().max(40),
    overall_status: z.enum(['healthy', 'degraded', 'critical']),
    services: z.record(
      z.string().max(100),
      z.object({
        status: z.enum(['healthy', 'degraded', 'down']),
        port: z.int(),
        url: z.string().max(2048),
        http_status: z.int().nullable(),
        latency_ms: z.int().nullable(),
        attempts: z.int(),
        error: z.string().max(1000).nullable()
      })
    )
  })

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

const resultsSchema = () =>
  z.record(
    z.string(),
    z.object({
      result: z.enum(['success', 'failure', 'cancelled', 'skipped']),
      outputs: z.record(z.string(), z.string()).default({})
    })
  )

export interface JobResult {
  result: 'success' | 'failure' | 'cancelled' | 'skipped'
  outputs: Record<string, string>
}
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
  const parsed = schemas().results.safeParse(raw)
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
    const parsed = schemas().report.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
