// The monitor stage: probes every service in parallel under one deadline,
// classifies the system, and writes the monitoring report.

import { setMaxListeners } from 'node:events'
import type { Service } from '../config.js'
import type { StageContext } from '../context.js'
import { probeBudgetMs, probeService, type ProbeResult } from '../probe.js'
import {
  overallStatus,
  reportMarkdown,
  writeReport,
  type OverallStatus,
  type Report
} from '../report.js'

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
}

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

/** Probes one service; within a grace period, a down service is probed again until it answers. */
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
  const until = Date.now() + graceMs
  let attempts = 0
  for (;;) {
    const result = await probeService(service, {
      version,
      signal,
      onAttempt: (n, r) =>
        ctx.reporter.info(
          `${service.name}: attempt ${attempts + n} ${r.status}` +
            (r.http_status === null ? '' : `, HTTP ${r.http_status}`) +
            (r.latency_ms === null ? '' : `, ${r.latency_ms} ms`) +
            (r.error ? ` (${r.error})` : '')
        )
    })
    attempts += result.attempts
    const waitMs = Math.min(2000, until - Date.now())
    if (result.status !== 'down' || signal.aborted || waitMs <= 0)
      return { ...result, attempts }
    await new Promise((resolve) => setTimeout(resolve, waitMs))
  }
}

/** Outputs of the monitor stage, as action.yml names them. */
export function monitorOutputs(result: MonitorResult): Record<string, string> {
  const health: Record<string, string> = {}
  for (const [name, s] of Object.entries(result.report.services))
    health[name] = s.status
  const outputs: Record<string, string> = {
    'monitoring-status': result.status,
    health: JSON.stringify(health),
    report: JSON.stringify(result.report),
    'report-path': result.reportPath
  }
  for (const [name, state] of Object.entries(health))
    outputs[`${name}-health`] = state
  return outputs
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
