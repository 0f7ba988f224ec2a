// A GitHubPlatform pointed at the REST emulator: one retry, short timeouts
// so that fault tests stay fast, and the write spacing and settle scaled down
// tenfold (the emulator answers at once), keeping their ratio so that runs
// racing on the dashboard still see each other's writes.

import { GitHubPlatform } from '../../src/platform/github.js'
import type { DeploymentRecord } from '../../src/dashboard/state.js'
import {
  DEFAULT_LOGIN,
  DEFAULT_TOKEN,
  type DeploymentSeed,
  type Emulator
} from '../emulator/index.js'

export const EMULATOR_TIMING = { writeSpacingMs: 25, settleMs: 100 }

export function githubPlatform(
  emulator: Emulator,
  options: {
    token?: string
    timeoutMs?: number
    retries?: number
    log?: string[]
  } = {}
): GitHubPlatform {
  return new GitHubPlatform({
    token: options.token ?? DEFAULT_TOKEN,
    repository: emulator.fullName,
    baseUrl: emulator.url,
    retries: options.retries ?? 1,
    timeoutMs: options.timeoutMs ?? 2000,
    log: (message) => options.log?.push(message),
    timing: EMULATOR_TIMING
  })
}

/**
 * Records deployments on the emulator as Runbook itself records them (a
 * Deployment with its payload and statuses, by the workflow's token), from
 * dashboard-shaped records given newest first.
 */
export function recordDeployments(
  emulator: Emulator,
  records: DeploymentRecord[],
  environment = 'production'
): void {
  for (const d of [...records].reverse()) {
    const statuses: DeploymentSeed['statuses'] = [
      { state: 'in_progress', description: 'running' }
    ]
    if (d.verified === true)
      statuses.push({ state: 'success', description: 'verified: healthy' })
    if (d.verified === false)
      statuses.push({
        state: 'failure',
        description: 'verification failed: critical'
      })
    emulator.addDeployment({
      ref: d.sha || emulator.headSha(),
      environment,
      creator: DEFAULT_LOGIN,
      payload: {
        runbook: '1',
        action: d.kind,
        tag: d.tag,
        components: d.components.join(','),
        actor: d.actor,
        time: d.time,
        run_id: '1'
      },
      statuses
    })
  }
}
