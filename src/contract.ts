// The contract between the jobs: what each stage hands the next (its
// outputs), one zod schema per job with `encode` and `decode` side by side,
// and the table of which stages run for which action. The workflow, action.yml
// and the `all` stage all follow it; nothing else spells an output's name.

import { z } from 'zod'
import type { Results } from './needs.js'
import { MONITORING_STATUSES, SERVICE_STATES } from './status.js'
export { MONITORING_STATUSES, SERVICE_STATES }

export const ACTIONS = [
  'deploy',
  'rollback',
  'emergency-stop',
  'update-component',
  'healthcheck',
  'resume'
] as const
export type Action = (typeof ACTIONS)[number]

/** The tags a deploy creates: `deployment-YYYYMMDD-HHMMSS`, in UTC. */
export const DEPLOYMENT_TAG = /^deployment-\d{8}-\d{6}$/

/** The first line of every dashboard issue body (DESIGN §5). */
export const DASHBOARD_MARKER = '<!-- runbook:dashboard -->'

/** Whether a body starts with the marker (a byte-order mark and blanks aside). */
export function hasMarker(body: string | null | undefined): boolean {
  return (body ?? '')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith(DASHBOARD_MARKER)
}

export const BUILD_STATUSES = ['success', 'failed', 'skipped'] as const
export const DEPLOYMENT_STATUSES = ['success', 'failed', 'skipped'] as const
export const ROLLBACK_STATUSES = ['executed', 'failed', 'skipped'] as const
export const VERDICTS = ['verified', 'broken', 'unverified'] as const
export const ROLLBACK_FAILURES = [
  'no-target',
  'commands',
  'verification'
] as const

/** Each stage's job id in the workflow (DESIGN §1). */
export const JOB_IDS = {
  gate: 'safety-gate',
  ci: 'ci',
  deploy: 'deploy',
  monitor: 'monitor',
  rollback: 'rollback',
  status: 'update-status',
  notify: 'notify'
} as const

export type StageName = keyof typeof JOB_IDS
export type JobId = (typeof JOB_IDS)[StageName]

/**
 * Action → the stages that run for it once the gate approves, in order.
 * After a deploy or update-component, the rollback job runs only when the
 * monitor's verdict is `broken`; in `all` the rollback stage is entered and
 * skips itself. A refused run runs only gate, status and notify.
 */
export const STAGES_FOR: Record<Action, readonly StageName[]> = {
  deploy: ['gate', 'ci', 'deploy', 'monitor', 'rollback', 'status', 'notify'],
  'update-component': [
    'gate',
    'ci',
    'deploy',
    'monitor',
    'rollback',
    'status',
    'notify'
  ],
  rollback: ['gate', 'rollback', 'status', 'notify'],
  'emergency-stop': ['gate', 'deploy', 'status', 'notify'],
  resume: ['gate', 'deploy', 'status', 'notify'],
  healthcheck: ['gate', 'monitor', 'status', 'notify']
}

/** The stages that run whatever the gate decided. */
export const STAGES_ALWAYS: readonly StageName[] = ['gate', 'status', 'notify']

/** The monitoring report as it comes back from another job (DESIGN §4). */
const reportSchema = () =>
  z.object({
    timestamp: z.string().max(40),
    run_id: z.string().max(40),
    overall_status: z.enum(MONITORING_STATUSES),
    services: z.record(
      z.string().max(100),
      z.object({
        status: z.enum(SERVICE_STATES),
        port: z.int(),
        url: z.string().max(2048),
        http_status: z.int().nullable(),
        latency_ms: z.int().nullable(),
        attempts: z.int(),
        error: z.string().max(1000).nullable()
      })
    )
  })

const healthSchema = () => z.record(z.string().max(100), z.enum(SERVICE_STATES))

// Each value is written as GitHub carries it, a string: a boolean as
// true/false, a list joined with commas, an id as digits (null as ''), an
// object as compact JSON. The kind is read from the schema itself.
const schemas = () => ({
  gate: z.object({
    approved: z.boolean(),
    action: z.enum(ACTIONS),
    reason: z.string(),
    'target-component': z.string(),
    'rollback-version': z.string(),
    halted: z.boolean().optional()
  }),
  ci: z.object({ 'build-status': z.enum(BUILD_STATUSES) }),
  deploy: z.object({
    'deployment-status': z.enum(DEPLOYMENT_STATUSES),
    'deployment-time': z.string().optional(),
    'deployment-tag': z.string().optional(),
    'deployment-sha': z.string().optional(),
    'deployment-id': z.int().positive().nullable().optional(),
    components: z.array(z.string()).optional(),
    refused: z.string().optional(),
    'health-before': healthSchema().optional(),
    halted: z.boolean().optional()
  }),
  monitor: z.object({
    'monitoring-status': z.enum(MONITORING_STATUSES),
    health: healthSchema(),
    report: reportSchema(),
    'report-path': z.string(),
    'deploy-verdict': z.enum(VERDICTS).optional(),
    broken: z.array(z.string()).optional()
  }),
  rollback: z.object({
    'rollback-status': z.enum(ROLLBACK_STATUSES),
    'rollback-version': z.string().optional(),
    'rollback-sha': z.string().optional(),
    'rollback-failure': z.enum(ROLLBACK_FAILURES).optional(),
    report: reportSchema().optional()
  }),
  status: z.object({
    'issue-number': z.int().positive().optional(),
    'issue-url': z.string().optional(),
    halted: z.boolean(),
    notified: z.boolean().optional()
  }),
  notify: z.object({ notified: z.boolean() })
})

type Schemas = ReturnType<typeof schemas>

/** What a stage sets, typed: the argument of `encode`. */
export type OutputsOf<S extends StageName> = z.input<Schemas[S]>
/** What a later stage reads: every output may be missing or unreadable. */
export type Decoded<S extends StageName> = Partial<z.output<Schemas[S]>>

export type GateOutputs = OutputsOf<'gate'>
export type DeployOutputs = OutputsOf<'deploy'>
export type MonitorOutputs = OutputsOf<'monitor'>
export type RollbackOutputs = OutputsOf<'rollback'>
export type StatusOutputs = OutputsOf<'status'>
export type MonitoredReport = z.output<ReturnType<typeof reportSchema>>

// Built on first use: a health check that passes nothing on never needs
// them, and building zod schemas is a visible part of start-up.
let built: Schemas | undefined
const contract = (): Schemas => (built ??= schemas())

type Kind = 'text' | 'flag' | 'list' | 'id' | 'json'

function kindOf(schema: z.ZodType): Kind {
  let inner = schema
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable)
    inner = inner.unwrap() as z.ZodType
  if (inner instanceof z.ZodBoolean) return 'flag'
  if (inner instanceof z.ZodArray) return 'list'
  if (inner instanceof z.ZodNumber) return 'id'
  if (inner instanceof z.ZodString || inner instanceof z.ZodEnum) return 'text'
  return 'json'
}

function write(kind: Kind, value: unknown): string {
  switch (kind) {
    case 'flag':
      return String(value)
    case 'list':
      return (value as string[]).join(',')
    case 'id':
      return value === null ? '' : String(value)
    case 'json':
      return JSON.stringify(value)
    default:
      return value as string
  }
}

function read(kind: Kind, text: string): unknown {
  switch (kind) {
    case 'flag':
      return text === 'true' ? true : text === 'false' ? false : text
    case 'list':
      return text.split(',').filter(Boolean)
    case 'id':
      return /^\d{1,15}$/.test(text) ? Number(text) : text
    case 'json':
      try {
        return JSON.parse(text) as unknown
      } catch {
        return undefined
      }
    default:
      return text
  }
}

/**
 * A stage's outputs as the strings the action sets. The monitor also sets
 * `<service>-health` for each service, which the workflow passes on by name.
 */
export function encode<S extends StageName>(
  stage: S,
  outputs: OutputsOf<S>
): Record<string, string> {
  const shape = contract()[stage].shape as Record<string, z.ZodType>
  const given = outputs as Record<string, unknown>
  const encoded: Record<string, string> = {}
  for (const [name, schema] of Object.entries(shape))
    if (given[name] !== undefined)
      encoded[name] = write(kindOf(schema), given[name])
  if (stage === 'monitor')
    for (const [name, state] of Object.entries(
      (outputs as MonitorOutputs).health
    ))
      encoded[`${name}-health`] = state
  return encoded
}

/**
 * A job's outputs read back from one record, by kebab-case name or the
 * workflow's snake_case one. An empty value is a missing one (GitHub passes
 * an unset output as ''), and a value its schema refuses is dropped, so a
 * stale or hand-written `results` input never reaches a stage half-typed.
 */
export function decodeOutputs<S extends StageName>(
  stage: S,
  outputs: Readonly<Record<string, string>>
): Decoded<S> {
  return readOutputs(stage, outputs).decoded as Decoded<S>
}

/** Each output of one job read by its schema: what decodes, and what is refused. */
function readOutputs(
  stage: StageName,
  outputs: Readonly<Record<string, string>>
): { decoded: Record<string, unknown>; refused: string[] } {
  const shape = contract()[stage].shape as Record<string, z.ZodType>
  const decoded: Record<string, unknown> = {}
  const refused: string[] = []
  for (const [name, schema] of Object.entries(shape)) {
    const text = outputs[name] ?? outputs[name.replace(/-/g, '_')]
    if (text === undefined || text === '') continue
    const parsed = schema.safeParse(read(kindOf(schema), text))
    if (!parsed.success) refused.push(name)
    else if (parsed.data !== undefined) decoded[name] = parsed.data
  }
  return { decoded, refused }
}

/**
 * The outputs in `results` that their schema refuses, as "job.output":
 * decoding drops them, and the run says so once instead of in silence.
 */
export function refusedOutputs(results: Results): string[] {
  return (Object.keys(JOB_IDS) as StageName[]).flatMap((stage) => {
    const job = results[JOB_IDS[stage]]
    return job
      ? readOutputs(stage, job.outputs).refused.map(
          (name) => `${JOB_IDS[stage]}.${name}`
        )
      : []
  })
}

/** A stage's outputs from `toJSON(needs)`, or null when its job is not there. */
export function decode<S extends StageName>(
  stage: S,
  results: Results
): Decoded<S> | null {
  const job = results[JOB_IDS[stage]]
  return job ? decodeOutputs(stage, job.outputs) : null
}
