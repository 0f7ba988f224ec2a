// Arbitrary dashboard states for property tests: every text in them is
// the kind that is hard to keep inside a markdown cell, an HTML comment or
// JSON, and every time is within the 40 days before `now`.

import fc from 'fast-check'
import { SERVICE_NAME } from '../../src/config.js'
import {
  DashboardStateSchema,
  type DashboardState
} from '../../src/dashboard/state.js'
import { history, stateOf, toSeconds } from './dashboard.js'

// Text that is hard to keep inside a markdown cell, an HTML comment or JSON.
const nasty = fc.constantFrom(
  '-->',
  '<!--',
  '<!-- runbook:state',
  '`',
  '```',
  '|',
  '\\|',
  '\\',
  '\n',
  '\r\n',
  '\r',
  '\u2028',
  '\u0085',
  '@octocat',
  '@octo-org/team',
  ' @here ',
  'a@b.c',
  '::error::boom',
  '##[error]x',
  '<b>',
  '&amp;',
  '#1',
  '**',
  '_',
  '[x](https://e.com)',
  '"',
  '\u0000',
  '<img src=x>',
  '&commat;octocat',
  '&#64;team',
  '$x$',
  'https://evil.example',
  'www.evil.example',
  '\n# heading',
  '# heading',
  '\u202e'
)

export const untrusted = (max: number): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        nasty,
        fc.string({ maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 6 })
      ),
      { maxLength: 8 }
    )
    .map((parts) => parts.join('').slice(0, max))

const isoWithin = (fromS: number, toS: number): fc.Arbitrary<string> =>
  fc
    .integer({ min: fromS, max: toS })
    .map((s) => new Date(s * 1000).toISOString())

/** States of 1 to 5 services, as of `now`, with the service names. */
export function arbitraryState(
  now: string
): fc.Arbitrary<{ names: string[]; state: DashboardState }> {
  const nowS = toSeconds(now)
  const recentIso = isoWithin(nowS - 40 * 86_400, nowS)
  return fc
    .uniqueArray(fc.stringMatching(SERVICE_NAME), {
      minLength: 1,
      maxLength: 5
    })
    .chain((names) =>
      fc.record({
        names: fc.constant(names),
        overall: fc.constantFrom(
          'healthy',
          'degraded',
          'critical',
          'unknown'
        ) as fc.Arbitrary<DashboardState['overall']>,
        halt: fc.option(
          fc.record({
            by: untrusted(100),
            at: recentIso,
            reason: untrusted(1000)
          })
        ),
        services: fc.tuple(
          ...names.map(() =>
            fc.record({
              title: untrusted(100),
              reason: fc.option(untrusted(500)),
              status: fc.constantFrom(
                'healthy',
                'degraded',
                'down',
                'unknown'
              ) as fc.Arbitrary<'healthy'>,
              recent: fc.array(
                fc.tuple(
                  fc.integer({ min: nowS - 20 * 3600, max: nowS }),
                  fc.constantFrom('h', 'd', 'x') as fc.Arbitrary<'h'>,
                  fc.option(fc.integer({ min: 0, max: 60_000 }))
                ),
                { maxLength: 30 }
              )
            })
          )
        ),
        events: fc.array(
          fc.record({
            at: recentIso,
            kind: fc.oneof(
              fc.constantFrom('deploy', 'refused', 'service-down', 'resume'),
              untrusted(40)
            ),
            text: untrusted(1000),
            run: fc.constant('7'),
            actor: untrusted(100)
          }),
          { maxLength: 15 }
        ),
        deployments: fc.array(
          fc.record({
            tag: fc
              .integer({ min: 0, max: 999_999 })
              .map((n) => `deployment-20251222-${String(n).padStart(6, '0')}`),
            sha: fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), untrusted(64)),
            time: recentIso,
            actor: untrusted(100),
            components: fc.oneof(
              fc.subarray(names),
              fc.array(untrusted(100), { maxLength: 3 })
            ),
            verified: fc.option(fc.boolean()),
            kind: fc.constantFrom(
              'deploy',
              'update-component',
              'rollback'
            ) as fc.Arbitrary<'deploy'>,
            run_url: untrusted(500)
          }),
          { maxLength: 6 }
        ),
        lastRun: fc.record({ id: untrusted(40), url: untrusted(500) })
      })
    )
    .map((g) => {
      const state = stateOf(now, {
        overall: g.overall,
        halt: g.halt,
        events: g.events,
        deployments: g.deployments,
        last_run: { ...g.lastRun, at: now }
      })
      g.names.forEach((name, i) => {
        const s = g.services[i]!
        state.services[name] = history(s.recent, {
          reason: s.reason,
          status: s.status
        })
      })
      return { names: g.names, state: DashboardStateSchema.parse(state) }
    })
}
