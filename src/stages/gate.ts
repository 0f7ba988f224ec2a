// The safety gate: resolves the action from the event and decides whether it
// may run. A refusal is a clean result with a one-line reason, not a crash.

import type { StageContext } from '../context.js'
import { InputError } from '../errors.js'
import { DEPLOYMENT_TAG, encode, type Action } from '../contract.js'
import type { DeploymentFact, Platform } from '../platform/platform.js'
import { readableTime } from '../safe-text.js'

export interface GateResult {
  approved: boolean
  action: Action
  /** Why it was refused, in one line; empty when approved. */
  reason: string
  targetComponent: string
  rollbackVersion: string
  /** Whether the emergency-stop lock is held, when the gate looked. */
  halted: boolean | null
}

const WRITERS = new Set(['admin', 'maintain', 'write'])
const CHANGES = new Set<Action>([
  'deploy',
  'update-component',
  'rollback',
  'emergency-stop',
  'resume'
])

/** push → deploy, schedule → healthcheck, dispatch → the `action` input. */
export function resolveAction(given: Action | '', eventName: string): Action {
  if (given !== '') return given
  if (eventName === 'push') return 'deploy'
  if (eventName === 'schedule') return 'healthcheck'
  if (eventName === 'workflow_dispatch')
    throw new InputError(
      'input `action`: "" is not valid for a workflow_dispatch run; allowed: deploy, rollback, emergency-stop, update-component, healthcheck, resume'
    )
  throw new InputError(
    `input \`action\`: "" cannot be resolved from the event ${JSON.stringify(eventName || 'unknown')}; set it to deploy, rollback, emergency-stop, update-component, healthcheck or resume`
  )
}

export async function gate(
  ctx: StageContext,
  platform: Platform
): Promise<GateResult> {
  const { inputs, config, run } = ctx.settings
  const action = resolveAction(inputs.action, run.eventName)
  const names = config.services.map((s) => s.name)
  const result: GateResult = {
    approved: true,
    action,
    reason: '',
    targetComponent: inputs.targetComponent,
    rollbackVersion: inputs.rollbackVersion,
    halted: null
  }
  const refuse = (reason: string): GateResult => {
    ctx.reporter.warning(`${action} refused: ${reason}`, 'Safety gate')
    return { ...result, approved: false, reason }
  }
  ctx.reporter.info(
    `action: ${action} (${inputs.action ? 'from the input' : `from the ${run.eventName} event`})`
  )

  if (
    inputs.targetComponent !== 'all' &&
    !names.includes(inputs.targetComponent)
  )
    return refuse(
      `target-component "${inputs.targetComponent}" is not a configured service; allowed: all, ${names.join(', ')}`
    )
  if (action === 'update-component' && inputs.targetComponent === 'all')
    return refuse(
      `update-component needs one service in target-component; allowed: ${names.join(', ')}`
    )
  if (!CHANGES.has(action)) return result

  if (
    action === 'deploy' ||
    action === 'update-component' ||
    action === 'resume' ||
    action === 'emergency-stop'
  ) {
    const halt = await platform.readHalt()
    result.halted = halt !== null
    if (halt && (action === 'deploy' || action === 'update-component'))
      return refuse(
        `an emergency stop is in effect (since ${halt.at ? readableTime(halt.at) : 'an unknown time'} by ${halt.by}${halt.reason ? `: ${halt.reason}` : ''}); run resume first`
      )
  }

  if (
    (action === 'deploy' || action === 'update-component') &&
    platform.kind === 'github'
  ) {
    const branch = run.defaultBranch || (await platform.defaultBranch())
    if (run.ref !== `refs/heads/${branch}`)
      return refuse(
        `${action} runs only from the default branch ${branch}, not ${run.ref || 'an unknown ref'}`
      )
  }

  for (const user of new Set(
    [run.actor, run.triggeringActor].filter(Boolean)
  )) {
    const permission = await platform.permission(user)
    if (!WRITERS.has(permission))
      return refuse(
        `${user} has ${permission} permission on the repository; ${action} needs write, maintain or admin`
      )
  }
  if (platform.kind === 'github' && !run.actor)
    return refuse(
      'the actor of this run is unknown, so its permission cannot be checked'
    )

  if (action === 'rollback') {
    if (inputs.rollbackVersion) {
      if ((await platform.tagCommit(inputs.rollbackVersion)) === null)
        return refuse(
          `rollback-version ${inputs.rollbackVersion} is not an existing tag`
        )
    } else {
      const target = await previousGoodDeployment(ctx, platform, {
        components:
          inputs.targetComponent === 'all' ? [] : [inputs.targetComponent]
      })
      if (!target)
        return refuse(
          'there is no earlier verified-healthy deployment to roll back to; name one in rollback-version'
        )
      result.rollbackVersion = target
    }
    ctx.reporter.info(`rollback target: ${result.rollbackVersion}`)
  }
  return result
}

/** How many recent deployments are read back, each with its statuses. */
export const DEPLOYMENT_FACTS = 10

/**
 * What runs now for `component` ('all': the newest of any): the tag of the
 * newest deployment whose commands ran, or '' when none is known.
 */
export function liveTag(facts: DeploymentFact[], component = 'all'): string {
  const live = facts.find(
    (d) =>
      d.failedIn !== 'commands' &&
      (component === 'all' || d.components.includes(component))
  )
  return live?.tag ?? ''
}

/**
 * The newest verified-healthy deployment older than what runs now, read from
 * the deployments Runbook recorded (never from the dashboard's text) and
 * confirmed by its tag. `current`: what this run deployed ('' when its
 * commands failed, so the last good one is the target).
 */
export async function previousGoodDeployment(
  ctx: StageContext,
  platform: Platform,
  options: { current?: string; components?: string[] } = {}
): Promise<string | null> {
  const components = options.components ?? []
  const component = components.length === 1 ? (components[0] ?? 'all') : 'all'
  const facts = await platform.listDeployments(
    ctx.settings.config.deployment.environment,
    DEPLOYMENT_FACTS
  )
  const current = options.current ?? liveTag(facts, component)
  const checked = new Set<string>()
  for (const d of facts) {
    if (d.verified !== true || !DEPLOYMENT_TAG.test(d.tag)) continue
    // Tags name their time: an older tag is an earlier version.
    if (current !== '' && d.tag >= current) continue
    if (!components.every((c) => d.components.includes(c))) continue
    if (checked.has(d.tag)) continue
    checked.add(d.tag)
    if ((await platform.tagCommit(d.tag)) !== null) return d.tag
  }
  return null
}

export function gateOutputs(result: GateResult): Record<string, string> {
  return encode('gate', {
    approved: result.approved,
    action: result.action,
    reason: result.reason,
    'target-component': result.targetComponent,
    'rollback-version': result.rollbackVersion,
    halted: result.halted ?? undefined
  })
}
