// The results of earlier stages, in the shape GitHub gives `toJSON(needs)`:
// job id → { result, outputs }. The workflow passes them between jobs; the
// `all` stage builds the same object in memory.

import { z } from 'zod'
import { InputError } from './errors.js'
export { JOB_IDS, type JobId } from './contract.js'

// Built on first use: building zod schemas is a visible part of start-up.
let schema: ReturnType<typeof resultsSchema> | undefined

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
  const parsed = (schema ??= resultsSchema()).safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InputError(
      `input \`results\`: at ${issue?.path.join('.') || 'the top'}: ${issue?.message ?? 'invalid'}; allowed: \${{ toJSON(needs) }}, an object of job id → { result, outputs }`
    )
  }
  return parsed.data
}
