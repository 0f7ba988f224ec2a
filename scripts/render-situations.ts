// Writes one dashboard body per situation of the decision table, so that the
// page can be looked at the way people see it. Each body comes from a short
// history of runs merged with the engine's own functions (outcomeFromResults,
// mergeRun, situationOf, keepSituation, renderDashboard); the deployments the
// platform would record and the lock are kept alongside, as the platform
// keeps them. Run: npx tsx scripts/render-situations.ts [folder]
// (default .runbook/situations); it exits 1 when a history does not lead to
// the situation it is named after.

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { resolveConfig, type Service } from '../src/config.js'
import { mergeRun, outcomeFromResults } from '../src/dashboard/merge.js'
import { renderDashboard } from '../src/dashboard/render.js'
import { SITUATIONS, type SituationId } from '../src/dashboard/situation.js'
import { emptyState, type DashboardState } from '../src/dashboard/state.js'
import { keepSituation, situationOf } from '../src/stages/situation.js'
import type { DeploymentFact, Halt } from '../src/platform/platform.js'
import type { Report } from '../src/health-report.js'
import { JOB_IDS, type Results } from '../src/needs.js'

const REPOSITORY = 'octo-org/shop'
const SERVICES: Service[] = resolveConfig(
  {},
  { source: 'defaults', baseUrl: 'http://localhost' }
).services
const NAMES = SERVICES.map((s) => s.name)
/** The first scheduled check of each history; three days before the end. */
const START = Date.parse('2025-12-19T00:17:00.000Z')

type Answer =
  'healthy' | 'degraded' | { down: string } | { degraded: string; ms: number }

/** Typical answer times, so that the charts look like real services. */
const TYPICAL: Record<string, [number, number]> = {
  fastapi: [38, 70],
  flask: [22, 45],
  gradio: [180, 420]
}

/** A number that looks random but is the same on every run. */
function wobble(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453
  return x - Math.floor(x)
}

const iso = (ms: number): string => new Date(ms).toISOString()
const tagAt = (ms: number): string =>
  `deployment-${iso(ms).slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`

function report(at: number, answers: Record<string, Answer>): Report {
  const services = Object.fromEntries(
    SERVICES.map((s, i) => {
      const answer = answers[s.name] ?? 'healthy'
      const [low, high] = TYPICAL[s.name] ?? [30, 60]
      const ms = Math.round(low + (high - low) * wobble(at / 1000 + i))
      const base = { port: 8000 + i, url: s.url, attempts: 1 }
      if (answer === 'healthy')
        return [
          s.name,
          {
            ...base,
            status: 'healthy',
            http_status: 200,
            latency_ms: ms,
            error: null
          }
        ]
      if (answer === 'degraded' || 'degraded' in answer) {
        const slow = answer === 'degraded' ? 2600 + ms : answer.ms
        return [
          s.name,
          {
            ...base,
            status: 'degraded',
            http_status: 200,
            latency_ms: slow,
            error:
              answer === 'degraded'
                ? `slow: ${slow} ms, over 2000 ms`
                : answer.degraded
          }
        ]
      }
      return [
        s.name,
        {
          ...base,
          status: 'down',
          http_status: /^HTTP (\d+)/.test(answer.down)
            ? Number(/^HTTP (\d+)/.exec(answer.down)?.[1])
            : null,
          latency_ms: null,
          attempts: 3,
          error: answer.down
        }
      ]
    })
  ) as Report['services']
  const states = Object.values(services).map((s) => s.status)
  return {
    timestamp: iso(at),
    run_id: String(at / 1000),
    overall_status: states.includes('down')
      ? 'critical'
      : states.every((s) => s === 'healthy')
        ? 'healthy'
        : 'degraded',
    services
  }
}

const job = (
  result: Results[string]['result'],
  outputs: Record<string, string>
) => ({ result, outputs })

const monitorJob = (r: Report, verdict?: string, broken: string[] = []) =>
  job(r.overall_status === 'critical' ? 'failure' : 'success', {
    'monitoring-status': r.overall_status,
    report: JSON.stringify(r),
    ...(verdict ? { 'deploy-verdict': verdict, broken: broken.join(',') } : {})
  })

/** One repository's history: its dashboard, recorded deployments and lock. */
class World {
  state: DashboardState
  recorded: DeploymentFact[] = []
  halt: Halt | null = null
  now = START
  private ids = 0
  private sha = 0

  constructor() {
    this.state = emptyState(iso(START))
  }

  private nextSha(): string {
    this.sha += 1
    return (this.sha * 0x9e3779b1).toString(16).padStart(8, '0').repeat(5)
  }

  /** Merges one run the way the status stage does. */
  private merge(results: Results, reason = '', actor = 'octocat'): void {
    const id = String(9_000_000_000 + this.now / 1000)
    const outcome = outcomeFromResults(
      results,
      {
        id,
        url: `https://github.com/${REPOSITORY}/actions/runs/${id}`,
        actor
      },
      iso(this.now),
      reason
    )
    mergeRun(this.state, outcome, {
      services: SERVICES,
      thresholds: { failure: 1, success: 1 },
      halt: this.halt,
      deployments: this.recorded
    })
    keepSituation(
      this.state,
      situationOf(this.state, NAMES, this.recorded, outcome)
    )
  }

  private gate(action: string, approved = true, reason = '') {
    return job(approved ? 'success' : 'failure', {
      approved: String(approved),
      action,
      reason,
      halted: String(this.halt !== null)
    })
  }

  /** Scheduled checks every six hours until `until`. */
  schedule(until: number, answers: Record<string, Answer> = {}): this {
    while (this.now + 6 * 3600_000 <= until) {
      this.now += 6 * 3600_000
      this.healthcheck(answers, 0)
    }
    return this
  }

  healthcheck(answers: Record<string, Answer> = {}, afterMin = 20): this {
    this.now += afterMin * 60_000
    const r = report(this.now, answers)
    this.merge({
      [JOB_IDS.gate]: this.gate('healthcheck'),
      [JOB_IDS.monitor]: monitorJob(r)
    })
    return this
  }

  /**
   * A push to main: CI, the deploy commands, the verification and, when it
   * broke something, the automatic rollback.
   */
  deploy(
    options: {
      answers?: Record<string, Answer>
      ci?: 'failed'
      commandsFail?: boolean
      rollback?:
        'executed' | 'no-target' | 'commands' | 'verification' | 'cancelled'
      rollbackAnswers?: Record<string, Answer>
      afterMin?: number
    } = {}
  ): this {
    this.now += (options.afterMin ?? 40) * 60_000
    const results: Results = {
      [JOB_IDS.gate]: this.gate('deploy'),
      [JOB_IDS.ci]: job(options.ci ? 'failure' : 'success', {
        'build-status': options.ci ? 'failed' : 'success'
      })
    }
    if (options.ci) {
      this.merge(results)
      return this
    }
    const deployedAt = this.now
    const tag = options.commandsFail ? '' : tagAt(deployedAt)
    const sha = this.nextSha()
    results[JOB_IDS.deploy] = job(
      options.commandsFail ? 'failure' : 'success',
      {
        'deployment-status': options.commandsFail ? 'failed' : 'success',
        'deployment-tag': tag,
        'deployment-time': iso(deployedAt),
        'deployment-sha': sha,
        components: NAMES.join(','),
        halted: 'false'
      }
    )
    this.now += 90_000
    const r = report(this.now, options.answers ?? {})
    const broken = Object.entries(r.services)
      .filter(([, s]) => s.status === 'down')
      .map(([n]) => n)
    const verdict = broken.length > 0 ? 'broken' : 'verified'
    results[JOB_IDS.monitor] = monitorJob(r, verdict, broken)
    this.recorded.unshift({
      id: ++this.ids,
      tag,
      sha,
      time: iso(deployedAt),
      actor: 'octocat',
      kind: 'deploy',
      components: [...NAMES],
      verified: options.commandsFail ? false : verdict === 'verified',
      failedIn: options.commandsFail
        ? 'commands'
        : verdict === 'broken'
          ? 'verification'
          : null,
      blamed: broken,
      stopped: false
    })
    const target = this.recorded.find(
      (d) => d.kind !== 'rollback' && d.verified === true && d.tag !== tag
    )
    const how = options.rollback
    if (how === 'cancelled') results[JOB_IDS.rollback] = job('cancelled', {})
    else if (how === 'no-target')
      results[JOB_IDS.rollback] = job('failure', {
        'rollback-status': 'failed',
        'rollback-failure': 'no-target'
      })
    else if (how && target) {
      this.now += 120_000
      const checked =
        how === 'commands'
          ? null
          : report(this.now, options.rollbackAnswers ?? {})
      results[JOB_IDS.rollback] = job(
        how === 'executed' ? 'success' : 'failure',
        {
          'rollback-status': how === 'executed' ? 'executed' : 'failed',
          'rollback-version': target.tag,
          'rollback-sha': target.sha,
          ...(how === 'executed' ? {} : { 'rollback-failure': how }),
          ...(checked ? { report: JSON.stringify(checked) } : {})
        }
      )
      this.recorded.unshift({
        id: ++this.ids,
        tag: target.tag,
        sha: target.sha,
        time: iso(this.now),
        actor: 'octocat',
        kind: 'rollback',
        components: broken,
        verified: how === 'executed',
        failedIn:
          how === 'executed'
            ? null
            : how === 'commands'
              ? 'commands'
              : 'verification',
        blamed: [],
        stopped: false
      })
    }
    this.merge(results)
    return this
  }

  /** An emergency stop that takes the lock and runs the stop commands. */
  stop(reason: string, afterMin = 15): this {
    this.now += afterMin * 60_000
    this.halt = { by: 'sre-oncall', at: iso(this.now), reason }
    const running = this.recorded.find((d) => d.failedIn !== 'commands')
    if (running) running.stopped = true
    this.merge(
      {
        [JOB_IDS.gate]: this.gate('emergency-stop'),
        [JOB_IDS.deploy]: job('success', {
          'deployment-status': 'success',
          halted: 'true'
        })
      },
      reason,
      'sre-oncall'
    )
    return this
  }

  /** The lock taken by pushing the tag by hand: no stop command ran. */
  lockByHand(reason: string, afterMin = 10): this {
    this.now += afterMin * 60_000
    this.halt = { by: 'release-manager', at: iso(this.now), reason }
    return this
  }

  resume(reason: string, afterMin = 30): this {
    this.now += afterMin * 60_000
    this.halt = null
    this.merge(
      {
        [JOB_IDS.gate]: this.gate('resume'),
        [JOB_IDS.deploy]: job('success', {
          'deployment-status': 'success',
          halted: 'false'
        })
      },
      reason,
      'sre-oncall'
    )
    return this
  }

  refused(action: string, reason: string, afterMin = 25): this {
    this.now += afterMin * 60_000
    this.merge(
      { [JOB_IDS.gate]: this.gate(action, false, reason) },
      '',
      'new-contributor'
    )
    return this
  }

  /** A deploy whose monitor job failed before reporting anything. */
  monitorCrashed(afterMin = 30): this {
    this.now += afterMin * 60_000
    const sha = this.nextSha()
    const tag = tagAt(this.now)
    this.recorded.unshift({
      id: ++this.ids,
      tag,
      sha,
      time: iso(this.now),
      actor: 'octocat',
      kind: 'deploy',
      components: [...NAMES],
      verified: null,
      failedIn: null,
      blamed: [],
      stopped: false
    })
    this.merge({
      [JOB_IDS.gate]: this.gate('deploy'),
      [JOB_IDS.ci]: job('success', { 'build-status': 'success' }),
      [JOB_IDS.deploy]: job('success', {
        'deployment-status': 'success',
        'deployment-tag': tag,
        'deployment-time': iso(this.now),
        'deployment-sha': sha,
        components: NAMES.join(','),
        halted: 'false'
      }),
      [JOB_IDS.monitor]: job('failure', {})
    })
    return this
  }

  render(): string {
    return renderDashboard(this.state, {
      services: SERVICES,
      now: iso(this.now),
      runUrl: `https://github.com/${REPOSITORY}/actions/runs/${9_000_000_000 + this.now / 1000}`,
      repository: REPOSITORY
    })
  }
}

const HOUR = 3600_000
/** Three days of scheduled checks after a first, good deploy. */
const settled = (): World =>
  new World().deploy({ afterMin: 0 }).schedule(START + 66 * HOUR)

const CONNECTION = 'connect ECONNREFUSED 127.0.0.1:7860'
const GATEWAY = 'HTTP 502'

const HISTORIES: Record<SituationId, () => World> = {
  healthy: () => settled().deploy().healthcheck(),
  degraded: () =>
    settled().healthcheck({
      gradio: 'degraded',
      flask: { degraded: 'HTTP 429 (rate limited)', ms: 35 }
    }),
  unknown: () => new World().monitorCrashed(0),
  'critical-after-deploy': () =>
    settled()
      .deploy({ answers: { gradio: { down: GATEWAY } } })
      .deploy({
        answers: { gradio: { down: CONNECTION } },
        rollback: 'cancelled'
      }),
  'no-rollback-target': () =>
    new World().deploy({
      afterMin: 0,
      answers: { flask: { down: 'HTTP 500' } },
      rollback: 'no-target'
    }),
  'rolled-back-automatically': () =>
    settled().deploy({
      answers: { flask: { down: 'HTTP 500' } },
      rollback: 'executed'
    }),
  'critical-rollback-failed-commands': () =>
    settled().deploy({
      answers: { flask: { down: 'HTTP 500' } },
      rollback: 'commands'
    }),
  'critical-rollback-failed-verification': () =>
    settled().deploy({
      answers: { gradio: { down: CONNECTION } },
      rollback: 'verification',
      rollbackAnswers: { gradio: { down: CONNECTION } }
    }),
  'critical-not-deploy': () =>
    settled().healthcheck({
      fastapi: {
        down: 'body did not contain "\\"status\\":\\"ok\\"" | <html><head><title>503 Service Temporarily Unavailable</title></head><body>upstream connect error or disconnect/reset before headers. reset reason: connection termination</body></html>'
      }
    }),
  stopped: () =>
    settled()
      .deploy({
        answers: { flask: { down: 'HTTP 500' } },
        rollback: 'commands'
      })
      .stop('flask writes corrupt orders; stopping everything until fixed'),
  'resumed-still-stopped': () =>
    settled()
      .stop('payment provider outage: stop taking orders')
      .resume('payment provider is back', 120),
  'resumed-head-broken': () =>
    settled()
      .deploy({
        answers: { flask: { down: 'HTTP 500' } },
        rollback: 'executed'
      })
      .stop('data migration in progress')
      .resume('migration finished'),
  'halted-healthy': () =>
    settled().lockByHand('freeze for the end-of-year sale').healthcheck(),
  'halted-critical': () =>
    settled()
      .deploy({
        answers: { gradio: { down: CONNECTION } },
        rollback: 'cancelled'
      })
      .lockByHand('investigating the gradio outage')
      .healthcheck({ gradio: { down: CONNECTION } }),
  'halted-rollback-failed': () =>
    settled()
      .deploy({
        answers: { flask: { down: 'HTTP 500' } },
        rollback: 'commands'
      })
      .lockByHand('rollback failed; hands off until fixed')
      .healthcheck({ flask: { down: 'HTTP 500' } }),
  'ci-failed': () => settled().deploy({ ci: 'failed' }),
  'run-refused': () =>
    settled().refused(
      'deploy',
      'new-contributor has read permission on octo-org/shop; deploy needs write'
    ),
  'run-failed': () => settled().deploy({ commandsFail: true })
}

const folder = process.argv[2] ?? '.runbook/situations'
mkdirSync(folder, { recursive: true })
const wrong: string[] = []
for (const id of SITUATIONS) {
  const world = HISTORIES[id]()
  const body = world.render()
  writeFileSync(join(folder, `${id}.md`), body)
  const got = world.state.next?.situation
  if (got !== id) wrong.push(`${id}: the history leads to ${got}`)
  process.stdout.write(`${id}.md  ${body.length} characters\n`)
}
if (wrong.length > 0) {
  process.stderr.write(`${wrong.join('\n')}\n`)
  process.exitCode = 1
}
