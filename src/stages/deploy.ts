// The deploy stage: deploy and update-component run the services' deploy
// commands, tag the deployed commit and record a GitHub Deployment; an
// emergency stop and a resume (emergency.ts) run in the same stage.

import { describeCommand, runDeployCommands } from '../shell-commands.js'
import type { Service } from '../config.js'
import type { StageContext } from '../context.js'
import { encode, type Action } from '../contract.js'
import { STATUS_PHRASE, type Platform } from '../platform/platform.js'
import { DEPLOYMENT_FACTS } from './gate.js'
import { healthNow } from './monitor.js'
import { stoppedFrom } from './situation.js'
import { currentCommit, skipped, type DeployResult } from './deploy-result.js'
import { emergencyStop, refusedByHalt, resume } from './emergency.js'

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
