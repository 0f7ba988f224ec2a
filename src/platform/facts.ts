// Reads a deployment's facts back from what Runbook recorded on it: the
// payload it set at creation and the statuses it set afterwards. Both are
// read strictly: a payload that is not Runbook's is not a Runbook deployment.

import { z } from 'zod'
import {
  STATUS_PHRASE,
  type DeploymentFact,
  type DeploymentPayload
} from './platform.js'

const TAG = /^deployment-\d{8}-\d{6}$/
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/

const payloadSchema = z.object({
  runbook: z.literal('1').optional(),
  action: z.enum(['deploy', 'update-component', 'rollback']),
  tag: z.string().max(40).optional(),
  components: z.string().max(20_000).optional(),
  actor: z.string().max(100).optional(),
  time: z.string().max(40).optional(),
  run_id: z.string().max(40).optional()
})

/** The payload of a Runbook deployment, or null for anyone else's. */
export function readPayload(payload: unknown): DeploymentPayload | null {
  let value = payload
  if (typeof value === 'string') {
    if (value.length > 30_000) return null
    try {
      value = JSON.parse(value)
    } catch {
      return null
    }
  }
  const parsed = payloadSchema.safeParse(value)
  if (!parsed.success) return null
  const p = parsed.data
  return {
    runbook: '1',
    action: p.action,
    tag: p.tag && TAG.test(p.tag) ? p.tag : '',
    components: p.components ?? '',
    actor: p.actor ?? '',
    time: p.time && ISO.test(p.time) ? p.time : '',
    run_id: p.run_id && /^\d+$/.test(p.run_id) ? p.run_id : ''
  }
}

export interface StatusFact {
  id: number
  state: string
  description: string
}

/**
 * One deployment's facts. `statuses` are the ones Runbook itself set (any
 * order): verified once a success was set, failed once a failure was.
 */
export function deploymentFact(
  deployment: { id: number; sha: string; created: string },
  payload: DeploymentPayload,
  statuses: StatusFact[]
): DeploymentFact {
  const ordered = [...statuses].sort((a, b) => a.id - b.id)
  const latest = ordered.at(-1)
  const success = ordered.some((s) => s.state === 'success')
  // 'error' is Runbook's "not verified": nothing it deployed broke, but a
  // deployed service was down before and still is.
  const failure = ordered.find((s) => s.state === 'failure')
  const failedIn = failure
    ? failure.description.startsWith(STATUS_PHRASE.commandsFailed) ||
      failure.description.startsWith(STATUS_PHRASE.refused)
      ? 'commands'
      : 'verification'
    : null
  return {
    id: deployment.id,
    tag: payload.tag,
    sha: /^[0-9a-f]{40}$/.test(deployment.sha) ? deployment.sha : '',
    time: payload.time || deployment.created,
    actor: payload.actor,
    kind: payload.action,
    components: payload.components
      .split(',')
      .filter((c) => /^[a-z0-9-]{1,100}$/.test(c)),
    verified: success ? true : failure ? false : null,
    failedIn: success ? null : failedIn,
    blamed:
      failure && failedIn === 'verification'
        ? namesAfter(failure.description, STATUS_PHRASE.verificationFailed)
        : [],
    stopped:
      latest?.state === 'inactive' &&
      latest.description.startsWith(STATUS_PHRASE.stopped)
  }
}

/** The service names a fixed phrase lists after its colon. */
function namesAfter(description: string, phrase: string): string[] {
  if (!description.startsWith(`${phrase}:`)) return []
  return description
    .slice(phrase.length + 1)
    .split(',')
    .map((n) => n.trim())
    .filter((n) => /^[a-z0-9-]{1,100}$/.test(n))
}
