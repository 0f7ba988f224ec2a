// The words of a notification, shared by every channel, and the one way to cut
// untrusted text to a length limit after it has been escaped for a channel.

import { oneLine } from '../safe-text.js'
import type { AffectedService, NotifyEvent, NotifyKind } from './event.js'
import { STATUS_ICON } from '../status.js'

export type Escape = (text: string) => string

const asIs: Escape = (text) => text

/**
 * Untrusted text as one line, escaped with `escape` and at most `max`
 * characters (UTF-16 units, as the chat services count) long, ending in "…"
 * when cut. It cuts the raw text, so it never splits an escape sequence or a
 * surrogate pair.
 */
export function fit(text: string, max: number, escape: Escape = asIs): string {
  if (max <= 0) return ''
  // Line and paragraph separators part words; oneLine would just drop them.
  const line = oneLine(text.replace(/[\u0085\u2028\u2029]/g, ' '), Infinity)
  const full = escape(line)
  if (full.length <= max) return full
  // Escaping never shortens text, so no more than `max` code points can fit.
  const chars = Array.from(line.slice(0, 2 * max + 2)).slice(0, max)
  let lo = 0
  let hi = chars.length
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (escape(chars.slice(0, mid).join('')).length + 1 <= max) lo = mid
    else hi = mid - 1
  }
  return `${escape(chars.slice(0, lo).join('')).trimEnd()}…`
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/** "2 down, 1 degraded" over the services shown. */
export function serviceCounts(services: AffectedService[]): string {
  const down = services.filter((s) => s.status === 'down').length
  const degraded = services.filter((s) => s.status === 'degraded').length
  const parts: string[] = []
  if (down > 0) parts.push(`${down} down`)
  if (degraded > 0) parts.push(`${degraded} degraded`)
  return parts.join(', ')
}

/**
 * The headline, plain and unescaped; only the tag in it comes from outside,
 * and each channel escapes the whole line.
 */
export function headline(event: NotifyEvent): string {
  const counts = serviceCounts(event.services)
  const state = counts ? `${event.overall}: ${counts}` : event.overall
  const tag = event.tag ? ` ${event.tag}` : ''
  switch (event.kind) {
    case 'critical':
      return `🔴 Critical${counts ? ` — ${counts}` : ''}`
    case 'reminder':
      return `🔴 Still critical${counts ? ` — ${counts}` : ''}`
    case 'recovered':
      return event.overall === 'healthy'
        ? '🟢 Recovered — all services healthy'
        : `${STATUS_ICON[event.overall]} Recovered from critical — now ${state}`
    case 'rollback-executed':
      return `↩️ Rolled back to${tag || ' the previous deployment'} — now ${event.overall}`
    case 'rollback-failed':
      return `🔴 Rollback${tag ? ` to${tag}` : ''} failed — now ${event.overall}`
    case 'emergency-stop':
      return '🛑 Emergency stop — deployments halted'
    case 'resume':
      return '▶️ Deployments resumed'
  }
}

/** How a kind merged into another's message is mentioned. */
export const ALSO_TEXT: Record<NotifyKind, string> = {
  critical: 'the system became critical',
  recovered: 'the system recovered from critical',
  'rollback-executed': 'a rollback was executed',
  'rollback-failed': 'a rollback failed',
  'emergency-stop': 'deployments were halted by an emergency stop',
  resume: 'deployments were resumed',
  reminder: 'the system is still critical'
}

/** The other kinds merged into this message, in words, or ''. */
export function alsoLine(event: NotifyEvent): string {
  const also = (event.also ?? []).filter((kind) => kind !== event.kind)
  if (also.length === 0) return ''
  const words = also.map((kind) => ALSO_TEXT[kind])
  return `Also: ${words.join('; ')}.`
}

/** What the free-text reason of the run is called, by kind. */
export function reasonLabel(kind: NotifyKind): string {
  switch (kind) {
    case 'emergency-stop':
      return 'Stop reason'
    case 'resume':
      return 'Resume reason'
    case 'rollback-executed':
    case 'rollback-failed':
      return 'Rollback reason'
    default:
      return 'Reason'
  }
}

export function tagLabel(kind: NotifyKind): string {
  return kind === 'rollback-executed' || kind === 'rollback-failed'
    ? 'Rollback to'
    : 'Deployment'
}

/** The run's outcome as it appears in a notification's accent colour. */
export type Severity = 'bad' | 'warn' | 'good'

export function severity(event: NotifyEvent): Severity {
  switch (event.kind) {
    case 'critical':
    case 'reminder':
    case 'rollback-failed':
      return 'bad'
    case 'emergency-stop':
      return 'warn'
    case 'resume':
      return 'good'
    case 'recovered':
    case 'rollback-executed':
      return event.overall === 'critical'
        ? 'bad'
        : event.overall === 'degraded'
          ? 'warn'
          : 'good'
  }
}

/** An http(s) URL no longer than `max`: anything else is left out, not cut. */
export function isLink(url: string, max: number): boolean {
  if (!url || url.length > max) return false
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
  } catch {
    return false
  }
}
