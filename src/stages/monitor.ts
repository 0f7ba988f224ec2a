// The monitor stage: probes every service in parallel under one deadline,
// classifies the system, and writes the monitoring report.

import { setMaxListeners } from 'node:events'
import type { Service } from '../config.js'
import type { StageContext } from '../context.js'
import { encode, type MonitorOutputs } from '../contract.js'
import { probeBudgetMs, probeService, type ProbeResult } from '../probe.js'
import {
  overallStatus,
  reportMarkdown,
  writeReport,
  type OverallStatus,
  type Report
} from '../health-report.js'

export interface MonitorResult {
  status: OverallStatus
  report: Report
  reportPath: string
}

export interface MonitorOptions {
  /** After a deploy: the commit every `expect.version` service must report. */
  version?: string
  /** Which services were deployed (default: all): only they must report it. */
  versionServices?: string[]
  /** After a deploy: keep probing down services until this many ms have passed. */
  gracePeriodMs?: number
  /** During that wait, how often a service still down is reported. */
  progressEveryMs?: number
}

/**
 * During a wait, at most one "still down" line per service this often: a
 * minute's grace is six lines, not sixty; every attempt is in the debug log.
 */
export const PROGRESS_EVERY_MS = 10_000

/** Slack above the longest probe budget before the stage deadline fires. */
const DEADLINE_SLACK_MS = 1000

export async function monitor(
  ctx: StageContext,
  options: MonitorOptions = {}
): Promise<MonitorResult> {
  const { config, inputs, run } = ctx.settings
  const services = config.services
  const grace = options.gracePeriodMs ?? 0
  const deadlineMs =
    Math.max(...services.map(probeBudgetMs)) + grace + DEADLINE_SLACK_MS
  const deadline = new AbortController()
  // Every probe listens for the deadline: hundreds of listeners are expected.
  setMaxListeners(services.length * 2 + 10, deadline.signal)
  const timer = setTimeout(() => deadline.abort(), deadlineMs)
  const started = ctx.now()

  const results = await ctx.reporter.group(
    `Health checks (${services.length} service${services.length === 1 ? '' : 's'})`,
    async () => {
      try {
        return await Promise.all(
          services.map((service) =>
            checkService(ctx, service, options, grace, deadline.signal)
          )
        )
      } finally {
        clearTimeout(timer)
      }
    }
  )

  const report: Report = {
    timestamp: started.toISOString(),
    run_id: run.id,
    overall_status: overallStatus(results.map((r) => r.status)),
    services: {}
  }
  services.forEach((service, i) => {
    const result = results[i] as ProbeResult
    report.services[service.name] = {
      status: result.status,
      port: service.port,
      url: service.url,
      http_status: result.http_status,
      latency_ms: result.latency_ms,
      attempts: result.attempts,
      error: result.error
    }
    if (result.status === 'down')
      ctx.reporter.error(
        `${service.name} is down: ${result.error}`,
        `${service.name} down`
      )
    else if (result.status === 'degraded')
      ctx.reporter.warning(
        `${service.name} is degraded: ${result.error}`,
        `${service.name} degraded`
      )
  })

  // Probes only read; a dry run still makes them but writes no file.
  if (inputs.dryRun)
    ctx.reporter.info(
      `Overall: ${report.overall_status}; dry run: the report was not written to ${inputs.reportPath}`
    )
  else {
    await writeReport(inputs.reportPath, report)
    ctx.reporter.info(
      `Overall: ${report.overall_status}; report written to ${inputs.reportPath}`
    )
  }
  ctx.reporter.summary(
    `### Health: ${report.overall_status}\n\n${reportMarkdown(report)}`
  )
  return {
    status: report.overall_status,
    report,
    reportPath: inputs.dryRun ? '' : inputs.reportPath
  }
}

/**
 * Probes one service; within a grace period, a down service is probed again
 * until it answers. The log shows its first failure, a progress line now and
 * then, and the outcome; each attempt goes to the debug log.
 */
async function checkService(
  ctx: StageContext,
  service: Service,
  options: MonitorOptions,
  graceMs: number,
  signal: AbortSignal
): Promise<ProbeResult> {
  const deployed =
    options.versionServices === undefined ||
    options.versionServices.includes(service.name)
  const version =
    service.expect.version && deployed ? options.version : undefined
  const started = Date.now()
  const until = started + graceMs
  const every = options.progressEveryMs ?? PROGRESS_EVERY_MS
  // The longest this service can keep the person watching waiting.
  const waitMs = graceMs > 0 ? graceMs : probeBudgetMs(service)
  let attempts = 0
  let shownAt: number | undefined
  const onAttempt = (n: number, r: ProbeResult): void => {
    ctx.reporter.debug(
      `${service.name}: attempt ${attempts + n} ${attemptDetail(r)}`
    )
    if (r.status !== 'down') return
    const now = Date.now()
    if (shownAt === undefined) {
      // The last attempt's failure is the outcome line's to tell.
      if (n > service.retries && now >= until) return
      shownAt = now
      const left = service.retries + 1 - n
      ctx.reporter.info(
        `${service.name}: attempt ${attempts + n} ${attemptDetail(r)}; ` +
          (graceMs > 0
            ? `trying again for up to ${seconds(waitMs)} s`
            : `${left} more attempt${left === 1 ? '' : 's'}`)
      )
    } else if (now - shownAt >= every) {
      shownAt = now
      ctx.reporter.info(
        `${service.name}: still down (${r.error ?? 'no answer'}) after ` +
          `${seconds(now - started)} s; waiting up to ${seconds(waitMs)} s`
      )
    }
  }
  for (;;) {
    const result = await probeService(service, { version, signal, onAttempt })
    attempts += result.attempts
    const pauseMs = Math.min(2000, until - Date.now())
    if (result.status !== 'down' || signal.aborted || pauseMs <= 0) {
      ctx.reporter.info(
        `${service.name}: ${attemptDetail(result)}` +
          (attempts > 1
            ? `, after ${attempts} attempts in ${seconds(Date.now() - started)} s`
            : '')
      )
      return { ...result, attempts }
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs))
  }
}

/** "down, HTTP 503, 3 ms (HTTP 503)": the state and what the answer was. */
function attemptDetail(r: ProbeResult): string {
  return (
    r.status +
    (r.http_status === null ? '' : `, HTTP ${r.http_status}`) +
    (r.latency_ms === null ? '' : `, ${r.latency_ms} ms`) +
    (r.error ? ` (${r.error})` : '')
  )
}

/** Seconds as people read them: 0.3, 2, 47. */
function seconds(ms: number): number {
  return ms < 10_000 ? Number((ms / 1000).toFixed(1)) : Math.round(ms / 1000)
}

/** Outputs of the monitor stage, as action.yml names them. */
export function monitorOutputs(
  result: MonitorResult,
  verdict: Pick<MonitorOutputs, 'deploy-verdict' | 'broken'> = {}
): Record<string, string> {
  const health: Record<string, ProbeResult['status']> = {}
  for (const [name, s] of Object.entries(result.report.services))
    health[name] = s.status
  return encode('monitor', {
    'monitoring-status': result.status,
    health,
    report: result.report,
    'report-path': result.reportPath,
    ...verdict
  })
}

/**
 * Each service's health in one quick attempt, side by side: what a deploy
 * compares its verification with, so that it is blamed only for what it
 * changed. Nothing is logged per attempt and no report is written.
 */
export async function healthNow(
  services: Service[]
): Promise<Record<string, ProbeResult['status']>> {
  const results = await Promise.all(
    services.map((service) => probeService({ ...service, retries: 0 }))
  )
  return Object.fromEntries(
    services.map((service, i) => [service.name, results[i]?.status ?? 'down'])
  )
}
