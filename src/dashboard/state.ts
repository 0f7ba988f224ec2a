// The dashboard's machine-readable state: its schema, how it is read back
// from an issue body (recovering what it can), and how it is written into
// one. Agents parse this block, so its shape is public (DESIGN §5). Anyone who
// can edit the issue can edit the block: it is read with caps on its size,
// depth, lists and strings, and nothing in it may be dated in the future.

import { z } from 'zod'
import { MAX_SERVICES, SERVICE_NAME } from '../config.js'
import { MAX_DEPLOYMENTS, MAX_EVENTS } from './merge.js'
import { SITUATIONS } from './situation.js'

export const STATE_OPEN = '<!-- runbook:state'
export const STATE_CLOSE = '-->'

/** A longer block cannot come from GitHub, whose bodies stop at 65,536. */
export const MAX_STATE_CHARS = 65_536
/** The state is at most five levels deep; deeper parts are forged. */
export const MAX_DEPTH = 8
/** How far ahead of `now` a time may be before it counts as forged. */
export const CLOCK_SKEW_S = 300
/** Raw checks per service: a day of checks once a minute. */
export const MAX_RECENT = 1_500
/** Daily totals per service: 31 days and today. */
export const MAX_DAYS = 32

const DAY_S = 86_400

/** An ISO 8601 UTC time as toISOString() writes it, or '' when unknown. */
const iso = z
  .string()
  .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z)?$/)
  .refine((s) => s === '' || Number.isFinite(Date.parse(s)), 'not a time')
const state = z.enum(['healthy', 'degraded', 'down', 'unknown'])
const overall = z.enum(['healthy', 'degraded', 'critical', 'unknown'])

/** One check: [unix seconds, state initial (h, d, x), latency ms or null]. */
export const CheckSchema = z.tuple([
  z.int().min(0),
  z.enum(['h', 'd', 'x']),
  z.int().min(0).nullable()
])

/** A day's time, in seconds, spent in each state. */
export const DaySchema = z
  .object({
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine((d) => Number.isFinite(Date.parse(d)), 'not a day'),
    up: z.int().min(0),
    degraded: z.int().min(0),
    down: z.int().min(0)
  })
  .refine((d) => d.up + d.degraded + d.down <= DAY_S, 'more than a day')

export type Check = z.infer<typeof CheckSchema>
export type Day = z.infer<typeof DaySchema>

const dayNumber = (day: string): number =>
  Date.parse(`${day}T00:00:00Z`) / 1000 / DAY_S
const dayText = (n: number): string =>
  new Date(n * DAY_S * 1000).toISOString().slice(0, 10)

const DAYS_TEXT =
  /^(\d{4}-\d{2}-\d{2})((?: \d{1,5}(?:\.\d{1,5}\.\d{1,5})?(?:\*\d{1,3})?)*)$/

/**
 * Daily totals as one string: the first day, then one token per day, oldest
 * first: seconds up, or "up.degraded.down"; "0" for a day without checks;
 * "token*n" for n days alike. "2025-11-22 86400*30 46800" is 30 whole days
 * up and 13 hours of today.
 */
export function encodeDays(days: Day[]): string {
  if (days.length === 0) return ''
  const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : 1))
  const byDay = new Map(sorted.map((d) => [dayNumber(d.day), d]))
  const first = dayNumber((sorted[0] as Day).day)
  const last = dayNumber((sorted[sorted.length - 1] as Day).day)
  const runs: [string, number][] = []
  for (let n = first; n <= last; n++) {
    const d = byDay.get(n)
    const token = !d
      ? '0'
      : d.degraded === 0 && d.down === 0
        ? String(d.up)
        : `${d.up}.${d.degraded}.${d.down}`
    const run = runs[runs.length - 1]
    if (run && run[0] === token) run[1]++
    else runs.push([token, 1])
  }
  const tokens = runs.map(([t, n]) => (n === 1 ? t : `${t}*${n}`))
  return `${dayText(first)} ${tokens.join(' ')}`
}

/** The daily totals of an encoded string; null when it is not one. */
export function decodeDays(text: string): Day[] | null {
  if (text === '') return []
  const match = DAYS_TEXT.exec(text)
  if (!match || text.length > 4_000) return null
  const first = dayNumber(match[1] as string)
  if (!Number.isInteger(first)) return null
  const days: Day[] = []
  let n = first
  for (const token of (match[2] as string).split(' ').slice(1)) {
    const [value = '', times = '1'] = token.split('*')
    const [up = 0, degraded = 0, down = 0] = value.split('.').map(Number)
    const count = Number(times)
    if (count < 1 || up + degraded + down > DAY_S || n - first + count > 400)
      return null
    for (let i = 0; i < count; i++, n++)
      if (up + degraded + down > 0)
        days.push({ day: dayText(n), up, degraded, down })
  }
  return days
}

const daily = z
  .union([z.string().max(4_000), z.array(DaySchema).max(MAX_DAYS * 4)])
  .transform((value, ctx): Day[] => {
    // A list of day objects is the earlier shape of the same totals.
    if (Array.isArray(value)) return value
    const days = decodeDays(value)
    if (days === null) {
      ctx.addIssue({ code: 'custom', message: 'not encoded daily totals' })
      return z.NEVER
    }
    return days
  })

export const ServiceStateSchema = z.object({
  /** The confirmed state, which flips only after the thresholds. */
  status: state,
  since: iso,
  /** What the last run saw, and how many runs in a row saw it. */
  observed: state.default('unknown'),
  streak: z.int().min(0).max(1_000_000).default(0),
  latency_ms: z.int().min(0).max(3_600_000).nullable().default(null),
  reason: z.string().max(500).nullable().default(null),
  last_check: iso.nullable().default(null),
  /** Which run (and which of its checks) the last check came from. */
  last_source: z.string().max(100).default(''),
  recent: z.array(CheckSchema).default([]),
  daily: daily.default([])
})

export const DeploymentSchema = z.object({
  tag: z.string().max(100),
  sha: z.string().max(64),
  time: iso,
  actor: z.string().max(100),
  components: z.array(z.string().max(100)).max(MAX_SERVICES),
  verified: z.boolean().nullable(),
  kind: z.enum(['deploy', 'update-component', 'rollback']).default('deploy'),
  /** Kept for readers of older states; never shown: links are rebuilt. */
  run_url: z.string().max(500).default('')
})

export const EventSchema = z.object({
  at: iso,
  kind: z.string().max(40),
  text: z.string().max(1000),
  run: z.string().max(200).default(''),
  actor: z.string().max(100).default('')
})

export const HaltSchema = z.object({
  by: z.string().max(100),
  at: iso,
  reason: z.string().max(1000)
})

export const NotifyMemorySchema = z.object({
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

const LastRunSchema = z
  .object({
    id: z.string().max(40),
    /** Kept for readers of older states; never shown: links are rebuilt. */
    url: z.string().max(500),
    at: iso
  })
  .nullable()

const ThresholdsSchema = z.object({
  failure: z.int().min(1).max(1000),
  success: z.int().min(1).max(1000)
})

/** The only commands the state may carry: the workflow, fixed flags, safe values. */
const SAFE_COMMAND =
  /^gh workflow run ai-agent-handoff-runbook\.yml( -f [a-z_]+=("<[a-z ]{1,40}>"|<deployment-YYYYMMDD-HHMMSS>|[a-z0-9-]{1,100}))+$/

/** The one next step, as the situation model decided it in the last run. */
export const NextSchema = z.strictObject({
  situation: z.enum(SITUATIONS),
  command: z.string().max(300).regex(SAFE_COMMAND).nullable(),
  why: z.string().max(1000),
  /** Where a rollback would go now: a well-formed deployment tag, or null. */
  target: z
    .string()
    .regex(/^deployment-\d{8}-\d{6}$/)
    .nullable()
})

/** What runs on each service, as read from the recorded deployments. */
export const LiveSchema = z.record(
  z.string().regex(SERVICE_NAME),
  z
    .strictObject({
      tag: z.string().regex(/^(deployment-\d{8}-\d{6})?$/),
      sha: z.string().regex(/^[0-9a-f]{0,64}$/),
      kind: z.enum(['deploy', 'update-component', 'rollback']),
      since: iso,
      verified: z.boolean().nullable()
    })
    .nullable()
)

export const DashboardStateSchema = z.object({
  schema: z.literal(1),
  updated_at: iso,
  overall,
  halt: HaltSchema.nullable(),
  deployments: z.array(DeploymentSchema),
  services: z.record(z.string().max(100), ServiceStateSchema),
  events: z.array(EventSchema),
  last_run: LastRunSchema.default(null),
  thresholds: ThresholdsSchema.default({ failure: 1, success: 1 }),
  notify: NotifyMemorySchema.default({
    last_kind: null,
    last_overall: null,
    last_sent_at: null,
    last_attempt_at: null,
    last_error: null,
    claims: []
  }),
  /** The services were stopped by an emergency stop and not started since. */
  stopped: z.boolean().catch(false).default(false),
  next: NextSchema.nullable().catch(null).default(null),
  live: LiveSchema.catch({}).default({})
})

export type DashboardState = z.infer<typeof DashboardStateSchema>
export type ServiceHistory = z.infer<typeof ServiceStateSchema>
export type DeploymentRecord = z.infer<typeof DeploymentSchema>
export type DashboardEvent = z.infer<typeof EventSchema>

/** A service's keys that `service_defaults.<status>` may hold for it. */
const SHARED_KEYS = [
  'since',
  'observed',
  'streak',
  'latency_ms',
  'reason',
  'last_check',
  'last_source',
  'recent',
  'daily'
] as const

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
  /** What could not be read and was rebuilt or dropped; empty when the body was whole. */
  problems: string[]
}

/**
 * The JSON text with every value nested deeper than MAX_DEPTH replaced by
 * null, so that neither JSON.parse nor anything after it meets a deep
 * structure; and how deep the text went.
 */
export function flatten(json: string): { text: string; depth: number } {
  let depth = 0
  let deepest = 0
  let inString = false
  // Where the part deeper than the limit began: set on the way in, always
  // before the bracket that closes it.
  let cutFrom = 0
  let kept = 0
  const parts: string[] = []
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      depth++
      deepest = Math.max(deepest, depth)
      if (depth === MAX_DEPTH + 1) cutFrom = i
    } else if (c === 0x7d || c === 0x5d) {
      if (depth === MAX_DEPTH + 1) {
        parts.push(json.slice(kept, cutFrom), 'null')
        kept = i + 1
      }
      depth--
    }
  }
  parts.push(json.slice(kept))
  return { text: parts.join(''), depth: deepest }
}

/**
 * Reads the state block from a body. A blank, hand-edited, corrupt or forged
 * body never throws: each part that can be read is kept, the rest is rebuilt,
 * and what was dropped is said in `problems`.
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
  if (json.length > MAX_STATE_CHARS)
    return {
      state: fresh,
      problems: [
        `the state block was too long (${json.length} characters; at most ${MAX_STATE_CHARS})`
      ]
    }
  const problems: string[] = []
  const flat = flatten(json)
  if (flat.depth > MAX_DEPTH)
    problems.push(
      `the state block was nested ${flat.depth} levels deep (at most ${MAX_DEPTH}): the deeper parts were dropped`
    )
  let raw: unknown
  try {
    raw = JSON.parse(flat.text)
  } catch {
    return { state: fresh, problems: ['the state block was not valid JSON'] }
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { state: fresh, problems: ['the state block was not an object'] }
  const read = salvage(raw as Record<string, unknown>, fresh)
  problems.push(...read.problems)
  bound(read.state, now, problems)
  return { state: read.state, problems }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const entries = (n: number): string => `entr${n === 1 ? 'y' : 'ies'}`

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
    const lost = value.length - kept.length
    if (lost > 0) problems.push(`${lost} unreadable "${key}" ${entries(lost)}`)
    return kept
  }
  pick('updated_at', iso, (v) => (state.updated_at = v))
  pick('overall', overall, (v) => (state.overall = v))
  pick('halt', HaltSchema.nullable(), (v) => (state.halt = v))
  pick('last_run', LastRunSchema, (v) => (state.last_run = v))
  pick('thresholds', ThresholdsSchema, (v) => (state.thresholds = v))
  pick('notify', NotifyMemorySchema, (v) => (state.notify = v))
  pick('stopped', z.boolean(), (v) => (state.stopped = v))
  pick('next', NextSchema.nullable(), (v) => (state.next = v))
  pick('live', LiveSchema, (v) => (state.live = v))
  state.deployments = list('deployments', DeploymentSchema)
  state.events = list('events', EventSchema)
  const services = raw.services
  if (isObject(services)) {
    // Keys a service leaves out take their value from the defaults for
    // its status.
    const defaults = (value: unknown): Record<string, unknown> => {
      const all = raw.service_defaults
      const status = isObject(value) ? value.status : undefined
      const own =
        isObject(all) &&
        typeof status === 'string' &&
        Object.hasOwn(all, status)
          ? all[status]
          : undefined
      if (!isObject(own)) return {}
      return Object.fromEntries(
        SHARED_KEYS.filter((key) => Object.hasOwn(own, key)).map((key) => [
          key,
          own[key]
        ])
      )
    }
    let unnamed = 0
    for (const [name, value] of Object.entries(services)) {
      if (!SERVICE_NAME.test(name)) {
        unnamed++
        continue
      }
      const entry = isObject(value) ? { ...defaults(value), ...value } : value
      let parsed = ServiceStateSchema.safeParse(entry)
      if (!parsed.success && isObject(entry)) {
        // Keep the readable checks and days of a service with a bad one.
        const valid = (list: unknown, schema: z.ZodType) =>
          Array.isArray(list)
            ? list.filter((item) => schema.safeParse(item).success)
            : schema === DaySchema && daily.safeParse(list).success
              ? list
              : undefined
        parsed = ServiceStateSchema.safeParse({
          ...entry,
          recent: valid(entry.recent, CheckSchema),
          daily: valid(entry.daily, DaySchema)
        })
        if (parsed.success)
          problems.push(`unreadable checks of service "${name}"`)
      }
      if (parsed.success) state.services[name] = parsed.data
      else problems.push(`service "${name}" was unreadable`)
    }
    if (unnamed > 0)
      problems.push(
        `${unnamed} "services" ${entries(unnamed)} without a valid service name`
      )
  } else if (services !== undefined) problems.push('"services" was unreadable')
  if (raw.schema !== 1) problems.push('"schema" was not 1')
  return { state, problems }
}

/**
 * Caps every list and drops or resets anything dated after now (with a
 * little clock skew): a forged future time would hide every real one after
 * it, or keep a forged event on top for ever.
 */
function bound(state: DashboardState, now: string, problems: string[]): void {
  const nowMs = Date.parse(now)
  const limitMs = nowMs + CLOCK_SKEW_S * 1000
  const future = (time: string | null | undefined): boolean =>
    !!time && Date.parse(time) > limitMs
  const dropped = (what: string, n: number, why: string): void => {
    if (n > 0)
      problems.push(
        `${n} "${what}" ${entries(n)} ${why} ${n === 1 ? 'was' : 'were'} dropped`
      )
  }
  const reset: string[] = []

  if (future(state.updated_at)) {
    state.updated_at = now
    reset.push('updated_at')
  }
  if (state.halt && future(state.halt.at)) {
    // The stop itself stays: showing a halt that is not there is the safe
    // mistake, and the next run reads the real one from its tag.
    state.halt.at = now
    reset.push('halt.at')
  }
  if (state.last_run && future(state.last_run.at)) {
    state.last_run = null
    reset.push('last_run')
  }
  for (const key of ['last_sent_at', 'last_attempt_at'] as const)
    if (future(state.notify[key])) {
      state.notify[key] = null
      reset.push(`notify.${key}`)
    }

  const deployments = state.deployments.filter((d) => !future(d.time))
  dropped(
    'deployments',
    state.deployments.length - deployments.length,
    'dated in the future'
  )
  dropped(
    'deployments',
    deployments.length - MAX_DEPLOYMENTS,
    `beyond ${MAX_DEPLOYMENTS}`
  )
  state.deployments = deployments.slice(0, MAX_DEPLOYMENTS)

  const events = state.events.filter((e) => !future(e.at))
  dropped('events', state.events.length - events.length, 'dated in the future')
  dropped('events', events.length - MAX_EVENTS, `beyond ${MAX_EVENTS}`)
  state.events = events.slice(0, MAX_EVENTS)

  const names = Object.keys(state.services)
  for (const name of names.slice(MAX_SERVICES)) delete state.services[name]
  dropped('services', names.length - MAX_SERVICES, `beyond ${MAX_SERVICES}`)

  const limitS = Math.floor(limitMs / 1000)
  const lastDay = new Date(limitMs).toISOString().slice(0, 10)
  const forged = new Set<string>()
  let cut = 0
  for (const [name, h] of Object.entries(state.services)) {
    const recent = h.recent.filter((c) => c[0] <= limitS)
    const days = h.daily.filter((d) => d.day <= lastDay)
    if (
      recent.length < h.recent.length ||
      days.length < h.daily.length ||
      future(h.last_check) ||
      future(h.since)
    )
      forged.add(name)
    if (future(h.last_check)) h.last_check = null
    if (future(h.since)) h.since = now
    recent.sort((a, b) => a[0] - b[0])
    days.sort((a, b) => (a.day < b.day ? -1 : 1))
    if (recent.length > MAX_RECENT || days.length > MAX_DAYS) cut++
    h.recent = recent.slice(-MAX_RECENT)
    h.daily = days.slice(-MAX_DAYS)
  }
  if (forged.size > 0)
    problems.push(
      `future times of ${forged.size} service${forged.size === 1 ? '' : 's'} (${[...forged].slice(0, 5).join(', ')}${forged.size > 5 ? ', …' : ''}) were dropped or reset`
    )
  if (cut > 0)
    problems.push(
      `the oldest checks of ${cut} service${cut === 1 ? '' : 's'} beyond ${MAX_RECENT} checks or ${MAX_DAYS} days were dropped`
    )
  if (reset.length > 0)
    problems.push(
      `${reset.join(', ')} dated in the future ${reset.length === 1 ? 'was' : 'were'} reset`
    )
}

export interface SerializeOptions {
  /**
   * Writes the values that most services of a status share once, in
   * `service_defaults.<status>`, and leaves them out of those services: for
   * many services, the difference between fitting and not.
   */
  shareDefaults?: boolean
}

/** The JSON of one service as it is written: its days encoded. */
function serviceJson(h: ServiceHistory): Record<string, unknown> {
  return { ...h, daily: encodeDays(h.daily) }
}

/** The state block: the JSON never contains "-->" or "<!--", whatever the text in it. */
export function serializeState(
  state: DashboardState,
  options: SerializeOptions = {}
): string {
  const services = Object.fromEntries(
    Object.entries(state.services).map(([name, h]) => [name, serviceJson(h)])
  )
  let written: Record<string, unknown> = { ...state, services }
  if (options.shareDefaults) {
    // Per status, the value most services in it have, compared as JSON.
    const shared: Record<string, Record<string, unknown>> = {}
    for (const status of new Set(
      Object.values(state.services).map((h) => h.status)
    )) {
      const group = Object.values(services).filter((s) => s.status === status)
      const own: Record<string, unknown> = {}
      for (const key of SHARED_KEYS) {
        const counts = new Map<string, number>()
        for (const s of group) {
          const text = JSON.stringify(s[key])
          counts.set(text, (counts.get(text) ?? 0) + 1)
        }
        let best: [string, number] | undefined
        for (const entry of counts)
          if (!best || entry[1] > best[1]) best = entry
        if (best && best[1] > 1) own[key] = JSON.parse(best[0])
      }
      shared[status] = own
    }
    const slim = Object.fromEntries(
      Object.entries(services).map(([name, s]) => {
        const own = shared[s.status as string] ?? {}
        return [
          name,
          Object.fromEntries(
            Object.entries(s).filter(
              ([key, value]) =>
                !(key in own) ||
                JSON.stringify(value) !== JSON.stringify(own[key])
            )
          )
        ]
      })
    )
    written = { ...state, services: slim, service_defaults: shared }
  }
  const json = JSON.stringify(written).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  return `${STATE_OPEN}\n${json}\n${STATE_CLOSE}`
}
