import { describe, expect, it } from '@jest/globals'
import {
  EMPTY_MEMORY,
  decide,
  readMemory,
  settle,
  type DecideInput,
  type NotifyMemory,
  type RunEventKind
} from '../../src/notify/event.js'
import type { OverallStatus } from '../../src/health-report.js'

const T0 = new Date('2025-12-22T00:00:00.000Z')
const hours = (h: number): Date => new Date(T0.getTime() + h * 3_600_000)
const minutes = (m: number): Date => new Date(T0.getTime() + m * 60_000)

function input(
  memory: NotifyMemory | undefined,
  overall: OverallStatus,
  now: Date,
  events: RunEventKind[] = []
): DecideInput {
  return { memory, overall, events, reminderHours: 24, now }
}

/** One run: decide, then store what the delivery outcome says. */
function run(
  memory: NotifyMemory | undefined,
  overall: OverallStatus,
  now: Date,
  options: { events?: RunEventKind[]; delivered?: boolean } = {}
): { kinds: string[]; memory: NotifyMemory } {
  const decision = decide(input(memory, overall, now, options.events))
  return {
    kinds: decision.kinds,
    memory: settle(decision, options.delivered ?? true)
  }
}

describe('decide', () => {
  it('sends nothing on the first run ever when the system is healthy', () => {
    const decision = decide(input(undefined, 'healthy', T0))
    expect(decision.kinds).toEqual([])
    expect(decision.delivered).toEqual(EMPTY_MEMORY)
  })

  it('sends nothing on a first run that finds the system degraded', () => {
    expect(decide(input(undefined, 'degraded', T0)).kinds).toEqual([])
  })

  it('sends critical on a first run that finds the system critical', () => {
    expect(decide(input(undefined, 'critical', T0)).kinds).toEqual(['critical'])
  })

  it('sends critical when the system enters critical', () => {
    const first = run(undefined, 'healthy', T0)
    const second = run(first.memory, 'critical', hours(1))
    expect(second.kinds).toEqual(['critical'])
    expect(second.memory).toEqual({
      last_kind: 'critical',
      last_overall: 'critical',
      last_sent_at: hours(1).toISOString(),
      last_attempt_at: hours(1).toISOString(),
      failed_attempts: 0
    })
  })

  it('sends no duplicate across two consecutive runs in the same critical state', () => {
    const first = run(undefined, 'critical', T0)
    const second = run(first.memory, 'critical', hours(6))
    expect(first.kinds).toEqual(['critical'])
    expect(second.kinds).toEqual([])
    expect(second.memory).toEqual(first.memory)
  })

  it('sends nothing across consecutive healthy or degraded runs', () => {
    let memory: NotifyMemory | undefined
    for (const [i, state] of (
      ['healthy', 'degraded', 'healthy', 'healthy', 'degraded'] as const
    ).entries()) {
      const result = run(memory, state, hours(i * 6))
      expect(result.kinds).toEqual([])
      memory = result.memory
    }
  })

  it('reminds once the reminder interval has passed while still critical, and not before', () => {
    const first = run(undefined, 'critical', T0)
    expect(run(first.memory, 'critical', minutes(24 * 60 - 1)).kinds).toEqual(
      []
    )
    const due = run(first.memory, 'critical', hours(24))
    expect(due.kinds).toEqual(['reminder'])
    expect(due.memory.last_kind).toBe('reminder')
    expect(due.memory.last_sent_at).toBe(hours(24).toISOString())
    // The next reminder counts from this one.
    expect(run(due.memory, 'critical', hours(47)).kinds).toEqual([])
    expect(run(due.memory, 'critical', hours(48)).kinds).toEqual(['reminder'])
  })

  it('follows the configured reminder interval', () => {
    const first = run(undefined, 'critical', T0)
    const decision = decide({
      ...input(first.memory, 'critical', hours(2)),
      reminderHours: 2
    })
    expect(decision.kinds).toEqual(['reminder'])
  })

  it('sends recovered when the system leaves critical', () => {
    const first = run(undefined, 'critical', T0)
    const second = run(first.memory, 'healthy', hours(1))
    expect(second.kinds).toEqual(['recovered'])
    expect(second.memory.last_overall).toBe('healthy')
    expect(run(second.memory, 'healthy', hours(2)).kinds).toEqual([])
  })

  it('counts a step down from critical to degraded as a recovery', () => {
    const first = run(undefined, 'critical', T0)
    const second = run(first.memory, 'degraded', hours(1))
    expect(second.kinds).toEqual(['recovered'])
    expect(run(second.memory, 'healthy', hours(2)).kinds).toEqual([])
  })

  it('always sends the events of the run, even with no change of state', () => {
    const first = run(undefined, 'healthy', T0)
    for (const kind of [
      'rollback-executed',
      'rollback-failed',
      'emergency-stop',
      'resume'
    ] as const) {
      const once = run(first.memory, 'healthy', hours(1), { events: [kind] })
      expect(once.kinds).toEqual([kind])
      // The same event in the next run is news again.
      expect(
        run(once.memory, 'healthy', hours(2), { events: [kind] }).kinds
      ).toEqual([kind])
    }
  })

  it('merges a rollback and the recovery it brought into one message led by the rollback', () => {
    const first = run(undefined, 'critical', T0)
    const second = run(first.memory, 'healthy', hours(1), {
      events: ['rollback-executed']
    })
    expect(second.kinds).toEqual(['rollback-executed', 'recovered'])
    expect(second.memory.last_kind).toBe('rollback-executed')
  })

  it('leads with the emergency stop when the stop takes the system critical', () => {
    const first = run(undefined, 'healthy', T0)
    const second = run(first.memory, 'critical', hours(1), {
      events: ['emergency-stop']
    })
    expect(second.kinds).toEqual(['emergency-stop', 'critical'])
    expect(second.memory.last_overall).toBe('critical')
  })

  it('drops a due reminder when another message is sent, and restarts its interval', () => {
    const first = run(undefined, 'critical', T0)
    const second = run(first.memory, 'critical', hours(30), {
      events: ['rollback-failed']
    })
    expect(second.kinds).toEqual(['rollback-failed'])
    expect(run(second.memory, 'critical', hours(53)).kinds).toEqual([])
    expect(run(second.memory, 'critical', hours(54)).kinds).toEqual([
      'reminder'
    ])
  })

  it('does not advance last_sent_at or the state when no channel received the message', () => {
    const first = run(undefined, 'healthy', T0)
    const failed = run(first.memory, 'critical', hours(1), {
      delivered: false
    })
    expect(failed.kinds).toEqual(['critical'])
    expect(failed.memory.last_sent_at).toBeNull()
    expect(failed.memory.last_overall).toBeNull()
    expect(failed.memory.last_kind).toBeNull()
    expect(failed.memory.last_attempt_at).toBe(hours(1).toISOString())
    expect(failed.memory.failed_attempts).toBe(1)
  })

  it('retries an undelivered message on a later run, after a growing wait', () => {
    const first = run(undefined, 'critical', T0, { delivered: false })
    // Not on every run: the first retry waits 15 minutes.
    expect(run(first.memory, 'critical', minutes(10)).kinds).toEqual([])
    const second = run(first.memory, 'critical', minutes(15), {
      delivered: false
    })
    expect(second.kinds).toEqual(['critical'])
    expect(second.memory.failed_attempts).toBe(2)
    // The second retry waits 30 minutes from the last attempt.
    expect(run(second.memory, 'critical', minutes(40)).kinds).toEqual([])
    const third = run(second.memory, 'critical', minutes(45))
    expect(third.kinds).toEqual(['critical'])
    expect(third.memory.last_sent_at).toBe(minutes(45).toISOString())
    expect(third.memory.failed_attempts).toBe(0)
  })

  it('never holds back the events of a run after a failed delivery', () => {
    const first = run(undefined, 'critical', T0, { delivered: false })
    const second = run(first.memory, 'critical', minutes(1), {
      events: ['emergency-stop']
    })
    expect(second.kinds).toEqual(['emergency-stop', 'critical'])
  })

  it('drops an undelivered alert that no longer applies, without delaying the next one', () => {
    const first = run(undefined, 'critical', T0, { delivered: false })
    // Back to healthy: nobody heard of the outage, so no recovery message.
    const second = run(first.memory, 'healthy', minutes(5))
    expect(second.kinds).toEqual([])
    expect(second.memory.failed_attempts).toBe(0)
    expect(run(second.memory, 'critical', minutes(6)).kinds).toEqual([
      'critical'
    ])
  })

  it('keeps the memory JSON-serialisable', () => {
    const { memory } = run(undefined, 'critical', T0)
    expect(JSON.parse(JSON.stringify(memory))).toEqual(memory)
  })
})

describe('readMemory', () => {
  it('reads back a stored memory unchanged', () => {
    const { memory } = run(undefined, 'critical', T0)
    expect(readMemory(JSON.parse(JSON.stringify(memory)))).toEqual(memory)
  })

  it('accepts a memory without the attempt fields', () => {
    expect(
      readMemory({
        last_kind: 'critical',
        last_overall: 'critical',
        last_sent_at: T0.toISOString()
      })
    ).toEqual({
      last_kind: 'critical',
      last_overall: 'critical',
      last_sent_at: T0.toISOString(),
      last_attempt_at: null,
      failed_attempts: 0
    })
  })

  it('turns hand-edited garbage into empty values instead of failing', () => {
    expect(readMemory('nope')).toBeUndefined()
    expect(readMemory(null)).toBeUndefined()
    expect(readMemory([])).toBeUndefined()
    expect(
      readMemory({
        last_kind: 'party',
        last_overall: 'fine',
        last_sent_at: 'yesterday',
        last_attempt_at: 42,
        failed_attempts: -3
      })
    ).toEqual(EMPTY_MEMORY)
  })

  it('reminds when a critical memory has no usable send time', () => {
    const memory = readMemory({ last_overall: 'critical', last_sent_at: 'x' })
    expect(decide(input(memory, 'critical', T0)).kinds).toEqual(['reminder'])
  })
})

describe('retrying a message no channel received', () => {
  /** The memory after `failures` undelivered attempts, the last at T0. */
  const failedTimes = (failures: number): NotifyMemory => ({
    ...EMPTY_MEMORY,
    last_attempt_at: T0.toISOString(),
    failed_attempts: failures
  })

  it('follows the configured retry wait', () => {
    const retry = (now: Date) =>
      decide({ ...input(failedTimes(1), 'critical', now), retryMinutes: 5 })
        .kinds
    expect([retry(minutes(4)), retry(minutes(5))]).toEqual([[], ['critical']])
  })

  it('never waits longer than the reminder interval, however many failures', () => {
    const retry = (now: Date) =>
      decide(input(failedTimes(12), 'critical', now)).kinds
    expect([retry(minutes(24 * 60 - 1)), retry(hours(24))]).toEqual([
      [],
      ['critical']
    ])
  })

  it('retries at once when the time of the last attempt is unknown', () => {
    const memory = { ...failedTimes(3), last_attempt_at: null }
    expect(decide(input(memory, 'critical', T0)).kinds).toEqual(['critical'])
  })

  it('keeps the memory as it was while a retry waits', () => {
    const decision = decide(input(failedTimes(1), 'critical', minutes(1)))
    expect([decision.delivered, decision.undelivered]).toEqual([
      failedTimes(1),
      failedTimes(1)
    ])
  })
})

describe('readMemory of every value', () => {
  it('keeps every kind and every overall state people can be told', () => {
    const kinds = [
      'critical',
      'recovered',
      'rollback-executed',
      'rollback-failed',
      'emergency-stop',
      'resume',
      'reminder'
    ]
    const overalls = ['healthy', 'degraded', 'critical']
    expect(kinds.map((k) => readMemory({ last_kind: k })?.last_kind)).toEqual(
      kinds
    )
    expect(
      overalls.map((o) => readMemory({ last_overall: o })?.last_overall)
    ).toEqual(overalls)
  })

  it('reads a failure count only as a whole positive number, at most 1000', () => {
    const count = (value: unknown) =>
      readMemory({ failed_attempts: value })?.failed_attempts
    expect([count(3), count(1.5), count('3'), count(0), count(5000)]).toEqual([
      3, 0, 0, 0, 1000
    ])
  })
})
