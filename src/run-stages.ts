// Runs one stage, or all of them in order, and turns their results into the
// outputs action.yml names. `all` passes results from stage to stage in the
// same shape the workflow passes them between jobs (toJSON(needs)), so both
// paths run the same code on the same data.

import type { StageContext } from './context.js'
import {
  JOB_IDS,
  STAGES_FOR,
  decode,
  refusedOutputs,
  encode,
  type Action,
  type JobId,
  type MonitorOutputs,
  type StageName
} from './contract.js'
import { blame, type Blame, type Health } from './dashboard/blame.js'
import {
  STATUS_PHRASE,
  type DeploymentState,
  type Platform
} from './platform/platform.js'
import { parseResults, type Results } from './needs.js'
import type { GateResult } from './stages/gate.js'
import {
  monitor,
  monitorOutputs,
  type MonitorResult
} from './stages/monitor.js'
import type { StatusResult } from './stages/status.js'
import type { Stage } from './inputs.js'

// Only the monitor stage is loaded up front: a health check starts fast, and
// each other stage (with Octokit, commands, the dashboard) loads when used.
const load = {
  gate: () => import('./stages/gate.js'),
  ci: () => import('./stages/ci.js'),
  deploy: () => import('./stages/deploy.js'),
  rollback: () => import('./stages/rollback.js'),
  status: () => import('./stages/status.js'),
  notify: () => import('./stages/notify.js')
}

export type Outputs = Record<string, string>

export interface RunResult {
  outputs: Outputs
  gate?: GateResult
  monitor?: MonitorResult
  dashboard?: StatusResult
  /** Why the run failed its purpose (critical, refused, failed), or null. */
  failure: string | null
}

export interface EngineDeps {
  /** Created on first use, so stages that need no platform never load it. */
  platform: () => Promise<Platform>
}

function critical(result: MonitorResult): string | null {
  if (result.status !== 'critical') return null
  const down = Object.entries(result.report.services)
    .filter(([, s]) => s.status === 'down')
    .map(([name, s]) => `${name} down (${s.error})`)
  return `monitoring status is critical: ${down.join('; ')}`
}

/** The gate's decision from earlier results, or the gate run now when there is none. */
async function approval(
  ctx: StageContext,
  deps: EngineDeps,
  results: Results
): Promise<{
  approved: boolean
  action: Action
  target: string
  version: string
  reason: string
}> {
  const decided = decode('gate', results)
  if (decided) {
    // Without a readable action there is no decision to carry out.
    const action = decided.action
    return {
      approved: decided.approved === true && action !== undefined,
      action: action ?? ('' as Action),
      target: decided['target-component'] || 'all',
      version: decided['rollback-version'] ?? '',
      reason: action
        ? (decided.reason ?? '')
        : 'the safety gate passed on no action this stage knows'
    }
  }
  // A stage run on its own still passes the gate first.
  const { gate } = await load.gate()
  const result = await gate(ctx, await deps.platform())
  return {
    approved: result.approved,
    action: result.action,
    target: result.targetComponent,
    version: result.rollbackVersion,
    reason: result.reason
  }
}

/** The health map of a report. */
function healthOf(result: MonitorResult): Record<string, Health> {
  return Object.fromEntries(
    Object.entries(result.report.services).map(([n, s]) => [n, s.status])
  )
}

export interface Checked {
  result: MonitorResult
  /** After a deploy: what it broke, judged on what it deployed. */
  verdict: Blame | null
}

/**
 * Monitors; after a successful deploy, waits for it, judges it on the
 * services it deployed (their health before against after) and records the
 * verdict on its Deployment.
 */
async function monitorAfter(
  ctx: StageContext,
  deps: EngineDeps,
  results: Results
): Promise<Checked> {
  const deployOut = decode('deploy', results)
  const deployStatus = deployOut?.['deployment-status']
  const deployed = deployStatus === 'success'
  const action = decode('gate', results)?.action
  const components = deployOut?.components ?? []
  const changing = action === 'deploy' || action === 'update-component'
  const isDeploy = deployed && changing
  // A deploy whose commands failed partway may have broken what it touched:
  // it is judged too, on the same rule.
  const judged = changing && (deployed || deployStatus === 'failed')
  const result = await monitor(
    ctx,
    isDeploy
      ? {
          version: deployOut?.['deployment-sha'] || undefined,
          // After an update-component, only that service has the new version.
          versionServices: components.length ? components : undefined,
          gracePeriodMs: ctx.settings.config.monitor.gracePeriodMs
        }
      : {}
  )
  if (!judged) return { result, verdict: null }
  const verdict = blame({
    before: deployOut?.['health-before'] ?? {},
    after: healthOf(result),
    deployed: components.length
      ? components
      : ctx.settings.config.services.map((s) => s.name)
  })
  if (verdict.verdict === 'verified' && verdict.notOurs.length > 0)
    ctx.reporter.warning(
      `the ${action} is verified, but ${verdict.notOurs.join(', ')} ${verdict.notOurs.length === 1 ? 'is' : 'are'} down for reasons of ${verdict.notOurs.length === 1 ? 'its' : 'their'} own (not deployed, or down before): no rollback`,
      'Not caused by this deploy'
    )
  const id = deployOut?.['deployment-id']
  if (isDeploy && id && !ctx.settings.inputs.dryRun) {
    const platform = await deps.platform()
    const [state, description]: [DeploymentState, string] =
      verdict.verdict === 'verified'
        ? ['success', `${STATUS_PHRASE.verified}: ${result.status}`]
        : verdict.verdict === 'broken'
          ? [
              'failure',
              `${STATUS_PHRASE.verificationFailed}: ${verdict.broken.join(',')}`
            ]
          : [
              'error',
              `${STATUS_PHRASE.unverified}: ${[...verdict.stillDown, ...verdict.unchecked].join(',')}`
            ]
    await platform.setDeploymentStatus(id, state, {
      logUrl: ctx.settings.run.url,
      description
    })
  }
  return { result, verdict }
}

/** Why a deploy judged by `verdict` failed its purpose, or null. */
function deployFailure(verdict: Blame): string | null {
  if (verdict.verdict === 'broken')
    return `the deploy broke ${verdict.broken.join(', ')}`
  if (verdict.verdict === 'unverified')
    return `the deploy is not verified: ${[...verdict.stillDown, ...verdict.unchecked].join(', ')} still down or unchecked`
  return null
}

/** The monitor's outputs on a deploy's verdict; none without one. */
export function verdictOutputs(
  verdict: Blame | null
): Pick<MonitorOutputs, 'deploy-verdict' | 'broken'> {
  return verdict
    ? { 'deploy-verdict': verdict.verdict, broken: verdict.broken }
    : {}
}

export async function runStage(
  stage: Stage,
  ctx: StageContext,
  deps: EngineDeps
): Promise<RunResult> {
  if (stage === 'all') return runAll(ctx, deps)
  if (stage === 'gate') {
    const { gate, gateOutputs } = await load.gate()
    const result = await gate(ctx, await deps.platform())
    // A refused run fails, so that whoever asked for it (a dispatch watched
    // with `gh run watch --exit-status`, a push) sees that nothing happened;
    // the dashboard still records the refusal.
    return {
      outputs: gateOutputs(result),
      gate: result,
      failure: result.approved
        ? null
        : `${result.action} refused: ${result.reason}`
    }
  }
  const results = parseResults(ctx.settings.inputs.results)
  const refused = refusedOutputs(results)
  if (refused.length > 0)
    ctx.reporter.warning(
      `input \`results\`: ${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} not valid and ${refused.length === 1 ? 'is' : 'are'} read as absent`,
      'Results'
    )
  switch (stage) {
    case 'ci': {
      const { ci } = await load.ci()
      const result = await ci(ctx)
      return {
        outputs: encode('ci', { 'build-status': result.status }),
        failure: result.status === 'failed' ? 'CI failed' : null
      }
    }
    case 'deploy': {
      const decision = await approval(ctx, deps, results)
      if (!decision.approved)
        return {
          outputs: encode('deploy', { 'deployment-status': 'skipped' }),
          failure: `${decision.action} refused: ${decision.reason}`
        }
      const { deploy, deployOutputs } = await load.deploy()
      const result = await deploy(
        ctx,
        await deps.platform(),
        decision.action,
        decision.target
      )
      return {
        outputs: deployOutputs(result),
        failure:
          result.status === 'failed' || result.refused ? result.summary : null
      }
    }
    case 'monitor': {
      const { result, verdict } = await monitorAfter(ctx, deps, results)
      return {
        outputs: monitorOutputs(result, verdictOutputs(verdict)),
        monitor: result,
        failure: verdict ? deployFailure(verdict) : critical(result)
      }
    }
    case 'rollback': {
      const decision = await approval(ctx, deps, results)
      if (!decision.approved)
        return {
          outputs: encode('rollback', { 'rollback-status': 'skipped' }),
          failure: `${decision.action} refused: ${decision.reason}`
        }
      const { rollback, rollbackOutputs } = await load.rollback()
      const deployed = decode('deploy', results)
      const monitored = decode('monitor', results)
      const result = await rollback(ctx, await deps.platform(), {
        action: decision.action,
        version: decision.version,
        targetComponent: decision.target,
        deployStatus: deployed?.['deployment-status'] ?? null,
        deployedTag: deployed?.['deployment-tag'] ?? '',
        monitoringStatus: monitored?.['monitoring-status'] ?? null,
        verdict: monitored?.['deploy-verdict'] ?? null,
        broken: monitored?.broken ?? [],
        alreadyRolledBack: false
      })
      return {
        outputs: rollbackOutputs(result),
        monitor: result.monitor ?? undefined,
        failure: result.status === 'failed' ? result.summary : null
      }
    }
    case 'status': {
      const { status, statusOutputs } = await load.status()
      const write = await status(ctx, await deps.platform(), results)
      return { outputs: statusOutputs(write), dashboard: write, failure: null }
    }
    case 'notify': {
      const { notifyStage } = await load.notify()
      const result = await notifyStage(ctx, await deps.platform(), results)
      return {
        outputs: encode('notify', { notified: result.notified }),
        failure: null
      }
    }
  }
}

/** Every stage in order, in one process. */
async function runAll(ctx: StageContext, deps: EngineDeps): Promise<RunResult> {
  const needs: Results = {}
  const outputs: Outputs = {}
  const record = (job: JobId, stageOutputs: Outputs, ok = true): void => {
    needs[job] = { result: ok ? 'success' : 'failure', outputs: stageOutputs }
    Object.assign(outputs, stageOutputs)
  }
  const failures: string[] = []
  // One after another: loading them at once gains nothing measurable and
  // trips module linkers that load shared dependencies concurrently.
  const { gate, gateOutputs } = await load.gate()
  const { ci } = await load.ci()
  const { deploy, deployOutputs } = await load.deploy()
  const { rollback, rollbackOutputs } = await load.rollback()
  const { status, statusOutputs } = await load.status()
  const gateResult = await gate(ctx, await deps.platform())
  record(JOB_IDS.gate, gateOutputs(gateResult))
  const action = gateResult.action
  const runs = (stage: StageName): boolean => STAGES_FOR[action].includes(stage)
  let monitorResult: MonitorResult | undefined

  // The branches follow STAGES_FOR: CI then deploy, monitor and rollback;
  // a rollback on its own; the deploy stage alone (a stop or a resume); the
  // monitor alone (a health check).
  if (!gateResult.approved)
    failures.push(`${action} refused: ${gateResult.reason}`)
  else if (runs('ci')) {
    const build = await ci(ctx)
    record(
      JOB_IDS.ci,
      encode('ci', { 'build-status': build.status }),
      build.status !== 'failed'
    )
    if (build.status === 'failed')
      failures.push('CI failed: nothing was deployed')
    else {
      const deployed = await deploy(
        ctx,
        await deps.platform(),
        action,
        gateResult.targetComponent
      )
      record(
        JOB_IDS.deploy,
        deployOutputs(deployed),
        deployed.status !== 'failed'
      )
      if (deployed.status === 'failed' || deployed.refused)
        failures.push(deployed.summary)
      const checked = await monitorAfter(ctx, deps, needs)
      monitorResult = checked.result
      record(
        JOB_IDS.monitor,
        monitorOutputs(monitorResult, verdictOutputs(checked.verdict))
      )
      const rolled = await rollback(ctx, await deps.platform(), {
        action,
        version: '',
        targetComponent: gateResult.targetComponent,
        deployStatus: deployed.status,
        deployedTag: deployed.tag,
        monitoringStatus: monitorResult.status,
        verdict: checked.verdict?.verdict ?? null,
        broken: checked.verdict?.broken ?? [],
        alreadyRolledBack: false
      })
      record(
        JOB_IDS.rollback,
        rollbackOutputs(rolled),
        rolled.status !== 'failed'
      )
      if (rolled.status !== 'skipped')
        failures.push(
          rolled.status === 'executed'
            ? `the ${action} broke ${checked.verdict?.broken.join(', ') || 'a service'} and was rolled back to ${rolled.version} (verified)`
            : rolled.summary
        )
      else if (checked.verdict) {
        const failed = deployFailure(checked.verdict)
        if (failed) failures.push(failed)
      } else if (monitorResult.status === 'critical')
        failures.push(critical(monitorResult) ?? 'critical')
      if (rolled.monitor) monitorResult = rolled.monitor
    }
  } else if (runs('rollback')) {
    const rolled = await rollback(ctx, await deps.platform(), {
      action,
      version: gateResult.rollbackVersion,
      targetComponent: gateResult.targetComponent,
      deployStatus: null,
      deployedTag: '',
      monitoringStatus: null,
      verdict: null,
      broken: [],
      alreadyRolledBack: false
    })
    record(
      JOB_IDS.rollback,
      rollbackOutputs(rolled),
      rolled.status !== 'failed'
    )
    if (rolled.status === 'failed') failures.push(rolled.summary)
    monitorResult = rolled.monitor ?? undefined
  } else if (runs('deploy')) {
    const result = await deploy(ctx, await deps.platform(), action, 'all')
    record(JOB_IDS.deploy, deployOutputs(result), result.status !== 'failed')
    if (result.status === 'failed') failures.push(result.summary)
  } else if (runs('monitor')) {
    monitorResult = await monitor(ctx)
    record(JOB_IDS.monitor, monitorOutputs(monitorResult))
    const down = critical(monitorResult)
    if (down) failures.push(down)
  }

  const write = await status(ctx, await deps.platform(), needs, {
    notify: true
  })
  record(JOB_IDS.status, statusOutputs(write))
  if (write.notify === null)
    Object.assign(outputs, encode('notify', { notified: false }))
  return {
    outputs,
    gate: gateResult,
    monitor: monitorResult,
    dashboard: write,
    failure: failures.length ? failures.join('; ') : null
  }
}
