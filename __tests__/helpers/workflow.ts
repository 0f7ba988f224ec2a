// The runbook workflow as GitHub would run it: the files read once, each
// job's `if` and each `${{ }}` evaluated with GitHub's own expression
// library, and a run simulated job by job from the stages' own output
// functions, so tests can ask which jobs run and what each stage receives.

import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import {
  evaluateExpression,
  evaluateTemplate,
  jobRuns,
  type Ctx,
  type Needed
} from './expressions.js'
import { DEFAULT_SERVICES } from '../../src/config.js'
import { JOB_IDS, type Action } from '../../src/contract.js'
import { blame } from '../../src/dashboard/blame.js'
import { verdictOutputs } from '../../src/run-stages.js'
import type { Report } from '../../src/health-report.js'
import { deployOutputs } from '../../src/stages/deploy.js'
import { gateOutputs } from '../../src/stages/gate.js'
import { monitorOutputs } from '../../src/stages/monitor.js'
import { rollbackOutputs } from '../../src/stages/rollback.js'
import { statusOutputs, type StatusResult } from '../../src/stages/status.js'

export interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}
export interface Job {
  name?: string
  needs?: string | string[]
  if?: string
  'runs-on'?: string
  'timeout-minutes'?: number
  permissions?: Record<string, string> | string
  environment?: string | { name: string }
  concurrency?: unknown
  outputs?: Record<string, string>
  steps?: Step[]
}
export interface Workflow {
  name?: string
  on: Record<string, unknown>
  permissions?: unknown
  concurrency?: {
    group: string
    'cancel-in-progress'?: unknown
    queue?: string
  }
  jobs: Record<string, Job>
}
export interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
}

const DIR = join(process.cwd(), '.github', 'workflows')
export const RUNBOOK = 'ai-agent-handoff-runbook.yml'
export const files = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
export const texts = new Map(
  files.map((f) => [f, readFileSync(join(DIR, f), 'utf8')])
)
export const workflows = new Map(
  [...texts].map(([f, text]) => [f, parse(text) as Workflow])
)
export const runbook = workflows.get(RUNBOOK) as Workflow
export const actionYml = parse(
  readFileSync(join(process.cwd(), 'action.yml'), 'utf8')
) as ActionYml

export const needsOf = (job: Job): string[] =>
  job.needs === undefined
    ? []
    : Array.isArray(job.needs)
      ? job.needs
      : [job.needs]
export const localSteps = (job: Job): Step[] =>
  (job.steps ?? []).filter((s) => s.uses?.startsWith('./'))
export const allJobs = (): [string, string, Job][] =>
  [...workflows].flatMap(([file, wf]) =>
    Object.entries(wf.jobs).map(([id, job]): [string, string, Job] => [
      file,
      id,
      job
    ])
  )

/** The stage of each job id, as needs.ts names them. */
export const STAGE_OF_JOB: Record<string, string> = Object.fromEntries(
  Object.entries(JOB_IDS).map(([stage, job]) => [job, stage])
)

// ---------------------------------------------------------------------------
// What each stage sets, from the stages' own output functions.

export const TAG = 'deployment-20260101-120000'
export const GOOD_TAG = 'deployment-20251231-090000'
export const SHA = 'a'.repeat(40)
export const GOOD_SHA = 'b'.repeat(40)

export function report(status: 'healthy' | 'critical'): Report {
  const services: Report['services'] = {}
  DEFAULT_SERVICES.forEach((s, i) => {
    const down = status === 'critical' && i === 1
    services[s.name] = {
      status: down ? 'down' : 'healthy',
      port: s.port ?? 80,
      url: `http://localhost:${s.port}/health`,
      http_status: down ? 503 : 200,
      latency_ms: 12,
      attempts: down ? 3 : 1,
      error: down ? 'HTTP 503' : null
    }
  })
  return {
    timestamp: '2026-01-01T12:00:05.000Z',
    run_id: '4242',
    overall_status: status,
    services
  }
}

export const monitorSet = (status: 'healthy' | 'critical') =>
  monitorOutputs({
    status,
    report: report(status),
    reportPath: 'runbook-report.json'
  })

// ---------------------------------------------------------------------------
// GitHub expressions: evaluated in ./expressions.ts, shared with the
// reusable workflow's tests.

// ---------------------------------------------------------------------------
// A run of the runbook workflow, simulated job by job.

export type JobResult = 'success' | 'failure' | 'skipped'
export { evaluateExpression, evaluateTemplate, jobRuns, type Ctx, type Needed }
export interface Scenario {
  event: 'push' | 'schedule' | 'workflow_dispatch'
  inputs?: Record<string, string | boolean>
  /** The action the gate resolves. */
  action: Action
  approved?: boolean
  gateFails?: boolean
  ci?: 'success' | 'failed'
  deploy?: 'success' | 'failed'
  health?: 'healthy' | 'critical'
}
export interface Run {
  ran: string[]
  jobs: Record<string, Needed>
  /** Each job's evaluated `with:` of its `uses: ./` step. */
  given: Record<string, Record<string, string>>
}

export function stageOutputs(
  stage: string,
  scenario: Scenario,
  given: Record<string, string>
): { ok: boolean; outputs: Record<string, string> } {
  const { action } = scenario
  const changes = action === 'deploy' || action === 'update-component'
  switch (stage) {
    case 'gate': {
      if (scenario.gateFails) return { ok: false, outputs: {} }
      return {
        ok: true,
        outputs: gateOutputs({
          approved: scenario.approved ?? true,
          action,
          reason: scenario.approved === false ? 'refused for the test' : '',
          targetComponent: given['target-component'] || 'all',
          rollbackVersion:
            action === 'rollback'
              ? given['rollback-version'] || GOOD_TAG
              : given['rollback-version'] || '',
          halted: action === 'healthcheck' ? null : false
        })
      }
    }
    case 'ci': {
      const status = scenario.ci ?? 'success'
      return { ok: status !== 'failed', outputs: { 'build-status': status } }
    }
    case 'deploy': {
      const status = changes ? (scenario.deploy ?? 'success') : 'success'
      return {
        ok: status !== 'failed',
        outputs: deployOutputs({
          status,
          time: '2026-01-01T12:00:00.000Z',
          tag: changes && status === 'success' ? TAG : '',
          sha: SHA,
          deploymentId: changes ? 42 : null,
          components: DEFAULT_SERVICES.map((s) => s.name),
          commands: [],
          halted: changes ? null : action === 'emergency-stop',
          summary: ''
        })
      }
    }
    case 'monitor': {
      const status = scenario.health ?? 'healthy'
      // After a deploy, the verdict judges what it deployed: here, a
      // critical system is one the deploy broke.
      const verdict = changes
        ? verdictOutputs(
            blame({
              before: {
                fastapi: 'healthy',
                flask: 'healthy',
                gradio: 'healthy'
              },
              after: Object.fromEntries(
                Object.entries(report(status).services).map(([n, r]) => [
                  n,
                  r.status
                ])
              ),
              deployed: DEFAULT_SERVICES.map((s) => s.name)
            })
          )
        : {}
      return {
        ok: status !== 'critical',
        outputs: monitorOutputs(
          {
            status,
            report: report(status),
            reportPath: 'runbook-report.json'
          },
          verdict
        )
      }
    }
    case 'rollback':
      return {
        ok: true,
        outputs: rollbackOutputs({
          status: 'executed',
          version: GOOD_TAG,
          sha: GOOD_SHA,
          monitor: {
            status: 'healthy',
            report: report('healthy'),
            reportPath: 'runbook-rollback-report.json'
          },
          commands: [],
          summary: ''
        })
      }
    case 'status':
      return {
        ok: true,
        outputs: statusOutputs({
          issue: {
            number: 1,
            url: 'https://github.com/o/r/issues/1',
            body: ''
          },
          halted: action === 'emergency-stop',
          notify: null
        } as unknown as StatusResult)
      }
    default:
      return { ok: true, outputs: { notified: 'true' } }
  }
}

export function simulate(scenario: Scenario): Run {
  const github = {
    event_name: scenario.event,
    run_id: '4242',
    run_attempt: '1',
    ref: 'refs/heads/main',
    sha: SHA,
    repository: 'o/r',
    token: 'ghs_test'
  }
  const inputs = scenario.event === 'workflow_dispatch' ? scenario.inputs : {}
  const secrets = {
    SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X',
    DISCORD_WEBHOOK_URL: 'https://discord.com/api/webhooks/1/x'
  }
  const jobs: Record<string, Needed> = {}
  const given: Record<string, Record<string, string>> = {}
  const ran: string[] = []
  // The jobs are written in an order where each comes after its needs.
  for (const [id, job] of Object.entries(runbook.jobs)) {
    const needs = Object.fromEntries(
      needsOf(job).map((n) => [n, jobs[n] as Needed])
    )
    const context = { github, inputs, needs, secrets }
    if (!jobRuns(job, context, jobs)) {
      jobs[id] = { result: 'skipped', outputs: {} }
      continue
    }
    ran.push(id)
    const step = localSteps(job)[0] as Step
    const with_ = Object.fromEntries(
      Object.entries(step.with ?? {}).map(([k, v]) => [
        k,
        evaluateTemplate(v, context)
      ])
    )
    given[id] = with_
    const stage = with_.stage as string
    const { ok, outputs } = stageOutputs(stage, scenario, with_)
    const steps = {
      [step.id as string]: {
        outputs,
        outcome: ok ? 'success' : 'failure',
        conclusion: ok ? 'success' : 'failure'
      }
    }
    const jobOutputs: Record<string, string> = {}
    for (const [name, value] of Object.entries(job.outputs ?? {})) {
      const text = evaluateTemplate(value, { ...context, steps })
      // An output that comes out empty is not passed on.
      if (text !== '') jobOutputs[name] = text
    }
    jobs[id] = { result: ok ? 'success' : 'failure', outputs: jobOutputs }
  }
  return { ran, jobs, given }
}

export const dispatch = (
  action: Action,
  more: Partial<Scenario> = {},
  inputs: Record<string, string | boolean> = {}
): Scenario => ({
  event: 'workflow_dispatch',
  action,
  inputs: {
    action,
    rollback_version: '',
    target_component: action === 'update-component' ? 'flask' : 'all',
    reason: 'a reason',
    dry_run: false,
    ...inputs
  },
  ...more
})
