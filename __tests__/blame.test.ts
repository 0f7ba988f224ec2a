import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { blame, judgeRollback, type Health } from '../src/dashboard/blame.js'

const NAMES = ['fastapi', 'flask', 'gradio'] as const
const health = fc.constantFrom<Health>('healthy', 'degraded', 'down', 'unknown')
const healthMap: fc.Arbitrary<Record<string, Health>> = fc.record({
  fastapi: health,
  flask: health,
  gradio: health
})
const deployedSet = fc.subarray([...NAMES] as string[], { minLength: 1 })

describe('blame', () => {
  test('an update of fastapi that leaves it healthy is verified while flask is down on its own', () => {
    const verdict = blame({
      before: { fastapi: 'healthy', flask: 'down', gradio: 'healthy' },
      after: { fastapi: 'healthy', flask: 'down', gradio: 'healthy' },
      deployed: ['fastapi']
    })
    expect(verdict).toEqual({
      verdict: 'verified',
      broken: [],
      slowed: [],
      unchecked: [],
      stillDown: [],
      notOurs: ['flask']
    })
  })

  test('a deployed service that was healthy and is down after is broken by the deploy', () => {
    const verdict = blame({
      before: { fastapi: 'healthy', flask: 'healthy' },
      after: { fastapi: 'down', flask: 'healthy' },
      deployed: ['fastapi', 'flask']
    })
    expect(verdict.verdict).toBe('broken')
    expect(verdict.broken).toEqual(['fastapi'])
  })

  test('a deployed service that was already down and is still down is not broken by it, and leaves it unverified', () => {
    const verdict = blame({
      before: { flask: 'down' },
      after: { flask: 'down' },
      deployed: ['flask']
    })
    expect(verdict.verdict).toBe('unverified')
    expect(verdict.broken).toEqual([])
    expect(verdict.stillDown).toEqual(['flask'])
    expect(verdict.notOurs).toEqual(['flask'])
  })

  test('a deployed service that only became slower is reported, not blamed', () => {
    const verdict = blame({
      before: { gradio: 'healthy' },
      after: { gradio: 'degraded' },
      deployed: ['gradio']
    })
    expect(verdict.verdict).toBe('verified')
    expect(verdict.slowed).toEqual(['gradio'])
    expect(verdict.broken).toEqual([])
  })

  test('a deployed service that was never checked before and is down after is broken by the deploy', () => {
    expect(
      blame({ before: {}, after: { api: 'down' }, deployed: ['api'] }).broken
    ).toEqual(['api'])
  })

  test('a deployed service the verification did not check leaves the deploy unverified', () => {
    const verdict = blame({
      before: { api: 'healthy' },
      after: {},
      deployed: ['api']
    })
    expect(verdict.verdict).toBe('unverified')
    expect(verdict.unchecked).toEqual(['api'])
  })

  test('a service that was not deployed is never blamed', () => {
    fc.assert(
      fc.property(
        healthMap,
        healthMap,
        deployedSet,
        (before, after, deployed) => {
          const { broken } = blame({ before, after, deployed })
          expect(broken.every((n) => deployed.includes(n))).toBe(true)
        }
      )
    )
  })

  test('a deployed service healthy before and down after is always blamed', () => {
    fc.assert(
      fc.property(
        healthMap,
        healthMap,
        deployedSet,
        (before, after, deployed) => {
          const { broken, verdict } = blame({ before, after, deployed })
          for (const n of deployed)
            if (before[n] === 'healthy' && after[n] === 'down') {
              expect(broken).toContain(n)
              expect(verdict).toBe('broken')
            }
        }
      )
    )
  })

  test('only down is a failure: a degraded or recovered service, or one down before, is never blamed', () => {
    fc.assert(
      fc.property(
        healthMap,
        healthMap,
        deployedSet,
        (before, after, deployed) => {
          const { broken } = blame({ before, after, deployed })
          for (const n of broken) {
            expect(after[n]).toBe('down')
            expect(before[n]).not.toBe('down')
          }
        }
      )
    )
  })

  test('a deploy is verified exactly when every service it deployed answers after it', () => {
    fc.assert(
      fc.property(
        healthMap,
        healthMap,
        deployedSet,
        (before, after, deployed) => {
          const answers = deployed.every(
            (n) => after[n] === 'healthy' || after[n] === 'degraded'
          )
          expect(
            blame({ before, after, deployed }).verdict === 'verified'
          ).toBe(answers)
        }
      )
    )
  })
})

describe('judgeRollback', () => {
  test('a rollback that brings fastapi back is a success while flask stays down for its own reasons', () => {
    expect(
      judgeRollback({ fastapi: 'healthy', flask: 'down', gradio: 'healthy' }, [
        'fastapi'
      ])
    ).toEqual({ ok: true, stillDown: [], unchecked: [], notOurs: ['flask'] })
  })

  test('a rollback whose service is still down failed its verification', () => {
    const check = judgeRollback({ fastapi: 'down', flask: 'healthy' }, [
      'fastapi'
    ])
    expect(check.ok).toBe(false)
    expect(check.stillDown).toEqual(['fastapi'])
  })

  test('a rollback whose service was not checked is not a success', () => {
    expect(judgeRollback({ flask: 'healthy' }, ['fastapi']).ok).toBe(false)
  })

  test('a rollback is judged on the services it rolled back only', () => {
    fc.assert(
      fc.property(healthMap, deployedSet, (after, rolledBack) => {
        const answers = rolledBack.every(
          (n) => after[n] === 'healthy' || after[n] === 'degraded'
        )
        expect(judgeRollback(after, rolledBack).ok).toBe(answers)
      })
    )
  })
})
