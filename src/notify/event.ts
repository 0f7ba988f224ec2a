// What a notification is about, and the decision of what to send in a run
// given what was sent before: one message per state change, reminders while
// critical, and no repeats of a message that already reached someone.

import type { OverallStatus } from '../health-report.js'

export type NotifyKind =
  | 'critical'
  | 'recovered'
  | 'rollback-executed'
  | 'rollback-failed'
  | 'emergency-stop'
  | 'resume'
  | 'reminder'

/** The kinds a run reports as events, whatever the state: always sent. */
export type RunEventKind =
  'rollback-executed' | 'rollback-failed' | 'emergency-stop' | 'resume'

export const NOTIFY_KINDS: readonly NotifyKind[] = [
  'critical',
  'recovered',
  'rollback-executed',
  'rollback-failed',
  'emergency-stop',
  'resume',
  'reminder'
]

export interface AffectedService {
  name: string
  title: string
  status: 'healthy' | 'degraded' | 'down'
  reason: string | null
}

export interface NotifyEvent {
  /** What the message leads with. */
  kind: NotifyKind
  /** Further kinds merged into the same message, e.g. `recovered` after a rollback. */
  also?: NotifyKind[]
  overall: OverallStatus
  /** owner/repo, or ''. */
  repository: string
  /** The services to show: the down and degraded ones, or all on recovery. */
  services: AffectedService[]
  /** The deployment or rollback tag. */
  tag?: string
  /** Who triggered the run. */
  actor: string
  /** Free text given with a stop, rollback or resume. */
  reason?: string
  /** Link to the run, or '' locally. */
  runUrl: string
  /** Link to the dashboard issue, or '' locally. */
  dashboardUrl: string
  /** ISO time. */
  at: string
}

/**
 * What was sent, kept in the dashboard state between runs. `last_*` describe
 * the last message that reached at least one channel; the attempt fields let a
 * message no channel received be retried on a later run, with a growing wait.
 */
export interface NotifyMemory {
  last_kind: NotifyKind | null
  /** The overall state people were last told about. */
  last_overall: OverallStatus | null
  last_sent_at: string | null
  /** The last time a message was attempted, delivered or not. */
  last_attempt_at: string | null
  /** Attempts in a row that reached no channel. */
  failed_attempts: number
}

export const EMPTY_MEMORY: NotifyMemory = {
  last_kind: null,
  last_overall: null,
  last_sent_at: null,
  last_attempt_at: null,
  failed_attempts: 0
}

/**
 * The order kinds are listed in one message; the first is its headline. A
 * stop or a rollback explains the state change that comes with it, so it leads.
 */
const PRIORITY: readonly NotifyKind[] = [
  'emergency-stop',
  'rollback-failed',
  'rollback-executed',
  'critical',
  'resume',
  'recovered',
  'reminder'
]

const STATE_KINDS: ReadonlySet<NotifyKind> = new Set([
  'critical',
  'recovered',
  'reminder'
])

const HOUR_MS = 3_600_000
const MINUTE_MS = 60_000

export interface DecideInput {
  /** The stored memory; undefined on the first run ever. */
  memory: NotifyMemory | undefined
  /** The confirmed overall state now. */
  overall: OverallStatus
  /** What happened in this run. */
  events: readonly RunEventKind[]
  /** While critical, remind at most this often. */
  reminderHours: number
  now: Date
  /**
   * The wait before retrying a state message that reached no channel; it
   * doubles with each failure in a row, up to `reminderHours`. Default 15.
   */
  retryMinutes?: number
}

export interface Decision {
  /** The kinds to send as one message, headline first; empty: send nothing. */
  kinds: NotifyKind[]
  /** The memory to store when at least one channel received the message. */
  delivered: NotifyMemory
  /** The memory to store when no channel received it. */
  undelivered: NotifyMemory
}

/**
 * Decides what to send now. All the kinds go in one message (see PRIORITY):
 * a rollback and the recovery it brought are one piece of news, and one
 * message per run keeps a channel readable. A reminder is dropped whenever
 * anything else is sent, since that message says the same.
 */
export function decide(input: DecideInput): Decision {
  const memory = input.memory ?? EMPTY_MEMORY
  const now = input.now.getTime()
  const wasCritical = memory.last_overall === 'critical'
  const isCritical = input.overall === 'critical'

  const wanted = new Set<NotifyKind>(input.events)
  if (isCritical && !wasCritical) wanted.add('critical')
  if (wasCritical && !isCritical) wanted.add('recovered')
  if (isCritical && wasCritical && wanted.size === 0) {
    const last = parseTime(memory.last_sent_at)
    if (last === null || now - last >= input.reminderHours * HOUR_MS)
      wanted.add('reminder')
  }

  if (wanted.size === 0) {
    // Nothing is pending, so an earlier failure no longer delays anything.
    const settled = { ...memory, failed_attempts: 0 }
    return { kinds: [], delivered: settled, undelivered: settled }
  }

  const onlyState = [...wanted].every((kind) => STATE_KINDS.has(kind))
  if (onlyState && retryWaiting(memory, input, now))
    return { kinds: [], delivered: memory, undelivered: memory }

  const kinds = PRIORITY.filter((kind) => wanted.has(kind))
  const at = input.now.toISOString()
  return {
    kinds,
    delivered: {
      last_kind: kinds[0] ?? null,
      last_overall: input.overall,
      last_sent_at: at,
      last_attempt_at: at,
      failed_attempts: 0
    },
    undelivered: {
      ...memory,
      last_attempt_at: at,
      failed_attempts: memory.failed_attempts + 1
    }
  }
}

/** The memory to store once the decided message was (or was not) delivered. */
export function settle(decision: Decision, delivered: boolean): NotifyMemory {
  return delivered ? decision.delivered : decision.undelivered
}

/** A state message that reached no channel waits before it is tried again. */
function retryWaiting(
  memory: NotifyMemory,
  input: DecideInput,
  now: number
): boolean {
  if (memory.failed_attempts === 0) return false
  const last = parseTime(memory.last_attempt_at)
  if (last === null) return false
  const base = (input.retryMinutes ?? 15) * MINUTE_MS
  const wait = Math.min(
    base * 2 ** Math.min(memory.failed_attempts - 1, 20),
    input.reminderHours * HOUR_MS
  )
  return now - last < wait
}

/**
 * The memory read back from the dashboard state, which people can edit:
 * anything missing or malformed becomes its empty value, never an error.
 */
export function readMemory(value: unknown): NotifyMemory | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return undefined
  const v = value as Record<string, unknown>
  const kind = v.last_kind
  const overall = v.last_overall
  const failed = v.failed_attempts
  return {
    last_kind: NOTIFY_KINDS.includes(kind as NotifyKind)
      ? (kind as NotifyKind)
      : null,
    last_overall:
      overall === 'healthy' || overall === 'degraded' || overall === 'critical'
        ? overall
        : null,
    last_sent_at: isoOrNull(v.last_sent_at),
    last_attempt_at: isoOrNull(v.last_attempt_at),
    failed_attempts:
      typeof failed === 'number' && Number.isInteger(failed) && failed > 0
        ? Math.min(failed, 1000)
        : 0
  }
}

function isoOrNull(value: unknown): string | null {
  return typeof value === 'string' && parseTime(value) !== null ? value : null
}

function parseTime(value: string | null): number | null {
  if (value === null) return null
  const time = Date.parse(value)
  return Number.isNaN(time) ? null : time
}
