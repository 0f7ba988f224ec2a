// Uptime computed from time, not from counts of checks: each check stands for
// the time around it, half-way to its neighbours (at most MAX_GAP / 2 on each
// side, so a longer gap is unknown time), and old checks are folded into
// daily totals so a year of history stays small.

import type { Check, Day, ServiceHistory } from './state.js'

/** A gap longer than this between two checks is partly unknown time. */
export const MAX_GAP_S = 7 * 3600
export const DAY_S = 86_400
export const KEEP_DAYS = 31

const toSeconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000)
const dayOf = (s: number): string =>
  new Date(s * 1000).toISOString().slice(0, 10)
const dayStart = (day: string): number => toSeconds(`${day}T00:00:00Z`)

interface Span {
  from: number
  to: number
  state: Check[1]
}

/**
 * The time each raw check stands for, oldest first: half-way back to the
 * previous check and half-way on to the next (the newest: on to now), each
 * half at most MAX_GAP / 2. A service found down now has been down for half
 * the time since it was last seen up, as far as anyone can tell.
 */
export function spans(recent: Check[], nowS: number): Span[] {
  const sorted = [...recent].sort((a, b) => a[0] - b[0])
  const half = (gap: number): number =>
    Math.max(0, Math.min(gap / 2, MAX_GAP_S / 2))
  return sorted.map((check, i) => {
    const t = check[0]
    const previous = sorted[i - 1]?.[0]
    const next = sorted[i + 1]?.[0]
    return {
      from: previous === undefined ? t : t - half(t - previous),
      to: next === undefined ? t + half(2 * (nowS - t)) : t + half(next - t),
      state: check[1]
    }
  })
}

/** Share of known time up (healthy or degraded) in the last `windowS`; null when nothing is known. */
export function uptime(
  history: Pick<ServiceHistory, 'recent' | 'daily'>,
  windowS: number,
  nowS: number
): number | null {
  const from = nowS - windowS
  let up = 0
  let known = 0
  for (const span of spans(history.recent, nowS)) {
    const length = Math.min(span.to, nowS) - Math.max(span.from, from)
    if (length <= 0) continue
    known += length
    if (span.state !== 'x') up += length
  }
  const oldestRaw = Math.min(nowS, ...history.recent.map((check) => check[0]))
  for (const day of history.daily) {
    const total = day.up + day.degraded + day.down
    if (total === 0) continue
    // A day's totals cover the time before the raw checks take over (a whole
    // day, or its folded part): taken as the `total` seconds ending there.
    const end = Math.min(dayStart(day.day) + DAY_S, oldestRaw)
    const overlap = end - Math.max(end - total, from)
    if (overlap <= 0) continue
    const share = Math.min(1, overlap / total)
    known += total * share
    up += (day.up + day.degraded) * share
  }
  return known > 0 ? up / known : null
}

/**
 * Folds raw checks older than `keepS` (but always keeping the newest
 * `keepAtLeast`) into daily totals, and drops days older than KEEP_DAYS.
 */
export function compact(
  history: ServiceHistory,
  nowS: number,
  keepS: number,
  keepAtLeast = 2
): void {
  const sorted = [...history.recent].sort((a, b) => a[0] - b[0])
  const cut = Math.max(0, sorted.length - keepAtLeast)
  let fold = 0
  while (fold < cut && (sorted[fold]?.[0] ?? nowS) < nowS - keepS) fold++
  const all = spans(sorted, nowS)
  const days = new Map(history.daily.map((d) => [d.day, { ...d }]))
  // The folded checks' time, and the half-gap before the first kept check,
  // which the kept checks alone no longer cover.
  const segments: Span[] = all.slice(0, fold)
  const kept = sorted[fold]
  if (fold > 0 && kept)
    segments.push({
      from: (all[fold] as Span).from,
      to: kept[0],
      state: kept[1]
    })
  for (const span of segments) {
    for (let t = span.from; t < span.to;) {
      const key = dayOf(t)
      const end = Math.min(span.to, dayStart(key) + DAY_S)
      const day: Day = days.get(key) ?? {
        day: key,
        up: 0,
        degraded: 0,
        down: 0
      }
      const length = end - t
      if (span.state === 'h') day.up += length
      else if (span.state === 'd') day.degraded += length
      else day.down += length
      days.set(key, day)
      t = end
    }
  }
  const oldest = dayOf(nowS - KEEP_DAYS * DAY_S)
  history.daily = [...days.values()]
    .filter((d) => d.day >= oldest)
    .sort((a, b) => (a.day < b.day ? -1 : 1))
    .map((d) => ({
      ...d,
      up: Math.round(d.up),
      degraded: Math.round(d.degraded),
      down: Math.round(d.down)
    }))
  history.recent = sorted.slice(fold)
}

/**
 * Spreads the daily totals older than yesterday evenly over two spans, the
 * week before yesterday and the days before that, so that they encode as
 * two runs of equal days. The totals stay (to the second per day), so the
 * 7 d and 30 d figures barely move; only which day had the outage is lost.
 */
export function coarsen(history: ServiceHistory, nowS: number): void {
  const today = Math.floor(nowS / DAY_S)
  const dayNumber = (d: Day): number => Math.floor(dayStart(d.day) / DAY_S)
  const spread = (from: number, to: number): Day[] => {
    const inside = history.daily.filter(
      (d) => dayNumber(d) >= from && dayNumber(d) <= to
    )
    if (inside.length === 0) return []
    const first = Math.min(...inside.map(dayNumber))
    const count = to - first + 1
    const mean = (key: 'up' | 'degraded' | 'down'): number =>
      Math.floor(inside.reduce((sum, d) => sum + d[key], 0) / count)
    const day = {
      up: mean('up'),
      degraded: mean('degraded'),
      down: mean('down')
    }
    return Array.from({ length: count }, (_, i) => ({
      day: dayOf((first + i) * DAY_S),
      ...day
    }))
  }
  history.daily = [
    ...spread(-Infinity, today - 8),
    ...spread(today - 7, today - 2),
    ...history.daily.filter((d) => dayNumber(d) >= today - 1)
  ]
}
