export const id = 277;
export const ids = [277,152];
export const modules = {

/***/ 1338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ep: () => (/* reexport safe */ _situation_js__WEBPACK_IMPORTED_MODULE_1__.Ep),
/* harmony export */   TH: () => (/* binding */ advise),
/* harmony export */   n5: () => (/* binding */ factsFromState),
/* harmony export */   qf: () => (/* binding */ agentTable),
/* harmony export */   vh: () => (/* binding */ recommend)
/* harmony export */ });
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8992);
/* harmony import */ var _situation_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8352);
// The "For AI agents" section: the one next step from the situation model,
// and the table of situation → command. Until the engine hands the renderer
// facts read from the tags, the Deployments and the halt tag,
// `factsFromState` reads them back from the dashboard's own state.



const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const SERVICE = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
const EPOCH = '1970-01-01T00:00:00.000Z';
const isSituation = (source) => 'components' in source && 'target' in source;
function situationOf(source, services) {
    if (isSituation(source))
        return source;
    // The status stage keeps the model's answer, from the recorded facts, in
    // the state; read back, it was checked against the safe commands.
    if (source.next)
        return {
            overall: source.stopped
                ? 'stopped'
                : source.overall === 'unknown'
                    ? 'unknown'
                    : source.overall,
            components: Object.fromEntries(Object.entries(source.live).map(([name, live]) => [
                name,
                live ? { ...live, note: null } : null
            ])),
            target: source.next.target,
            next: {
                situation: source.next.situation,
                command: source.next.command,
                why: source.next.why
            }
        };
    // Without the configuration, the services the state knows are the ones.
    const names = services.length > 0
        ? services.map((s) => s.name)
        : Object.keys(source.services);
    return (0,_situation_js__WEBPACK_IMPORTED_MODULE_1__/* .situate */ .wm)(factsFromState(source, names));
}
/** What an operator should do now. */
function advise(source, services = []) {
    return situationOf(source, services).next;
}
/** The "Now" line: the situation id, the command (or "none") and why. */
function recommend(source, services = []) {
    const { situation, command, why } = advise(source, services);
    return [
        // "none" in code too, so that one pattern reads every Now line.
        `**Now (${situation}):** \`${command ?? 'none'}\``,
        '',
        (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownCell */ .UZ)(why, 500)
    ].join('\n');
}
/** The table of situation → command, with the rollback target filled in when one exists. */
function agentTable(source, services = []) {
    const situation = situationOf(source, services);
    const target = situation.target ?? '<deployment-YYYYMMDD-HHMMSS>';
    const rows = [
        ['healthy', null],
        [
            'one service to update',
            _situation_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMANDS */ .Lo.deploy.replace('-f action=deploy', '-f action=update-component -f target_component=<service>')
        ],
        ['critical after a deployment', _situation_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMANDS */ .Lo.rollback(target, null)],
        [
            'critical, not caused by a deployment (after fixing it)',
            _situation_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMANDS */ .Lo.healthcheck
        ],
        ['critical, rollback failed, or doing harm', _situation_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMANDS */ .Lo.stop],
        ['stopped or halted, cause fixed', _situation_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMANDS */ .Lo.resume],
        ['resumed, services still stopped', _situation_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMANDS */ .Lo.deploy],
        ['to re-check at any time', _situation_js__WEBPACK_IMPORTED_MODULE_1__/* .COMMANDS */ .Lo.healthcheck]
    ];
    return [
        '| situation | command |',
        '| --- | --- |',
        ...rows.map(([name, command]) => `| ${name} | ${command === null ? 'none' : `\`${command}\``} |`),
        '',
        "Emergency: `emergency-stop` never waits for approval; it takes the `runbook-halt` lock, runs every service's stop command and cancels other runs. Deploys are refused until `resume`, which restarts nothing: deploy or roll back then to start the services. Add `-f dry_run=true` to see the plan without acting."
    ].join('\n');
}
// ---------------------------------------------------------------------------
// Facts read back from the dashboard state. The body is editable, so each
// value is checked again here and what does not fit is left out.
const isoOr = (value, fallback) => value && ISO.test(value) ? value : fallback;
function deploymentFacts(state, names) {
    // A rollback's verification leaves its checks marked "<run>:rollback"; one
    // whose commands failed leaves none. The state keeps that for the last run
    // only, so an older failed rollback is read as failing in its commands,
    // which keeps the advice on the careful side (stop, hand over).
    const verifiedBy = `${state.last_run?.id ?? ''}:rollback`;
    const lastRollbackChecked = state.last_run !== null &&
        Object.values(state.services).some((h) => h.last_source === verifiedBy);
    const newestRollback = state.deployments.find((d) => d.kind === 'rollback');
    return state.deployments.flatMap((d) => {
        if (!ISO.test(d.time))
            return [];
        const sha = /^[0-9a-f]{0,64}$/.test(d.sha) ? d.sha : '';
        const failure = d.verified !== false
            ? null
            : d.kind !== 'rollback' || (d === newestRollback && lastRollbackChecked)
                ? 'verification'
                : 'commands';
        const components = d.components.filter((c) => SERVICE.test(c));
        return [
            {
                tag: d.tag,
                sha,
                time: d.time,
                kind: d.kind,
                components,
                verified: d.verified,
                failure,
                // The state does not keep what a deploy broke: all it deployed.
                blamed: d.kind === 'rollback' || d.verified === true
                    ? []
                    : components.length > 0
                        ? components
                        : names
            }
        ];
    });
}
/**
 * Stopped: the newest of stop, deploy and rollback events is a stop that ran
 * the stop commands. A lock found without its run ("halt@…": another run's
 * or a tag made by hand) says nothing about the services.
 */
function stoppedFrom(events) {
    const newest = events.find((e) => ['emergency-stop', 'deploy', 'rollback', 'rollback-failed'].includes(e.kind));
    return newest?.kind === 'emergency-stop' && !newest.run.startsWith('halt@');
}
const ACTION_WORDS = [
    'update-component',
    'deploy',
    'rollback',
    'emergency-stop',
    'resume',
    'healthcheck'
];
function lastRunFrom(state) {
    const run = state.last_run;
    if (!run || !ISO.test(run.at))
        return null;
    const events = state.events.filter((e) => e.run === run.id);
    const has = (kind) => events.find((e) => e.kind === kind);
    const refused = has('refused');
    const deploy = has('deploy') ?? has('deploy-failed');
    const rolledBack = has('rollback') ?? has('rollback-failed');
    const named = (text) => ACTION_WORDS.find((a) => text.startsWith(`${a} `));
    const action = (refused && named(refused.text)) ||
        (deploy && (named(deploy.text) ?? 'deploy')) ||
        (rolledBack && 'rollback') ||
        (has('emergency-stop') && 'emergency-stop') ||
        (has('resume') && 'resume') ||
        'healthcheck';
    const ciFailed = has('ci-failed') !== undefined;
    return {
        action,
        at: run.at,
        outcome: refused
            ? {
                kind: 'refused',
                reason: refused.text.replace(/^.*? was refused: /, '').slice(0, 500)
            }
            : ciFailed
                ? { kind: 'failed', stage: 'ci' }
                : deploy?.kind === 'deploy-failed'
                    ? { kind: 'failed', stage: 'deploy' }
                    : { kind: 'succeeded' },
        ciFailed,
        rollback: rolledBack
            ? {
                automatic: deploy !== undefined,
                result: rolledBack.kind === 'rollback'
                    ? 'executed'
                    : Object.values(state.services).some((h) => h.last_source === `${run.id}:rollback`)
                        ? 'failed-verification'
                        : 'failed-commands'
            }
            : null,
        blame: null
    };
}
/** The model's facts as far as the dashboard state records them. */
function factsFromState(state, services) {
    const now = isoOr(state.updated_at, EPOCH);
    const facts = {
        now,
        halt: state.halt
            ? {
                by: state.halt.by,
                at: isoOr(state.halt.at, now),
                reason: state.halt.reason
            }
            : null,
        deployments: deploymentFacts(state, services.filter((n) => SERVICE.test(n))).slice(0, 100),
        services: Object.fromEntries(services
            .filter((name) => SERVICE.test(name))
            .map((name) => {
            const h = state.services[name];
            return [
                name,
                {
                    status: h?.status ?? 'unknown',
                    since: h && ISO.test(h.since) ? h.since : null,
                    reason: h?.reason ?? null
                }
            ];
        })),
        stopped: stoppedFrom(state.events),
        lastRun: lastRunFrom(state)
    };
    return _situation_js__WEBPACK_IMPORTED_MODULE_1__/* .SituationFactsSchema */ .$z.parse(facts);
}


/***/ }),

/***/ 7526:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  pF: () => (/* binding */ renderDashboard),
  tb: () => (/* binding */ renderedByRunbook)
});

// UNUSED EXPORTS: BODY_LIMIT, BODY_TARGET, runLink

// EXTERNAL MODULE: ./src/contract.ts
var contract = __webpack_require__(3665);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/dashboard/advice.ts
var advice = __webpack_require__(1338);
// EXTERNAL MODULE: ./src/dashboard/state.ts
var dashboard_state = __webpack_require__(185);
;// CONCATENATED MODULE: ./src/dashboard/uptime.ts
// Uptime computed from time, not from counts of checks: each check stands for
// the time around it, half-way to its neighbours (at most MAX_GAP / 2 on each
// side, so a longer gap is unknown time), and old checks are folded into
// daily totals so a year of history stays small.
/** A gap longer than this between two checks is partly unknown time. */
const MAX_GAP_S = 7 * 3600;
const DAY_S = 86_400;
const KEEP_DAYS = 31;
const toSeconds = (iso) => Math.floor(Date.parse(iso) / 1000);
const dayOf = (s) => new Date(s * 1000).toISOString().slice(0, 10);
const dayStart = (day) => toSeconds(`${day}T00:00:00Z`);
/**
 * The time each raw check stands for, oldest first: half-way back to the
 * previous check and half-way on to the next (the newest: on to now), each
 * half at most MAX_GAP / 2. A service found down now has been down for half
 * the time since it was last seen up, as far as anyone can tell.
 */
function spans(recent, nowS) {
    const sorted = [...recent].sort((a, b) => a[0] - b[0]);
    const half = (gap) => Math.max(0, Math.min(gap / 2, MAX_GAP_S / 2));
    return sorted.map((check, i) => {
        const t = check[0];
        const previous = sorted[i - 1]?.[0];
        const next = sorted[i + 1]?.[0];
        return {
            from: previous === undefined ? t : t - half(t - previous),
            to: next === undefined ? t + half(2 * (nowS - t)) : t + half(next - t),
            state: check[1]
        };
    });
}
/** Share of known time up (healthy or degraded) in the last `windowS`; null when nothing is known. */
function uptime(history, windowS, nowS) {
    const from = nowS - windowS;
    let up = 0;
    let known = 0;
    for (const span of spans(history.recent, nowS)) {
        const length = Math.min(span.to, nowS) - Math.max(span.from, from);
        if (length <= 0)
            continue;
        known += length;
        if (span.state !== 'x')
            up += length;
    }
    const oldestRaw = Math.min(nowS, ...history.recent.map((check) => check[0]));
    for (const day of history.daily) {
        const total = day.up + day.degraded + day.down;
        if (total === 0)
            continue;
        // A day's totals cover the time before the raw checks take over (a whole
        // day, or its folded part): taken as the `total` seconds ending there.
        const end = Math.min(dayStart(day.day) + DAY_S, oldestRaw);
        const overlap = end - Math.max(end - total, from);
        if (overlap <= 0)
            continue;
        const share = Math.min(1, overlap / total);
        known += total * share;
        up += (day.up + day.degraded) * share;
    }
    return known > 0 ? up / known : null;
}
/**
 * Folds raw checks older than `keepS` (but always keeping the newest
 * `keepAtLeast`) into daily totals, and drops days older than KEEP_DAYS.
 */
function compact(history, nowS, keepS, keepAtLeast = 2) {
    const sorted = [...history.recent].sort((a, b) => a[0] - b[0]);
    const cut = Math.max(0, sorted.length - keepAtLeast);
    let fold = 0;
    while (fold < cut && (sorted[fold]?.[0] ?? nowS) < nowS - keepS)
        fold++;
    const all = spans(sorted, nowS);
    const days = new Map(history.daily.map((d) => [d.day, { ...d }]));
    // The folded checks' time, and the half-gap before the first kept check,
    // which the kept checks alone no longer cover.
    const segments = all.slice(0, fold);
    const kept = sorted[fold];
    if (fold > 0 && kept)
        segments.push({
            from: all[fold].from,
            to: kept[0],
            state: kept[1]
        });
    for (const span of segments) {
        for (let t = span.from; t < span.to;) {
            const key = dayOf(t);
            const end = Math.min(span.to, dayStart(key) + DAY_S);
            const day = days.get(key) ?? {
                day: key,
                up: 0,
                degraded: 0,
                down: 0
            };
            const length = end - t;
            if (span.state === 'h')
                day.up += length;
            else if (span.state === 'd')
                day.degraded += length;
            else
                day.down += length;
            days.set(key, day);
            t = end;
        }
    }
    const oldest = dayOf(nowS - KEEP_DAYS * DAY_S);
    history.daily = [...days.values()]
        .filter((d) => d.day >= oldest)
        .sort((a, b) => (a.day < b.day ? -1 : 1))
        .map((d) => ({
        ...d,
        up: Math.round(d.up),
        degraded: Math.round(d.degraded),
        down: Math.round(d.down)
    }));
    history.recent = sorted.slice(fold);
}
/**
 * Spreads the daily totals older than yesterday evenly over two spans, the
 * week before yesterday and the days before that, so that they encode as
 * two runs of equal days. The totals stay (to the second per day), so the
 * 7 d and 30 d figures barely move; only which day had the outage is lost.
 */
function coarsen(history, nowS) {
    const today = Math.floor(nowS / DAY_S);
    const dayNumber = (d) => Math.floor(dayStart(d.day) / DAY_S);
    const spread = (from, to) => {
        const inside = history.daily.filter((d) => dayNumber(d) >= from && dayNumber(d) <= to);
        if (inside.length === 0)
            return [];
        const first = Math.min(...inside.map(dayNumber));
        const count = to - first + 1;
        const mean = (key) => Math.floor(inside.reduce((sum, d) => sum + d[key], 0) / count);
        const day = {
            up: mean('up'),
            degraded: mean('degraded'),
            down: mean('down')
        };
        return Array.from({ length: count }, (_, i) => ({
            day: dayOf((first + i) * DAY_S),
            ...day
        }));
    };
    history.daily = [
        ...spread(-Infinity, today - 8),
        ...spread(today - 7, today - 2),
        ...history.daily.filter((d) => dayNumber(d) >= today - 1)
    ];
}

;// CONCATENATED MODULE: ./src/dashboard/render.ts
// Renders the dashboard issue body: what people read at the top, the
// machine-readable state block at the bottom, always under GitHub's limit.
// Every string from the state passes markdownCell on its way to the page,
// and links are rebuilt from what they point at, never copied from the body.





const BODY_LIMIT = 65_536;
/** Room kept below GitHub's limit. */
const BODY_TARGET = 60_000;
const CHART_POINTS = 24;
/** Characters of names listed per state in the summary. */
const SUMMARY_NAMES = 600;
const ICON = {
    healthy: '🟢',
    degraded: '🟡',
    down: '🔴',
    critical: '🔴',
    unknown: '⚪',
    stopped: '⏹️'
};
const pct = (value) => value === null ? '—' : `${(Math.floor(value * 10_000) / 100).toFixed(2)} %`;
/** A time for people; times come from an editable body, so they are escaped too. */
const when = (iso) => iso
    ? (0,src_text/* markdownCell */.UZ)(iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'), 40)
    : '—';
const REPOSITORY = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
const SERVER = /^https:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?(?=\/)/;
const SAFE_URL = /^https:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?\/[A-Za-z0-9_.~/-]*$/;
/** A run's page, built from its id and the repository; null when either is not one. */
function runLink(id, options) {
    if (!/^\d{1,20}$/.test(id) || !REPOSITORY.test(options.repository))
        return null;
    const server = SERVER.exec(options.runUrl)?.[0] ?? 'https://github.com';
    return `${server}/${options.repository}/actions/runs/${id}`;
}
function render_link(text, url) {
    return url !== null && SAFE_URL.test(url) ? `[${text}](${url})` : text;
}
function serviceRow(service, h, nowS, stopped = false) {
    const status = h?.status ?? 'unknown';
    const cells = [
        // Stopped on purpose: the last check before the stop is no longer news.
        stopped
            ? `${ICON.stopped} stopped (last seen ${status})`
            : `${ICON[status] ?? '⚪'} ${status}`,
        `**${(0,src_text/* markdownCell */.UZ)(service.name, 60)}**<br>${(0,src_text/* markdownCell */.UZ)(service.title, 100)}`,
        h?.latency_ms === null || h?.latency_ms === undefined
            ? '—'
            : `${h.latency_ms} ms`,
        pct(h ? uptime(h, DAY_S, nowS) : null),
        pct(h ? uptime(h, 7 * DAY_S, nowS) : null),
        pct(h ? uptime(h, 30 * DAY_S, nowS) : null),
        when(h?.since),
        h?.reason ? (0,src_text/* markdownCell */.UZ)(h.reason, 120) : ''
    ];
    return `| ${cells.join(' | ')} |`;
}
/** "88 down: a, b, c, … and 70 more", the names cut to a few hundred characters. */
function namesOf(status, names) {
    let listed = '';
    let shown = 0;
    for (const name of names) {
        const next = `${listed}${shown ? ', ' : ''}${(0,src_text/* markdownCell */.UZ)(name, 60)}`;
        if (next.length > SUMMARY_NAMES)
            break;
        listed = next;
        shown++;
    }
    const more = names.length - shown;
    return `- ${ICON[status] ?? '⚪'} **${names.length} ${status}:** ${listed}${more ? `, … and ${more} more (see the state block)` : ''}`;
}
function servicesSection(state, options, shape) {
    const nowS = Math.floor(Date.parse(options.now) / 1000);
    const statusOf = (s) => state.services[s.name]?.status ?? 'unknown';
    const healthy = options.services.filter((s) => statusOf(s) === 'healthy');
    const counts = ['healthy', 'degraded', 'down', 'unknown']
        .map((status) => ({
        status,
        names: options.services
            .filter((s) => statusOf(s) === status)
            .map((s) => s.name)
    }))
        .filter((c) => c.names.length > 0);
    if (shape.table === 'summary')
        return [
            counts
                .map((c) => `${ICON[c.status]} ${c.names.length} ${c.status}`)
                .join(' · '),
            '',
            ...counts
                .filter((c) => c.status !== 'healthy')
                .map((c) => namesOf(c.status, c.names)),
            '',
            'Uptime per service is in the state block below.'
        ].join('\n');
    const shown = shape.table === 'problems'
        ? options.services.filter((s) => statusOf(s) !== 'healthy')
        : options.services;
    if (shown.length === 0)
        return `🟢 All ${healthy.length} services are healthy. Uptime per service is in the state block below.`;
    const hidden = healthy.length - shown.filter((s) => statusOf(s) === 'healthy').length;
    return [
        '| state | service | latency | uptime 24 h | 7 d | 30 d | since | last reason |',
        '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
        ...shown.map((s) => serviceRow(s, state.services[s.name], nowS, state.stopped)),
        ...(hidden ? ['', `…and ${hidden} more healthy services.`] : [])
    ].join('\n');
}
function deploymentsSection(state) {
    const last = state.deployments[0];
    // The body is editable: a tag that is not a real deployment tag is not shown.
    const good = state.deployments.find((d) => d.verified === true && contract/* DEPLOYMENT_TAG */.vT.test(d.tag));
    const describe = (d) => `${contract/* DEPLOYMENT_TAG */.vT.test(d.tag) ? `\`${d.tag}\`` : 'an unrecognised tag'} (${(0,src_text/* markdownCell */.UZ)(d.sha.slice(0, 7), 7) || 'unknown commit'}) — ${d.kind}` +
        ` of ${(0,src_text/* markdownCell */.UZ)(d.components.join(', ') || 'all', 200)} by ${(0,src_text/* markdownCell */.UZ)(d.actor || 'unknown', 60)}` +
        ` at ${when(d.time)}, ` +
        (d.verified === true
            ? '✅ verified healthy'
            : d.verified === false
                ? '❌ not healthy'
                : '⏳ not verified');
    return [
        `- **Last deployment:** ${last ? describe(last) : 'none yet'}`,
        `- **Last verified-good deployment:** ${good ? (good === last ? 'the same, verified healthy' : describe(good)) : 'none yet'}`
    ].join('\n');
}
/** The mermaid block holds only numbers and times we format: nothing from the body. */
/** Charts at most this many services, the ones most worth watching first. */
const CHARTED = 4;
const BUCKETS = 12;
/**
 * One small chart per service, so that each is named and none hides
 * another: the time axis is cut into equal spans (uneven checks are not
 * shown as even), a line for the mean answer time of each span, and a bar
 * to the top for a span in which the service did not answer.
 */
function chart(state, options) {
    const rank = { down: 0, degraded: 1, unknown: 2, healthy: 3 };
    const series = options.services
        .map((s) => ({ name: s.name, history: state.services[s.name] }))
        .filter((s) => (s.history?.recent.length ?? 0) > 0)
        .sort((a, b) => rank[a.history?.status ?? 'unknown'] -
        rank[b.history?.status ?? 'unknown'] ||
        (b.history?.latency_ms ?? 0) - (a.history?.latency_ms ?? 0));
    if (series.length === 0)
        return '_No checks yet._';
    const all = series.flatMap((s) => s.history?.recent.map((c) => c[0]) ?? []);
    const end = Math.max(...all);
    const first = Math.min(...all.filter((t) => t >= end - 2 * DAY_S));
    // Spans of whole minutes when they are that long, so labels step evenly.
    const raw = Math.max(1, Math.ceil((end - first + 1) / BUCKETS));
    const width = raw >= 60 ? Math.ceil(raw / 60) * 60 : raw;
    const start = raw >= 60 ? Math.floor(first / 60) * 60 : first;
    const count = Math.min(BUCKETS, Math.ceil((end - start + 1) / width));
    const label = (t) => new Date(t * 1000)
        .toISOString()
        .slice(5, width < 60 ? 19 : 16)
        .replace('T', ' ');
    const labels = Array.from({ length: count }, (_, i) => `"${label(start + i * width)}"`);
    const charts = series.slice(0, CHARTED).map(({ name, history }) => {
        const spans = Array.from({ length: count }, () => ({
            sum: 0,
            answered: 0,
            failed: false
        }));
        for (const [t, initial, latency] of history?.recent ?? []) {
            if (t < start)
                continue;
            const span = spans[Math.min(count - 1, Math.floor((t - start) / width))];
            if (!span)
                continue;
            if (initial === 'x' || latency === null)
                span.failed = true;
            else {
                span.sum += latency;
                span.answered += 1;
            }
        }
        const means = spans.map((s) => s.answered ? Math.round(s.sum / s.answered) : 0);
        const top = Math.max(10, ...means) * 1.1;
        return [
            '```mermaid',
            'xychart-beta',
            `  title "${name}: answer time (ms); a bar to the top: no answer"`,
            `  x-axis [${labels.join(', ')}]`,
            `  y-axis "ms" 0 --> ${Math.ceil(top)}`,
            `  bar [${spans.map((s) => (s.failed ? Math.ceil(top) : 0)).join(', ')}]`,
            `  line [${means.join(', ')}]`,
            '```'
        ].join('\n');
    });
    const left = series.length - charts.length;
    return [
        ...charts,
        `Each chart is one service (those not healthy first), in ${count} equal spans of ${width >= 3600 ? `${Math.round(width / 360) / 10} h` : width >= 60 ? `${Math.round(width / 6) / 10} min` : `${width} s`} (UTC); a span without a check shows 0 and no bar.` +
            (left > 0
                ? ` ${left} more service${left === 1 ? '' : 's'} not charted.`
                : '')
    ].join('\n\n');
}
function eventsSection(state, count) {
    const events = state.events.slice(0, count);
    if (events.length === 0)
        return '_No events yet._';
    return [
        '| time (UTC) | event |',
        '| --- | --- |',
        ...events.map((e) => `| ${when(e.at).replace(' UTC', '')} | ${(0,src_text/* markdownCell */.UZ)(e.text, 300)} |`)
    ].join('\n');
}
function renderWith(state, options, shape) {
    // Stopped by an emergency stop says more than the health of services
    // that were stopped on purpose.
    const overall = state.stopped ? 'stopped' : state.overall;
    const step = (0,advice/* advise */.TH)(state, options.services);
    const parts = [
        contract/* DASHBOARD_MARKER */.UM,
        `# ${ICON[overall] ?? '⚪'} Runbook status: ${overall.toUpperCase()}`,
        '',
        // The first screen says what to do; the agents' section has the details.
        `**Next step (${step.situation}):** ${step.command === null ? 'none' : `\`${step.command}\``} — ${(0,src_text/* markdownCell */.UZ)(step.why, 500)}`,
        ''
    ];
    if (state.halt)
        parts.push(`> [!CAUTION]`, `> **Emergency stop in effect** since ${when(state.halt.at)} by ${(0,src_text/* markdownCell */.UZ)(state.halt.by, 60)}: ${(0,src_text/* markdownCell */.UZ)(state.halt.reason || 'no reason given', 300)}.`, `> Deploys are refused until \`resume\`. Health checks, rollbacks and resume still run.`, '');
    const run = state.last_run;
    const runUrl = run ? runLink(run.id, options) : null;
    parts.push(`Last updated ${when(state.updated_at)}` +
        (run ? ` by run ${render_link((0,src_text/* markdownCell */.UZ)(run.id, 40), runUrl)}` : '') +
        (options.runUrl &&
            options.runUrl !== runUrl &&
            SAFE_URL.test(options.runUrl)
            ? ` · ${render_link('this run', options.runUrl)}`
            : '') +
        '.', '', '## Services', '', servicesSection(state, options, shape), '', '## Deployments', '', deploymentsSection(state), '', '## Response time', '', shape.chart
        ? chart(state, options)
        : "_Left out to keep the dashboard within GitHub's size limit._", '', '## Recent events', '', eventsSection(state, shape.events), '', '## For AI agents', '', (0,advice/* recommend */.vh)(state, options.services), '', (0,advice/* agentTable */.qf)(state), '', `Read the state: \`gh issue view <this issue> --json body --jq .body\` and parse the JSON block between \`<!-- runbook:state\` and \`-->\` at the end; or run \`npx runbook status --json\` locally. Workflow: \`${advice/* WORKFLOW */.Ep}\`.`, '', (0,dashboard_state/* serializeState */.sU)(state, { shareDefaults: shape.shareDefaults }));
    return parts.join('\n');
}
/** Keeps the newest `count` deployments, and the newest verified one after them. */
function keepDeployments(state, count) {
    const good = state.deployments.find((d) => d.verified === true && contract/* DEPLOYMENT_TAG */.vT.test(d.tag));
    const kept = state.deployments.slice(0, count);
    if (good && !kept.includes(good))
        kept.push(good);
    state.deployments = kept;
}
/**
 * Renders the body, shortening it step by step until it fits comfortably
 * under GitHub's 65,536 characters: raw checks are folded into daily totals,
 * then what many services share is written once, then the page summarises.
 * Every configured service keeps its state and its uptime history; nothing is
 * ever cut mid-JSON.
 */
function renderDashboard(state, options) {
    const nowS = Math.floor(Date.parse(options.now) / 1000);
    const histories = () => Object.values(state.services);
    const fold = (keepS, keepAtLeast) => () => {
        for (const h of histories())
            compact(h, nowS, keepS, keepAtLeast);
    };
    const events = (shown, kept) => () => {
        shape.events = shown;
        state.events.length = Math.min(state.events.length, kept);
    };
    const reasons = (max) => () => {
        for (const h of histories())
            if (h.reason !== null && h.reason.length > max)
                h.reason = `${h.reason.slice(0, max - 1)}…`;
    };
    const all = new Set(options.services.map((s) => s.name));
    const shape = {
        events: 10,
        table: 'full',
        chart: true,
        shareDefaults: false
    };
    fold(DAY_S, 2)();
    const steps = [
        fold(6 * 3600, 2),
        fold(3600, 2),
        fold(0, CHART_POINTS),
        events(5, 15),
        // Lossless: what most services share is written once.
        () => (shape.shareDefaults = true),
        () => {
            shape.table = 'problems';
            shape.chart = false;
            // The newest check stays, so that the next one knows the time between
            // them; its latency, with no chart to show it, is in latency_ms.
            fold(0, 1)();
            for (const h of histories())
                for (const c of h.recent)
                    c[2] = null;
        },
        () => {
            events(3, 3)();
            // A deployment of every configured service lists none: "all".
            for (const d of state.deployments)
                if (d.components.length === all.size &&
                    d.components.every((c) => all.has(c)))
                    d.components = [];
            keepDeployments(state, 5);
        },
        () => (shape.table = 'summary'),
        reasons(60),
        () => {
            for (const h of histories())
                coarsen(h, nowS);
            keepDeployments(state, 1);
        },
        reasons(20)
    ];
    let body = renderWith(state, options, shape);
    for (const step of steps) {
        if (body.length <= BODY_TARGET)
            break;
        step();
        body = renderWith(state, options, shape);
    }
    return body;
}
/**
 * Whether `body` is exactly what Runbook renders for the state it holds: a
 * body that a person (or anything else) edited after Runbook wrote it is
 * not. The run that wrote it linked either itself or, beside the run that
 * last updated the state, itself as "this run"; both are tried.
 */
function renderedByRunbook(body, state, options) {
    const linked = /· \[this run\]\((https:\/\/[^\s()]+\/actions\/runs\/\d{1,20})\)/.exec(body)?.[1];
    const last = state.last_run
        ? runLink(state.last_run.id, { ...options, now: state.updated_at })
        : null;
    const candidates = [linked, last, ''].filter((url, i, all) => url !== undefined && url !== null && all.indexOf(url) === i);
    return candidates.some((runUrl) => renderDashboard(structuredClone(state), {
        ...options,
        runUrl,
        now: state.updated_at
    }) === body);
}


/***/ }),

/***/ 1152:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DEPLOYMENT_FACTS: () => (/* binding */ DEPLOYMENT_FACTS),
/* harmony export */   gate: () => (/* binding */ gate),
/* harmony export */   gateOutputs: () => (/* binding */ gateOutputs),
/* harmony export */   liveTag: () => (/* binding */ liveTag),
/* harmony export */   previousGoodDeployment: () => (/* binding */ previousGoodDeployment),
/* harmony export */   resolveAction: () => (/* binding */ resolveAction)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _contract_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3665);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8992);
// The safety gate: resolves the action from the event and decides whether it
// may run. A refusal is a clean result with a one-line reason, not a crash.



const WRITERS = new Set(['admin', 'maintain', 'write']);
const CHANGES = new Set([
    'deploy',
    'update-component',
    'rollback',
    'emergency-stop',
    'resume'
]);
/** push → deploy, schedule → healthcheck, dispatch → the `action` input. */
function resolveAction(given, eventName) {
    if (given !== '')
        return given;
    if (eventName === 'push')
        return 'deploy';
    if (eventName === 'schedule')
        return 'healthcheck';
    if (eventName === 'workflow_dispatch')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('input `action`: "" is not valid for a workflow_dispatch run; allowed: deploy, rollback, emergency-stop, update-component, healthcheck, resume');
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(`input \`action\`: "" cannot be resolved from the event ${JSON.stringify(eventName || 'unknown')}; set it to deploy, rollback, emergency-stop, update-component, healthcheck or resume`);
}
async function gate(ctx, platform) {
    const { inputs, config, run } = ctx.settings;
    const action = resolveAction(inputs.action, run.eventName);
    const names = config.services.map((s) => s.name);
    const result = {
        approved: true,
        action,
        reason: '',
        targetComponent: inputs.targetComponent,
        rollbackVersion: inputs.rollbackVersion,
        halted: null
    };
    const refuse = (reason) => {
        ctx.reporter.warning(`${action} refused: ${reason}`, 'Safety gate');
        return { ...result, approved: false, reason };
    };
    ctx.reporter.info(`action: ${action} (${inputs.action ? 'from the input' : `from the ${run.eventName} event`})`);
    if (inputs.targetComponent !== 'all' &&
        !names.includes(inputs.targetComponent))
        return refuse(`target-component "${inputs.targetComponent}" is not a configured service; allowed: all, ${names.join(', ')}`);
    if (action === 'update-component' && inputs.targetComponent === 'all')
        return refuse(`update-component needs one service in target-component; allowed: ${names.join(', ')}`);
    if (!CHANGES.has(action))
        return result;
    if (action === 'deploy' ||
        action === 'update-component' ||
        action === 'resume' ||
        action === 'emergency-stop') {
        const halt = await platform.readHalt();
        result.halted = halt !== null;
        if (halt && (action === 'deploy' || action === 'update-component'))
            return refuse(`an emergency stop is in effect (since ${halt.at ? (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .readableTime */ .GI)(halt.at) : 'an unknown time'} by ${halt.by}${halt.reason ? `: ${halt.reason}` : ''}); run resume first`);
    }
    if ((action === 'deploy' || action === 'update-component') &&
        platform.kind === 'github') {
        const branch = run.defaultBranch || (await platform.defaultBranch());
        if (run.ref !== `refs/heads/${branch}`)
            return refuse(`${action} runs only from the default branch ${branch}, not ${run.ref || 'an unknown ref'}`);
    }
    for (const user of new Set([run.actor, run.triggeringActor].filter(Boolean))) {
        const permission = await platform.permission(user);
        if (!WRITERS.has(permission))
            return refuse(`${user} has ${permission} permission on the repository; ${action} needs write, maintain or admin`);
    }
    if (platform.kind === 'github' && !run.actor)
        return refuse('the actor of this run is unknown, so its permission cannot be checked');
    if (action === 'rollback') {
        if (inputs.rollbackVersion) {
            if ((await platform.tagCommit(inputs.rollbackVersion)) === null)
                return refuse(`rollback-version ${inputs.rollbackVersion} is not an existing tag`);
        }
        else {
            const target = await previousGoodDeployment(ctx, platform, {
                components: inputs.targetComponent === 'all' ? [] : [inputs.targetComponent]
            });
            if (!target)
                return refuse('there is no earlier verified-healthy deployment to roll back to; name one in rollback-version');
            result.rollbackVersion = target;
        }
        ctx.reporter.info(`rollback target: ${result.rollbackVersion}`);
    }
    return result;
}
/** How many recent deployments are read back, each with its statuses. */
const DEPLOYMENT_FACTS = 10;
/**
 * What runs now for `component` ('all': the newest of any): the tag of the
 * newest deployment whose commands ran, or '' when none is known.
 */
function liveTag(facts, component = 'all') {
    const live = facts.find((d) => d.failedIn !== 'commands' &&
        (component === 'all' || d.components.includes(component)));
    return live?.tag ?? '';
}
/**
 * The newest verified-healthy deployment older than what runs now, read from
 * the deployments Runbook recorded (never from the dashboard's text) and
 * confirmed by its tag. `current`: what this run deployed ('' when its
 * commands failed, so the last good one is the target).
 */
async function previousGoodDeployment(ctx, platform, options = {}) {
    const components = options.components ?? [];
    const component = components.length === 1 ? (components[0] ?? 'all') : 'all';
    const facts = await platform.listDeployments(ctx.settings.config.deployment.environment, DEPLOYMENT_FACTS);
    const current = options.current ?? liveTag(facts, component);
    const checked = new Set();
    for (const d of facts) {
        if (d.verified !== true || !_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .DEPLOYMENT_TAG */ .vT.test(d.tag))
            continue;
        // Tags name their time: an older tag is an earlier version.
        if (current !== '' && d.tag >= current)
            continue;
        if (!components.every((c) => d.components.includes(c)))
            continue;
        if (checked.has(d.tag))
            continue;
        checked.add(d.tag);
        if ((await platform.tagCommit(d.tag)) !== null)
            return d.tag;
    }
    return null;
}
function gateOutputs(result) {
    return (0,_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .encode */ .lF)('gate', {
        approved: result.approved,
        action: result.action,
        reason: result.reason,
        'target-component': result.targetComponent,
        'rollback-version': result.rollbackVersion,
        halted: result.halted ?? undefined
    });
}


/***/ }),

/***/ 7719:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Uq: () => (/* binding */ stoppedFrom),
/* harmony export */   _7: () => (/* binding */ situationOf),
/* harmony export */   ms: () => (/* binding */ keepSituation),
/* harmony export */   wQ: () => (/* binding */ modelDeployments)
/* harmony export */ });
/* unused harmony export lastRunOf */
/* harmony import */ var _dashboard_advice_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1338);
/* harmony import */ var _dashboard_situation_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8352);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8992);
// Builds the situation model's facts for the status stage: the deployments
// as Runbook recorded them on the platform (never the dashboard's text), the
// lock, the services' confirmed health, and what this run did; then keeps
// the model's answer (what runs, stopped, the one next step) in the state.



const ACTIONS = new Set([
    'deploy',
    'update-component',
    'rollback',
    'emergency-stop',
    'resume',
    'healthcheck'
]);
const STAGE_OF_JOB = {
    'safety-gate': 'gate',
    ci: 'ci',
    deploy: 'deploy',
    monitor: 'monitor',
    rollback: 'rollback',
    'update-status': 'status',
    notify: 'notify'
};
/** The recorded deployments in the model's terms, newest first. */
function modelDeployments(facts, services) {
    return facts.map((d) => ({
        tag: d.tag,
        sha: /^[0-9a-f]{40}$/.test(d.sha) ? d.sha : '',
        time: d.time,
        kind: d.kind,
        // A deployment of every service is "all" to the model.
        components: services.every((n) => d.components.includes(n))
            ? []
            : d.components.filter((c) => services.includes(c)),
        verified: d.verified,
        failure: d.failedIn,
        blamed: d.blamed.filter((c) => services.includes(c))
    }));
}
/**
 * Stopped, from the recorded deployments: an emergency stop marked the one
 * running then, and no deployment of every service has started them since.
 */
function stoppedFrom(facts, services) {
    const index = facts.findIndex((d) => d.stopped);
    if (index === -1)
        return null;
    return !facts
        .slice(0, index)
        .some((d) => d.failedIn !== 'commands' &&
        services.every((n) => d.components.includes(n)));
}
/** What this run did, in the model's terms; null for an unknown action. */
function lastRunOf(outcome) {
    if (!ACTIONS.has(outcome.action))
        return null;
    const action = outcome.action;
    const failedStage = outcome.failedJobs
        .map((job) => STAGE_OF_JOB[job])
        .find((stage) => stage !== undefined);
    const refusal = outcome.approved === false ? outcome.refusal : outcome.overtaken;
    const rollback = outcome.rollback;
    return {
        action,
        at: outcome.at,
        outcome: refusal
            ? { kind: 'refused', reason: refusal.slice(0, 500) }
            : outcome.cancelledJobs.length > 0
                ? { kind: 'cancelled' }
                : failedStage
                    ? { kind: 'failed', stage: failedStage }
                    : outcome.deployment?.status === 'failed'
                        ? { kind: 'failed', stage: 'deploy' }
                        : { kind: 'succeeded' },
        ciFailed: outcome.build === 'failed',
        rollback: rollback
            ? {
                automatic: action === 'deploy' || action === 'update-component',
                result: rollback.status === 'executed'
                    ? 'executed'
                    : rollback.cause === 'commands' || rollback.cause === 'no-target'
                        ? 'failed-commands'
                        : 'failed-verification'
            }
            : null,
        blame: outcome.verdict &&
            ['verified', 'broken', 'unverified'].includes(outcome.verdict.verdict)
            ? {
                verdict: outcome.verdict.verdict,
                broken: outcome.verdict.broken.filter((n) => /^[a-z0-9-]{1,100}$/.test(n)),
                notOurs: []
            }
            : null
    };
}
/**
 * The situation after this run: the state's own reading, with what the
 * platform recorded and what this run did put in its place.
 */
function situationOf(state, services, recorded, outcome) {
    const base = (0,_dashboard_advice_js__WEBPACK_IMPORTED_MODULE_0__/* .factsFromState */ .n5)(state, services);
    // Stopped only on evidence: the recorded deployments, or this run's own
    // stop; with neither, the state's word is kept only while the lock is
    // held (the body is editable: a typed event must not stop anything).
    const stopped = (recorded ? stoppedFrom(recorded, services) : null) ??
        (outcome.stopTookLock || (state.halt !== null && state.stopped));
    const facts = {
        ...base,
        deployments: recorded
            ? modelDeployments(recorded, services)
            : base.deployments,
        stopped,
        lastRun: lastRunOf(outcome) ?? base.lastRun
    };
    const parsed = _dashboard_situation_js__WEBPACK_IMPORTED_MODULE_1__/* .SituationFactsSchema */ .$z.safeParse(facts);
    return (0,_dashboard_situation_js__WEBPACK_IMPORTED_MODULE_1__/* .situate */ .wm)(parsed.success ? parsed.data : base);
}
/** Keeps the model's answer in the state, for the page and for agents. */
function keepSituation(state, situation) {
    state.stopped = situation.overall === 'stopped';
    state.next = {
        situation: situation.next.situation,
        command: situation.next.command,
        // The state caps it: many services down make a long explanation.
        why: (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(situation.next.why, 1000),
        target: situation.target
    };
    state.live = Object.fromEntries(Object.entries(situation.components).map(([name, live]) => [
        name,
        live
            ? {
                tag: /^deployment-\d{8}-\d{6}$/.test(live.tag) ? live.tag : '',
                sha: live.sha,
                kind: live.kind,
                since: live.since,
                verified: live.verified
            }
            : null
    ]));
}


/***/ })

};

//# sourceMappingURL=277.index.js.map