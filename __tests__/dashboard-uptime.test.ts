import { describe, expect, test } from '@jest/globals'
import type { Check } from '../src/dashboard/state.js'
import {
  DAY_S,
  KEEP_DAYS,
  MAX_GAP_S,
  coarsen,
  compact,
  spans,
  uptime
} from '../src/dashboard/uptime.js'
import { checks, history, toSeconds } from './helpers/dashboard.js'

const NOW = '2025-12-22T13:00:00.000Z'
const NOW_S = toSeconds(NOW)
const HOUR = 3600
const WINDOWS = [DAY_S, 7 * DAY_S, 30 * DAY_S]

const figures = (h: Parameters<typeof uptime>[0]): (number | null)[] =>
  WINDOWS.map((w) => uptime(h, w, NOW_S))

describe('uptime', () => {
  test('is a share of time, not of the number of checks', () => {
    // One down check, then 6 h later ten healthy checks a minute apart.
    const start = NOW_S - 6 * HOUR - 10 * 60
    const recent: Check[] = [
      [start, 'x', null],
      ...checks(start + 6 * HOUR, NOW_S, 60)
    ]
    expect(recent).toHaveLength(11)
    // Each check stands for half the gap to its neighbours: the 6 h between
    // the down check and the first healthy one split in two.
    const down = 3 * HOUR
    const up = 3 * HOUR + 10 * 60
    expect(uptime({ recent, daily: [] }, DAY_S, NOW_S)).toBeCloseTo(
      up / (up + down),
      10
    )
  })

  test('a check stands for half the gaps around it, the newest until now', () => {
    const recent: Check[] = [
      [NOW_S - 2 * HOUR, 'h', 10],
      [NOW_S - HOUR, 'x', null]
    ]
    // Up for half an hour, then down from half-way until now: 1.5 h.
    expect(uptime({ recent, daily: [] }, DAY_S, NOW_S)).toBeCloseTo(0.25, 10)
  })

  test('a service found down at the last check is not 100 % up', () => {
    const recent: Check[] = [
      ...checks(NOW_S - 6 * HOUR, NOW_S, HOUR),
      [NOW_S, 'x', null]
    ]
    expect(uptime({ recent, daily: [] }, DAY_S, NOW_S)).toBeLessThan(1)
  })

  test('a degraded check counts as up', () => {
    const recent: Check[] = [
      [NOW_S - 2 * HOUR, 'd', 3000],
      [NOW_S - HOUR, 'x', null]
    ]
    expect(uptime({ recent, daily: [] }, DAY_S, NOW_S)).toBeCloseTo(0.25, 10)
  })

  test('a gap longer than MAX_GAP is unknown time, neither up nor down', () => {
    // Down at t0, nothing for 10 h, then healthy for the last hour.
    const t0 = NOW_S - 11 * HOUR
    const recent: Check[] = [
      [t0, 'x', null],
      [t0 + 10 * HOUR, 'h', 10]
    ]
    const [first, second] = spans(recent, NOW_S)
    expect(first).toEqual({ from: t0, to: t0 + MAX_GAP_S / 2, state: 'x' })
    expect(second?.from).toBe(t0 + 10 * HOUR - MAX_GAP_S / 2)
    const up = MAX_GAP_S / 2 + HOUR
    expect(uptime({ recent, daily: [] }, DAY_S, NOW_S)).toBeCloseTo(
      up / (up + MAX_GAP_S / 2),
      10
    )
  })

  test('only the part of a check inside the window counts', () => {
    // Down 25 h ago, up again 22 h ago: down until half-way, 23.5 h ago, so
    // half an hour of it is inside the 24 h.
    const recent: Check[] = [
      [NOW_S - 25 * HOUR, 'x', null],
      ...checks(NOW_S - 22 * HOUR, NOW_S, HOUR)
    ]
    expect(uptime({ recent, daily: [] }, DAY_S, NOW_S)).toBeCloseTo(
      23.5 / 24,
      10
    )
  })

  test('nothing known in the window gives null, not 0 % or 100 %', () => {
    expect(uptime({ recent: [], daily: [] }, DAY_S, NOW_S)).toBeNull()
    const old: Check[] = [[NOW_S - 3 * DAY_S, 'h', 10]]
    expect(uptime({ recent: old, daily: [] }, DAY_S, NOW_S)).toBeNull()
  })
})

describe('compact', () => {
  test('moves checks older than keepS into daily totals of seconds', () => {
    const h = history(checks(NOW_S - 3 * DAY_S, NOW_S, 300))
    compact(h, NOW_S, DAY_S)
    expect(h.recent[0]?.[0]).toBeGreaterThanOrEqual(NOW_S - DAY_S)
    expect(h.recent).toHaveLength(DAY_S / 300)
    expect(h.daily.map((d) => d.day)).toEqual([
      '2025-12-19',
      '2025-12-20',
      '2025-12-21'
    ])
    const folded = h.daily.reduce(
      (sum, d) => sum + d.up + d.degraded + d.down,
      0
    )
    expect(folded).toBe(2 * DAY_S)
    expect(h.daily.every((d) => d.down === 0 && d.degraded === 0)).toBe(true)
    expect(h.daily[1]).toMatchObject({ day: '2025-12-20', up: DAY_S })
  })

  test('each state goes to its own daily total', () => {
    const base = toSeconds('2025-12-20T00:00:00.000Z')
    const h = history([
      [base, 'h', 10],
      [base + 6 * HOUR, 'd', 3000],
      [base + 9 * HOUR, 'x', null],
      [base + 10 * HOUR, 'h', 12],
      ...checks(NOW_S - HOUR, NOW_S, 600)
    ])
    compact(h, NOW_S, DAY_S)
    // Half-way splits: up 0–3 h and 9.5–13.5 h, degraded 3–7.5 h, down
    // 7.5–9.5 h; the half-gap before the first kept check goes to its day.
    expect(h.daily).toEqual([
      {
        day: '2025-12-20',
        up: 7 * HOUR,
        degraded: 4.5 * HOUR,
        down: 2 * HOUR
      },
      {
        day: '2025-12-22',
        up: MAX_GAP_S / 2,
        degraded: 0,
        down: 0
      }
    ])
  })

  test('the 24 h, 7 d and 30 d figures stay nearly the same', () => {
    // Down every day from 02:00 to 03:00 UTC, checked every 5 minutes.
    const outage = (t: number): Check[1] =>
      Math.floor((t % DAY_S) / HOUR) === 2 ? 'x' : 'h'
    const h = history(checks(NOW_S - 40 * DAY_S, NOW_S, 300, outage))
    const before = figures(h)
    compact(h, NOW_S, DAY_S)
    const after = figures(h)
    expect(before[2]).toBeCloseTo(23 / 24, 3)
    after.forEach((figure, i) =>
      expect(Math.abs((figure as number) - (before[i] as number))).toBeLessThan(
        0.005
      )
    )
  })

  test('keeps the newest keepAtLeast checks however old they are', () => {
    const h = history(checks(NOW_S - 5 * DAY_S, NOW_S - 4 * DAY_S, HOUR))
    compact(h, NOW_S, DAY_S, 3)
    expect(h.recent).toHaveLength(3)
    expect(h.recent[2]?.[0]).toBe(NOW_S - 4 * DAY_S - HOUR)
  })

  test('compacting twice changes nothing more', () => {
    const h = history(checks(NOW_S - 10 * DAY_S, NOW_S, 300))
    compact(h, NOW_S, DAY_S)
    const once = structuredClone(h)
    compact(h, NOW_S, DAY_S)
    expect(h).toEqual(once)
  })

  test('days older than KEEP_DAYS are dropped', () => {
    const h = history(checks(NOW_S - 60 * DAY_S, NOW_S, 3600))
    compact(h, NOW_S, DAY_S)
    const oldest = new Date((NOW_S - KEEP_DAYS * DAY_S) * 1000)
      .toISOString()
      .slice(0, 10)
    expect(h.daily[0]?.day).toBe(oldest)
    expect(h.daily.length).toBeLessThanOrEqual(KEEP_DAYS + 1)
    // The 30-day figure is still backed by data over the whole window.
    expect(uptime(h, 30 * DAY_S, NOW_S)).toBe(1)
  })

  // src/dashboard/uptime.ts:59: a day's totals are weighted by
  // overlap / DAY_S, as if they covered the whole day. For a day only partly
  // folded (the raw checks still cover the rest of it), they cover just the
  // folded part, so that part is under-weighted: a morning outage that was
  // folded counts for a fraction of its length.
  test('the 24 h figure is unchanged when the morning is folded into today', () => {
    // Down from 00:00 to 07:00 today, healthy otherwise; now is 13:00.
    const today = toSeconds('2025-12-22T00:00:00.000Z')
    const h = history(
      checks(NOW_S - 3 * DAY_S, NOW_S, 300, (t) =>
        t >= today && t < today + 7 * HOUR ? 'x' : 'h'
      )
    )
    const before = uptime(h, DAY_S, NOW_S) as number
    expect(before).toBeCloseTo(17 / 24, 3)
    // The step renderDashboard takes when the body is too long.
    compact(h, NOW_S, 6 * HOUR)
    expect(uptime(h, DAY_S, NOW_S)).toBeCloseTo(before, 2)
  })

  test('the 7 d figure is unchanged when the folded part of yesterday was an outage', () => {
    // Down yesterday from 00:00 to 13:00, healthy otherwise.
    const yesterday = toSeconds('2025-12-21T00:00:00.000Z')
    const h = history(
      checks(NOW_S - 10 * DAY_S, NOW_S, 300, (t) =>
        t >= yesterday && t < yesterday + 13 * HOUR ? 'x' : 'h'
      )
    )
    const before = uptime(h, 7 * DAY_S, NOW_S) as number
    expect(before).toBeCloseTo(1 - 13 / 168, 3)
    compact(h, NOW_S, DAY_S)
    expect(uptime(h, 7 * DAY_S, NOW_S)).toBeCloseTo(before, 2)
  })
})

describe('coarsen', () => {
  // Down one day in four, checked every 6 hours.
  const flapping = (): ReturnType<typeof history> => {
    const h = history(
      checks(NOW_S - 31 * DAY_S, NOW_S, 6 * HOUR, (t) =>
        Math.floor(t / DAY_S) % 4 === 0 ? 'x' : 'h'
      )
    )
    compact(h, NOW_S, DAY_S)
    return h
  }

  test('spreads the days before yesterday evenly over two runs of days', () => {
    const h = flapping()
    const yesterday = h.daily.find((d) => d.day === '2025-12-21')
    coarsen(h, NOW_S)
    expect(h.daily.find((d) => d.day === '2025-12-21')).toEqual(yesterday)
    const older = h.daily.filter((d) => d.day < '2025-12-21')
    const runs = new Set(older.map((d) => `${d.up}.${d.degraded}.${d.down}`))
    expect(runs.size).toBe(2)
  })

  test('the 24 h, 7 d and 30 d figures stay nearly the same', () => {
    const h = flapping()
    const before = figures(h)
    coarsen(h, NOW_S)
    figures(h).forEach((figure, i) =>
      expect(Math.abs((figure as number) - (before[i] as number))).toBeLessThan(
        0.02
      )
    )
  })
})
