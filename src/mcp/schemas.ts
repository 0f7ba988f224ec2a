// The tools' input and output schemas. Inputs are checked here first, each
// bad value answered with one line naming the argument, the value and what
// is allowed; outputs are what clients receive as structured content.

import { z } from 'zod'
import { SERVICE_NAME } from '../config.js'
import { SITUATIONS } from '../dashboard/situation.js'
import { quoteValue } from '../errors.js'
import { ACTIONS, DEPLOYMENT_TAG } from '../inputs.js'

/** The message for a bad argument, as every tool words it. */
function bad(name: string, allowed: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined
      ? `argument \`${name}\` is required; allowed: ${allowed}`
      : `argument \`${name}\`: ${quoteValue(issue.input)} is not valid; allowed: ${allowed}`
}

const ACTIONS_ALLOWED = ACTIONS.join(', ')

export const actionArgs = {
  action: z
    .enum(ACTIONS, { error: bad('action', ACTIONS_ALLOWED) })
    .describe(`What to do: ${ACTIONS_ALLOWED}`),
  target_component: z
    .string({ error: bad('target_component', 'all, or one service name') })
    .max(100, { error: bad('target_component', 'all, or one service name') })
    .refine((v) => v === 'all' || SERVICE_NAME.test(v), {
      error: bad(
        'target_component',
        'all, or one service name (lowercase letters, digits, dashes)'
      )
    })
    .default('all')
    .describe('all, or one configured service (update-component needs one)'),
  rollback_version: z
    .string({ error: bad('rollback_version', 'a deployment tag') })
    .max(40, { error: bad('rollback_version', 'deployment-YYYYMMDD-HHMMSS') })
    .refine((v) => v === '' || DEPLOYMENT_TAG.test(v), {
      error: bad(
        'rollback_version',
        'a tag deployment-YYYYMMDD-HHMMSS, or empty for the previous verified-healthy deployment'
      )
    })
    .default('')
    .describe(
      'rollback: a tag deployment-YYYYMMDD-HHMMSS; empty: the previous verified-healthy deployment'
    ),
  reason: z
    .string({ error: bad('reason', 'text') })
    .max(10_000, { error: bad('reason', 'text of at most 10000 characters') })
    .default('')
    .describe(
      'Why: recorded with a stop, rollback or resume (cut to one line of 500 characters)'
    ),
  dry_run: z
    .boolean({ error: bad('dry_run', 'true or false') })
    .default(false)
    .describe('Plan only: the run writes, creates, sends and runs nothing')
}

export const PlanInput = z.strictObject(actionArgs)

export const RunActionInput = z.strictObject({
  ...actionArgs,
  confirm: z
    .boolean({ error: bad('confirm', 'true') })
    .default(false)
    .describe(
      'Must be true: you have read the plan (tool `plan`) and mean to run it'
    )
})

export const WatchRunInput = z.strictObject({
  run_id: z
    .number({ error: bad('run_id', 'a workflow run id from run_action') })
    .int({ error: bad('run_id', 'a whole number') })
    .positive({ error: bad('run_id', 'a positive run id') })
    .describe('The run id run_action returned'),
  timeout_seconds: z
    .number({ error: bad('timeout_seconds', '1 to 600') })
    .int({ error: bad('timeout_seconds', 'a whole number of seconds') })
    .min(1, { error: bad('timeout_seconds', '1 to 600') })
    .max(600, { error: bad('timeout_seconds', '1 to 600') })
    .default(60)
    .describe('How long to follow the run before answering (1 to 600 s)')
})

const health = z.enum(['healthy', 'degraded', 'down', 'unknown'])
const kind = z.enum(['deploy', 'update-component', 'rollback'])

const Live = z.object({
  tag: z.string(),
  sha: z.string(),
  kind,
  since: z.string(),
  verified: z.boolean().nullable()
})

const Verified = z.object({
  tag: z.string(),
  sha: z.string(),
  time: z.string()
})

export const Next = z.object({
  situation: z.enum(SITUATIONS),
  command: z.string().nullable(),
  why: z.string(),
  target: z.string().nullable()
})

export const StatusOutput = z.object({
  mode: z.enum(['github', 'local']),
  repository: z.string(),
  dashboard: z.object({ number: z.int(), url: z.string() }).nullable(),
  updated_at: z.string(),
  overall: z.enum(['healthy', 'degraded', 'critical', 'unknown']),
  stopped: z.boolean(),
  halt: z
    .object({ by: z.string(), at: z.string(), reason: z.string() })
    .nullable(),
  services: z.record(
    z.string(),
    z.object({
      status: health,
      since: z.string(),
      latency_ms: z.int().nullable(),
      reason: z.string().nullable(),
      last_check: z.string().nullable(),
      live: Live.nullable(),
      last_verified: Verified.nullable()
    })
  ),
  live: z.record(z.string(), Live.nullable()),
  next: Next,
  events: z.array(
    z.object({ at: z.string(), kind: z.string(), text: z.string() })
  ),
  problems: z.array(z.string())
})

const ServiceReport = z.object({
  status: z.enum(['healthy', 'degraded', 'down']),
  port: z.int(),
  url: z.string(),
  http_status: z.int().nullable(),
  latency_ms: z.int().nullable(),
  attempts: z.int(),
  error: z.string().nullable()
})

export const HealthcheckOutput = z.object({
  timestamp: z.string(),
  run_id: z.string(),
  overall_status: z.enum(['healthy', 'degraded', 'critical']),
  services: z.record(z.string(), ServiceReport)
})

export const Stage = z.object({
  job: z.string(),
  runs: z.enum(['yes', 'if-needed']),
  what: z.string()
})

export const PlanOutput = z.object({
  mode: z.enum(['github', 'local']),
  approved: z.boolean(),
  action: z.enum(ACTIONS),
  /** Why the gate refused; '' when approved. */
  reason: z.string(),
  target_component: z.string(),
  rollback_version: z.string(),
  halted: z.boolean().nullable(),
  rollback_target: z.string().nullable(),
  stages: z.array(Stage),
  dry_run: z.boolean(),
  command: z.string(),
  actor: z.string()
})

export const RunActionOutput = z.object({
  mode: z.enum(['github', 'local']),
  action: z.enum(ACTIONS),
  command: z.string(),
  /** Who confirmed: the person (elicitation) or the caller's confirm flag alone. */
  confirmed_by: z.enum(['person', 'confirm-flag']),
  inputs: z.record(z.string(), z.string()),
  /** GitHub: the run the dispatch created, when it appeared in time. */
  run: z
    .object({ id: z.int(), url: z.string(), status: z.string() })
    .nullable(),
  /** Local: what the engine did. */
  failure: z.string().nullable(),
  outputs: z.record(z.string(), z.string()),
  note: z.string()
})

export const WatchRunOutput = z.object({
  run_id: z.int(),
  url: z.string(),
  status: z.string(),
  conclusion: z.string().nullable(),
  ended: z.boolean(),
  jobs: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      conclusion: z.string().nullable()
    })
  ),
  situation: StatusOutput.nullable()
})

export type StatusOutput = z.infer<typeof StatusOutput>
export type PlanOutput = z.infer<typeof PlanOutput>
export type PlanInput = z.infer<typeof PlanInput>
export type RunActionOutput = z.infer<typeof RunActionOutput>
export type WatchRunOutput = z.infer<typeof WatchRunOutput>
export type HealthcheckOutput = z.infer<typeof HealthcheckOutput>
