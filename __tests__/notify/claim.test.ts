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
