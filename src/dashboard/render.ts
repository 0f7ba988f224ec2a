// Renders the dashboard issue body: what people read at the top, the
// machine-readable state block at the bottom, always under GitHub's limit.
// Every string from the state passes markdownCell on its way to the page,
// and links are rebuilt from what they point at, never copied from the body.

import type { Service } from '../config.js'
import { DASHBOARD_MARKER, DEPLOYMENT_TAG } from '../contract.js'
import { markdownCell } from '../safe-text.js'
import { advise, recommend, agentTable, WORKFLOW } from './advice.js'
import {
  serializeState,
  type DashboardState,
  type DeploymentRecord,
  type ServiceHistory
} from './state.js'
import { coarsen, compact, DAY_S, uptime } from './uptime.js'
import { STATUS_ICON, statusIcon } from '../status.js'

export const BODY_LIMIT = 65_536
/** Room kept below GitHub's limit. */
export const BODY_TARGET = 60_000
const CHART_POINTS = 24
/** Characters of names listed per state in the summary. */
const SUMMARY_NAMES = 600

export interface RenderOptions {
  services: Service[]
  now: string
  runUrl: string
  repository: string
}

/** How much the page shows; each step down makes it shorter. */
interface Shape {
  events: number
  /** every service / only those not healthy / counts and names per state */
  table: 'full' | 'problems' | 'summary'
  chart: boolean
  shareDefaults: boolean
}

/** Keeps a number with its unit, and a date with its time, on one line in a cell. */
const NB = '\u00a0'

/** Rounded down, so that only a spotless record reads "100%". */
const pct = (value: number | null): string =>
  value === null
    ? '—'
    : value >= 1
      ? '100%'
      : `${(Math.floor(value * 10_000) / 100).toFixed(2)}%`

/** A time for people; times come from an editable body, so they are escaped too. */
const when = (iso: string | null | undefined): string =>
  iso
    ? markdownCell(iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'), 40)
    : '—'

const REPOSITORY = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/
const SERVER = /^https:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?(?=\/)/
const SAFE_URL =
  /^https:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?\/[A-Za-z0-9_.~/-]*$/

/** A run's page, built from its id and the repository; null when either is not one. */
export function runLink(id: string, options: RenderOptions): string | null {
  if (!/^\d{1,20}$/.test(id) || !REPOSITORY.test(options.repository))
    return null
  const server = SERVER.exec(options.runUrl)?.[0] ?? 'https://github.com'
  return `${server}/${options.repository}/actions/runs/${id}`
}

function link(text: string, url: string | null): string {
  return url !== null && SAFE_URL.test(url) ? `[${text}](${url})` : text
}

function serviceRow(
  service: Service,
  h: ServiceHistory | undefined,
  nowS: number,
  stoppedAt: string | null | false,
  reasons: boolean
): string {
  const status = h?.status ?? 'unknown'
  const stopped = stoppedAt !== false
  // Since the stop, not since the state it was last seen in; to the minute,
  // in the same cell as the state, so that no column of dates squeezes the
  // others into a date broken at its hyphens.
  const since = when(stopped ? stoppedAt : h?.since).replace(/:\d\d UTC$/, '')
  const cells = [
    // Stopped on purpose: the last check before the stop is no longer news.
    stopped
      ? `${STATUS_ICON.stopped}${NB}stopped<br>${since}<br>(last seen ${status})`
      : `${statusIcon(status)}${NB}${status}<br>${since}`,
    `**${markdownCell(service.name, 60)}**<br>${markdownCell(service.title, 100)}`,
    // A stopped service answers nothing: its last answer time is history.
    stopped || h?.latency_ms === null || h?.latency_ms === undefined
      ? '—'
      : `${h.latency_ms}${NB}ms`,
    pct(h ? uptime(h, DAY_S, nowS) : null),
    pct(h ? uptime(h, 7 * DAY_S, nowS) : null),
    pct(h ? uptime(h, 30 * DAY_S, nowS) : null),
    // The whole reason is in the state block; a long one would squeeze the
    // other columns into a word a line.
    ...(reasons ? [h?.reason ? markdownCell(h.reason, 80) : ''] : [])
  ]
  return `| ${cells.join(' | ')} |`
}

/** "88 down: a, b, c, … and 70 more", the names cut to a few hundred characters. */
function namesOf(status: string, names: string[]): string {
  let listed = ''
  let shown = 0
  for (const name of names) {
    const next = `${listed}${shown ? ', ' : ''}${markdownCell(name, 60)}`
    if (next.length > SUMMARY_NAMES) break
    listed = next
    shown++
  }
  const more = names.length - shown
  return `- ${statusIcon(status)} **${names.length} ${status}:** ${listed}${more ? `, … and ${more} more (see the state block)` : ''}`
}

function servicesSection(
  state: DashboardState,
  options: RenderOptions,
  shape: Shape
): string {
  const nowS = Math.floor(Date.parse(options.now) / 1000)
  const statusOf = (s: Service): string =>
    state.services[s.name]?.status ?? 'unknown'
  const healthy = options.services.filter((s) => statusOf(s) === 'healthy')
  const counts = ['healthy', 'degraded', 'down', 'unknown']
    .map((status) => ({
      status,
      names: options.services
        .filter((s) => statusOf(s) === status)
        .map((s) => s.name)
    }))
    .filter((c) => c.names.length > 0)
  if (shape.table === 'summary')
    return [
      counts
        .map((c) => `${statusIcon(c.status)} ${c.names.length} ${c.status}`)
        .join(' · '),
      '',
      ...counts
        .filter((c) => c.status !== 'healthy')
        .map((c) => namesOf(c.status, c.names)),
      '',
      'Uptime per service is in the state block below.'
    ].join('\n')
  const shown =
    shape.table === 'problems'
      ? options.services.filter((s) => statusOf(s) !== 'healthy')
      : options.services
  if (shown.length === 0)
    return `🟢 All ${healthy.length} services are healthy. Uptime per service is in the state block below.`
  const hidden =
    healthy.length - shown.filter((s) => statusOf(s) === 'healthy').length
  // An empty column of reasons only squeezes the others.
  const reasons = shown.some((s) => state.services[s.name]?.reason)
  // When the services were stopped: the stop this state records, if any.
  const stoppedAt = state.stopped
    ? (state.events.find((e) => e.kind === 'emergency-stop')?.at ??
      state.halt?.at ??
      null)
    : false
  return [
    `| state | service | latency | uptime 24${NB}h | 7${NB}d | 30${NB}d |${reasons ? ' last reason |' : ''}`,
    `| --- | --- | ---: | ---: | ---: | ---: |${reasons ? ' --- |' : ''}`,
    ...shown.map((s) =>
      serviceRow(s, state.services[s.name], nowS, stoppedAt, reasons)
    ),
    '',
    `${hidden ? `…and ${hidden} more healthy services. ` : ''}Under each state, the time it began (UTC).`
  ].join('\n')
}

function deploymentsSection(state: DashboardState): string {
  const last = state.deployments[0]
  // The body is editable: a tag that is not a real deployment tag is not shown.
  const good = state.deployments.find(
    (d) => d.verified === true && DEPLOYMENT_TAG.test(d.tag)
  )
  const describe = (d: DeploymentRecord): string =>
    `${DEPLOYMENT_TAG.test(d.tag) ? `\`${d.tag}\`` : 'an unrecognised tag'} (${markdownCell(d.sha.slice(0, 7), 7) || 'unknown commit'}) — ${d.kind}` +
    ` of ${markdownCell(d.components.join(', ') || 'all', 200)} by ${markdownCell(d.actor || 'unknown', 60)}` +
    ` at ${when(d.time)}, ` +
    (d.verified === true
      ? '✅ verified healthy'
      : d.verified === false
        ? '❌ not healthy'
        : '⏳ not verified')
  // After a rollback the version it replaced is out of the two lines above,
  // yet it is main's head, and the first screen may be about it.
  const replaced =
    last?.kind === 'rollback'
      ? state.deployments.find((d) => d.kind !== 'rollback')
      : undefined
  return [
    `- **Last deployment:** ${last ? describe(last) : 'none yet'}`,
    ...(replaced && replaced !== good
      ? [`- **Rolled back from:** ${describe(replaced)}`]
      : []),
    `- **Last verified-good deployment:** ${good ? (good === last ? 'the same, verified healthy' : describe(good)) : 'none yet'}`
  ].join('\n')
}

/** Charts at most this many services, the ones most worth watching first. */
const CHARTED = 4
const BUCKETS = 12
/** Span lengths that step evenly on a clock, in seconds. */
const ROUND_SPANS = [
  60,
  120,
  300,
  600,
  900,
  1800,
  3600,
  7200,
  10_800,
  14_400,
  21_600,
  43_200,
  DAY_S
]
/**
 * Wide enough for twelve time labels and short, since the page holds
 * several; a failure is red and an answer time blue in either of GitHub's
 * colour modes. A directive rather than front matter, which older mermaid
 * versions would show as text.
 */
const chartInit = (palette: string): string =>
  `%%{init: {"xyChart": {"width": 900, "height": 300}, "themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`
const FAILED = '#d1242f'
const ANSWERED = '#0969da'

/** The usual time between checks: the median gap, which one outage does not move. */
function cadence(times: number[]): number {
  const sorted = [...new Set(times)].sort((a, b) => a - b)
  const gaps = sorted.slice(1).map((t, i) => t - (sorted[i] ?? t))
  gaps.sort((a, b) => a - b)
  return gaps[Math.floor(gaps.length / 2)] ?? 1
}

/**
 * The time axis: at most twelve equal spans, each at least as long as the
 * usual time between checks (so that an empty span is a missed check, not
 * the scale's doing) and, from a minute up, on the clock's round steps (so
 * that labels read 06:00, 12:00, …).
 */
function timeAxis(
  first: number,
  end: number,
  usual: number
): { start: number; width: number; count: number } {
  const raw = Math.max(1, Math.ceil((end - first + 1) / BUCKETS))
  const wanted = Math.max(raw, usual)
  if (wanted < 60)
    return {
      start: first,
      width: wanted,
      count: Math.ceil((end - first + 1) / wanted)
    }
  for (const width of ROUND_SPANS) {
    if (width < wanted) continue
    const start = Math.floor(first / width) * width
    const count = Math.ceil((end - start + 1) / width)
    if (count <= BUCKETS) return { start, width, count }
  }
  const width = Math.ceil(wanted / DAY_S) * DAY_S
  const start = Math.floor(first / DAY_S) * DAY_S
  return {
    start,
    width,
    count: Math.min(BUCKETS, Math.ceil((end - start + 1) / width))
  }
}

/** "4 h", "15 min", "20 s". */
function duration(seconds: number): string {
  if (seconds >= 3600) return `${Math.round(seconds / 360) / 10} h`
  if (seconds >= 60) return `${Math.round(seconds / 6) / 10} min`
  return `${seconds} s`
}

/**
 * The labels of the spans: the time of day, with the date where a day
 * begins and on the first, so that twelve of them fit side by side.
 */
function timeLabels(start: number, width: number, count: number): string[] {
  let day = ''
  return Array.from({ length: count }, (_, i) => {
    const at = new Date((start + i * width) * 1000).toISOString()
    const date = at.slice(5, 10)
    const time = at.slice(11, width < 60 ? 19 : 16)
    const label =
      width >= DAY_S ? date : date !== day ? `${date} ${time}` : time
    day = date
    return `"${label}"`
  })
}

/**
 * One small chart per service, so that each is named and none hides
 * another: the time axis is cut into equal spans (uneven checks are not
 * shown as even), a blue line for the mean answer time of each span, and a
 * red bar to the top for a span in which the service did not answer. The
 * mermaid block holds only names, numbers and times we format.
 */
function chart(state: DashboardState, options: RenderOptions): string {
  const rank = { down: 0, degraded: 1, unknown: 2, healthy: 3 } as const
  const series = options.services
    .map((s) => ({ name: s.name, history: state.services[s.name] }))
    .filter((s) => (s.history?.recent.length ?? 0) > 0)
    .sort(
      (a, b) =>
        rank[a.history?.status ?? 'unknown'] -
          rank[b.history?.status ?? 'unknown'] ||
        (b.history?.latency_ms ?? 0) - (a.history?.latency_ms ?? 0)
    )
  if (series.length === 0) return '_No checks yet._'
  const charted = series.slice(0, CHARTED)
  const all = charted.flatMap((s) => s.history?.recent.map((c) => c[0]) ?? [])
  const end = Math.max(...all)
  const shown = all.filter((t) => t >= end - 2 * DAY_S)
  // One point draws no line; the table already says how that check went.
  if (new Set(shown).size < 2)
    return '_One check so far: the charts start with the second._'
  const { start, width, count } = timeAxis(
    Math.min(...shown),
    end,
    cadence(shown)
  )
  const labels = timeLabels(start, width, count)
  const charts = charted.map(({ name, history }) => {
    const spans = Array.from({ length: count }, () => ({
      sum: 0,
      answered: 0,
      failed: false
    }))
    for (const [t, initial, latency] of history?.recent ?? []) {
      if (t < start) continue
      const span = spans[Math.min(count - 1, Math.floor((t - start) / width))]
      if (!span) continue
      if (initial === 'x' || latency === null) span.failed = true
      else {
        span.sum += latency
        span.answered += 1
      }
    }
    const means = spans.map((s) =>
      s.answered ? Math.round(s.sum / s.answered) : 0
    )
    const top = Math.ceil(Math.max(10, ...means) * 1.1)
    const failed = spans.some((s) => s.failed)
    return [
      '```mermaid',
      // The first plot takes the first colour: red only when there are bars.
      chartInit(failed ? `${FAILED}, ${ANSWERED}` : ANSWERED),
      'xychart-beta',
      `  title "${name}: answer time (ms); red bar: no answer"`,
      `  x-axis [${labels.join(', ')}]`,
      `  y-axis "ms" 0 --> ${top}`,
      // A bar of 0 still shows as a sliver above the axis, which reads as a
      // small failure; a span that answered gets a bar from below the axis
      // (a negative height), which is not drawn at all.
      ...(failed
        ? [`  bar [${spans.map((s) => (s.failed ? top : -top)).join(', ')}]`]
        : []),
      `  line [${means.join(', ')}]`,
      '```'
    ].join('\n')
  })
  const left = series.length - charts.length
  return [
    ...charts,
    `Each chart is one service (those not healthy first), in ${count} equal spans of ${duration(width)} (UTC); a span without a check shows 0 and no bar.` +
      (left > 0
        ? ` ${left} more service${left === 1 ? '' : 's'} not charted.`
        : '')
  ].join('\n\n')
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

/**
 * The first screen's step: why, then the command in a block of its own, which
 * GitHub gives a copy button and never wraps mid-flag. The command passed
 * the state's strict check, which allows no backtick: it cannot close the
 * block.
 */
function nextStep(state: DashboardState, options: RenderOptions): string {
  const step = advise(state, options.services)
  const head = `**Next step (${step.situation}):** ${step.command === null ? 'no command to run. ' : ''}${markdownCell(step.why, 500)}`
  if (step.command === null || /[`\n]/.test(step.command)) return head
  // One flag a line, so that none is cut off at the edge of the block; the
  // continuations keep it one command when pasted into a shell.
  const [program = '', ...flags] = step.command.split(' -f ')
  return [
    head,
    '',
    '```sh',
    [program, ...flags.map((f) => `  -f ${f}`)].join(' \\\n'),
    '```'
  ].join('\n')
}

function renderWith(
  state: DashboardState,
  options: RenderOptions,
  shape: Shape
): string {
  // Stopped by an emergency stop says more than the health of services
  // that were stopped on purpose.
  const overall = state.stopped ? 'stopped' : state.overall
  const parts = [
    DASHBOARD_MARKER,
    `# ${statusIcon(overall)} Runbook status: ${overall.toUpperCase()}`,
    ''
  ]
  // The lock is the first thing to know: it changes what may be run.
  if (state.halt)
    parts.push(
      `> [!CAUTION]`,
      `> **Emergency stop in effect** since ${when(state.halt.at)} by ${markdownCell(state.halt.by, 60)}: ${markdownCell(state.halt.reason || 'no reason given', 300)}.`,
      `> Deploys are refused until \`resume\`. Health checks, rollbacks and resume still run.`,
      ''
    )
  parts.push(nextStep(state, options), '')
  const run = state.last_run
  const runUrl = run ? runLink(run.id, options) : null
  parts.push(
    `Last updated ${when(state.updated_at)}` +
      (run ? ` by run ${link(markdownCell(run.id, 40), runUrl)}` : '') +
      (options.runUrl &&
      options.runUrl !== runUrl &&
      SAFE_URL.test(options.runUrl)
        ? ` · ${link('this run', options.runUrl)}`
        : '') +
      '.',
    '',
    '## Services',
    '',
    servicesSection(state, options, shape),
    '',
    '## Deployments',
    '',
    deploymentsSection(state),
    '',
    '## Response time',
    '',
    shape.chart
      ? chart(state, options)
      : "_Left out to keep the dashboard within GitHub's size limit._",
    '',
    '## Recent events',
    '',
    eventsSection(state, shape.events),
    '',
    '## For AI agents',
    '',
    recommend(state, options.services),
    '',
    agentTable(state),
    '',
    `Read the state: \`gh issue view <this issue> --json body --jq .body\` and parse the JSON block between \`<!-- runbook:state\` and \`-->\` at the end; or run \`npx runbook status --json\` locally. Workflow: \`${WORKFLOW}\`.`,
    '',
    serializeState(state, { shareDefaults: shape.shareDefaults })
  )
  return parts.join('\n')
}

/** Keeps the newest `count` deployments, and the newest verified one after them. */
function keepDeployments(state: DashboardState, count: number): void {
  const good = state.deployments.find(
    (d) => d.verified === true && DEPLOYMENT_TAG.test(d.tag)
  )
  const kept = state.deployments.slice(0, count)
  if (good && !kept.includes(good)) kept.push(good)
  state.deployments = kept
}

/**
 * Renders the body, shortening it step by step until it fits comfortably
 * under GitHub's 65,536 characters: raw checks are folded into daily totals,
 * then what many services share is written once, then the page summarises.
 * Every configured service keeps its state and its uptime history; nothing is
 * ever cut mid-JSON.
 */
export function renderDashboard(
  state: DashboardState,
  options: RenderOptions
): string {
  const nowS = Math.floor(Date.parse(options.now) / 1000)
  const histories = (): ServiceHistory[] => Object.values(state.services)
  const fold = (keepS: number, keepAtLeast: number) => (): void => {
    for (const h of histories()) compact(h, nowS, keepS, keepAtLeast)
  }
  const events = (shown: number, kept: number) => (): void => {
    shape.events = shown
    state.events.length = Math.min(state.events.length, kept)
  }
  const reasons = (max: number) => (): void => {
    for (const h of histories())
      if (h.reason !== null && h.reason.length > max)
        h.reason = `${h.reason.slice(0, max - 1)}…`
  }
  const all = new Set(options.services.map((s) => s.name))
  const shape: Shape = {
    events: 10,
    table: 'full',
    chart: true,
    shareDefaults: false
  }
  fold(DAY_S, 2)()
  const steps: (() => void)[] = [
    fold(6 * 3600, 2),
    fold(3600, 2),
    fold(0, CHART_POINTS),
    events(5, 15),
    // Lossless: what most services share is written once.
    () => (shape.shareDefaults = true),
    () => {
      shape.table = 'problems'
      shape.chart = false
      // The newest check stays, so that the next one knows the time between
      // them; its latency, with no chart to show it, is in latency_ms.
      fold(0, 1)()
      for (const h of histories()) for (const c of h.recent) c[2] = null
    },
    () => {
      events(3, 3)()
      // A deployment of every configured service lists none: "all".
      for (const d of state.deployments)
        if (
          d.components.length === all.size &&
          d.components.every((c) => all.has(c))
        )
          d.components = []
      keepDeployments(state, 5)
    },
    () => (shape.table = 'summary'),
    reasons(60),
    () => {
      for (const h of histories()) coarsen(h, nowS)
      keepDeployments(state, 1)
    },
    reasons(20)
  ]
  let body = renderWith(state, options, shape)
  for (const step of steps) {
    if (body.length <= BODY_TARGET) break
    step()
    body = renderWith(state, options, shape)
  }
  return body
}

/**
 * Whether `body` is exactly what Runbook renders for the state it holds: a
 * body that a person (or anything else) edited after Runbook wrote it is
 * not. The run that wrote it linked either itself or, beside the run that
 * last updated the state, itself as "this run"; both are tried.
 */
export function renderedByRunbook(
  body: string,
  state: DashboardState,
  options: Omit<RenderOptions, 'now'>
): boolean {
  const linked =
    /· \[this run\]\((https:\/\/[^\s()]+\/actions\/runs\/\d{1,20})\)/.exec(
      body
    )?.[1]
  const last = state.last_run
    ? runLink(state.last_run.id, { ...options, now: state.updated_at })
    : null
  const candidates = [linked, last, ''].filter(
    (url, i, all): url is string =>
      url !== undefined && url !== null && all.indexOf(url) === i
  )
  return candidates.some(
    (runUrl) =>
      renderDashboard(structuredClone(state), {
        ...options,
        runUrl,
        now: state.updated_at
      }) === body
  )
}
