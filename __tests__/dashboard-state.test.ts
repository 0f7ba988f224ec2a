import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { renderDashboard } from '../src/dashboard/render.js'
import { mergeRun, outcomeFromResults } from '../src/dashboard/merge.js'
import {
  MAX_DEPTH,
  STATE_OPEN,
  decodeDays,
  emptyState,
  encodeDays,
  flatten,
  parseState,
  serializeState,
  type DashboardState,
  type Day
} from '../src/dashboard/state.js'
import { DASHBOARD_MARKER, hasMarker } from '../src/contract.js'
import {
  checks,
  history,
  needs,
  report,
  services,
  stateOf,
  toSeconds
} from './helpers/dashboard.js'
import { arbitraryState } from './helpers/dashboard-arbitrary.js'

const NOW = '2025-12-22T13:00:00.000Z'
const NOW_S = toSeconds(NOW)
const RUN_URL = 'https://github.com/octo-org/app/actions/runs/7'

/** A state with a bit of everything in it. */
function sampleState(): DashboardState {
  return stateOf(NOW, {
    overall: 'critical',
    halt: { by: 'octocat', at: NOW, reason: 'database on fire' },
    deployments: [
      {
        tag: 'deployment-20251222-120000',
        sha: 'a'.repeat(40),
        time: '2025-12-22T12:00:00.000Z',
        actor: 'octocat',
        components: ['api'],
        verified: false,
        kind: 'deploy',
        run_url: RUN_URL
      }
    ],
    services: {
      api: history(checks(NOW_S - 3600, NOW_S, 300), {
        status: 'down',
        reason: 'HTTP 503'
      }),
      web: history(checks(NOW_S - 3600, NOW_S, 300))
    },
    events: [
      {
        at: NOW,
        kind: 'service-down',
        text: 'api is down',
        run: '7:api',
        actor: ''
      }
    ],
    last_run: { id: '7', url: RUN_URL, at: NOW }
  })
}

/** The state block of a body, with its JSON replaced by `json`. */
const withJson = (json: string): string =>
  `${DASHBOARD_MARKER}\n# Runbook status\n\n${STATE_OPEN}\n${json}\n-->`

describe('serializeState and parseState', () => {
  test('a serialized state parses back to the same state', () => {
    const state = sampleState()
    const parsed = parseState(serializeState(state), NOW)
    expect(parsed.problems).toEqual([])
    expect(parsed.state).toEqual(state)
  })

  test('the state block is the marker line, one JSON line and the closing line', () => {
    const lines = serializeState(sampleState()).split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe(STATE_OPEN)
    expect(JSON.parse(lines[1] as string)).toMatchObject({ schema: 1 })
    expect(lines[2]).toBe('-->')
  })

  test('text that would end the comment is escaped inside the JSON', () => {
    const state = sampleState()
    state.events[0]!.text = 'a --> b <!-- c & \u2028 d'
    const block = serializeState(state)
    const json = block.split('\n')[1] as string
    expect(json).not.toContain('-->')
    expect(json).not.toContain('<!--')
    expect(json).not.toContain('\u2028')
    expect(parseState(block, NOW).state.events[0]?.text).toBe(
      'a --> b <!-- c & \u2028 d'
    )
  })

  test('a null body is a fresh state with no problem', () => {
    expect(parseState(null, NOW)).toEqual({
      state: emptyState(NOW),
      problems: []
    })
  })
})

describe('hasMarker', () => {
  test('a body starting with the marker is a dashboard', () => {
    expect(hasMarker(`${DASHBOARD_MARKER}\nanything`)).toBe(true)
  })

  test('a byte order mark or blank lines before the marker are allowed', () => {
    expect(hasMarker(`\uFEFF\n  ${DASHBOARD_MARKER}\n`)).toBe(true)
  })

  test('a body that only mentions the marker later is not a dashboard', () => {
    expect(hasMarker(`My notes\n${DASHBOARD_MARKER}`)).toBe(false)
    expect(hasMarker('')).toBe(false)
    expect(hasMarker(null)).toBe(false)
  })
})

describe('recovering from a damaged body', () => {
  test('a blank body gives a fresh state and says so', () => {
    const parsed = parseState('  \n ', NOW)
    expect(parsed.state).toEqual(emptyState(NOW))
    expect(parsed.problems).toEqual(['the body was blank'])
  })

  test('a body without a state block gives a fresh state and says so', () => {
    const parsed = parseState(`${DASHBOARD_MARKER}\n# edited by hand`, NOW)
    expect(parsed.state).toEqual(emptyState(NOW))
    expect(parsed.problems).toEqual(['the state block was missing'])
  })

  test('truncated JSON gives a fresh state and says so, without throwing', () => {
    const body = `${DASHBOARD_MARKER}\n${serializeState(sampleState())}`
    const cut = body.slice(0, Math.floor(body.length * 0.6))
    const parsed = parseState(cut, NOW)
    expect(parsed.state).toEqual(emptyState(NOW))
    expect(parsed.problems).toEqual(['the state block was not valid JSON'])
  })

  test('a state block that is not an object is reported', () => {
    expect(parseState(withJson('[1, 2]'), NOW).problems).toEqual([
      'the state block was not an object'
    ])
    expect(parseState(withJson('null'), NOW).problems).toEqual([
      'the state block was not an object'
    ])
  })

  test('two good services are kept when a third is corrupt', () => {
    const raw = JSON.parse(JSON.stringify(sampleState()))
    raw.services.broken = { status: 'purple', since: 5 }
    const parsed = parseState(withJson(JSON.stringify(raw)), NOW)
    expect(Object.keys(parsed.state.services).sort()).toEqual(['api', 'web'])
    expect(parsed.state.services.api).toEqual(sampleState().services.api)
    expect(parsed.problems).toEqual(['service "broken" was unreadable'])
  })

  test('the readable events and deployments are kept around unreadable ones', () => {
    const raw = JSON.parse(JSON.stringify(sampleState()))
    raw.events.push({ at: NOW, kind: 'x', text: 42 })
    raw.events.push('not an event')
    raw.deployments.push({ tag: 7 })
    const parsed = parseState(withJson(JSON.stringify(raw)), NOW)
    expect(parsed.state.events).toEqual(sampleState().events)
    expect(parsed.state.deployments).toEqual(sampleState().deployments)
    expect(parsed.problems).toEqual([
      '1 unreadable "deployments" entry',
      '2 unreadable "events" entries'
    ])
    // Everything else is still there.
    expect(parsed.state.halt).toEqual(sampleState().halt)
    expect(Object.keys(parsed.state.services)).toEqual(['api', 'web'])
  })

  test('a top-level part of the wrong type is rebuilt and the rest kept', () => {
    const raw = JSON.parse(JSON.stringify(sampleState()))
    raw.halt = 'stopped'
    raw.events = { not: 'a list' }
    const parsed = parseState(withJson(JSON.stringify(raw)), NOW)
    expect(parsed.state.halt).toBeNull()
    expect(parsed.state.events).toEqual([])
    expect(parsed.state.deployments).toEqual(sampleState().deployments)
    expect(parsed.state.services).toEqual(sampleState().services)
    expect(parsed.problems).toEqual([
      '"halt" was unreadable',
      '"events" was not a list'
    ])
  })

  test('a state of another schema version is read as far as it goes and reported', () => {
    const raw = JSON.parse(JSON.stringify(sampleState()))
    raw.schema = 2
    const parsed = parseState(withJson(JSON.stringify(raw)), NOW)
    expect(parsed.state.services).toEqual(sampleState().services)
    expect(parsed.problems).toEqual(['"schema" was not 1'])
  })

  test('an old state block quoted higher up in the body is ignored', () => {
    const old = stateOf('2024-01-01T00:00:00.000Z')
    const body = [
      DASHBOARD_MARKER,
      '> quoted from last year:',
      serializeState(old),
      '',
      serializeState(sampleState())
    ].join('\n')
    expect(parseState(body, NOW)).toEqual({
      state: sampleState(),
      problems: []
    })
  })

  // src/dashboard/state.ts:218: salvage() keeps or drops a service whole, so
  // one malformed check in `recent` throws away that service's status, since,
  // daily totals and every other check, although they can all be read
  // (DESIGN §5: "no history is silently dropped when it can be read").
  test('a service with one corrupt check keeps its other checks', () => {
    const raw = JSON.parse(JSON.stringify(sampleState()))
    raw.services.api.recent.push([NOW_S, 'broken', -1])
    const parsed = parseState(withJson(JSON.stringify(raw)), NOW)
    expect(parsed.state.services.api?.recent).toEqual(
      sampleState().services.api?.recent
    )
    expect(parsed.state.services.api?.status).toBe('down')
  })
})

describe('state → block → state', () => {
  test('any state survives serializing and parsing unchanged', () => {
    fc.assert(
      fc.property(
        arbitraryState(NOW),
        fc.boolean(),
        ({ state }, shareDefaults) => {
          const body = `${DASHBOARD_MARKER}\n${serializeState(state, { shareDefaults })}`
          const expected = structuredClone(state)
          for (const h of Object.values(expected.services))
            h.recent.sort((a, b) => a[0] - b[0])
          expect(parseState(body, NOW)).toEqual({
            state: expected,
            problems: []
          })
        }
      ),
      { numRuns: 100 }
    )
  })
})

const FAR = '9999-12-31T23:59:59.000Z'
const render = (state: DashboardState, names = ['api', 'web']): string =>
  renderDashboard(state, {
    services: services(...names),
    now: NOW,
    runUrl: RUN_URL,
    repository: 'octo-org/app'
  })
/** The sample state as JSON, changed by `edit`, in a body. */
function forged(
  // Edited freely, the way anyone who can edit the issue could.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  edit: (raw: Record<string, any>) => void
): string {
  const raw = JSON.parse(JSON.stringify(sampleState()))
  edit(raw)
  return withJson(JSON.stringify(raw))
}

describe('a forged body', () => {
  test('a check time in year 9999 is dropped, so real checks count again', () => {
    const body = forged((raw) => {
      raw.services.api.last_check = FAR
      raw.services.api.recent.push([toSeconds(FAR), 'h', 1])
    })
    const parsed = parseState(body, NOW)
    expect(parsed.state.services.api?.last_check).toBeNull()
    expect(parsed.state.services.api?.recent).toEqual(
      sampleState().services.api?.recent
    )
    expect(parsed.problems).toEqual([
      'future times of 1 service (api) were dropped or reset'
    ])
    const later = '2025-12-22T13:05:00.000Z'
    const merged = mergeRun(
      parsed.state,
      outcomeFromResults(
        needs({
          gate: { approved: true, action: 'healthcheck' },
          monitor: report(later, { api: 'healthy', web: 'down' })
        }),
        { id: '8', url: RUN_URL, actor: 'octocat' },
        later
      ),
      {
        services: services('api', 'web'),
        thresholds: { failure: 1, success: 1 }
      }
    )
    expect(merged.services.web?.status).toBe('down')
    expect(merged.services.api?.last_check).toBe(later)
  })

  test('a status "since" the future starts now', () => {
    const parsed = parseState(
      forged((raw) => (raw.services.web.since = FAR)),
      NOW
    )
    expect(parsed.state.services.web?.since).toBe(NOW)
  })

  test('notification times in the future are forgotten', () => {
    const parsed = parseState(
      forged((raw) => {
        raw.notify = { last_sent_at: FAR, last_attempt_at: FAR }
      }),
      NOW
    )
    expect(parsed.state.notify.last_sent_at).toBeNull()
    expect(parsed.state.notify.last_attempt_at).toBeNull()
    expect(parsed.problems).toEqual([
      'notify.last_sent_at, notify.last_attempt_at dated in the future were reset'
    ])
  })

  test('events and deployments dated in the future are dropped', () => {
    const parsed = parseState(
      forged((raw) => {
        raw.events.unshift({ at: FAR, kind: 'deploy', text: 'all good' })
        raw.deployments.unshift({
          ...raw.deployments[0],
          tag: 'deployment-99991231-235959',
          time: FAR
        })
      }),
      NOW
    )
    expect(parsed.state.events).toEqual(sampleState().events)
    expect(parsed.state.deployments).toEqual(sampleState().deployments)
    expect(parsed.problems).toEqual([
      '1 "deployments" entry dated in the future was dropped',
      '1 "events" entry dated in the future was dropped'
    ])
  })

  test('the update time, the halt time and the last run are not in the future', () => {
    const parsed = parseState(
      forged((raw) => {
        raw.updated_at = FAR
        raw.halt.at = FAR
        raw.last_run.at = FAR
      }),
      NOW
    )
    expect(parsed.state.updated_at).toBe(NOW)
    expect(parsed.state.halt).toEqual({ ...sampleState().halt, at: NOW })
    expect(parsed.state.last_run).toBeNull()
  })

  test('a time a few minutes ahead, a clock skew, is kept', () => {
    const ahead = '2025-12-22T13:04:00.000Z'
    const parsed = parseState(
      forged((raw) => (raw.services.api.last_check = ahead)),
      NOW
    )
    expect(parsed.state.services.api?.last_check).toBe(ahead)
    expect(parsed.problems).toEqual([])
  })

  test('an array nested 20,000 deep is cut off and the rest is read, written and rendered', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`
    const json = JSON.stringify(sampleState()).replace(
      '"notify":{',
      `"notify":{"evil":${deep},`
    )
    const parsed = parseState(withJson(json), NOW)
    expect(parsed.problems).toEqual([
      `the state block was nested 20002 levels deep (at most ${MAX_DEPTH}): the deeper parts were dropped`
    ])
    expect(parsed.state).toEqual(sampleState())
    expect(serializeState(parsed.state)).not.toContain('evil')
    expect(render(parsed.state)).toContain(serializeState(parsed.state))
  })

  test('700 deployments are cut to the newest 20 and said so', () => {
    const parsed = parseState(
      forged((raw) => {
        raw.deployments = Array.from({ length: 700 }, (_, i) => ({
          tag: `d${i}`,
          sha: '',
          time: '',
          actor: '',
          components: [],
          verified: null
        }))
      }),
      NOW
    )
    expect(parsed.state.deployments).toHaveLength(20)
    expect(parsed.state.deployments[0]?.tag).toBe('d0')
    expect(parsed.problems).toEqual([
      '680 "deployments" entries beyond 20 were dropped'
    ])
    expect(() => serializeState(parsed.state)).not.toThrow()
    expect(render(parsed.state).length).toBeLessThan(65_536)
  })

  test('a state block longer than any issue body is not read', () => {
    const body = forged((raw) => (raw.pad = 'x'.repeat(70_000)))
    const parsed = parseState(body, NOW)
    expect(parsed.state).toEqual(emptyState(NOW))
    expect(parsed.problems).toEqual([
      expect.stringMatching(
        /^the state block was too long \(7\d{4} characters; at most 65536\)$/
      )
    ])
  })

  test('keys nobody defined are dropped, not kept and written again', () => {
    const parsed = parseState(
      forged((raw) => {
        raw.evil = 'x'
        raw.services.api.evil = 'x'
        raw.notify.evil = 'x'
        raw.events[0].evil = 'x'
      }),
      NOW
    )
    expect(parsed.state).toEqual(sampleState())
    expect(serializeState(parsed.state)).not.toContain('evil')
  })

  test('a service whose name is not a service name is dropped and said so', () => {
    const parsed = parseState(
      forged((raw) => (raw.services['__proto__ x'] = raw.services.api)),
      NOW
    )
    expect(Object.keys(parsed.state.services)).toEqual(['api', 'web'])
    expect(parsed.problems).toEqual([
      '1 "services" entry without a valid service name'
    ])
  })

  test('service_defaults cannot set a status or reach the prototype', () => {
    const parsed = parseState(
      forged((raw) => {
        raw.service_defaults = {
          down: { status: 'healthy', reason: 'shared' },
          __proto__: { reason: 'polluted' }
        }
      }),
      NOW
    )
    expect(parsed.state.services.api?.status).toBe('down')
    expect(parsed.state.services.web?.reason).toBeNull()
    expect(({} as Record<string, unknown>).reason).toBeUndefined()
  })
})

describe('flatten', () => {
  test('counts depth outside strings only', () => {
    expect(flatten('{"a":"[[[[[[[[[[","b":[[1]]}').depth).toBe(3)
  })

  test('replaces what is deeper than the limit with null', () => {
    const deep = `[${'['.repeat(MAX_DEPTH)}1${']'.repeat(MAX_DEPTH)}]`
    expect(JSON.parse(flatten(deep).text)).toEqual(
      JSON.parse(`${'['.repeat(MAX_DEPTH)}null${']'.repeat(MAX_DEPTH)}`)
    )
  })
})

describe('the shape of a service in the state block', () => {
  test('an earlier body with daily objects and titles is read and written in the new shape', () => {
    const old = JSON.parse(JSON.stringify(sampleState()))
    old.services.api.title = 'API'
    old.services.api.daily = [
      { day: '2025-12-20', up: 86_400, degraded: 0, down: 0, avg_ms: 12 },
      {
        day: '2025-12-21',
        up: 80_000,
        degraded: 400,
        down: 6_000,
        avg_ms: null
      }
    ]
    const parsed = parseState(withJson(JSON.stringify(old)), NOW)
    expect(parsed.problems).toEqual([])
    expect(parsed.state.services.api?.daily).toEqual([
      { day: '2025-12-20', up: 86_400, degraded: 0, down: 0 },
      { day: '2025-12-21', up: 80_000, degraded: 400, down: 6_000 }
    ])
    const json = JSON.parse(
      serializeState(parsed.state).split('\n')[1] as string
    )
    expect(json.services.api.daily).toBe('2025-12-20 86400 80000.400.6000')
    expect(json.services.api.title).toBeUndefined()
  })

  test('daily totals are one string: the first day, then a run-length token per day', () => {
    const days: Day[] = [
      { day: '2025-12-01', up: 86_400, degraded: 0, down: 0 },
      { day: '2025-12-02', up: 86_400, degraded: 0, down: 0 },
      { day: '2025-12-04', up: 3_600, degraded: 0, down: 82_800 }
    ]
    expect(encodeDays(days)).toBe('2025-12-01 86400*2 0 3600.0.82800')
    expect(decodeDays(encodeDays(days))).toEqual(days)
  })

  test('any daily totals encode and decode to the same days', () => {
    const day = fc
      .tuple(
        fc.integer({ min: 0, max: 86_400 }),
        fc.integer({ min: 0, max: 86_400 }),
        fc.integer({ min: 0, max: 86_400 })
      )
      .filter(([a, b, c]) => a + b + c > 0 && a + b + c <= 86_400)
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 40 }), day), {
          selector: ([n]) => n
        }),
        (list) => {
          const days = list
            .map(([n, [up, degraded, down]]) => ({
              day: new Date(Date.UTC(2025, 10, 1 + n))
                .toISOString()
                .slice(0, 10),
              up,
              degraded,
              down
            }))
            .sort((a, b) => (a.day < b.day ? -1 : 1))
          expect(decodeDays(encodeDays(days))).toEqual(days)
        }
      )
    )
  })

  test('a daily string that is not one is refused', () => {
    for (const text of [
      'yesterday 1',
      '2025-12-01 86401',
      '2025-12-01 50000.50000.0',
      '2025-13-45 1',
      '2025-12-01 1*999'
    ])
      expect(decodeDays(text)).toBeNull()
  })

  test('values most services of a status share are written once and read back the same', () => {
    const state = sampleState()
    state.services.db = history(checks(NOW_S - 3600, NOW_S, 300), {
      status: 'down',
      reason: 'HTTP 503'
    })
    const block = serializeState(state, { shareDefaults: true })
    const json = JSON.parse(block.split('\n')[1] as string)
    expect(json.service_defaults.down.reason).toBe('HTTP 503')
    expect(json.services.db).toEqual({ status: 'down' })
    expect(parseState(block, NOW)).toEqual({ state, problems: [] })
  })
})

describe('reading each part of the state block', () => {
  const block = (raw: Record<string, unknown>): string =>
    withJson(JSON.stringify(raw))
  const sample = () => JSON.parse(JSON.stringify(sampleState()))

  test('every part of a full state is read back as it was written', () => {
    const state = sampleState()
    state.updated_at = '2025-12-22T12:30:00.000Z'
    state.thresholds = { failure: 2, success: 3 }
    state.stopped = true
    state.next = {
      situation: 'stopped',
      command: 'gh workflow run ai-agent-handoff-runbook.yml -f action=resume',
      why: 'stopped',
      target: 'deployment-20251222-120000'
    }
    state.live = {
      api: {
        tag: 'deployment-20251222-120000',
        sha: 'a'.repeat(40),
        kind: 'deploy',
        since: '2025-12-22T12:00:00.000Z',
        verified: false
      },
      web: null
    }
    expect(parseState(withJson(JSON.stringify(state)), NOW)).toEqual({
      state,
      problems: []
    })
  })

  test('a state without its optional parts is read without a problem', () => {
    const parsed = parseState(
      block({ schema: 1, updated_at: NOW, overall: 'unknown', halt: null }),
      NOW
    )
    expect(parsed).toEqual({ state: emptyState(NOW), problems: [] })
  })

  test('a time that matches the pattern but is no date is unreadable', () => {
    const parsed = parseState(
      block({ ...sample(), updated_at: '2025-13-01T00:00:00.000Z' }),
      NOW
    )
    expect(parsed.state.updated_at).toBe(NOW)
    expect(parsed.problems).toEqual(['"updated_at" was unreadable'])
  })

  test('a state block that is a number or a string is not an object', () => {
    expect([
      parseState(withJson('5'), NOW).problems,
      parseState(withJson('"x"'), NOW).problems
    ]).toEqual([
      ['the state block was not an object'],
      ['the state block was not an object']
    ])
  })

  test('services that are null or a list are unreadable', () => {
    expect([
      parseState(block({ ...sample(), services: null }), NOW).problems,
      parseState(block({ ...sample(), services: [sample().services.api] }), NOW)
        .problems
    ]).toEqual([['"services" was unreadable'], ['"services" was unreadable']])
  })

  test('a state block without its closing line is still read', () => {
    const body = `${DASHBOARD_MARKER}\n${STATE_OPEN}\n${JSON.stringify(sampleState())}`
    expect(parseState(body, NOW)).toEqual({
      state: sampleState(),
      problems: []
    })
  })

  test('a state block of exactly 65,536 characters is read', () => {
    const raw = sample()
    raw.pad = ''
    const size = (r: unknown) => `\n${JSON.stringify(r)}\n`.length
    raw.pad = 'x'.repeat(65_536 - size(raw))
    expect(size(raw)).toBe(65_536)
    expect(parseState(block(raw), NOW)).toEqual({
      state: sampleState(),
      problems: []
    })
  })

  test('a state nested exactly as deep as allowed is read without a problem', () => {
    const raw = sample()
    raw.notify.evil = [[[[[[1]]]]]]
    expect(flatten(JSON.stringify(raw)).depth).toBe(MAX_DEPTH)
    expect(parseState(block(raw), NOW).problems).toEqual([])
  })

  test('a day of more than 24 hours is dropped with the other days kept', () => {
    const raw = sample()
    raw.services.api.daily = [
      { day: '2025-12-20', up: 86_400, degraded: 0, down: 0 },
      { day: '2025-12-21', up: 40_000, degraded: 40_000, down: 6_401 }
    ]
    const parsed = parseState(block(raw), NOW)
    expect(parsed.state.services.api?.daily).toEqual([
      { day: '2025-12-20', up: 86_400, degraded: 0, down: 0 }
    ])
    expect(parsed.problems).toEqual(['unreadable checks of service "api"'])
  })

  test('daily totals that are not encoded are dropped and the service kept', () => {
    const raw = sample()
    raw.services.api.daily = 'not days'
    const parsed = parseState(block(raw), NOW)
    expect(parsed.state.services.api?.daily).toEqual([])
    expect(parsed.state.services.api?.recent).toEqual(
      sampleState().services.api?.recent
    )
    expect(parsed.problems).toEqual(['unreadable checks of service "api"'])
  })

  test('days of the earlier shape out of order are read oldest first', () => {
    const raw = sample()
    raw.services.api.daily = [
      { day: '2025-12-21', up: 1, degraded: 0, down: 0 },
      { day: '2025-12-19', up: 2, degraded: 0, down: 0 },
      { day: '2025-12-20', up: 3, degraded: 0, down: 0 }
    ]
    const days = parseState(block(raw), NOW).state.services.api?.daily
    expect(days?.map((d) => d.day)).toEqual([
      '2025-12-19',
      '2025-12-20',
      '2025-12-21'
    ])
  })

  test('more than 32 days are cut to the newest 32 and said so', () => {
    const raw = sample()
    raw.services.api.daily = `2025-11-01 ${Array(40).fill('86400').join(' ')}`
    const parsed = parseState(block(raw), NOW)
    const days = parsed.state.services.api?.daily ?? []
    expect([days.length, days[0]?.day, days[31]?.day]).toEqual([
      32,
      '2025-11-09',
      '2025-12-10'
    ])
    expect(parsed.problems).toEqual([
      'the oldest checks of 1 service beyond 1500 checks or 32 days were dropped'
    ])
  })

  test('more than 1,500 checks are cut to the newest 1,500 and said so', () => {
    const raw = sample()
    raw.services.api.recent = checks(NOW_S - 1_600 * 30, NOW_S, 30)
    raw.services.web.recent = checks(NOW_S - 1_600 * 30, NOW_S, 30)
    const parsed = parseState(block(raw), NOW)
    const recent = parsed.state.services.api?.recent ?? []
    expect([recent.length, recent[0]?.[0]]).toEqual([1_500, NOW_S - 1_500 * 30])
    expect(parsed.problems).toEqual([
      'the oldest checks of 2 services beyond 1500 checks or 32 days were dropped'
    ])
  })

  test('exactly 1,500 checks and 32 days are kept whole', () => {
    const raw = sample()
    raw.services.api.recent = checks(NOW_S - 1_500 * 30, NOW_S, 30)
    raw.services.api.daily = `2025-11-20 ${Array(32).fill('86400').join(' ')}`
    const parsed = parseState(block(raw), NOW)
    expect(parsed.state.services.api?.recent).toHaveLength(1_500)
    expect(parsed.state.services.api?.daily).toHaveLength(32)
    expect(parsed.problems).toEqual([])
  })

  test('more than 30 events are cut to the newest 30 and said so', () => {
    const raw = sample()
    raw.events = Array.from({ length: 35 }, (_, i) => ({
      ...raw.events[0],
      run: String(i)
    }))
    const parsed = parseState(block(raw), NOW)
    expect(parsed.state.events.map((e) => e.run)).toEqual(
      Array.from({ length: 30 }, (_, i) => String(i))
    )
    expect(parsed.problems).toEqual([
      '5 "events" entries beyond 30 were dropped'
    ])
  })

  test('a time exactly at the clock skew limit is kept', () => {
    const limit = '2025-12-22T13:05:00.000Z'
    const raw = sample()
    raw.services.api.last_check = limit
    raw.services.api.recent.push([NOW_S + 300, 'h', 5])
    const parsed = parseState(block(raw), NOW)
    expect(parsed.state.services.api?.last_check).toBe(limit)
    expect(parsed.state.services.api?.recent.at(-1)).toEqual([
      NOW_S + 300,
      'h',
      5
    ])
    expect(parsed.problems).toEqual([])
  })

  test('a day after today is dropped and the service named', () => {
    const raw = sample()
    raw.services.web.daily = '2025-12-22 3600 3600'
    const parsed = parseState(block(raw), NOW)
    expect(parsed.state.services.web?.daily).toEqual([
      { day: '2025-12-22', up: 3600, degraded: 0, down: 0 }
    ])
    expect(parsed.problems).toEqual([
      'future times of 1 service (web) were dropped or reset'
    ])
  })

  test('future times of several services are named, the first five only', () => {
    const raw = sample()
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'])
      raw.services[name] = { ...raw.services.web, since: FAR }
    raw.services.api.recent.push([NOW_S + 3_600, 'h', 5])
    const parsed = parseState(block(raw), NOW)
    expect(parsed.problems).toEqual([
      'future times of 7 services (api, a1, a2, a3, a4, …) were dropped or reset'
    ])
  })

  test('every time reset from the future is named in one problem', () => {
    const raw = sample()
    raw.updated_at = FAR
    raw.halt.at = FAR
    raw.last_run.at = FAR
    expect(parseState(block(raw), NOW).problems).toEqual([
      'updated_at, halt.at, last_run dated in the future were reset'
    ])
  })

  test('one time reset from the future is named alone', () => {
    expect(
      parseState(block({ ...sample(), updated_at: FAR }), NOW).problems
    ).toEqual(['updated_at dated in the future was reset'])
  })
})

describe('daily totals at their limits', () => {
  test('days given out of order are encoded oldest first', () => {
    expect(
      encodeDays([
        { day: '2025-12-03', up: 3, degraded: 0, down: 0 },
        { day: '2025-12-01', up: 1, degraded: 0, down: 0 }
      ])
    ).toBe('2025-12-01 1 0 3')
  })

  test('a run of no days is refused', () => {
    expect(decodeDays('2025-12-01 1*0')).toBeNull()
  })

  test('a day whose three totals add up to more than a day is refused', () => {
    expect(decodeDays('2025-12-01 40000.40000.6401')).toBeNull()
  })

  test('exactly 400 days are read, and one more is refused', () => {
    expect([
      decodeDays('2025-01-01 1*400')?.length,
      decodeDays('2025-01-01 1*400 1')
    ]).toEqual([400, null])
  })

  test('a string of exactly 4,000 characters is read, and a longer one refused', () => {
    const text = `2025-01-01${' 11111.11111.11111*1'.repeat(199)} 1111.1.11`
    expect(text).toHaveLength(4_000)
    expect([decodeDays(text)?.length, decodeDays(`${text} 1`)]).toEqual([
      200,
      null
    ])
  })
})

describe('values shared by services of a status', () => {
  const three = (): DashboardState => {
    const state = sampleState()
    state.services.db = history(checks(NOW_S - 3600, NOW_S, 300))
    return state
  }
  const written = (state: DashboardState, shareDefaults?: boolean) =>
    JSON.parse(serializeState(state, { shareDefaults }).split('\n')[1]!)

  test('without sharing, every service is written whole', () => {
    const json = written(three())
    expect(json.service_defaults).toBeUndefined()
    expect(Object.keys(json.services.web).sort()).toEqual(
      Object.keys(sampleState().services.web!).sort()
    )
  })

  test('a value is shared only within its status, and only by more than one service', () => {
    const json = written(three(), true)
    expect(Object.keys(json.service_defaults).sort()).toEqual([
      'down',
      'healthy'
    ])
    expect(json.service_defaults.down).toEqual({})
    expect(json.services.api.reason).toBe('HTTP 503')
    expect(json.service_defaults.healthy.reason).toBeNull()
    expect(json.services.web).toEqual({ status: 'healthy' })
    expect(json.services.db).toEqual({ status: 'healthy' })
  })

  test('the value most services of a status have is the shared one', () => {
    const state = three()
    state.services.x1 = history([], { latency_ms: 7 })
    state.services.x2 = history([], { latency_ms: 7 })
    state.services.x3 = history([], { latency_ms: 7 })
    const json = written(state, true)
    expect(json.service_defaults.healthy.latency_ms).toBe(7)
    expect(json.services.web.latency_ms).toBe(
      sampleState().services.web!.latency_ms
    )
    expect(json.services.x1.latency_ms).toBeUndefined()
  })
})
