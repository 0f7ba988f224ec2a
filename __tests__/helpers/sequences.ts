// Model-based sequences of operations against the real engine: a small
// reference world (what each stand-in service runs and answers, which
// deployments were recorded and verified, the lock, the stop) is the oracle
// for the dashboard state after every run. The same commands run on the
// local platform and on the GitHub REST emulator.

import fc from 'fast-check'
import { expect } from '@jest/globals'
import { writeFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { resolveConfig } from '../../src/config.js'
import type { RunInfo, StageContext } from '../../src/context.js'
import type { DashboardState } from '../../src/dashboard/state.js'
import { runStage, type RunResult } from '../../src/run-stages.js'
import { parseInputs, type InputName } from '../../src/inputs.js'
import type { Platform } from '../../src/platform/platform.js'
import { DEFAULT_TOKEN } from '../emulator/index.js'
import { depsOf, REPOSITORY, stateOf, tickingClock, type Ops } from './ops.js'
import { RecordingReporter } from './log.js'

export const NAMES = ['api', 'web', 'worker'] as const
export type Name = (typeof NAMES)[number]
type Health = 'healthy' | 'down'
type Kind = 'deploy' | 'update-component' | 'rollback'

/** How many recorded deployments the engine reads back (gate.ts). */
const WINDOW = 10

/**
 * Bugs these sequences found, now fixed and generated like everything else:
 *
 * 1. A one-off check of some services (the `services` input), after an
 *    update-component of another: `deploy` (all) → `update-component web` →
 *    `healthcheck --services api` named the web update as running on api.
 * 2. A version that breaks a service an emergency stop stopped:
 *    `emergency-stop` → `resume` → `deploy` (breaks web) was judged
 *    `unverified` (web counted as down before it), so nothing was blamed or
 *    rolled back.
 */
const WORKFLOW = 'gh workflow run ai-agent-handoff-runbook.yml'
/** Newer than any tag a run makes: a deploy's own tag before it exists. */
const LATEST = 'deployment-99991231-235959'

// ---------------------------------------------------------------------------
// The system under test, on either platform.

export interface Harness {
  ops: Ops
  /** Commits a new version and returns its SHA. */
  commit: () => Promise<string>
  platform: () => Platform
  /** The SHA a run on this platform says it runs at ('' locally: HEAD). */
  runSha: () => string
  /** The dashboard body as the platform holds it now. */
  body: (outputs: Record<string, string>) => Promise<string>
  close: () => Promise<void>
}

/**
 * The deploy command of the stand-ins: a per-version, per-service mode file
 * (`mode-<sha>-<service>`: ok, broken or fail) decides what it does; without
 * one the version works. A failing command changes nothing.
 */
export function deployCommand(dir: string): string {
  return [
    `S='${dir}'`,
    'f="$S/mode-$RUNBOOK_REF-$RUNBOOK_SERVICE"',
    'mode=$(cat "$f" 2>/dev/null || echo ok)',
    'if [ "$mode" = fail ]; then',
    '  echo "error: registry unreachable" >&2',
    '  exit 3',
    'fi',
    'printf "%s %s" "$mode" "$RUNBOOK_REF" > "$S/$RUNBOOK_SERVICE"'
  ].join('\n')
}

const modeFile = (ops: Ops, sha: string, name: Name): string =>
  join(ops.dir, `mode-${sha}-${name}`)

// ---------------------------------------------------------------------------
// The reference model.

interface Recorded {
  /** '' for a deploy whose commands failed: it never got a tag. */
  tag: string
  kind: Kind
  components: Name[]
  verified: boolean | null
  failedIn: 'commands' | 'verification' | null
  blamed: Name[]
  /** Marked stopped by an emergency stop. */
  stopped: boolean
}

interface Running {
  tag: string
  kind: Kind
}

interface LastRun {
  refused: boolean
  failed: boolean
  autoRolledBack: boolean
}

export class Model {
  /** Newest commit. */
  head = ''
  /** What each version does on each service when deployed. */
  quality = new Map<string, Partial<Record<Name, 'broken' | 'fail'>>>()
  /** The stand-in's state file: what it answers; null when stopped or never deployed. */
  files: Record<Name, { mode: 'ok' | 'broken'; sha: string } | null> = {
    api: null,
    web: null,
    worker: null
  }
  /** Stopped by an emergency stop and not started since. */
  stoppedBy = new Set<Name>()
  /**
   * Deployed and still running there, as the records can know it: commands
   * that failed partway move nothing here (the engine keeps the version
   * recorded before and cannot know better).
   */
  running: Record<Name, Running | null> = {
    api: null,
    web: null,
    worker: null
  }
  halt = false
  /** Every deployment recorded on the platform, newest first. */
  records: Recorded[] = []
  tags = new Map<string, string>()
  /** Confirmed health on the dashboard (thresholds 1 and 1). */
  confirmed: Record<Name, Health | 'unknown'> = {
    api: 'unknown',
    web: 'unknown',
    worker: 'unknown'
  }
  /** `kind:tag` of every deployment a passing check verified. */
  passed = new Set<string>()
  last: LastRun = { refused: false, failed: false, autoRolledBack: false }
  /** The state's `stopped` after the last run. */
  stopped = false
  /** Per service, how many checks the dashboard holds at least. */
  checks: Record<Name, number> = { api: 0, web: 0, worker: 0 }
  runs = 0
  /** Every operation so far, for the report of a failure. */
  log: string[] = []

  health(name: Name): Health {
    return this.files[name]?.mode === 'ok' ? 'healthy' : 'down'
  }

  check(names: readonly Name[]): Record<Name, Health> {
    const seen = {} as Record<Name, Health>
    for (const n of names) {
      seen[n] = this.health(n)
      this.confirmed[n] = seen[n]
      this.checks[n] += 1
    }
    return seen
  }

  modeOf(sha: string, name: Name): 'ok' | 'broken' | 'fail' {
    return this.quality.get(sha)?.[name] ?? 'ok'
  }

  /**
   * Runs the deploy commands of `names` at `sha` in order, stopping at the
   * first that fails; returns the services whose command ran.
   */
  runCommands(
    sha: string,
    names: readonly Name[],
    override: Partial<Record<Name, 'fail'>> = {}
  ): { moved: Name[]; failed: boolean } {
    const moved: Name[] = []
    for (const n of names) {
      const mode = override[n] ?? this.modeOf(sha, n)
      if (mode === 'fail') return { moved, failed: true }
      this.files[n] = { mode, sha }
      this.stoppedBy.delete(n)
      moved.push(n)
    }
    return { moved, failed: false }
  }

  window(): Recorded[] {
    return this.records.slice(0, WINDOW)
  }

  /** What runs now per service ('' for a tag the gate sees as running). */
  liveTag(): string {
    return this.window().find((r) => r.failedIn !== 'commands')?.tag ?? ''
  }

  /** The gate's and the rollback stage's target (gate.ts previousGoodDeployment). */
  previousGood(current: string, components: readonly Name[]): string | null {
    for (const r of this.window()) {
      if (r.verified !== true || r.tag === '') continue
      if (current !== '' && r.tag >= current) continue
      if (!components.every((c) => r.components.includes(c))) continue
      return r.tag
    }
    return null
  }

  /** The situation the decision table gives for the model's world. */
  expected(names: readonly Name[], stopped: boolean): string {
    const scope = (r: Recorded) => names.filter((n) => r.components.includes(n))
    const records = this.window()
    const down = names.filter((n) => this.confirmed[n] === 'down')
    const headBroken = () =>
      records.find((r) => r.kind !== 'rollback')?.verified === false
    const target = (
      wanted: readonly Name[],
      live: (n: Name) => Running | null
    ): string | null =>
      records.find(
        (r) =>
          r.verified === true &&
          r.failedIn === null &&
          r.tag !== '' &&
          wanted.every((n) => r.components.includes(n)) &&
          wanted.every((n) => {
            const now = live(n)
            return !now || (now.tag !== r.tag && r.tag < now.tag)
          })
      )?.tag ?? null
    const live = (n: Name) => this.running[n]
    if (stopped) {
      if (this.halt) return 'stopped'
      if (!headBroken()) return 'resumed-still-stopped'
      return target(names, () => null)
        ? 'resumed-head-broken'
        : 'no-rollback-target'
    }
    if (down.length > 0) {
      const newest = records[0]
      if (newest?.kind === 'rollback' && newest.failedIn === 'commands')
        return this.halt
          ? 'halted-rollback-failed'
          : 'critical-rollback-failed-commands'
      if (
        newest?.kind === 'rollback' &&
        newest.failedIn === 'verification' &&
        scope(newest).some((n) => down.includes(n))
      )
        return 'critical-rollback-failed-verification'
      for (const r of records) {
        if (r.kind === 'rollback' || r.failedIn === 'commands') continue
        if (r.verified === true) continue
        const broken = r.blamed.filter(
          (n) =>
            down.includes(n) &&
            live(n)?.tag === r.tag &&
            live(n)?.kind === r.kind
        )
        if (broken.length === 0) continue
        const wanted =
          broken.length === 1
            ? broken
            : names.filter((n) => live(n)?.tag === r.tag)
        if (!target(wanted, live)) return 'no-rollback-target'
        return this.halt ? 'halted-critical' : 'critical-after-deploy'
      }
      return 'critical-not-deploy'
    }
    if (names.some((n) => this.confirmed[n] === 'unknown')) return 'unknown'
    if (this.halt) return 'halted-healthy'
    if (this.last.refused) return 'run-refused'
    if (this.last.autoRolledBack) return 'rolled-back-automatically'
    if (this.last.failed) return 'run-failed'
    return 'healthy'
  }

  /** Stopped, as the engine reads it from the records (stages/situation.ts). */
  expectStopped(names: readonly Name[], stopTookLock: boolean): boolean {
    const records = this.window()
    const index = records.findIndex((r) => r.stopped)
    if (index === -1) return stopTookLock || (this.halt && this.stopped)
    return !records
      .slice(0, index)
      .some(
        (r) =>
          r.failedIn !== 'commands' &&
          names.every((n) => r.components.includes(n))
      )
  }
}

// ---------------------------------------------------------------------------
// Running the engine.

export interface Real {
  harness: Harness
  clock: () => Date
  /** The dashboard issue's number, once the status stage made it. */
  issue: Record<string, string>
}

async function runEngine(
  model: Model,
  real: Real,
  inputs: Partial<Record<InputName, string>>,
  options: { names?: readonly Name[]; run?: Partial<RunInfo> } = {}
): Promise<RunResult> {
  model.runs += 1
  const { ops } = real.harness
  const all = ops.serviceConfig({ deploy: deployCommand(ops.dir) })
  const subset = options.names
    ? all.filter((s) => options.names?.includes(s.name as Name))
    : null
  const parsed = parseInputs({
    stage: 'all',
    'github-token': DEFAULT_TOKEN,
    'report-path': join(ops.dir, 'report.json'),
    ...inputs,
    ...(subset ? { services: JSON.stringify(subset) } : {})
  })
  const config = resolveConfig(
    { services: all, monitor: { 'grace-period-ms': 0 } },
    {
      source: 'config',
      baseUrl: parsed.baseUrl,
      servicesOverride: parsed.services
        ? JSON.parse(parsed.services)
        : undefined
    }
  )
  const id = String(1000 + model.runs)
  const ctx: StageContext = {
    settings: {
      inputs: parsed,
      config,
      run: {
        id,
        url: `https://github.com/${REPOSITORY}/actions/runs/${id}`,
        eventName: 'workflow_dispatch',
        actor: 'octocat',
        triggeringActor: 'octocat',
        ref: 'refs/heads/main',
        sha: real.harness.runSha(),
        repository: REPOSITORY,
        defaultBranch: 'main',
        ...options.run
      }
    },
    reporter: new RecordingReporter(),
    now: real.clock
  }
  const result = await runStage('all', ctx, depsOf(real.harness.platform()))
  if (result.outputs['issue-number'])
    real.issue['issue-number'] = result.outputs['issue-number']
  return result
}

/** Reads the dashboard and holds it to the model. */
async function verify(
  model: Model,
  real: Real,
  result: RunResult,
  options: {
    names?: readonly Name[]
    stopTookLock?: boolean
    failedRun?: boolean
  } = {}
): Promise<void> {
  const names = options.names ?? NAMES
  const body = await real.harness.body(real.issue)
  const state = stateOf(body)
  const story = `after: ${model.log.join(' → ')}`
  const stopped = model.expectStopped(names, options.stopTookLock ?? false)
  const expected = {
    situation: model.expected(names, stopped),
    stopped,
    live: Object.fromEntries(
      names.map((n) => [n, model.running[n]?.tag ?? null])
    ),
    deployments: model
      .window()
      .filter((r) => r.tag !== '' && r.failedIn !== 'commands')
      .map((r) => `${r.kind}:${r.tag}:${String(r.verified)}`)
  }
  const actual = {
    situation: state.next?.situation,
    stopped: state.stopped,
    live: Object.fromEntries(
      Object.entries(state.live).map(([n, l]) => [n, l?.tag ?? null])
    ),
    deployments: state.deployments.map(
      (d) => `${d.kind}:${d.tag}:${String(d.verified)}`
    )
  }
  expect({ story, ...actual }).toEqual({ story, ...expected })
  checkInvariants(model, state, body, names, options.failedRun ?? false)
  model.stopped = state.stopped
}

/** The invariants that hold whatever the model predicts. */
function checkInvariants(
  model: Model,
  state: DashboardState,
  body: string,
  names: readonly Name[],
  failedRun: boolean
): void {
  const next = state.next
  expect(next).not.toBeNull()
  if (!next) return
  const plainDeploy = `${WORKFLOW} -f action=deploy`
  // Healthy means nothing to do, and never a deploy.
  if (next.situation === 'healthy') expect(next.command).toBeNull()
  if (state.halt) expect(next.command).not.toBe(plainDeploy)
  if (model.halt) expect(state.halt).not.toBeNull()
  else expect(state.halt).toBeNull()
  if (state.stopped) {
    expect(next.situation).not.toBe('healthy')
    expect(body).toContain('Runbook status: STOPPED')
  }
  // Every verified deployment was verified by a check that passed.
  for (const d of state.deployments)
    if (d.verified === true)
      expect(model.passed).toContain(`${d.kind}:${d.tag}`)
  // Newest first.
  const times = state.deployments.map((d) => d.time)
  expect(times).toEqual([...times].sort().reverse())
  // Never older than what it reports.
  for (const e of state.events) expect(state.updated_at >= e.at).toBe(true)
  // No configured service loses its history.
  for (const n of NAMES) {
    if (model.checks[n] === 0) continue
    expect(state.services[n]).toBeDefined()
    expect(state.services[n]?.recent.length ?? 0).toBeGreaterThanOrEqual(
      Math.min(model.checks[n], 1)
    )
  }
  // The whole system: when every service runs one version, it is the newest.
  const tags = new Set(names.map((n) => model.running[n]?.tag ?? null))
  const [only] = [...tags]
  if (tags.size === 1 && only && names.length === NAMES.length)
    expect(state.deployments[0]?.tag).toBe(only)
  // A run that failed is on the dashboard.
  if (failedRun) {
    const runId = String(1000 + model.runs)
    expect(state.events.map((e) => e.run)).toContain(runId)
  }
}

// ---------------------------------------------------------------------------
// The commands.

type Cmd = fc.AsyncCommand<Model, Real, false>

class Deploy implements Cmd {
  constructor(
    /** update-component of this service, or a deploy of all. */
    readonly only: Name | null,
    /** The services the new version breaks. */
    readonly breaks: Name[],
    /** The service whose deploy command fails, if any. */
    readonly fails: Name | null,
    /** The service whose command fails in an automatic rollback, if any. */
    readonly rollbackFails: Name | null
  ) {}

  check(): boolean {
    return true
  }

  async run(model: Model, real: Real): Promise<void> {
    model.log.push(this.toString())
    const { ops } = real.harness
    const sha = await real.harness.commit()
    model.head = sha
    const quality: Partial<Record<Name, 'broken' | 'fail'>> = {}
    for (const n of this.breaks) quality[n] = 'broken'
    if (this.fails) quality[this.fails] = 'fail'
    model.quality.set(sha, quality)
    for (const [n, mode] of Object.entries(quality))
      await writeFile(modeFile(ops, sha, n as Name), mode)
    const action = this.only ? 'update-component' : 'deploy'
    const components: Name[] = this.only ? [this.only] : [...NAMES]

    // The model's prediction of the automatic rollback's target, so that a
    // failing rollback can be arranged before the run.
    // A service an emergency stop stopped was down on purpose: that does
    // not excuse a deploy that starts it broken. One it did not start is
    // still just stopped.
    const stoppedBefore = new Set(model.stoppedBy)
    const healthBefore = Object.fromEntries(
      NAMES.map((n) => [n, model.health(n)])
    ) as Record<Name, Health>
    const beforeOf = (moved: Name[]) =>
      Object.fromEntries(
        components.map((n) => [
          n,
          stoppedBefore.has(n) && moved.includes(n)
            ? 'unknown'
            : healthBefore[n]
        ])
      ) as Record<Name, Health | 'unknown'>
    let arranged: { file: string } | null = null

    if (model.halt) {
      const result = await runEngine(model, real, {
        action,
        'target-component': this.only ?? 'all'
      })
      expect(result.outputs.approved).toBe('false')
      model.last = { refused: true, failed: false, autoRolledBack: false }
      await verify(model, real, result)
      return
    }

    // What the deploy will do, computed on a copy first to place the
    // failing rollback command before the run.
    const trial = cloneModel(model)
    const { failed, moved } = trial.runCommands(sha, components)
    const trialBefore = beforeOf(moved)
    // The deploy's own record counts in the window the engine reads.
    trial.records.unshift({
      tag: failed ? '' : LATEST,
      kind: action,
      components,
      verified: false,
      failedIn: failed ? 'commands' : 'verification',
      blamed: [],
      stopped: false
    })
    const brokenTrial = components.filter(
      (n) => trial.health(n) === 'down' && trialBefore[n] !== 'down'
    )
    if (brokenTrial.length > 0 && this.rollbackFails) {
      const target = trial.previousGood(failed ? '' : LATEST, brokenTrial)
      const targetSha = target ? model.tags.get(target) : undefined
      if (targetSha && brokenTrial.includes(this.rollbackFails)) {
        arranged = { file: modeFile(ops, targetSha, this.rollbackFails) }
        await writeFile(arranged.file, 'fail')
      }
    }

    const result = await runEngine(model, real, {
      action,
      'target-component': this.only ?? 'all'
    })
    if (arranged) await rm(arranged.file)
    const tag = result.outputs['deployment-tag'] ?? ''
    const ran = model.runCommands(sha, components)
    expect(result.outputs['deployment-status']).toBe(
      ran.failed ? 'failed' : 'success'
    )
    const after = model.check(NAMES)
    const before = beforeOf(ran.moved)
    const broken = components.filter(
      (n) => after[n] === 'down' && before[n] !== 'down'
    )
    const stillDown = components.filter(
      (n) => after[n] === 'down' && before[n] === 'down'
    )
    const verdict =
      broken.length > 0
        ? 'broken'
        : stillDown.length > 0
          ? 'unverified'
          : 'verified'
    expect(result.outputs['deploy-verdict']).toBe(verdict)
    const record: Recorded = ran.failed
      ? {
          tag: '',
          kind: action,
          components,
          verified: false,
          failedIn: 'commands',
          blamed: [],
          stopped: false
        }
      : {
          tag,
          kind: action,
          components,
          verified:
            verdict === 'verified' ? true : verdict === 'broken' ? false : null,
          failedIn: verdict === 'broken' ? 'verification' : null,
          blamed: verdict === 'broken' ? broken : [],
          stopped: false
        }
    model.records.unshift(record)
    if (!ran.failed) {
      model.tags.set(tag, sha)
      for (const n of components) model.running[n] = { tag, kind: action }
      if (record.verified) model.passed.add(`${action}:${tag}`)
    }
    let autoRolledBack = false
    if (verdict === 'broken') {
      const target = model.previousGood(ran.failed ? '' : tag, broken)
      expect(result.outputs['rollback-version'] ?? '').toBe(target ?? '')
      if (target) {
        const override: Partial<Record<Name, 'fail'>> = {}
        if (arranged && this.rollbackFails)
          override[this.rollbackFails] = 'fail'
        autoRolledBack = rollBack(model, target, broken, override)
        expect(result.outputs['rollback-status']).toBe(
          autoRolledBack ? 'executed' : 'failed'
        )
      } else expect(result.outputs['rollback-status']).toBe('failed')
    } else expect(result.outputs['rollback-status']).toBe('skipped')
    model.last = { refused: false, failed: ran.failed, autoRolledBack }
    await verify(model, real, result, { failedRun: ran.failed })
  }

  toString(): string {
    return `${this.only ? `update(${this.only})` : 'deploy'}(breaks=[${this.breaks}]${this.fails ? `,fails=${this.fails}` : ''}${this.rollbackFails ? `,rollbackFails=${this.rollbackFails}` : ''})`
  }
}

function cloneModel(model: Model): Model {
  const copy = new Model()
  copy.quality = model.quality
  copy.files = structuredClone(model.files)
  copy.stoppedBy = new Set(model.stoppedBy)
  copy.records = structuredClone(model.records)
  copy.tags = new Map(model.tags)
  return copy
}

/** A rollback of `names` to `target` in the model; true when verified. */
function rollBack(
  model: Model,
  target: string,
  names: Name[],
  override: Partial<Record<Name, 'fail'>>
): boolean {
  const sha = model.tags.get(target) ?? ''
  const ran = model.runCommands(sha, names, override)
  if (ran.failed) {
    model.records.unshift({
      tag: target,
      kind: 'rollback',
      components: names,
      verified: false,
      failedIn: 'commands',
      blamed: [],
      stopped: false
    })
    return false
  }
  const seen = model.check(NAMES)
  const ok = names.every((n) => seen[n] !== 'down')
  model.records.unshift({
    tag: target,
    kind: 'rollback',
    components: names,
    verified: ok,
    failedIn: ok ? null : 'verification',
    blamed: [],
    stopped: false
  })
  for (const n of names) model.running[n] = { tag: target, kind: 'rollback' }
  if (ok) model.passed.add(`rollback:${target}`)
  return ok
}

class Rollback implements Cmd {
  constructor(
    /** A pick among the existing tags, or null: the previous verified one. */
    readonly named: number | null,
    readonly fails: Name | null
  ) {}

  check(): boolean {
    return true
  }

  async run(model: Model, real: Real): Promise<void> {
    const tags = [...model.tags.keys()].sort()
    const version =
      this.named !== null && tags.length > 0
        ? (tags[this.named % tags.length] as string)
        : ''
    model.log.push(this.toString(version))
    const target = version || model.previousGood(model.liveTag(), [])
    let arranged: string | null = null
    const sha = target ? model.tags.get(target) : undefined
    if (sha && this.fails) {
      arranged = modeFile(real.harness.ops, sha, this.fails)
      await writeFile(arranged, 'fail')
    }
    const result = await runEngine(model, real, {
      action: 'rollback',
      'rollback-version': version,
      reason: 'model-based sequence'
    })
    if (arranged) await rm(arranged)
    if (!target) {
      expect(result.outputs.approved).toBe('false')
      model.last = { refused: true, failed: false, autoRolledBack: false }
      await verify(model, real, result)
      return
    }
    expect(result.outputs['rollback-version']).toBe(target)
    const override: Partial<Record<Name, 'fail'>> = {}
    if (this.fails) override[this.fails] = 'fail'
    const ok = rollBack(model, target, [...NAMES], override)
    expect(result.outputs['rollback-status']).toBe(ok ? 'executed' : 'failed')
    model.last = { refused: false, failed: false, autoRolledBack: false }
    await verify(model, real, result)
  }

  toString(version = ''): string {
    return `rollback(${version || (this.named === null ? 'previous' : `#${this.named}`)}${this.fails ? `,fails=${this.fails}` : ''})`
  }
}

class Stop implements Cmd {
  check(): boolean {
    return true
  }

  async run(model: Model, real: Real): Promise<void> {
    model.log.push('stop')
    const result = await runEngine(model, real, {
      action: 'emergency-stop',
      reason: 'model-based sequence'
    })
    const took = !model.halt
    if (took) {
      model.halt = true
      // The stop is a fact only on a recorded deployment it marks stopped:
      // with nothing recorded, a later deploy cannot tell a service the
      // stop stopped from one that was down, and its verdict says so.
      const newest = model.records[0]
      if (newest) newest.stopped = true
      for (const n of NAMES) {
        model.files[n] = null
        if (newest) model.stoppedBy.add(n)
      }
    }
    model.last = { refused: false, failed: false, autoRolledBack: false }
    expect(result.outputs['deployment-status']).toBe(
      took ? 'success' : 'skipped'
    )
    await verify(model, real, result, { stopTookLock: took })
  }

  toString(): string {
    return 'stop'
  }
}

class Resume implements Cmd {
  check(): boolean {
    return true
  }

  async run(model: Model, real: Real): Promise<void> {
    model.log.push('resume')
    const result = await runEngine(model, real, {
      action: 'resume',
      reason: 'model-based sequence'
    })
    model.halt = false
    model.last = { refused: false, failed: false, autoRolledBack: false }
    await verify(model, real, result)
  }

  toString(): string {
    return 'resume'
  }
}

class Check implements Cmd {
  constructor(
    /** A one-off check of these services (the `services` input), or all on schedule. */
    readonly only: Name[] | null
  ) {}

  check(): boolean {
    return true
  }

  async run(model: Model, real: Real): Promise<void> {
    model.log.push(this.toString())
    const names = this.only ?? NAMES
    const result = await runEngine(
      model,
      real,
      this.only ? { action: 'healthcheck' } : { action: '' },
      this.only
        ? { names: this.only }
        : { run: { eventName: 'schedule', actor: 'octocat' } }
    )
    const seen = model.check(names)
    expect(result.outputs['monitoring-status']).toBe(
      names.some((n) => seen[n] === 'down') ? 'critical' : 'healthy'
    )
    model.last = { refused: false, failed: false, autoRolledBack: false }
    await verify(model, real, result, { names })
  }

  toString(): string {
    return this.only ? `check(${this.only})` : 'check'
  }
}

/** A service goes down, or comes back, on its own: no run. */
class Outage implements Cmd {
  constructor(
    readonly name: Name,
    readonly down: boolean
  ) {}

  check(model: Readonly<Model>): boolean {
    return model.files[this.name] !== null
  }

  async run(model: Model, real: Real): Promise<void> {
    model.log.push(this.toString())
    const file = model.files[this.name]
    if (!file) return
    file.mode = this.down ? 'broken' : 'ok'
    await real.harness.ops.setService(this.name, file.mode, file.sha)
  }

  toString(): string {
    return `${this.name} ${this.down ? 'goes down' : 'comes back'}`
  }
}

// ---------------------------------------------------------------------------
// The generator.

const name = fc.constantFrom<Name>(...NAMES)
const maybe = <T>(arb: fc.Arbitrary<T>, weight = 3) =>
  fc.oneof(
    { weight, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: arb }
  )

const deploy = fc
  .record({
    only: maybe(name, 2),
    breaks: fc.oneof(
      { weight: 2, arbitrary: fc.constant<Name[]>([]) },
      { weight: 1, arbitrary: fc.subarray([...NAMES], { minLength: 1 }) }
    ),
    fails: maybe(name, 5),
    rollbackFails: maybe(name, 3)
  })
  .map((o): Cmd => new Deploy(o.only, o.breaks, o.fails, o.rollbackFails))
const rollback = fc
  .record({ named: maybe(fc.nat(20), 1), fails: maybe(name, 3) })
  .map((o): Cmd => new Rollback(o.named, o.fails))
const check = maybe(
  fc.subarray([...NAMES], { minLength: 1, maxLength: 2 }),
  2
).map((only): Cmd => new Check(only))
const outage = fc
  .record({ name, down: fc.boolean() })
  .map((o): Cmd => new Outage(o.name, o.down))

/**
 * Weighted by repetition: deploys most often, so that sequences reach
 * verified versions to roll back to; a stop least, since it takes a resume
 * and a deploy to leave.
 */
export const commandArbitraries: fc.Arbitrary<Cmd>[] = [
  ...Array<fc.Arbitrary<Cmd>>(5).fill(deploy),
  ...Array<fc.Arbitrary<Cmd>>(2).fill(rollback),
  fc.constant<Cmd>(new Stop()),
  ...Array<fc.Arbitrary<Cmd>>(2).fill(fc.constant<Cmd>(new Resume())),
  ...Array<fc.Arbitrary<Cmd>>(2).fill(check),
  ...Array<fc.Arbitrary<Cmd>>(2).fill(outage)
]

export interface SequenceOptions {
  numRuns: number
  maxCommands: number
  seed?: number
}

/** The property: every sequence keeps the dashboard true to the model. */
export async function checkSequences(
  start: () => Promise<Harness>,
  options: SequenceOptions
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      fc.commands(commandArbitraries, { maxCommands: options.maxCommands }),
      async (commands) => {
        const harness = await start()
        const clock = tickingClock(new Date('2025-12-22T13:00:00.000Z'))
        try {
          await fc.asyncModelRun(
            () => ({
              model: new Model(),
              real: { harness, clock, issue: {} }
            }),
            commands
          )
        } finally {
          await harness.close()
        }
      }
    ),
    {
      numRuns: options.numRuns,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      endOnFailure: false
    }
  )
}
