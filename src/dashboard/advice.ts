// The "For AI agents" section: the command to run now, computed from the
// state, and the table of state → command.

import type { Service } from '../config.js'
import { markdownCell } from '../text.js'
import { DEPLOYMENT_TAG } from '../inputs.js'
import type { DashboardState } from './state.js'

export const WORKFLOW = 'ai-agent-handoff-runbook.yml'
const gh = (args: string): string => `gh workflow run ${WORKFLOW} ${args}`

/**
 * The newest verified deployment whose tag is well formed: the issue body is
 * editable, so only a real deployment tag may reach a command we recommend.
 */
function verifiedTag(state: DashboardState, except?: string): string | null {
  const found = state.deployments.find(
    (d) => d.verified === true && d.tag !== except && DEPLOYMENT_TAG.test(d.tag)
  )
  return found?.tag ?? null
}

export interface Advice {
  situation: string
  command: string
  why: string
}

/** What an operator should do now, from the state alone. */
export function advise(state: DashboardState, _services: Service[]): Advice {
  const lastEvent = state.events[0]
  const last = state.deployments[0]
  const good = verifiedTag(state)
  if (state.halt)
    return {
      situation: 'halted',
      command: gh('-f action=resume -f reason="<what was fixed>"'),
      why: 'An emergency stop is in effect. Find and fix the cause first; resume only then. A health check (-f action=healthcheck) shows the current state without deploying.'
    }
  if (state.overall === 'critical') {
    if (lastEvent?.kind === 'rollback-failed')
      return {
        situation: 'critical, rollback failed',
        command: gh('-f action=emergency-stop -f reason="<why>"'),
        why: 'The last rollback did not bring the system back. Stop everything and escalate to a person.'
      }
    if (good && last && last.tag !== good && last.verified !== true)
      return {
        situation: 'critical after a deployment',
        command: gh(
          `-f action=rollback -f rollback_version=${good} -f reason="<why>"`
        ),
        why: `The newest deployment is not verified healthy; ${good} was.`
      }
    return {
      situation: 'critical',
      command: gh('-f action=healthcheck'),
      why: 'No deployment explains the outage, so a rollback would not fix it. Re-check, read the reasons above, and stop (-f action=emergency-stop) if the system is doing harm.'
    }
  }
  if (state.overall === 'degraded')
    return {
      situation: 'degraded',
      command: gh('-f action=healthcheck'),
      why: 'Every service answers, but some slowly or rate-limited. Watch it; no rollback needed.'
    }
  if (state.overall === 'unknown')
    return {
      situation: 'unknown',
      command: gh('-f action=healthcheck'),
      why: 'No health check has run yet.'
    }
  return {
    situation: 'healthy',
    command: gh('-f action=deploy'),
    why: 'Everything is healthy: no action needed. Deploy when there is something to ship (a push to main also deploys).'
  }
}

export function recommend(state: DashboardState, services: Service[]): string {
  const advice = advise(state, services)
  return [
    `**Now (${advice.situation}):** \`${advice.command}\``,
    '',
    markdownCell(advice.why, 400)
  ].join('\n')
}

export function agentTable(state: DashboardState): string {
  // The version to go back to: the newest verified one before what runs now.
  const target =
    verifiedTag(state, state.deployments[0]?.tag) ??
    '<deployment-YYYYMMDD-HHMMSS>'
  const rows: [string, string][] = [
    ['healthy', gh('-f action=deploy')],
    [
      'one service to update',
      gh('-f action=update-component -f target_component=<service>')
    ],
    [
      'critical after a deployment',
      gh(`-f action=rollback -f rollback_version=${target} -f reason="<why>"`)
    ],
    [
      'critical, rollback failed, or doing harm',
      gh('-f action=emergency-stop -f reason="<why>"')
    ],
    [
      'halted, cause fixed',
      gh('-f action=resume -f reason="<what was fixed>"')
    ],
    ['to re-check at any time', gh('-f action=healthcheck')]
  ]
  return [
    '| situation | command |',
    '| --- | --- |',
    ...rows.map(([situation, command]) => `| ${situation} | \`${command}\` |`),
    '',
    "Emergency: `emergency-stop` never waits for approval; it takes the `runbook-halt` lock, runs every service's stop command and cancels other runs. Deploys are refused until `resume`. Add `-f dry_run=true` to see the plan without acting."
  ].join('\n')
}
