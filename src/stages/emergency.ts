// The emergency stop and its undoing: emergency-stop takes the runbook-halt
// lock, stops every service, marks what ran as stopped and cancels the other
// runs; resume releases the lock; a deploy overtaken by the lock does nothing.

import {
  describeCommand,
  runCommand,
  type CommandResult
} from '../shell-commands.js'
import type { StageContext } from '../context.js'
import {
  STATUS_PHRASE,
  type Halt,
  type Platform
} from '../platform/platform.js'
import { errorMessage } from '../errors.js'
import { readableTime } from '../safe-text.js'
import { currentCommit, skipped, type DeployResult } from './deploy-result.js'

/** A deploy overtaken by an emergency stop: nothing (more) is done. */
export function refusedByHalt(
  ctx: StageContext,
  halt: Halt,
  facts: { sha: string; components: string[]; deploymentId?: number }
): DeployResult {
  const refused = `an emergency stop was taken after the gate approved this deploy (since ${halt.at ? readableTime(halt.at) : 'an unknown time'} by ${halt.by}); run resume first`
  ctx.reporter.warning(`deploy stopped: ${refused}`, 'Safety gate')
  ctx.reporter.summary(`### Deploy: refused\n\n${refused}`)
  return {
    ...skipped(ctx, `deploy refused: ${refused}`, true),
    sha: facts.sha,
    components: facts.components,
    deploymentId: facts.deploymentId ?? null,
    refused
  }
}

export async function emergencyStop(
  ctx: StageContext,
  platform: Platform
): Promise<DeployResult> {
  const { config, inputs, run } = ctx.settings
  const at = ctx.now().toISOString()
  const by = run.triggeringActor || run.actor || 'unknown'
  if (inputs.dryRun) {
    for (const s of config.services)
      ctx.reporter.info(
        s.stop
          ? `dry run: would run the stop command of ${s.name}: ${s.stop}`
          : `dry run: ${s.name} has no stop command`
      )
    return skipped(
      ctx,
      'dry run: would take the runbook-halt lock, stop the services and cancel other runs'
    )
  }
  const sha = await currentCommit(ctx, platform)
  const taken = await platform.takeHalt({ by, at, reason: inputs.reason }, sha)
  if (!taken) {
    const held = await platform.readHalt()
    const summary = `the emergency stop is already in effect (since ${held?.at ? readableTime(held.at) : 'an unknown time'} by ${held?.by ?? 'unknown'}); nothing else done`
    ctx.reporter.warning(summary, 'Emergency stop')
    return { ...skipped(ctx, summary, true) }
  }
  ctx.reporter.info(`runbook-halt lock taken by ${by}`)
  const commands: CommandResult[] = []
  await ctx.reporter.group('Stop the services', async () => {
    // Every service is stopped even when one stop command fails.
    for (const service of config.services) {
      if (!service.stop) {
        ctx.reporter.info(`${service.name}: no stop command configured`)
        continue
      }
      commands.push(
        await runCommand({
          service: service.name,
          kind: 'stop',
          script: service.stop,
          timeoutMs: config.deployment.timeoutMs,
          passEnv: config.deployment.passEnv,
          reporter: ctx.reporter,
          env: {
            RUNBOOK_ACTION: 'emergency-stop',
            RUNBOOK_SERVICE: service.name,
            RUNBOOK_REF: sha,
            RUNBOOK_VERSION: '',
            RUNBOOK_REASON: inputs.reason
          }
        })
      )
    }
  })
  // What was deployed is recorded as stopped, so that no one reads it as
  // running until a deploy or a rollback starts the services again.
  try {
    const [live] = await platform.listDeployments(
      config.deployment.environment,
      1
    )
    if (live)
      await platform.setDeploymentStatus(live.id, 'inactive', {
        logUrl: run.url,
        description: `${STATUS_PHRASE.stopped} by ${by}`
      })
  } catch (error) {
    ctx.reporter.warning(
      `the emergency stop could not mark the running deployment stopped: ${errorMessage(error)}`,
      'Emergency stop'
    )
  }
  // The lock is held and the services are stopped: a failure to cancel the
  // other runs is reported, and the stop goes on to the dashboard.
  let cancelled: string
  try {
    const count = await platform.cancelOtherRuns(run.id)
    cancelled = `${count} other run${count === 1 ? '' : 's'} cancelled`
  } catch (error) {
    cancelled = 'other runs not cancelled'
    ctx.reporter.warning(
      `the emergency stop could not cancel the other runs: ${errorMessage(error)}`,
      'Emergency stop'
    )
  }
  const failures = commands.filter((c) => !c.ok)
  const summary =
    `emergency stop by ${by}: lock taken, ${commands.length - failures.length} of ${commands.length} stop commands succeeded` +
    (failures.length ? ` (${failures.map(describeCommand).join('; ')})` : '') +
    `, ${cancelled}`
  ctx.reporter.summary(`### Emergency stop\n\n${summary}`)
  return {
    status: failures.length ? 'failed' : 'success',
    time: at,
    tag: '',
    sha,
    deploymentId: null,
    components: config.services.map((s) => s.name),
    commands,
    halted: true,
    summary
  }
}

export async function resume(
  ctx: StageContext,
  platform: Platform
): Promise<DeployResult> {
  if (ctx.settings.inputs.dryRun)
    return skipped(ctx, 'dry run: would release the runbook-halt lock')
  const released = await platform.releaseHalt()
  const summary = released
    ? `resumed by ${ctx.settings.run.triggeringActor || ctx.settings.run.actor || 'unknown'}: the runbook-halt lock is released`
    : 'resume: there was no emergency stop in effect'
  ctx.reporter.summary(`### Resume\n\n${summary}`)
  return {
    ...skipped(ctx, summary, false),
    status: released ? 'success' : 'skipped'
  }
}
