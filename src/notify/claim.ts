// Claims on a message, kept in the dashboard state: a run writes its claim
// before sending and sends only when, read back, its claim is the one that
// survived, so two runs that see the same change announce it once.

import type { DashboardState } from '../dashboard/state.js'
import type { OverallStatus } from '../health-report.js'
import type { NotifyKind } from './event.js'

export type Claim = DashboardState['notify']['claims'][number]
export type ClaimResult = Claim['result']

/**
 * How long a claim that was never settled holds: long enough for a run to
 * send (30 s per channel at most) and write the result, short enough that a
 * run that crashed meanwhile does not silence the message for good.
 */
export const CLAIM_VALID_MS = 10 * 60_000
/** Claims older than this are dropped; the newest are kept up to MAX_CLAIMS. */
const CLAIM_KEPT_MS = 7 * 24 * 3_600_000
const MAX_CLAIMS = 10
/** Runners' clocks differ a little; a claim further in the future is void. */
const CLOCK_SKEW_MS = 5 * 60_000

export interface ClaimSubject {
  kinds: readonly NotifyKind[]
  /** The overall state people were last told about, or null. */
  from: OverallStatus | null
  to: OverallStatus
  /** What happened in one run, and which run: announced once per run. */
  events: readonly NotifyKind[]
  run: string
}

/**
 * What a claim is about, e.g. "critical (healthy to critical)" or
 * "emergency-stop in run 42": two runs that would send the same message
 * compute the same key. A run's own events are keyed by the run alone, so a
 * re-run of it, seeing a state that has changed since, still finds them told.
 */
export function claimKey(subject: ClaimSubject): string {
  const key =
    subject.events.length > 0
      ? `${subject.events.join('+')} in run ${subject.run}`
      : `${subject.kinds.join('+')} (${subject.from ?? 'unknown'} to ${subject.to})`
  return key.slice(0, 200)
}

/**
 * Whether `claim`, made by someone else, stops us sending the message it is
 * about. A pending claim holds for CLAIM_VALID_MS; a message that was sent
 * (or may have been) holds for as long as it is kept when it belongs to one
 * run, and for CLAIM_VALID_MS otherwise: after that, what was told is in the
 * memory. A failed one never holds; the memory's retry wait applies.
 */
function holds(claim: Claim, key: string, token: string, now: Date): boolean {
  if (claim.key !== key || claim.token === token) return false
  const age = now.getTime() - Date.parse(claim.at)
  if (claim.result === 'failed' || age < -CLOCK_SKEW_MS) return false
  if (claim.result === 'pending') return age < CLAIM_VALID_MS
  return key.includes(' in run ') || age < CLAIM_VALID_MS
}

/** Someone else's claim that stops us sending, if any. */
export function heldBy(
  state: DashboardState,
  key: string,
  token: string,
  now: Date
): Claim | undefined {
  return state.notify.claims.find((c) => holds(c, key, token, now))
}

/**
 * Adds our pending claim unless someone else holds the message or ours is
 * already there. Applied to every newer body while the dashboard is written.
 */
export function addClaim(state: DashboardState, claim: Claim, now: Date): void {
  const claims = state.notify.claims
  if (claims.some((c) => c.token === claim.token)) return
  if (heldBy(state, claim.key, claim.token, now)) return
  state.notify.claims = prune([claim, ...claims], now)
}

/** Whether our claim is in the state and nobody else's holds the message. */
export function claimWon(
  state: DashboardState,
  key: string,
  token: string,
  now: Date
): boolean {
  return (
    state.notify.claims.some(
      (c) => c.token === token && c.result === 'pending'
    ) && heldBy(state, key, token, now) === undefined
  )
}

/** Records how our claimed message went; adds the claim if it was lost. */
export function settleClaim(
  state: DashboardState,
  claim: Claim,
  result: ClaimResult,
  now: Date
): void {
  const others = state.notify.claims.filter((c) => c.token !== claim.token)
  state.notify.claims = prune([{ ...claim, result }, ...others], now)
}

function prune(claims: Claim[], now: Date): Claim[] {
  return claims
    .filter((c) => {
      const age = now.getTime() - Date.parse(c.at)
      return age < CLAIM_KEPT_MS && age >= -CLOCK_SKEW_MS
    })
    .slice(0, MAX_CLAIMS)
}
