// The `plan` tool, and the check run_action makes before it acts: the same
// safety gate the workflow's first job runs, on the same facts (the halt
// tag, the default branch, the actor's permission, the deployment tags),
// plus which jobs would run and where a rollback would go. It only reads.

import type { Config } from '../config.js'
import type { StageContext } from '../context.js'
import { WORKFLOW } from '../dashboard/situation.js'
import type { Action } from '../inputs.js'
import type { Platform } from '../platform/platform.js'
import { gate, previousGoodDeployment } from '../stages/gate.js'
import { ToolError } from './backend.js'
import type { PlanInput, PlanOutput } from './schemas.js'

type Stage = PlanOutput['stages'][number]

const always = (job: string, what: string): Stage => ({
  job,
  runs: 'yes',
  what
})
const maybe = (job: string, what: string): Stage => ({
  job,
  runs: 'if-needed',
  what
})

const GATE = always(
  'safety-gate',
  'validates the inputs and checks the halt lock, the branch and the actor'
)
const STATUS = always('update-status', 'records the run on the dashboard issue')
const NOTIFY = maybe(
  'notify',
  'sends Slack/Discord messages on a change of state'
)

/** The jobs of the workflow that run for an action, as its `if:` conditions say. */
export function stagesFor(action: Action, approved: boolean): Stage[] {
  if (!approved)
    return [
      { ...GATE, what: 'refuses the action' },
      { ...STATUS, what: 'records the refusal on the dashboard issue' },
      NOTIFY
    ]
  switch (action) {
    case 'deploy':
    case 'update-component':
      return [
        GATE,
        always('ci', 'install, build and test'),
        maybe(
          'deploy',
          'when CI passes: runs the deploy commands, tags deployment-YYYYMMDD-HHMMSS and records a GitHub Deployment'
        ),
        always('monitor', 'probes every service and verifies the deploy'),
        maybe(
          'rollback',
          'only when the deploy broke a service it deployed: rolls back to the rollback target and verifies'
        ),
        STATUS,
        NOTIFY
      ]
    case 'rollback':
      return [
        GATE,
        always(
          'rollback',
          "runs the target's deploy commands at its commit, records a Deployment and verifies it"
        ),
        STATUS,
        NOTIFY
      ]
    case 'emergency-stop':
      return [
        GATE,
        always(
          'deploy',
          'takes the runbook-halt lock, runs every stop command and cancels other runs'
        ),
        STATUS,
        NOTIFY
      ]
    case 'resume':
      return [
        GATE,
        always('deploy', 'releases the runbook-halt lock (restarts nothing)'),
        STATUS,
        NOTIFY
      ]
    case 'healthcheck':
      return [GATE, always('monitor', 'probes every service'), STATUS, NOTIFY]
  }
}

/** A value as one shell word: single quotes, any quote inside escaped. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_.,:/@=+-]+$/.test(value)
    ? value
    : `'${value.replace(/'/g, `'\\''`)}'`
}

/** The workflow_dispatch inputs, as the workflow declares them. */
export function dispatchInputs(request: {
  action: Action
  target_component: string
  rollback_version: string
  reason: string
  dry_run: boolean
}): Record<string, string> {
  return {
    action: request.action,
    target_component: request.target_component,
    rollback_version: request.rollback_version,
    reason: request.reason,
    dry_run: String(request.dry_run)
  }
}

/**
 * The exact command that does what `inputs` ask: `gh workflow run …` on
 * GitHub, the local tool's `runbook …` in local mode.
 */
export function commandFor(
  inputs: Record<string, string>,
  mode: 'github' | 'local' = 'github'
): string {
  const parts =
    mode === 'github'
      ? [`gh workflow run ${WORKFLOW}`]
      : [`runbook ${inputs.action ?? ''}`]
  for (const [name, value] of Object.entries(inputs)) {
    // Defaults are left out, so that the command reads as a person writes it.
    if (
      (mode === 'local' && name === 'action') ||
      (name === 'target_component' && value === 'all') ||
      (name !== 'action' && name !== 'target_component' && value === '') ||
      (name === 'dry_run' && value === 'false')
    )
      continue
    if (mode === 'github') parts.push(`-f ${name}=${shellWord(value)}`)
    else if (name === 'dry_run') parts.push('--dry-run')
    else parts.push(`--${name.replace(/_/g, '-')} ${shellWord(value)}`)
  }
  return parts.join(' ')
}

/**
 * Bad input the configuration can tell: a component it does not list, a
 * rollback version that is no tag. One ToolError line each.
 */
async function checkKnown(
  request: PlanInput,
  config: Config,
  platform: Platform
): Promise<void> {
  const names = config.services.map((s) => s.name)
  if (
    request.target_component !== 'all' &&
    !names.includes(request.target_component)
  )
    throw new ToolError(
      `argument \`target_component\`: "${request.target_component}" is not a configured service; allowed: all, ${names.join(', ')}`
    )
  if (
    request.rollback_version !== '' &&
    (await platform.tagCommit(request.rollback_version)) === null
  )
    throw new ToolError(
      `argument \`rollback_version\`: "${request.rollback_version}" is not an existing tag; allowed: a deployment tag the repository has (the status tool lists the verified ones)`
    )
}

/** Runs the gate for `request` and says what would run. Reads only. */
export async function planAction(
  ctx: StageContext,
  platform: Platform,
  request: PlanInput,
  mode: 'github' | 'local'
): Promise<PlanOutput> {
  await checkKnown(request, ctx.settings.config, platform)
  const decision = await gate(ctx, platform)
  const action = decision.action
  let target: string | null = null
  if (action === 'rollback') target = decision.rollbackVersion || null
  else if (
    decision.approved &&
    (action === 'deploy' || action === 'update-component')
  )
    // After this deploy, the newest verified deployment is the one before it.
    target = await previousGoodDeployment(ctx, platform, {
      current: '',
      components:
        decision.targetComponent === 'all' ? [] : [decision.targetComponent]
    })
  const inputs = dispatchInputs({
    ...request,
    action,
    rollback_version:
      action === 'rollback'
        ? decision.rollbackVersion
        : request.rollback_version,
    reason: ctx.settings.inputs.reason
  })
  return {
    mode,
    approved: decision.approved,
    action,
    reason: decision.reason,
    target_component: decision.targetComponent,
    rollback_version: inputs.rollback_version ?? '',
    halted: decision.halted,
    rollback_target: target,
    stages: stagesFor(action, decision.approved),
    dry_run: request.dry_run,
    command: commandFor(inputs, mode),
    actor: ctx.settings.run.actor
  }
}
