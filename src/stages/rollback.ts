// The rollback stage: re-deploys a verified-good version and verifies it
// with the same probes. It runs when asked, or once, automatically, when a
// deploy in this same run left the system critical; never on a schedule and
// never twice in a run.

import {
  describeCommand,
  runDeployCommands,
  type CommandResult
} from '../shell-commands.js'
import type { StageContext } from '../context.js'
import { encode, type Action } from '../contract.js'
import { STATUS_PHRASE, type Platform } from '../platform/platform.js'
import { judgeRollback } from '../dashboard/blame.js'
import { worktreeAt } from '../worktree.js'
import { targetServices } from './deploy.js'
import { previousGoodDeployment } from './gate.js'
import { monitor, type MonitorResult } from './monitor.js'

export interface RollbackResult {
  status: 'executed' | 'failed' | 'skipped'
  version: string
  sha: string
  /** The verification after the rollback. */
  monitor: MonitorResult | null
  commands: CommandResult[]
  summary: string
  /** Why a failed rollback failed: no target, its commands, or its check. */
  cause?: 'no-target' | 'commands' | 'verification'
}

export interface RollbackRequest {
  action: Action
  /** The gate's rollback-version (for action=rollback). */
  version: string
  targetComponent: string
  /** What this run's deploy and monitor stages did, for the automatic case. */
  deployStatus: string | null
  deployedTag: string
  monitoringStatus: string | null
  /** The deploy's verdict on what it deployed (verified, broken, unverified). */
  verdict: string | null
  /** The deployed services it broke: what an automatic rollback rolls back. */
  broken: string[]
  /** A rollback already ran in this run. */
  alreadyRolledBack: boolean
}

/** Whether to roll back, and why not when not. */
export function shouldRollBack(request: RollbackRequest): {
  go: boolean
  automatic: boolean
  why: string
} {
  if (request.alreadyRolledBack)
    return {
      go: false,
      automatic: false,
      why: 'a rollback already ran in this run; never a second one'
    }
  if (request.action === 'rollback')
    return { go: true, automatic: false, why: 'rollback requested' }
  if (request.action !== 'deploy' && request.action !== 'update-component')
    return {
      go: false,
      automatic: false,
      why:
        request.action === 'healthcheck'
          ? 'a health check never rolls back: a rollback cannot fix an outage the deploy did not cause'
          : `nothing to roll back for ${request.action}`
    }
  if (!request.deployStatus || request.deployStatus === 'skipped')
    return {
      go: false,
      automatic: false,
      why: 'nothing was deployed in this run'
    }
  // Only what the deploy broke is its fault: a service that was not
  // deployed, or was down before it, is not rolled back for.
  if (request.verdict !== null) {
    if (request.verdict !== 'broken' || request.broken.length === 0)
      return {
        go: false,
        automatic: false,
        why:
          request.verdict === 'verified'
            ? `the ${request.action} is verified on what it deployed${request.monitoringStatus === 'critical' ? '; what is down was not caused by it' : ''}`
            : `the ${request.action} broke nothing it deployed (what is down was down before it)`
      }
    return {
      go: true,
      automatic: true,
      why: `the ${request.action} broke ${request.broken.join(', ')}`
    }
  }
  if (request.monitoringStatus !== 'critical')
    return {
      go: false,
      automatic: false,
      why: `the deploy left the system ${request.monitoringStatus ?? 'unchecked'}`
    }
  return {
    go: true,
    automatic: true,
    why: `the ${request.action} left the system critical`
  }
}

export async function rollback(
  ctx: StageContext,
  platform: Platform,
  request: RollbackRequest
): Promise<RollbackResult> {
  const { config, inputs, run } = ctx.settings
  const decision = shouldRollBack(request)
  const none = (
    summary: string,
    status: RollbackResult['status'] = 'skipped'
  ): RollbackResult => {
    ctx.reporter.info(`rollback: ${summary}`)
    return {
      status,
      version: '',
      sha: '',
      monitor: null,
      commands: [],
      summary
    }
  }
  if (!decision.go) return none(decision.why)
  // Automatically, what the deploy broke goes back; on request, the target.
  const rolledBack =
    decision.automatic && request.verdict !== null
      ? config.services.filter((s) => request.broken.includes(s.name))
      : targetServices(config.services, request.targetComponent)
  const services = rolledBack
  // A stop taken during this run is the newer intent: nothing is restarted.
  if (decision.automatic) {
    const halt = await platform.readHalt()
    if (halt)
      return none(
        `${decision.why}, but an emergency stop was taken meanwhile (by ${halt.by}): no automatic rollback`
      )
  }
  let version = request.version
  if (decision.automatic || !version) {
    const found = await previousGoodDeployment(ctx, platform, {
      current: decision.automatic ? request.deployedTag : undefined,
      components: rolledBack.map((s) => s.name)
    })
    if (!found) {
      const summary = `${decision.why}, but there is no earlier verified-healthy deployment to roll back to`
      ctx.reporter.error(summary, 'Rollback impossible')
      return { ...none(summary, 'failed'), cause: 'no-target' }
    }
    version = found
  }
  const sha = await platform.tagCommit(version)
  if (!sha)
    return {
      ...none(`the tag ${version} does not exist`, 'failed'),
      cause: 'no-target'
    }
  ctx.reporter.info(
    `rollback to ${version} (${sha.slice(0, 7)}): ${decision.why}`
  )
  if (inputs.dryRun) {
    for (const s of services)
      ctx.reporter.info(
        s.deploy
          ? `dry run: would run the deploy command of ${s.name} at ${version}`
          : `dry run: ${s.name} has no deploy command`
      )
    return {
      ...none(`dry run: would roll back to ${version} and verify`),
      version,
      sha
    }
  }
  const deploymentId = await platform.createDeployment({
    sha,
    environment: config.deployment.environment,
    description: `rollback to ${version} by ${run.actor || 'unknown'}`,
    payload: {
      runbook: '1',
      action: 'rollback',
      tag: version,
      components: services.map((s) => s.name).join(','),
      actor: run.triggeringActor || run.actor || 'unknown',
      time: ctx.now().toISOString(),
      run_id: run.id
    }
  })
  await platform.setDeploymentStatus(deploymentId, 'in_progress', {
    logUrl: run.url,
    description: `${STATUS_PHRASE.running}: rollback to ${version}`
  })
  // The target's own deploy scripts run, from a worktree at its commit.
  const tree = await worktreeAt(sha, run.workdir ?? '.')
  if (tree.unavailable)
    ctx.reporter.warning(
      `the deploy commands run from the current checkout, not from ${version}: ${tree.unavailable}`,
      'Rollback'
    )
  else ctx.reporter.info(`the deploy commands run from ${version}'s files`)
  let commands: CommandResult[]
  try {
    commands = await runDeployCommands({
      services,
      action: 'rollback',
      ref: sha,
      version,
      reason: inputs.reason,
      timeoutMs: config.deployment.timeoutMs,
      passEnv: config.deployment.passEnv,
      title: `Roll back to ${version}`,
      reporter: ctx.reporter,
      cwd: tree.dir
    })
  } finally {
    await tree.remove()
  }
  const failed = commands.find((c) => !c.ok)
  const verification = failed
    ? null
    : await monitor(ctx, {
        version: sha,
        versionServices: services.map((s) => s.name),
        gracePeriodMs: config.monitor.gracePeriodMs
      })
  // Judged on the services it rolled back: what else is down is not its to fix.
  const judged = verification
    ? judgeRollback(
        Object.fromEntries(
          Object.entries(verification.report.services).map(([n, r]) => [
            n,
            r.status
          ])
        ),
        services.map((s) => s.name)
      )
    : null
  const ok = !failed && judged !== null && judged.ok
  await platform.setDeploymentStatus(deploymentId, ok ? 'success' : 'failure', {
    logUrl: run.url,
    description: ok
      ? `${STATUS_PHRASE.verified}: rolled back to ${version}`
      : failed
        ? `${STATUS_PHRASE.commandsFailed}: ${describeCommand(failed)}`
        : `${STATUS_PHRASE.verificationFailed}: ${judged?.stillDown.join(',') ?? ''}`
  })
  const summary = ok
    ? `rolled back to ${version} and verified ${verification?.status}`
    : failed
      ? `rollback to ${version} failed: ${describeCommand(failed)}`
      : `rollback to ${version} did not bring ${judged?.stillDown.join(', ') || 'the services'} back: the cause is outside the deployment`
  if (ok) ctx.reporter.info(summary)
  else ctx.reporter.error(summary, 'Rollback failed')
  ctx.reporter.summary(
    `### Rollback: ${ok ? 'executed' : 'failed'}\n\n${summary}`
  )
  return {
    status: ok ? 'executed' : 'failed',
    version,
    sha,
    monitor: verification,
    commands,
    summary,
    ...(ok ? {} : { cause: failed ? 'commands' : 'verification' })
  }
}

export function rollbackOutputs(
  result: RollbackResult
): Record<string, string> {
  return encode('rollback', {
    'rollback-status': result.status,
    'rollback-version': result.version,
    'rollback-sha': result.sha,
    'rollback-failure': result.cause || undefined,
    report: result.monitor?.report
  })
}
