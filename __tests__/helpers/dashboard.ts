// Builders for dashboard tests: configured services, monitoring reports, and
// earlier jobs' results in the shape the workflow passes them (toJSON(needs)).

import { resolveConfig, type Service } from '../../src/config.js'
import {
  DashboardStateSchema,
  emptyState,
  type Check,
  type DashboardState,
  type ServiceHistory
} from '../../src/dashboard/state.js'
import type { Report } from '../../src/health-report.js'
import { JOB_IDS, type Results } from '../../src/needs.js'

export type Health = 'healthy' | 'degraded' | 'down'

/** Services as the config resolves them, each on its own port. */
export function services(...names: string[]): Service[] {
  return resolveConfig(
    {},
    {
      source: 'test',
      baseUrl: 'http://localhost',
      servicesOverride: names.map((name, i) => ({ name, port: 8000 + i }))
    }
  ).services
}

/** A monitoring report taken at `at`, one entry per service. */
export function report(
  at: string,
  states: Record<string, Health>,
  options: { latencyMs?: number; error?: string; runId?: string } = {}
): Report {
  const entries = Object.entries(states)
  return {
    timestamp: at,
    run_id: options.runId ?? '1',
    overall_status: entries.some(([, s]) => s === 'down')
      ? 'critical'
      : entries.every(([, s]) => s === 'healthy')
        ? 'healthy'
        : 'degraded',
    services: Object.fromEntries(
      entries.map(([name, status], i) => [
        name,
        {
          status,
          port: 8000 + i,
          url: `http://localhost:${8000 + i}/health`,
          http_status: status === 'down' ? 503 : 200,
          latency_ms: status === 'down' ? null : (options.latencyMs ?? 42),
          attempts: 1,
          error:
            status === 'down'
              ? (options.error ?? 'HTTP 503')
              : status === 'degraded'
                ? 'slow'
                : null
        }
      ])
    )
  }
}

export interface NeedsSpec {
  gate?: {
    approved: boolean
    action: string
    reason?: string
    halted?: boolean
  }
  ci?: 'success' | 'failed' | 'skipped'
  deploy?: {
    status: 'success' | 'failed' | 'skipped'
    tag?: string
    time: string
    sha?: string
    components?: string[]
    halted?: boolean
  }
  monitor?: Report
  rollback?: {
    status: 'executed' | 'failed' | 'skipped'
    version?: string
    sha?: string
    report?: Report
  }
}

/** Earlier jobs' results exactly as `${{ toJSON(needs) }}` gives them: outputs are strings. */
export function needs(spec: NeedsSpec): Results {
  const results: Results = {}
  if (spec.gate)
    results[JOB_IDS.gate] = {
      result: 'success',
      outputs: {
        approved: String(spec.gate.approved),
        action: spec.gate.action,
        reason: spec.gate.reason ?? '',
        'target-component': 'all',
        'rollback-version': '',
        ...(spec.gate.halted === undefined
          ? {}
          : { halted: String(spec.gate.halted) })
      }
    }
  if (spec.ci)
    results[JOB_IDS.ci] = {
      result: spec.ci === 'failed' ? 'failure' : 'success',
      outputs: { 'build-status': spec.ci }
    }
  if (spec.deploy)
    results[JOB_IDS.deploy] = {
      result: spec.deploy.status === 'failed' ? 'failure' : 'success',
      outputs: {
        'deployment-status': spec.deploy.status,
        'deployment-tag': spec.deploy.tag ?? '',
        'deployment-time': spec.deploy.time,
        'deployment-sha': spec.deploy.sha ?? '',
        components: (spec.deploy.components ?? []).join(','),
        ...(spec.deploy.halted === undefined
          ? {}
          : { halted: String(spec.deploy.halted) })
      }
    }
  if (spec.monitor) {
    const health = Object.fromEntries(
      Object.entries(spec.monitor.services).map(([n, s]) => [n, s.status])
    )
    results[JOB_IDS.monitor] = {
      result:
        spec.monitor.overall_status === 'critical' ? 'failure' : 'success',
      outputs: {
        'monitoring-status': spec.monitor.overall_status,
        health: JSON.stringify(health),
        report: JSON.stringify(spec.monitor),
        'report-path': 'runbook-report.json'
      }
    }
  }
  if (spec.rollback)
    results[JOB_IDS.rollback] = {
      result: spec.rollback.status === 'failed' ? 'failure' : 'success',
      outputs: {
        'rollback-status': spec.rollback.status,
        'rollback-version': spec.rollback.version ?? '',
        'rollback-sha': spec.rollback.sha ?? '',
        ...(spec.rollback.report
          ? { report: JSON.stringify(spec.rollback.report) }
          : {})
      }
    }
  return results
}

/** ISO time `minutes` after `base`. */
export function plusMinutes(base: string, minutes: number): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString()
}

export const toSeconds = (iso: string): number =>
  Math.floor(Date.parse(iso) / 1000)

/** A service's history with the given raw checks and nothing else. */
export function history(
  recent: Check[],
  overrides: Partial<ServiceHistory> = {}
): ServiceHistory {
  const last = recent[recent.length - 1]
  return {
    status: 'healthy',
    since: '2025-01-01T00:00:00.000Z',
    observed: 'healthy',
    streak: 1,
    latency_ms: last?.[2] ?? null,
    reason: null,
    last_check: last ? new Date(last[0] * 1000).toISOString() : null,
    last_source: '',
    recent,
    daily: [],
    ...overrides
  }
}

/** Checks every `stepS` seconds from `fromS` (inclusive) to `toS` (exclusive). */
export function checks(
  fromS: number,
  toS: number,
  stepS: number,
  state: (t: number, i: number) => Check[1] = () => 'h',
  latency: (t: number, i: number) => number | null = (_t, i) => 20 + (i % 80)
): Check[] {
  const out: Check[] = []
  for (let t = fromS, i = 0; t < toS; t += stepS, i++)
    out.push([t, state(t, i), latency(t, i)])
  return out
}

/** A valid, complete state from a partial one. */
export function stateOf(
  now: string,
  partial: Partial<DashboardState> = {}
): DashboardState {
  return DashboardStateSchema.parse({ ...emptyState(now), ...partial })
}
