import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { emptyState, type DashboardState } from '../../src/dashboard/state.js'
import {
  addClaim,
  claimKey,
  claimWon,
  settleClaim,
  type Claim
} from '../../src/notify/claim.js'

const NOW = new Date('2025-12-22T13:00:00.000Z')
const KEY = 'critical (healthy to critical)'

function claim(token: string, at = NOW, key = KEY): Claim {
  return {
    key,
    overall: 'critical',
    run: token,
    token,
    at: at.toISOString(),
    result: 'pending'
  }
}

const copy = (state: DashboardState): DashboardState => structuredClone(state)

describe('claims', () => {
  it('keys a state change by its transition and a run event by its run', () => {
    expect(
      claimKey({
        kinds: ['critical'],
        from: 'healthy',
        to: 'critical',
        events: [],
        run: '1'
      })
    ).toBe(KEY)
    expect(
      claimKey({
        kinds: ['emergency-stop', 'critical'],
        from: null,
        to: 'critical',
        events: ['emergency-stop'],
        run: '42'
      })
    ).toBe('emergency-stop in run 42')
  })

  it('at most one of two runs wins, whatever order their writes land in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 8 }),
        (order) => {
          // Each step, one run merges its claim into the body the last
          // write left, and its write replaces that body.
          let body = emptyState(NOW.toISOString())
          for (const who of order) {
            const next = copy(body)
            addClaim(next, claim(who), NOW)
            body = next
          }
          const winners = ['a', 'b'].filter((t) => claimWon(body, KEY, t, NOW))
          expect(winners).toHaveLength(1)
          expect(winners[0]).toBe(order[0])
        }
      )
    )
  })

  it('a claim on another message does not stop this one', () => {
    const state = emptyState(NOW.toISOString())
    addClaim(state, claim('a', NOW, 'emergency-stop in run 7'), NOW)
    addClaim(state, claim('b'), NOW)
    expect(claimWon(state, KEY, 'b', NOW)).toBe(true)
  })

  it('a pending claim holds for ten minutes, then the next run may claim', () => {
    const state = emptyState(NOW.toISOString())
    addClaim(state, claim('a'), NOW)
    const soon = new Date(NOW.getTime() + 9 * 60_000)
    const late = new Date(NOW.getTime() + 11 * 60_000)
    addClaim(state, claim('b', soon), soon)
    expect(claimWon(state, KEY, 'b', soon)).toBe(false)
    addClaim(state, claim('c', late), late)
    expect(claimWon(state, KEY, 'c', late)).toBe(true)
  })

  it('a claim dated far in the future holds nothing', () => {
    const state = emptyState(NOW.toISOString())
    state.notify.claims = [claim('a', new Date('2030-01-01T00:00:00.000Z'))]
    addClaim(state, claim('b'), NOW)
    expect(claimWon(state, KEY, 'b', NOW)).toBe(true)
  })

  it('settling records the result once, even when applied twice', () => {
    const state = emptyState(NOW.toISOString())
    addClaim(state, claim('a'), NOW)
    settleClaim(state, claim('a'), 'unconfirmed', NOW)
    settleClaim(state, claim('a'), 'unconfirmed', NOW)
    expect(state.notify.claims).toEqual([
      { ...claim('a'), result: 'unconfirmed' }
    ])
  })
})

describe('how long a claim holds', () => {
  const MIN = 60_000
  const at = (minutes: number): Date => new Date(NOW.getTime() + minutes * MIN)
  const RUN_KEY = 'emergency-stop in run 42'

  /** A state holding one claim by "a", with the given result and time. */
  function holding(
    result: Claim['result'],
    minutes = 0,
    key = KEY
  ): DashboardState {
    const state = emptyState(NOW.toISOString())
    state.notify.claims = [{ ...claim('a', at(minutes), key), result }]
    return state
  }

  /** Whether "b", claiming at `now`, may send. */
  function bWins(state: DashboardState, now: Date, key = KEY): boolean {
    addClaim(state, claim('b', now, key), now)
    return claimWon(state, key, 'b', now)
  }

  it('a pending claim no longer holds once exactly ten minutes have passed', () => {
    expect(bWins(holding('pending'), at(10))).toBe(true)
  })

  it('a failed claim never holds', () => {
    expect(bWins(holding('failed'), NOW)).toBe(true)
  })

  it('a sent state change holds for ten minutes, then the memory decides', () => {
    expect([
      bWins(holding('sent'), at(9)),
      bWins(holding('unconfirmed'), at(9)),
      bWins(holding('sent'), at(10))
    ]).toEqual([false, false, true])
  })

  it("a sent run's event holds for as long as the claim is kept", () => {
    expect([
      bWins(holding('sent', 0, RUN_KEY), at(6 * 24 * 60), RUN_KEY),
      bWins(holding('unconfirmed', 0, RUN_KEY), at(6 * 24 * 60), RUN_KEY)
    ]).toEqual([false, false])
  })

  it('a claim a few minutes ahead, a clock skew, still holds', () => {
    expect(bWins(holding('pending', 4), NOW)).toBe(false)
  })

  it('a claim exactly five minutes ahead still holds, and is kept', () => {
    const state = holding('sent', 5, RUN_KEY)
    expect(bWins(state, NOW, RUN_KEY)).toBe(false)
    expect(state.notify.claims.map((c) => c.token)).toEqual(['a'])
  })

  it('a claim seven days old is dropped when another is added', () => {
    const state = holding('sent', 0, RUN_KEY)
    const later = at(7 * 24 * 60)
    addClaim(state, claim('b', later), later)
    expect(state.notify.claims.map((c) => c.token)).toEqual(['b'])
  })

  it('a claim just under seven days old is kept', () => {
    const state = holding('failed', 0)
    addClaim(state, claim('b', at(7 * 24 * 60 - 1)), at(7 * 24 * 60 - 1))
    expect(state.notify.claims.map((c) => c.token)).toEqual(['b', 'a'])
  })

  it('our own claim, added again, is kept once', () => {
    const state = emptyState(NOW.toISOString())
    addClaim(state, claim('a'), NOW)
    addClaim(state, { ...claim('a'), key: 'other' }, NOW)
    expect(state.notify.claims).toEqual([claim('a')])
  })

  it('a claim held by someone else is not added', () => {
    const state = holding('pending')
    addClaim(state, claim('b'), NOW)
    expect(state.notify.claims.map((c) => c.token)).toEqual(['a'])
  })

  it('a settled claim is no longer won: the message goes out once', () => {
    const state = emptyState(NOW.toISOString())
    addClaim(state, claim('a'), NOW)
    settleClaim(state, claim('a'), 'sent', NOW)
    expect(claimWon(state, KEY, 'a', NOW)).toBe(false)
  })

  it('a claim missing from the state does not win', () => {
    expect(claimWon(emptyState(NOW.toISOString()), KEY, 'a', NOW)).toBe(false)
  })

  it('settling a claim that was lost adds it, newest first', () => {
    const state = holding('failed', 0, RUN_KEY)
    settleClaim(state, claim('b'), 'sent', NOW)
    expect(state.notify.claims.map((c) => [c.token, c.result])).toEqual([
      ['b', 'sent'],
      ['a', 'failed']
    ])
  })

  it('the ten newest claims are kept', () => {
    const state = emptyState(NOW.toISOString())
    for (let i = 0; i < 12; i++)
      addClaim(state, claim(`t${i}`, at(i), `key ${i}`), at(i))
    expect(state.notify.claims.map((c) => c.token)).toEqual(
      Array.from({ length: 10 }, (_, i) => `t${11 - i}`)
    )
  })

  it("a pending claim on a run's event holds only ten minutes", () => {
    expect(bWins(holding('pending', 0, RUN_KEY), at(10), RUN_KEY)).toBe(true)
  })

  it('a run whose claim is not in the state has not won, whatever else is pending', () => {
    const state = holding('pending', 0, RUN_KEY)
    expect(claimWon(state, KEY, 'b', NOW)).toBe(false)
  })

  it('a claim that landed after an earlier one still holding does not win', () => {
    const state = holding('pending')
    state.notify.claims.unshift(claim('b', at(1)))
    expect(claimWon(state, KEY, 'b', at(1))).toBe(false)
  })

  it('a claim dated more than five minutes ahead is dropped when another is added', () => {
    const state = holding('failed', 6)
    addClaim(state, claim('b'), NOW)
    expect(state.notify.claims.map((c) => c.token)).toEqual(['b'])
  })

  it('a claim dated exactly five minutes ahead is kept when another is added', () => {
    const state = holding('failed', 5)
    addClaim(state, claim('b'), NOW)
    expect(state.notify.claims.map((c) => c.token)).toEqual(['b', 'a'])
  })

  it('a key longer than the state allows is cut to 200 characters', () => {
    const key = claimKey({
      kinds: ['critical'],
      from: null,
      to: 'critical',
      events: ['emergency-stop'],
      run: '9'.repeat(300)
    })
    expect(key).toBe(`emergency-stop in run ${'9'.repeat(300)}`.slice(0, 200))
  })

  it('a state change with nobody told before is keyed from unknown', () => {
    expect(
      claimKey({
        kinds: ['critical', 'reminder'],
        from: null,
        to: 'critical',
        events: [],
        run: '1'
      })
    ).toBe('critical+reminder (unknown to critical)')
  })

  it('several events of one run are keyed together', () => {
    expect(
      claimKey({
        kinds: ['rollback-executed', 'recovered'],
        from: 'critical',
        to: 'healthy',
        events: ['rollback-executed', 'resume'],
        run: '5'
      })
    ).toBe('rollback-executed+resume in run 5')
  })
})
