export const id = 816;
export const ids = [816];
export const modules = {

/***/ 1816:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bC: () => (/* binding */ changeDashboard),
  zj: () => (/* binding */ preferredIssue)
});

// UNUSED EXPORTS: DASHBOARD_TITLE

// EXTERNAL MODULE: ./src/platform/platform.ts
var platform_platform = __webpack_require__(8944);
// EXTERNAL MODULE: ./src/inputs.ts + 3 modules
var inputs = __webpack_require__(7104);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/dashboard/advice.ts
// The "For AI agents" section: the command to run now, computed from the
// state, and the table of state → command.


const WORKFLOW = 'ai-agent-handoff-runbook.yml';
const gh = (args) => `gh workflow run ${WORKFLOW} ${args}`;
/**
 * The newest verified deployment whose tag is well formed: the issue body is
 * editable, so only a real deployment tag may reach a command we recommend.
 */
function verifiedTag(state, except) {
    const found = state.deployments.find((d) => d.verified === true && d.tag !== except && inputs/* DEPLOYMENT_TAG */.vT.test(d.tag));
    return found?.tag ?? null;
}
/** What an operator should do now, from the state alone. */
function advise(state, _services) {
    const lastEvent = state.events[0];
    const last = state.deployments[0];
    const good = verifiedTag(state);
    if (state.halt)
        return {
            situation: 'halted',
            command: gh('-f action=resume -f reason="<what was fixed>"'),
            why: 'An emergency stop is in effect. Find and fix the cause first; resume only then. A health check (-f action=healthcheck) shows the current state without deploying.'
        };
    if (state.overall === 'critical') {
        if (lastEvent?.kind === 'rollback-failed')
            return {
                situation: 'critical, rollback failed',
                command: gh('-f action=emergency-stop -f reason="<why>"'),
                why: 'The last rollback did not bring the system back. Stop everything and escalate to a person.'
            };
        if (good && last && last.tag !== good && last.verified !== true)
            return {
                situation: 'critical after a deployment',
                command: gh(`-f action=rollback -f rollback_version=${good} -f reason="<why>"`),
                why: `The newest deployment is not verified healthy; ${good} was.`
            };
        return {
            situation: 'critical',
            command: gh('-f action=healthcheck'),
            why: 'No deployment explains the outage, so a rollback would not fix it. Re-check, read the reasons above, and stop (-f action=emergency-stop) if the system is doing harm.'
        };
    }
    if (state.overall === 'degraded')
        return {
            situation: 'degraded',
            command: gh('-f action=healthcheck'),
            why: 'Every service answers, but some slowly or rate-limited. Watch it; no rollback needed.'
        };
    if (state.overall === 'unknown')
        return {
            situation: 'unknown',
            command: gh('-f action=healthcheck'),
            why: 'No health check has run yet.'
        };
    return {
        situation: 'healthy',
        command: gh('-f action=deploy'),
        why: 'Everything is healthy: no action needed. Deploy when there is something to ship (a push to main also deploys).'
    };
}
function recommend(state, services) {
    const advice = advise(state, services);
    return [
        `**Now (${advice.situation}):** \`${advice.command}\``,
        '',
        (0,src_text/* markdownCell */.UZ)(advice.why, 400)
    ].join('\n');
}
function agentTable(state) {
    // The version to go back to: the newest verified one before what runs now.
    const target = verifiedTag(state, state.deployments[0]?.tag) ??
        '<deployment-YYYYMMDD-HHMMSS>';
    const rows = [
        ['healthy', gh('-f action=deploy')],
        [
            'one service to update',
            gh('-f action=update-component -f target_component=<service>')
        ],
        [
            'critical after a deployment',
            gh(`-f action=rollback -f rollback_version=${target} -f reason="<why>"`)
        ],
        [
            'critical, rollback failed, or doing harm',
            gh('-f action=emergency-stop -f reason="<why>"')
        ],
        [
            'halted, cause fixed',
            gh('-f action=resume -f reason="<what was fixed>"')
        ],
        ['to re-check at any time', gh('-f action=healthcheck')]
    ];
    return [
        '| situation | command |',
        '| --- | --- |',
        ...rows.map(([situation, command]) => `| ${situation} | \`${command}\` |`),
        '',
        "Emergency: `emergency-stop` never waits for approval; it takes the `runbook-halt` lock, runs every service's stop command and cancels other runs. Deploys are refused until `resume`. Add `-f dry_run=true` to see the plan without acting."
    ].join('\n');
}

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
    const segments = [];
    for (let i = 0; i < fold; i++)
        segments.push({ span: all[i], latency: sorted[i][2] });
    const kept = sorted[fold];
    if (fold > 0 && kept)
        segments.push({
            span: { from: all[fold].from, to: kept[0], state: kept[1] },
            latency: null
        });
    for (const { span, latency } of segments) {
        for (let t = span.from; t < span.to;) {
            const key = dayOf(t);
            const end = Math.min(span.to, dayStart(key) + DAY_S);
            const day = days.get(key) ?? {
                day: key,
                up: 0,
                degraded: 0,
                down: 0,
                avg_ms: null
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
        if (latency !== null) {
            const day = days.get(dayOf(span.from));
            if (day) {
                // A running mean weighted by time is enough for a daily figure.
                day.avg_ms =
                    day.avg_ms === null ? latency : Math.round((day.avg_ms + latency) / 2);
            }
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

;// CONCATENATED MODULE: ./src/dashboard/render.ts
// Renders the dashboard issue body: what people read at the top, the
// machine-readable state block at the bottom, always under GitHub's limit.






const BODY_LIMIT = 65_536;
/** Room kept below GitHub's limit. */
const BODY_TARGET = 60_000;
const CHART_POINTS = 24;
const ICON = {
    healthy: '🟢',
    degraded: '🟡',
    down: '🔴',
    critical: '🔴',
    unknown: '⚪'
};
const pct = (value) => value === null ? '—' : `${(Math.floor(value * 10_000) / 100).toFixed(2)} %`;
/** A time for people; times come from an editable body, so they are escaped too. */
const when = (iso) => iso
    ? (0,src_text/* markdownCell */.UZ)(iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'), 40)
    : '—';
function render_link(text, url) {
    return url.startsWith('https://') ? `[${text}](${url})` : text;
}
function servicesTable(state, options, brief) {
    const nowS = Math.floor(Date.parse(options.now) / 1000);
    // Brief, for very many services: the healthy ones are only counted.
    const shown = brief
        ? options.services.filter((s) => state.services[s.name]?.status !== 'healthy')
        : options.services;
    const hidden = options.services.length - shown.length;
    const rows = shown.map((service) => {
        const h = state.services[service.name];
        const status = h?.status ?? 'unknown';
        return [
            `${ICON[status] ?? '⚪'} ${status}`,
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
    });
    return [
        '| state | service | latency | uptime 24 h | 7 d | 30 d | since | last reason |',
        '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
        ...rows.map((row) => `| ${row.join(' | ')} |`),
        ...(hidden ? ['', `…and ${hidden} more healthy services.`] : [])
    ].join('\n');
}
function deploymentsSection(state) {
    const last = state.deployments[0];
    // The body is editable: a tag that is not a real deployment tag is not shown.
    const good = state.deployments.find((d) => d.verified === true && inputs/* DEPLOYMENT_TAG */.vT.test(d.tag));
    const describe = (d) => `${inputs/* DEPLOYMENT_TAG */.vT.test(d.tag) ? `\`${d.tag}\`` : 'an unrecognised tag'} (${(0,src_text/* markdownCell */.UZ)(d.sha.slice(0, 7), 7) || 'unknown commit'}) — ${d.kind}` +
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
function chart(state, options) {
    const series = options.services
        .map((s) => ({
        name: s.name,
        recent: state.services[s.name]?.recent ?? []
    }))
        .filter((s) => s.recent.length > 0);
    if (series.length === 0)
        return '_No checks yet._';
    const times = [...new Set(series.flatMap((s) => s.recent.map((c) => c[0])))]
        .sort((a, b) => a - b)
        .slice(-CHART_POINTS);
    // Minutes are enough for checks hours apart; close ones get seconds.
    const label = (t, end) => new Date(t * 1000).toISOString().slice(5, end).replace('T', ' ');
    const minutes = times.map((t) => label(t, 16));
    const labels = (new Set(minutes).size === minutes.length
        ? minutes
        : times.map((t) => label(t, 19))).map((text) => `"${text}"`);
    let max = 10;
    const lines = series.map((s) => {
        const byTime = new Map(s.recent.map((c) => [c[0], c[2]]));
        const values = times.map((t) => byTime.get(t) ?? 0);
        max = Math.max(max, ...values);
        return `  line [${values.join(', ')}]`;
    });
    return [
        '```mermaid',
        'xychart-beta',
        '  title "Response time (ms), UTC"',
        `  x-axis [${labels.join(', ')}]`,
        `  y-axis "ms" 0 --> ${Math.ceil(max * 1.1)}`,
        ...lines,
        '```',
        `Lines, in order: ${series.map((s) => (0,src_text/* markdownCell */.UZ)(s.name, 40)).join(', ')}. A 0 is a check without an answer.`
    ].join('\n');
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
function renderWith(state, options, eventCount, brief = false) {
    const overall = state.overall;
    const parts = [
        platform_platform/* DASHBOARD_MARKER */.UM,
        `# ${ICON[overall] ?? '⚪'} Runbook status: ${overall.toUpperCase()}`,
        ''
    ];
    if (state.halt)
        parts.push(`> [!CAUTION]`, `> **Emergency stop in effect** since ${when(state.halt.at)} by ${(0,src_text/* markdownCell */.UZ)(state.halt.by, 60)}: ${(0,src_text/* markdownCell */.UZ)(state.halt.reason || 'no reason given', 300)}.`, `> Deploys are refused until \`resume\`. Health checks, rollbacks and resume still run.`, '');
    const run = state.last_run;
    parts.push(`Last updated ${when(state.updated_at)}` +
        (run ? ` by run ${render_link((0,src_text/* markdownCell */.UZ)(run.id, 40), run.url)}` : '') +
        (options.runUrl && (!run || run.url !== options.runUrl)
            ? ` · ${render_link('this run', options.runUrl)}`
            : '') +
        '.', '', '## Services', '', servicesTable(state, options, brief), '', '## Deployments', '', deploymentsSection(state), '', '## Response time', '', brief
        ? "_Left out to keep the dashboard within GitHub's size limit._"
        : chart(state, options), '', '## Recent events', '', eventsSection(state, eventCount), '', '## For AI agents', '', recommend(state, options.services), '', agentTable(state), '', `Read the state: \`gh issue view <this issue> --json body --jq .body\` and parse the JSON block between \`<!-- runbook:state\` and \`-->\` at the end; or run \`npx runbook status --json\` locally. Workflow: \`${WORKFLOW}\`.`, '', (0,dashboard_state/* serializeState */.sU)(state));
    return parts.join('\n');
}
/**
 * Renders the body, compacting old detail into daily totals (never cutting
 * JSON) until it fits comfortably under GitHub's 65,536 characters.
 */
function renderDashboard(state, options) {
    const nowS = Math.floor(Date.parse(options.now) / 1000);
    for (const history of Object.values(state.services))
        compact(history, nowS, DAY_S);
    // Ever shorter raw history, then fewer events, until it fits.
    const steps = [
        [DAY_S, 10, 2],
        [6 * 3600, 10, 2],
        [3600, 10, 2],
        [0, 10, CHART_POINTS],
        [0, 5, 8],
        [0, 3, 2]
    ];
    let body = renderWith(state, options, 10);
    for (const [keepS, events, keepAtLeast] of steps) {
        if (body.length <= BODY_TARGET)
            break;
        for (const history of Object.values(state.services))
            compact(history, nowS, keepS, keepAtLeast);
        state.events.length = Math.min(state.events.length, events * 3);
        body = renderWith(state, options, events);
    }
    // Last resorts, for very many services: less history per service, a
    // brief table, and in the end only as many healthy services as fit.
    const services = Object.values(state.services);
    const lastResorts = [
        () => {
            for (const h of services) {
                h.daily = h.daily.slice(-8);
                h.recent = h.recent.slice(-1);
            }
            state.events.length = Math.min(state.events.length, 3);
            state.deployments.length = Math.min(state.deployments.length, 5);
        },
        () => {
            for (const h of services) {
                h.daily = [];
                h.reason = h.reason === null ? null : h.reason.slice(0, 80);
            }
        },
        () => {
            for (const h of services) {
                h.recent = [];
                h.title = '';
            }
            state.deployments.length = Math.min(state.deployments.length, 2);
        }
    ];
    for (const resort of lastResorts) {
        if (body.length <= BODY_TARGET)
            break;
        resort();
        body = renderWith(state, options, 3, true);
    }
    while (body.length > BODY_TARGET) {
        const healthy = Object.keys(state.services).filter((name) => state.services[name]?.status === 'healthy');
        if (healthy.length === 0)
            break;
        for (const name of healthy.slice(-Math.max(1, Math.ceil(healthy.length / 10))))
            delete state.services[name];
        body = renderWith(state, options, 3, true);
    }
    return body;
}

;// CONCATENATED MODULE: ./src/dashboard/store.ts
// Reads, changes and writes the dashboard the careful way: found by its
// marker, re-read just before writing, written only when the body changed.



const DASHBOARD_TITLE = 'Runbook status dashboard';
const MAX_ROUNDS = 3;
/** The dashboard issue number to use: the input when set, else the config, else 1. */
function preferredIssue(ctx) {
    const { inputs, config } = ctx.settings;
    return inputs.statusIssue !== 1
        ? inputs.statusIssue
        : (config.dashboard.issue ?? 1);
}
/**
 * Applies `change` to the dashboard's state and writes the result. When the
 * body changed between the read and the write, it starts again from the new
 * body, so nothing another run or a person wrote is lost.
 */
async function changeDashboard(ctx, platform, change, 
/**
 * Runs once, on the first merged state, before anything is written (the
 * notify step sends here); what it returns is applied in every round.
 */
afterMerge) {
    const { reporter } = ctx;
    let extra;
    const preferred = preferredIssue(ctx);
    const found = await platform.findDashboard(preferred);
    if (found.foreign)
        reporter.warning(platform.kind === 'github'
            ? `issue #${preferred} is not a Runbook dashboard (no ${platform_platform/* DASHBOARD_MARKER */.UM} marker): it is left untouched, and Runbook ${found.issue ? `uses its own dashboard #${found.issue.number}` : 'creates its own dashboard issue'}`
            : `${preferred === 1 ? 'the dashboard file' : 'the dashboard'} exists without the Runbook marker and is left untouched`, 'Dashboard issue');
    let issue = found.issue;
    for (let round = 1;; round++) {
        const now = ctx.now().toISOString();
        const parsed = (0,dashboard_state/* parseState */.Bu)(issue?.body ?? null, now);
        if (parsed.problems.length > 0) {
            reporter.warning(`the dashboard's state was partly unreadable and has been rebuilt: ${parsed.problems.join('; ')}`, 'Dashboard recovered');
            parsed.state.events.unshift({
                at: now,
                kind: 'dashboard-recovered',
                text: `state rebuilt: ${parsed.problems.join('; ')}`.slice(0, 500),
                run: '',
                actor: ''
            });
        }
        const state = change(parsed.state);
        if (afterMerge && !extra)
            extra = await afterMerge(state, issue);
        extra?.(state);
        const body = renderDashboard(state, {
            services: ctx.settings.config.services,
            now: state.updated_at,
            runUrl: ctx.settings.run.url,
            repository: ctx.settings.run.repository
        });
        if (issue && body === issue.body) {
            reporter.info(`dashboard #${issue.number} is already up to date: nothing written`);
            return { issue, state, body, written: false, created: false };
        }
        if (ctx.settings.inputs.dryRun) {
            reporter.info(`dry run: the dashboard would be ${issue ? 'updated' : 'created'}; its body:`);
            for (const line of body.split('\n'))
                reporter.info(`  ${line}`);
            return { issue, state, body, written: false, created: false };
        }
        if (!issue) {
            const created = await platform.createDashboard(DASHBOARD_TITLE, body);
            reporter.info(`dashboard created: ${created.url}`);
            return { issue: created, state, body, written: true, created: true };
        }
        const current = await platform.readDashboard(issue.number);
        if (current.body === issue.body || round >= MAX_ROUNDS) {
            if (current.body !== issue.body)
                reporter.warning("the dashboard kept changing while it was being written; this run's update was applied over the latest read");
            await platform.updateDashboard(issue.number, body);
            reporter.info(`dashboard #${issue.number} updated: ${issue.url}`);
            return { issue, state, body, written: true, created: false };
        }
        reporter.info('the dashboard changed since it was read: merging again');
        issue = current;
    }
}


/***/ })

};

//# sourceMappingURL=816.index.js.map