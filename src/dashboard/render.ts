// Renders the dashboard issue body: what people read at the top, the
// machine-readable state block at the bottom, always under GitHub's limit.

import type { Service } from '../config.js'
import { DEPLOYMENT_TAG } from '../inputs.js'
import { DASHBOARD_MARKER } from '../platform/platform.js'
import { markdownCell } from '../text.js'
import { recommend, agentTable, WORKFLOW } from './advice.js'
import {
  serializeState,
  type DashboardState,
  type ServiceHistory
} from './state.js'
import { compact, DAY_S, uptime } from './uptime.js'

export const BODY_LIMIT = 65_536
/** Room kept below GitHub's limit. */
const BODY_TARGET = 60_000
const CHART_POINTS = 24

const ICON: Record<string, string> = {
  healthy: '🟢',
  degraded: '🟡',
  down: '🔴',
  critical: '🔴',
  unknown: '⚪'
}

export interface RenderOptions {
  services: Service[]
  now: string
  runUrl: string
  repository: string
}

const pct = (value: number | null): string =>
  value === null ? '—' : `${(Math.floor(value * 10_000) / 100).toFixed(2)} %`

/** A time for people; times come from an editable body, so they are escaped too. */
const when = (iso: string | null | undefined): string =>
  iso
    ? markdownCell(iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'), 40)
    : '—'

function link(text: string, url: string): string {
  return url.startsWith('https://') ? `[${text}](${url})` : text
}

function servicesTable(
  state: DashboardState,
  options: RenderOptions,
  brief: boolean
): string {
  const nowS = Math.floor(Date.parse(options.now) / 1000)
  // Brief, for very many services: the healthy ones are only counted.
  const shown = brief
    ? options.services.filter(
        (s) => state.services[s.name]?.status !== 'healthy'
      )
    : options.services
  const hidden = options.services.length - shown.length
  const rows = shown.map((service) => {
    const h: ServiceHistory | undefined = state.services[service.name]
    const status = h?.status ?? 'unknown'
    return [
      `${ICON[status] ?? '⚪'} ${status}`,
      `**${markdownCell(service.name, 60)}**<br>${markdownCell(service.title, 100)}`,
      h?.latency_ms === null || h?.latency_ms === undefined
        ? '—'
        : `${h.latency_ms} ms`,
      pct(h ? uptime(h, DAY_S, nowS) : null),
      pct(h ? uptime(h, 7 * DAY_S, nowS) : null),
      pct(h ? uptime(h, 30 * DAY_S, nowS) : null),
      when(h?.since),
      h?.reason ? markdownCell(h.reason, 120) : ''
    ]
  })
  return [
    '| state | service | latency | uptime 24 h | 7 d | 30 d | since | last reason |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    ...(hidden ? ['', `…and ${hidden} more healthy services.`] : [])
  ].join('\n')
}

function deploymentsSection(state: DashboardState): string {
  const last = state.deployments[0]
  // The body is editable: a tag that is not a real deployment tag is not shown.
  const good = state.deployments.find(
    (d) => d.verified === true && DEPLOYMENT_TAG.test(d.tag)
  )
  const describe = (d: DashboardState['deployments'][number]): string =>
    `${DEPLOYMENT_TAG.test(d.tag) ? `\`${d.tag}\`` : 'an unrecognised tag'} (${markdownCell(d.sha.slice(0, 7), 7) || 'unknown commit'}) — ${d.kind}` +
    ` of ${markdownCell(d.components.join(', ') || 'all', 200)} by ${markdownCell(d.actor || 'unknown', 60)}` +
    ` at ${when(d.time)}, ` +
    (d.verified === true
      ? '✅ verified healthy'
      : d.verified === false
        ? '❌ not healthy'
        : '⏳ not verified')
  return [
    `- **Last deployment:** ${last ? describe(last) : 'none yet'}`,
    `- **Last verified-good deployment:** ${good ? (good === last ? 'the same, verified healthy' : describe(good)) : 'none yet'}`
  ].join('\n')
}

function chart(state: DashboardState, options: RenderOptions): string {
  const series = options.services
    .map((s) => ({
      name: s.name,
      recent: state.services[s.name]?.recent ?? []
    }))
    .filter((s) => s.recent.length > 0)
  if (series.length === 0) return '_No checks yet._'
  const times = [...new Set(series.flatMap((s) => s.recent.map((c) => c[0])))]
    .sort((a, b) => a - b)
    .slice(-CHART_POINTS)
  // Minutes are enough for checks hours apart; close ones get seconds.
  const label = (t: number, end: number): string =>
    new Date(t * 1000).toISOString().slice(5, end).replace('T', ' ')
  const minutes = times.map((t) => label(t, 16))
  const labels = (
    new Set(minutes).size === minutes.length
      ? minutes
      : times.map((t) => label(t, 19))
  ).map((text) => `"${text}"`)
  let max = 10
  const lines = series.map((s) => {
    const byTime = new Map(s.recent.map((c) => [c[0], c[2]]))
    const values = times.map((t) => byTime.get(t) ?? 0)
    max = Math.max(max, ...values)
    return `  line [${values.join(', ')}]`
  })
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Response time (ms), UTC"',
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis "ms" 0 --> ${Math.ceil(max * 1.1)}`,
    ...lines,
    '```',
    `Lines, in order: ${series.map((s) => markdownCell(s.name, 40)).join(', ')}. A 0 is a check without an answer.`
  ].join('\n')
}

function eventsSection(state: DashboardState, count: number): string {
  const events = state.events.slice(0, count)
  if (events.length === 0) return '_No events yet._'
  return [
    '| time (UTC) | event |',
    '| --- | --- |',
    ...events.map(
      (e) =>
        `| ${when(e.at).replace(' UTC', '')} | ${markdownCell(e.text, 300)} |`
    )
  ].join('\n')
}

function renderWith(
  state: DashboardState,
  options: RenderOptions,
  eventCount: number,
  brief = false
): string {
  const overall = state.overall
  const parts = [
    DASHBOARD_MARKER,
    `# ${ICON[overall] ?? '⚪'} Runbook status: ${overall.toUpperCase()}`,
    ''
  ]
  if (state.halt)
    parts.push(
      `> [!CAUTION]`,
      `> **Emergency stop in effect** since ${when(state.halt.at)} by ${markdownCell(state.halt.by, 60)}: ${markdownCell(state.halt.reason || 'no reason given', 300)}.`,
      `> Deploys are refused until \`resume\`. Health checks, rollbacks and resume still run.`,
      ''
    )
  const run = state.last_run
  parts.push(
    `Last updated ${when(state.updated_at)}` +
      (run ? ` by run ${link(markdownCell(run.id, 40), run.url)}` : '') +
      (options.runUrl && (!run || run.url !== options.runUrl)
        ? ` · ${link('this run', options.runUrl)}`
        : '') +
      '.',
    '',
    '## Services',
    '',
    servicesTable(state, options, brief),
    '',
    '## Deployments',
    '',
    deploymentsSection(state),
    '',
    '## Response time',
    '',
    brief
      ? "_Left out to keep the dashboard within GitHub's size limit._"
      : chart(state, options),
    '',
    '## Recent events',
    '',
    eventsSection(state, eventCount),
    '',
    '## For AI agents',
    '',
    recommend(state, options.services),
    '',
    agentTable(state),
    '',
    `Read the state: \`gh issue view <this issue> --json body --jq .body\` and parse the JSON block between \`<!-- runbook:state\` and \`-->\` at the end; or run \`npx runbook status --json\` locally. Workflow: \`${WORKFLOW}\`.`,
    '',
    serializeState(state)
  )
  return parts.join('\n')
}

/**
 * Renders the body, compacting old detail into daily totals (never cutting
 * JSON) until it fits comfortably under GitHub's 65,536 characters.
 */
export function renderDashboard(
  state: DashboardState,
  options: RenderOptions
): string {
  const nowS = Math.floor(Date.parse(options.now) / 1000)
  for (const history of Object.values(state.services))
    compact(history, nowS, DAY_S)
  // Ever shorter raw history, then fewer events, until it fits.
  const steps: [number, number, number][] = [
    [DAY_S, 10, 2],
    [6 * 3600, 10, 2],
    [3600, 10, 2],
    [0, 10, CHART_POINTS],
    [0, 5, 8],
    [0, 3, 2]
  ]
  let body = renderWith(state, options, 10)
  for (const [keepS, events, keepAtLeast] of steps) {
    if (body.length <= BODY_TARGET) break
    for (const history of Object.values(state.services))
      compact(history, nowS, keepS, keepAtLeast)
    state.events.length = Math.min(state.events.length, events * 3)
    body = renderWith(state, options, events)
  }
  // Last resorts, for very many services: less history per service, a
  // brief table, and in the end only as many healthy services as fit.
  const services = Object.values(state.services)
  const lastResorts: (() => void)[] = [
    () => {
      for (const h of services) {
        h.daily = h.daily.slice(-8)
        h.recent = h.recent.slice(-1)
      }
      state.events.length = Math.min(state.events.length, 3)
      state.deployments.length = Math.min(state.deployments.length, 5)
    },
    () => {
      for (const h of services) {
        h.daily = []
        h.reason = h.reason === null ? null : h.reason.slice(0, 80)
      }
    },
    () => {
      for (const h of services) {
        h.recent = []
        h.title = ''
      }
      state.deployments.length = Math.min(state.deployments.length, 2)
    }
  ]
  for (const resort of lastResorts) {
    if (body.length <= BODY_TARGET) break
    resort()
    body = renderWith(state, options, 3, true)
  }
  while (body.length > BODY_TARGET) {
    const healthy = Object.keys(state.services).filter(
      (name) => state.services[name]?.status === 'healthy'
    )
    if (healthy.length === 0) break
    for (const name of healthy.slice(
      -Math.max(1, Math.ceil(healthy.length / 10))
    ))
      delete state.services[name]
    body = renderWith(state, options, 3, true)
  }
  return body
}
