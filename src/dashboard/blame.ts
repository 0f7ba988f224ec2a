// Which problems a deploy caused, and whether a rollback undid them. The
// local tool and the workflow judge a deploy by the same rules: only what the
// deploy changed can fail it, so an outage it did not touch never rolls it
// back, and a rollback is judged only on the services it rolled back.

export type Health = 'healthy' | 'degraded' | 'down' | 'unknown'

/** Health by service name. A service missing from a map is `unknown`. */
export type HealthMap = Readonly<Record<string, Health>>

export interface BlameInput {
  /** Each service's confirmed health just before the deploy. */
  before: HealthMap
  /** Each service's health as the deploy's verification saw it. */
  after: HealthMap
  /** The services whose deploy commands ran. */
  deployed: readonly string[]
}

export interface Blame {
  /**
   * `broken`: the deploy broke at least one service it deployed (an
   * automatic rollback rolls back exactly `broken`); `verified`: every
   * deployed service answers; `unverified`: none broke, but at least one
   * deployed service was not checked or is still down as it was before.
   */
  verdict: 'verified' | 'broken' | 'unverified'
  /** Deployed services that are down now and were not down before. */
  broken: string[]
  /** Deployed services that answer, but slower or rate-limited, now and not before. */
  slowed: string[]
  /** Deployed services the verification did not check. */
  unchecked: string[]
  /** Deployed services down before and still down: not its fault, not fixed either. */
  stillDown: string[]
  /** Services down now that the deploy did not cause: not deployed, or already down. */
  notOurs: string[]
}

const health = (map: HealthMap, name: string): Health =>
  Object.hasOwn(map, name) ? (map[name] ?? 'unknown') : 'unknown'

/**
 * Judges a deploy. Down is the only failure: a degraded service answers, so
 * it is reported (`slowed`) but never rolled back, the same line the monitor
 * draws between `degraded` and `critical`. A service that was unknown before
 * counts as working then: nothing showed it was already broken.
 */
export function blame(input: BlameInput): Blame {
  const deployed = [...new Set(input.deployed)].sort()
  const broken: string[] = []
  const slowed: string[] = []
  const unchecked: string[] = []
  const stillDown: string[] = []
  for (const name of deployed) {
    const before = health(input.before, name)
    const after = health(input.after, name)
    if (after === 'unknown') unchecked.push(name)
    else if (after === 'down')
      (before === 'down' ? stillDown : broken).push(name)
    else if (
      after === 'degraded' &&
      (before === 'healthy' || before === 'unknown')
    )
      slowed.push(name)
  }
  const notOurs = Object.keys(input.after)
    .filter((name) => health(input.after, name) === 'down')
    .filter((name) => !broken.includes(name))
    .sort()
  return {
    verdict:
      broken.length > 0
        ? 'broken'
        : unchecked.length > 0 || stillDown.length > 0
          ? 'unverified'
          : 'verified',
    broken,
    slowed,
    unchecked,
    stillDown,
    notOurs
  }
}

export interface RollbackCheck {
  /** Every rolled-back service answers again. */
  ok: boolean
  /** Rolled-back services still down: the earlier version did not help them. */
  stillDown: string[]
  /** Rolled-back services the verification did not check. */
  unchecked: string[]
  /** Services down that were not rolled back: not this rollback's to fix. */
  notOurs: string[]
}

/**
 * Judges a rollback's verification on the services it rolled back only: the
 * earlier version was verified answering, so the rollback worked when each of
 * them answers again, whatever else is down for its own reasons.
 */
export function judgeRollback(
  after: HealthMap,
  rolledBack: readonly string[]
): RollbackCheck {
  const names = [...new Set(rolledBack)].sort()
  const stillDown = names.filter((n) => health(after, n) === 'down')
  const unchecked = names.filter((n) => health(after, n) === 'unknown')
  const notOurs = Object.keys(after)
    .filter((n) => health(after, n) === 'down' && !names.includes(n))
    .sort()
  return {
    ok: names.length > 0 && stillDown.length === 0 && unchecked.length === 0,
    stillDown,
    unchecked,
    notOurs
  }
}
