// The dashboard's machine-readable state: its schema, how it is read back
// from an issue body (recovering what it can), and how it is written into
// one. Agents parse this block, so its shape is public (DESIGN §5).

import { z } from 'zod'
import { DASHBOARD_MARKER } from '../platform/platform.js'

export const STATE_OPEN = '<!-- runbook:state'
export const STATE_CLOSE = '-->'

/** An ISO 8601 UTC time as toISOString() writes it, or '' when unknown. */
const iso = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z)?$/)
const state = z.enum(['healthy', 'degraded', 'down', 'unknown'])
const overall = z.enum(['healthy', 'degraded', 'critical', 'unknown'])

/** One check: [unix seconds, state initial (h, d, x), latency ms or null]. */
export const CheckSchema = z.tuple([
  z.int().min(0),
  z.enum(['h', 'd', 'x']),
  z.int().min(0).nullable()
])

/** A day's time, in seconds, spent in each state, and the mean latency. */
export const DaySchema = z.strictObject({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  up: z.number().min(0),
  degraded: z.number().min(0),
  down: z.number().min(0),
  avg_ms: z.int().min(0).nullable()
})

export const ServiceStateSchema = z.object({
  title: z.string().max(200).default(''),
  /** The confirmed state, which flips only after the thresholds. */
  status: state,
  since: iso,
  /** What the last run saw, and how many runs in a row saw it. */
  observed: state.default('unknown'),
  streak: z.int().min(0).default(0),
  latency_ms: z.int().min(0).nullable().default(null),
  reason: z.string().max(500).nullable().default(null),
  last_check: iso.nullable().default(null),
  /** Which run (and which of its checks) the last check came from. */
  last_source: z.string().max(100).default(''),
  recent: z.array(CheckSchema).default([]),
  daily: z.array(DaySchema).default([])
})

export const DeploymentSchema = z.object({
  tag: z.string().max(100),
  sha: z.string().max(64),
  time: iso,
  actor: z.string().max(100),
  components: z.array(z.string().max(100)).max(500),
  verified: z.boolean().nullable(),
  kind: z.enum(['deploy', 'update-component', 'rollback']).default('deploy'),
  run_url: z.string().max(500).default('')
})

export const EventSchema = z.object({
  at: iso,
  kind: z.string().max(40),
  text: z.string().max(1000),
  run: z.string().max(40).default(''),
  actor: z.string().max(100).default('')
})

export const HaltSchema = z.object({
  by: z.string().max(100),
  at: iso,
  reason: z.string().max(1000)
})

export const NotifyMemorySchema = z
  .object({
    last_kind: z.string().max(40).nullable().default(null),
    last_overall: overall.nullable().default(null),
    last_sent_at: iso.nullable().default(null),
    last_attempt_at: iso.nullable().default(null),
    last_error: z.string().max(500).nullable().default(null),
    /** Messages claimed before sending, so that each goes out once. */
    claims: z
      .array(
        z.strictObject({
          key: z.string().max(200),
          overall,
          run: z.string().max(40),
          token: z.string().max(40),
          at: iso,
          result: z.enum(['pending', 'sent', 'failed', 'unconfirmed'])
        })
      )
      .max(20)
      .catch([])
      .default([])
  })
  .loose()

export const DashboardStateSchema = z.object({
  schema: z.literal(1),
  updated_at: iso,
  overall,
  halt: HaltSchema.nullable(),
  deployments: z.array(DeploymentSchema),
  services: z.record(z.string().max(100), ServiceStateSchema),
  events: z.array(EventSchema),
  last_run: z
    .object({ id: z.string().max(40), url: z.string().max(500), at: iso })
    .nullable()
    .default(null),
  thresholds: z
    .object({ failure: z.int().min(1), success: z.int().min(1) })
    .default({ failure: 1, success: 1 }),
  notify: NotifyMemorySchema.default({
    last_kind: null,
    last_overall: null,
    last_sent_at: null,
    last_attempt_at: null,
    last_error: null,
    claims: []
  })
})

export type DashboardState = z.infer<typeof DashboardStateSchema>
export type ServiceHistory = z.infer<typeof ServiceStateSchema>
export type DeploymentRecord = z.infer<typeof DeploymentSchema>
export type DashboardEvent = z.infer<typeof EventSchema>
export type Check = z.infer<typeof CheckSchema>
export type Day = z.infer<typeof DaySchema>

export function emptyState(now: string): DashboardState {
  return DashboardStateSchema.parse({
    schema: 1,
    updated_at: now,
    overall: 'unknown',
    halt: null,
    deployments: [],
    services: {},
    events: []
  })
}

export interface ParsedState {
  state: DashboardState
  /** What could not be read and was rebuilt; empty when the body was whole. */
  problems: string[]
}

/**
 * Reads the state block from a body. A blank, hand-edited or corrupt body
 * never throws: each part that can be read is kept, the rest is rebuilt.
 */
export function parseState(body: string | null, now: string): ParsedState {
  const fresh = emptyState(now)
  if (body === null || body.trim() === '')
    return {
      state: fresh,
      problems: body === null ? [] : ['the body was blank']
    }
  const start = body.lastIndexOf(STATE_OPEN)
  if (start === -1)
    return { state: fresh, problems: ['the state block was missing'] }
  const end = body.indexOf(STATE_CLOSE, start + STATE_OPEN.length)
  const json = body.slice(
    start + STATE_OPEN.length,
    end === -1 ? undefined : end
  )
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch {
    return { state: fresh, problems: ['the state block was not valid JSON'] }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { state: fresh, problems: ['the state block was not an object'] }
  const whole = DashboardStateSchema.safeParse(raw)
  if (whole.success) return { state: whole.data, problems: [] }
  return salvage(raw as Record<string, unknown>, fresh)
}

/** Keeps every top-level part, every service and every list entry that is valid. */
function salvage(
  raw: Record<string, unknown>,
  fresh: DashboardState
): ParsedState {
  const problems: string[] = []
  const state = fresh
  const pick = <T>(
    key: string,
    schema: z.ZodType<T>,
    apply: (v: T) => void
  ) => {
    if (!(key in raw)) return
    const parsed = schema.safeParse(raw[key])
    if (parsed.success) apply(parsed.data)
    else problems.push(`"${key}" was unreadable`)
  }
  const list = <T>(key: string, schema: z.ZodType<T>): T[] => {
    const value = raw[key]
    if (!Array.isArray(value)) {
      if (value !== undefined) problems.push(`"${key}" was not a list`)
      return []
    }
    const kept = value.flatMap((item) => {
      const parsed = schema.safeParse(item)
      return parsed.success ? [parsed.data] : []
    })
    if (kept.length < value.length)
      problems.push(
        `${value.length - kept.length} unreadable "${key}" entr${value.length - kept.length === 1 ? 'y' : 'ies'}`
      )
    return kept
  }
  pick('updated_at', iso, (v) => (state.updated_at = v))
  pick('overall', overall, (v) => (state.overall = v))
  pick('halt', HaltSchema.nullable(), (v) => (state.halt = v))
  pick(
    'last_run',
    DashboardStateSchema.shape.last_run,
    (v) => (state.last_run = v)
  )
  pick(
    'thresholds',
    DashboardStateSchema.shape.thresholds,
    (v) => (state.thresholds = v)
  )
  pick('notify', NotifyMemorySchema, (v) => (state.notify = v))
  state.deployments = list('deployments', DeploymentSchema)
  state.events = list('events', EventSchema)
  const services = raw.services
  if (
    services !== null &&
    typeof services === 'object' &&
    !Array.isArray(services)
  ) {
    for (const [name, value] of Object.entries(services)) {
      let parsed = ServiceStateSchema.safeParse(value)
      if (!parsed.success && value !== null && typeof value === 'object') {
        // Keep the readable checks and days of a service with a bad one.
        const entry = value as Record<string, unknown>
        const valid = (list: unknown, schema: z.ZodType) =>
          Array.isArray(list)
            ? list.filter((item) => schema.safeParse(item).success)
            : list
        parsed = ServiceStateSchema.safeParse({
          ...entry,
          recent: valid(entry.recent, CheckSchema),
          daily: valid(entry.daily, DaySchema)
        })
        if (parsed.success)
          problems.push(`unreadable checks of service "${name.slice(0, 40)}"`)
      }
      if (parsed.success) state.services[name] = parsed.data
      else problems.push(`service "${name.slice(0, 40)}" was unreadable`)
    }
  } else if (services !== undefined) problems.push('"services" was unreadable')
  if (raw.schema !== 1) problems.push('"schema" was not 1')
  return { state, problems }
}

/** The state block: the JSON never contains "-->" or "<!--", whatever the text in it. */
export function serializeState(state: DashboardState): string {
  const json = JSON.stringify(state).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  return `${STATE_OPEN}\n${json}\n${STATE_CLOSE}`
}

export function hasMarker(body: string | null | undefined): boolean {
  return (body ?? '')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith(DASHBOARD_MARKER)
}
