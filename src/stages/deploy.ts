// The deploy stage: deploy and update-component run the services' deploy
// commands, tag the deployed commit and record a GitHub Deployment;
// emergency-stop takes the lock, stops the services and cancels other runs;
// resume releases the lock.

import {
  describeCommand,
  runCommand,
  runDeployCommands,
  type CommandResult
} from '../shell-commands.js'
import type { Service } from '../config.js'
import type { StageContext } from '../context.js'
import { encode, type Action } from '../contract.js'
import {
  STATUS_PHRASE,
  type Halt,
  type Platform
} from '../platform/platform.js'
import { errorMessage } from '../errors.js'
import type { ServiceState } from '../probe.js'
import { DEPLOYMENT_FACTS } from './gate.js'
import { healthNow } from './monitor.js'
import { stoppedFrom } from './situation.js'
import { readableTime } from '../safe-text.js'

export interface DeployResult {
  status: 'success' | 'failed' | 'skipped'
  time: string
  tag: string
  sha: string
  deploymentId: number | null
  components: string[]
  commands: CommandResult[]
  /** Whether the lock is held after this stage, when it touched it. */
  halted: boolean | null
  /** One line on what happened, for logs and the summary. */
  summary: string
  /** Why a deploy the gate approved did not run (an emergency stop since). */
  refused?: string
  /** The deployed services' health just before their commands ran. */
  before?: Record<string, ServiceState>
}

/** deployment-YYYYMMDD-HHMMSS in UTC. */
export function deploymentTag(time: Date): string {
  const iso = time.toISOString()
  return `deployment-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`
}

/**
 * Creates the tag for `time`, reusing it when it already points at `sha`
 * and taking the next free second when it points elsewhere.
 */
export async function createDeploymentTag(
  platform: Platform,
  sha: string,
  time: Date
): Promise<string> {
  for (let offset = 0; offset < 120; offset++) {
    const tag = deploymentTag(new Date(time.getTime() + offset * 1000))
    if (await platform.createTag(tag, sha)) return tag
    if ((await platform.tagCommit(tag)) === sha) return tag
  }
  throw new Error(
    `no free deployment tag within two minutes of ${time.toISOString()}`
  )
}

/**
 * The tag a deploy at `time` will get, found before its commands run so that
 * they are told the version they deploy: the first second whose tag is free
 * or already points at `sha`.
 */
export async function nextDeploymentTag(
  platform: Platform,
  sha: string,
  time: Date
): Promise<Date> {
  for (let offset = 0; offset < 120; offset++) {
    const at = new Date(time.getTime() + offset * 1000)
    const existing = await platform.tagCommit(deploymentTag(at))
    if (existing === null || existing === sha) return at
  }
  return time
}

export function targetServices(services: Service[], target: string): Service[] {
  return target === 'all' ? services : services.filter((s) => s.name === target)
}

/** The commit this run deploys: the workflow's, or the local HEAD. */
export async function currentCommit(
  ctx: StageContext,
  platform: Platform
): Promise<string> {
  return ctx.settings.run.sha || platform.resolveCommit('HEAD')
}

export async function deploy(
  ctx: StageContext,
  platform: Platform,
  action: Action,
  targetComponent: string
): Promise<DeployResult> {
  switch (action) {
    case 'deploy':
    case 'update-component':
      return deployServices(ctx, platform, action, targetComponent)
    case 'emergency-stop':
      return emergencyStop(ctx, platform)
    case 'resume':
      return resume(ctx, platform)
    default:
      return skipped(ctx, `nothing to deploy for ${action}`)
  }
}

function skipped(
  ctx: StageContext,
  summary: string,
  halted: boolean | null = null
): DeployResult {
  ctx.reporter.info(summary)
  return {
    status: 'skipped',
    time: ctx.now().toISOString(),
    tag: '',
    sha: '',
    deploymentId: null,
    components: [],
    commands: [],
    halted,
    summary
  }
}

async function deployServices(
  ctx: StageContext,
  platform: Platform,
  action: 'deploy' | 'update-component',
  targetComponent: string
): Promise<DeployResult> {
  const { config, inputs, run } = ctx.settings
  const services = targetServices(config.services, targetComponent)
  const components = services.map((s) => s.name)
  const sha = await currentCommit(ctx, platform)
  const started = ctx.now()
  if (inputs.dryRun) {
    for (const s of services)
      ctx.reporter.info(
        s.deploy
          ? `dry run: would run the deploy command of ${s.name}: ${s.deploy}`
          : `dry run: ${s.name} has no deploy command`
      )
    ctx.reporter.info(
      `dry run: would tag ${sha.slice(0, 7)} as ${deploymentTag(started)} and record a deployment to ${config.deployment.environment}`
    )
    return {
      ...skipped(ctx, `dry run: ${action} of ${components.join(', ')} planned`),
      sha,
      components
    }
  }
  // The gate saw the lock free, but a stop may have been taken since: it is
  // read again before anything runs, and again before the tag is made.
  const overtaken = await platform.readHalt()
  if (overtaken) return refusedByHalt(ctx, overtaken, { sha, components })
  // What the deployed services were like before: a service already down is
  // not this deploy's fault if it is still down after it.
  const before = await healthNow(services)
  // A service an emergency stop stopped is down on purpose, not broken: it
  // does not excuse a deploy that starts it again (left out, it counts as
  // working before). Asked only when something is down.
  const stopped: string[] = []
  if (Object.values(before).includes('down')) {
    const recorded = await platform.listDeployments(
      config.deployment.environment,
      DEPLOYMENT_FACTS
    )
    if (
      stoppedFrom(
        recorded,
        config.services.map((s) => s.name)
      )
    )
      for (const name of Object.keys(before))
        if (before[name] === 'down') stopped.push(name)
  }
  ctx.reporter.info(
    `before the deploy: ${Object.entries(before)
      .map(([name, state]) => `${name} ${state}`)
      .join(', ')}`
  )
  const tagTime = await nextDeploymentTag(platform, sha, started)
  const planned = deploymentTag(tagTime)
  const deploymentId = await platform.createDeployment({
    sha,
    environment: config.deployment.environment,
    description: `${action} of ${components.join(', ')} by ${run.actor || 'unknown'}`,
    payload: {
      runbook: '1',
      action,
      tag: planned,
      components: components.join(','),
      actor: run.triggeringActor || run.actor || 'unknown',
      time: started.toISOString(),
      run_id: run.id
    }
  })
  await platform.setDeploymentStatus(deploymentId, 'in_progress', {
    logUrl: run.url,
    description: `${STATUS_PHRASE.running}: ${action}`
  })
  const commands = await runDeployCommands({
    services,
    action,
    ref: sha,
    version: planned,
    reason: inputs.reason,
    timeoutMs: config.deployment.timeoutMs,
    passEnv: config.deployment.passEnv,
    title: `Deploy ${components.join(', ')} at ${sha.slice(0, 7)}`,
    reporter: ctx.reporter
  })
  // Only a service whose own deploy command ran was started by this deploy.
  for (const name of stopped)
    if (commands.some((c) => c.service === name && c.ok)) delete before[name]
  const done = {
    time: started.toISOString(),
    sha,
    deploymentId,
    components,
    commands,
    halted: null,
    before
  }
  const failed = commands.find((c) => !c.ok)
  if (failed) {
    await platform.setDeploymentStatus(deploymentId, 'failure', {
      logUrl: run.url,
      description: `${STATUS_PHRASE.commandsFailed}: ${describeCommand(failed)}`
    })
    const summary = `${action} failed: ${describeCommand(failed)}`
    ctx.reporter.summary(`### Deploy: failed\n\n${summary}`)
    return { ...done, status: 'failed', tag: '', summary }
  }
  const late = await platform.readHalt()
  if (late) {
    await platform.setDeploymentStatus(deploymentId, 'failure', {
      logUrl: run.url,
      description: `${STATUS_PHRASE.refused}: an emergency stop was taken during the deploy`
    })
    return refusedByHalt(ctx, late, { sha, components, deploymentId })
  }
  const tag = await createDeploymentTag(platform, sha, tagTime)
  const summary = `${action} of ${components.join(', ')} at ${sha.slice(0, 7)}: tagged ${tag}; the health check verifies it`
  ctx.reporter.info(summary)
  ctx.reporter.summary(`### Deploy: ${tag}\n\n${summary}`)
  return { ...done, status: 'success', tag, summary }
}

/** A deploy overtaken by an emergency stop: nothing (more) is done. */
function refusedByHalt(
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

async function emergencyStop(
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

async function resume(
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

export function deployOutputs(result: DeployResult): Record<string, string> {
  return encode('deploy', {
    'deployment-status': result.status,
    'deployment-time': result.time,
    'deployment-tag': result.tag,
    'deployment-sha': result.sha,
    'deployment-id': result.deploymentId,
    components: result.components,
    refused: result.refused || undefined,
    'health-before': result.before,
    halted: result.halted ?? undefined
  })
}
