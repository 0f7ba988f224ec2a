export const id = 911;
export const ids = [911,152,636];
export const modules = {

/***/ 9153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ runCommand),
/* harmony export */   v: () => (/* binding */ describeCommand)
/* harmony export */ });
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1260);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8992);
// Runs the deploy and stop commands of the configuration with bash, through
// @actions/exec. Inputs reach a command only as RUNBOOK_* environment
// variables, never in its text; its output is streamed line by line through
// the reporter, so it cannot issue workflow commands.


const TAIL_LINES = 10;
/** Runs one command with bash (-eo pipefail), bounded by `timeoutMs`. */
async function runCommand(options) {
    const { reporter, service, kind } = options;
    const tail = [];
    const keep = (line) => {
        const safe = (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .T)(line, 500);
        reporter.info(`  ${service} | ${safe}`);
        tail.push(safe);
        if (tail.length > TAIL_LINES)
            tail.shift();
    };
    const started = Date.now();
    const seconds = Math.max(1, Math.ceil(options.timeoutMs / 1000));
    // coreutils `timeout` sends TERM, then KILL 10 s later if the command ignores it.
    const exitCode = await _actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .exec */ .m('timeout', [
        '--kill-after=10s',
        `${seconds}s`,
        'bash',
        '-eo',
        'pipefail',
        '-c',
        options.script
    ], {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        ignoreReturnCode: true,
        silent: true,
        listeners: { stdline: keep, errline: keep }
    });
    const timedOut = exitCode === 124 || exitCode === 137;
    const result = {
        service,
        command: kind,
        ok: exitCode === 0,
        exitCode,
        timedOut,
        durationMs: Date.now() - started,
        tail
    };
    if (result.ok)
        reporter.info(`${service}: ${kind} command succeeded in ${result.durationMs} ms`);
    else
        reporter.error(`${service}: ${kind} command ${timedOut ? `timed out after ${seconds} s` : `failed with exit code ${exitCode}`}${tail.length ? `: ${tail[tail.length - 1]}` : ''}`, `${service} ${kind} failed`);
    return result;
}
function describeCommand(result) {
    if (result.ok)
        return `${result.service}: ${result.command} ok`;
    return `${result.service}: ${result.command} ${result.timedOut ? 'timed out' : `exit ${result.exitCode}`}${result.tail.length ? ` (${result.tail[result.tail.length - 1]})` : ''}`;
}


/***/ }),

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
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/dashboard/advice.ts
// The "For AI agents" section: the command to run now, computed from the
// state, and the table of state → command.

const WORKFLOW = 'ai-agent-handoff-runbook.yml';
const gh = (args) => `gh workflow run ${WORKFLOW} ${args}`;
/** What an operator should do now, from the state alone. */
function advise(state, _services) {
    const lastEvent = state.events[0];
    const good = state.deployments.find((d) => d.verified === true);
    const last = state.deployments[0];
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
        if (good && last && last.tag !== good.tag && last.verified !== true)
            return {
                situation: 'critical after a deployment',
                command: gh(`-f action=rollback -f rollback_version=${good.tag} -f reason="<why>"`),
                why: `The newest deployment is not verified healthy; ${good.tag} was.`
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
        (0,src_text/* markdownCell */.U)(advice.why, 400)
    ].join('\n');
}
function agentTable(state) {
    const good = state.deployments.find((d) => d.verified === true);
    const target = good ? good.tag : '<deployment-YYYYMMDD-HHMMSS>';
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
// the time until the next one (at most MAX_GAP), and old checks are folded
// into daily totals so a year of history stays small.
/** A check speaks for at most this long: longer gaps are unknown time. */
const MAX_GAP_S = 7 * 3600;
const DAY_S = 86_400;
const KEEP_DAYS = 31;
const toSeconds = (iso) => Math.floor(Date.parse(iso) / 1000);
const dayOf = (s) => new Date(s * 1000).toISOString().slice(0, 10);
const dayStart = (day) => toSeconds(`${day}T00:00:00Z`);
/** The time each raw check stands for, oldest first. */
function spans(recent, nowS) {
    const sorted = [...recent].sort((a, b) => a[0] - b[0]);
    return sorted.map((check, i) => {
        const next = sorted[i + 1]?.[0] ?? nowS;
        return {
            from: check[0],
            to: Math.max(check[0], Math.min(next, check[0] + MAX_GAP_S)),
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
        const start = dayStart(day.day);
        // Daily totals cover only what the raw checks no longer do.
        const overlap = Math.min(start + DAY_S, oldestRaw) - Math.max(start, from);
        if (overlap <= 0)
            continue;
        const total = day.up + day.degraded + day.down;
        if (total === 0)
            continue;
        const share = Math.min(1, overlap / DAY_S);
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
    for (let i = 0; i < fold; i++) {
        const span = all[i];
        const latency = sorted[i][2];
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
const when = (iso) => iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '—';
function render_link(text, url) {
    return url.startsWith('https://') ? `[${text}](${url})` : text;
}
function servicesTable(state, options) {
    const nowS = Math.floor(Date.parse(options.now) / 1000);
    const rows = options.services.map((service) => {
        const h = state.services[service.name];
        const status = h?.status ?? 'unknown';
        return [
            `${ICON[status] ?? '⚪'} ${status}`,
            `**${(0,src_text/* markdownCell */.U)(service.name, 60)}**<br>${(0,src_text/* markdownCell */.U)(service.title, 100)}`,
            h?.latency_ms === null || h?.latency_ms === undefined
                ? '—'
                : `${h.latency_ms} ms`,
            pct(h ? uptime(h, DAY_S, nowS) : null),
            pct(h ? uptime(h, 7 * DAY_S, nowS) : null),
            pct(h ? uptime(h, 30 * DAY_S, nowS) : null),
            when(h?.since),
            h?.reason ? (0,src_text/* markdownCell */.U)(h.reason, 120) : ''
        ];
    });
    return [
        '| state | service | latency | uptime 24 h | 7 d | 30 d | since | last reason |',
        '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
        ...rows.map((row) => `| ${row.join(' | ')} |`)
    ].join('\n');
}
function deploymentsSection(state) {
    const last = state.deployments[0];
    const good = state.deployments.find((d) => d.verified === true);
    const describe = (d) => `\`${(0,src_text/* markdownCell */.U)(d.tag, 40)}\` (${(0,src_text/* markdownCell */.U)(d.sha.slice(0, 7), 7) || 'unknown commit'}) — ${d.kind}` +
        ` of ${(0,src_text/* markdownCell */.U)(d.components.join(', ') || 'all', 200)} by ${(0,src_text/* markdownCell */.U)(d.actor || 'unknown', 60)}` +
        ` at ${when(d.time)}, ` +
        (d.verified === true
            ? '✅ verified healthy'
            : d.verified === false
                ? '❌ not healthy'
                : '⏳ not verified');
    return [
        `- **Last deployment:** ${last ? describe(last) : 'none yet'}`,
        `- **Last verified-good deployment:** ${good ? describe(good) : 'none yet'}`
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
    const labels = times.map((t) => `"${new Date(t * 1000).toISOString().slice(5, 16).replace('T', ' ')}"`);
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
        `Lines, in order: ${series.map((s) => (0,src_text/* markdownCell */.U)(s.name, 40)).join(', ')}. A 0 is a check without an answer.`
    ].join('\n');
}
function eventsSection(state, count) {
    const events = state.events.slice(0, count);
    if (events.length === 0)
        return '_No events yet._';
    return [
        '| time | event |',
        '| --- | --- |',
        ...events.map((e) => `| ${when(e.at)} | ${(0,src_text/* markdownCell */.U)(e.text, 300)} |`)
    ].join('\n');
}
function renderWith(state, options, eventCount) {
    const overall = state.overall;
    const parts = [
        platform_platform/* DASHBOARD_MARKER */.UM,
        `# ${ICON[overall] ?? '⚪'} Runbook status: ${overall.toUpperCase()}`,
        ''
    ];
    if (state.halt)
        parts.push(`> [!CAUTION]`, `> **Emergency stop in effect** since ${when(state.halt.at)} by ${(0,src_text/* markdownCell */.U)(state.halt.by, 60)}: ${(0,src_text/* markdownCell */.U)(state.halt.reason || 'no reason given', 300)}.`, `> Deploys are refused until \`resume\`. Health checks, rollbacks and resume still run.`, '');
    const run = state.last_run;
    parts.push(`Last updated ${when(state.updated_at)}` +
        (run ? ` by run ${render_link((0,src_text/* markdownCell */.U)(run.id, 40), run.url)}` : '') +
        (options.runUrl && (!run || run.url !== options.runUrl)
            ? ` · ${render_link('this run', options.runUrl)}`
            : '') +
        '.', '', '## Services', '', servicesTable(state, options), '', '## Deployments', '', deploymentsSection(state), '', '## Response time', '', chart(state, options), '', '## Recent events', '', eventsSection(state, eventCount), '', '## For AI agents', '', recommend(state, options.services), '', agentTable(state), '', `Read the state: \`gh issue view <this issue> --json body --jq .body\` and parse the JSON block between \`<!-- runbook:state\` and \`-->\` at the end; or run \`npx runbook status --json\` locally. Workflow: \`${WORKFLOW}\`.`, '', (0,dashboard_state/* serializeState */.sU)(state));
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
    if (body.length > BODY_TARGET) {
        for (const history of Object.values(state.services)) {
            history.daily = history.daily.slice(-31);
            history.recent = history.recent.slice(-1);
        }
        state.events.length = Math.min(state.events.length, 3);
        state.deployments.length = Math.min(state.deployments.length, 5);
        body = renderWith(state, options, 3);
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


/***/ }),

/***/ 2636:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createDeploymentTag: () => (/* binding */ createDeploymentTag),
/* harmony export */   currentCommit: () => (/* binding */ currentCommit),
/* harmony export */   deploy: () => (/* binding */ deploy),
/* harmony export */   deployOutputs: () => (/* binding */ deployOutputs),
/* harmony export */   deploymentTag: () => (/* binding */ deploymentTag),
/* harmony export */   targetServices: () => (/* binding */ targetServices)
/* harmony export */ });
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9153);
// The deploy stage: deploy and update-component run the services' deploy
// commands, tag the deployed commit and record a GitHub Deployment;
// emergency-stop takes the lock, stops the services and cancels other runs;
// resume releases the lock.

/** deployment-YYYYMMDD-HHMMSS in UTC. */
function deploymentTag(time) {
    const iso = time.toISOString();
    return `deployment-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}
/**
 * Creates the tag for `time`, reusing it when it already points at `sha`
 * and taking the next free second when it points elsewhere.
 */
async function createDeploymentTag(platform, sha, time) {
    for (let offset = 0; offset < 120; offset++) {
        const tag = deploymentTag(new Date(time.getTime() + offset * 1000));
        if (await platform.createTag(tag, sha))
            return tag;
        if ((await platform.tagCommit(tag)) === sha)
            return tag;
    }
    throw new Error(`no free deployment tag within two minutes of ${time.toISOString()}`);
}
function targetServices(services, target) {
    return target === 'all' ? services : services.filter((s) => s.name === target);
}
/** The commit this run deploys: the workflow's, or the local HEAD. */
async function currentCommit(ctx, platform) {
    return ctx.settings.run.sha || platform.resolveCommit('HEAD');
}
async function deploy(ctx, platform, action, targetComponent) {
    switch (action) {
        case 'deploy':
        case 'update-component':
            return deployServices(ctx, platform, action, targetComponent);
        case 'emergency-stop':
            return emergencyStop(ctx, platform);
        case 'resume':
            return resume(ctx, platform);
        default:
            return skipped(ctx, `nothing to deploy for ${action}`);
    }
}
function skipped(ctx, summary, halted = null) {
    ctx.reporter.info(summary);
    return {
        status: 'skipped',
        time: ctx.now().toISOString(),
        tag: '',
        sha: '',
        deploymentId: null,
        components: [],
        commands: [],
        halted,
        summary
    };
}
async function deployServices(ctx, platform, action, targetComponent) {
    const { config, inputs, run } = ctx.settings;
    const services = targetServices(config.services, targetComponent);
    const components = services.map((s) => s.name);
    const sha = await currentCommit(ctx, platform);
    const started = ctx.now();
    if (inputs.dryRun) {
        for (const s of services)
            ctx.reporter.info(s.deploy
                ? `dry run: would run the deploy command of ${s.name}: ${s.deploy}`
                : `dry run: ${s.name} has no deploy command`);
        ctx.reporter.info(`dry run: would tag ${sha.slice(0, 7)} as ${deploymentTag(started)} and record a deployment to ${config.deployment.environment}`);
        return {
            ...skipped(ctx, `dry run: ${action} of ${components.join(', ')} planned`),
            sha,
            components
        };
    }
    const deploymentId = await platform.createDeployment({
        sha,
        environment: config.deployment.environment,
        description: `${action} of ${components.join(', ')} by ${run.actor || 'unknown'}`,
        payload: { action, components: components.join(','), run_id: run.id }
    });
    await platform.setDeploymentStatus(deploymentId, 'in_progress', {
        logUrl: run.url,
        description: `${action} running`
    });
    const commands = [];
    await ctx.reporter.group(`Deploy ${components.join(', ')} at ${sha.slice(0, 7)}`, async () => {
        // One after another, in the configured order: a later service may depend on an earlier one.
        for (const service of services) {
            if (!service.deploy) {
                ctx.reporter.info(`${service.name}: no deploy command configured`);
                continue;
            }
            const result = await (0,_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runCommand */ .d)({
                service: service.name,
                kind: 'deploy',
                script: service.deploy,
                timeoutMs: config.deployment.timeoutMs,
                reporter: ctx.reporter,
                env: {
                    RUNBOOK_ACTION: action,
                    RUNBOOK_SERVICE: service.name,
                    RUNBOOK_REF: sha,
                    RUNBOOK_VERSION: deploymentTag(started),
                    RUNBOOK_REASON: inputs.reason
                }
            });
            commands.push(result);
            if (!result.ok)
                break;
        }
    });
    const failed = commands.find((c) => !c.ok);
    if (failed) {
        await platform.setDeploymentStatus(deploymentId, 'failure', {
            logUrl: run.url,
            description: (0,_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .describeCommand */ .v)(failed).slice(0, 140)
        });
        const summary = `${action} failed: ${(0,_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .describeCommand */ .v)(failed)}`;
        ctx.reporter.summary(`### Deploy: failed\n\n${summary}`);
        return {
            status: 'failed',
            time: started.toISOString(),
            tag: '',
            sha,
            deploymentId,
            components,
            commands,
            halted: null,
            summary
        };
    }
    const tag = await createDeploymentTag(platform, sha, started);
    const summary = `${action} of ${components.join(', ')} at ${sha.slice(0, 7)}: tagged ${tag}; the health check verifies it`;
    ctx.reporter.info(summary);
    ctx.reporter.summary(`### Deploy: ${tag}\n\n${summary}`);
    return {
        status: 'success',
        time: started.toISOString(),
        tag,
        sha,
        deploymentId,
        components,
        commands,
        halted: null,
        summary
    };
}
async function emergencyStop(ctx, platform) {
    const { config, inputs, run } = ctx.settings;
    const at = ctx.now().toISOString();
    const by = run.triggeringActor || run.actor || 'unknown';
    if (inputs.dryRun) {
        for (const s of config.services)
            ctx.reporter.info(s.stop
                ? `dry run: would run the stop command of ${s.name}: ${s.stop}`
                : `dry run: ${s.name} has no stop command`);
        return skipped(ctx, 'dry run: would take the runbook-halt lock, stop the services and cancel other runs');
    }
    const sha = await currentCommit(ctx, platform);
    const taken = await platform.takeHalt({ by, at, reason: inputs.reason }, sha);
    if (!taken) {
        const held = await platform.readHalt();
        const summary = `the emergency stop is already in effect (since ${held?.at || 'an unknown time'} by ${held?.by ?? 'unknown'}); nothing else done`;
        ctx.reporter.warning(summary, 'Emergency stop');
        return { ...skipped(ctx, summary, true) };
    }
    ctx.reporter.info(`runbook-halt lock taken by ${by}`);
    const commands = [];
    await ctx.reporter.group('Stop the services', async () => {
        // Every service is stopped even when one stop command fails.
        for (const service of config.services) {
            if (!service.stop) {
                ctx.reporter.info(`${service.name}: no stop command configured`);
                continue;
            }
            commands.push(await (0,_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runCommand */ .d)({
                service: service.name,
                kind: 'stop',
                script: service.stop,
                timeoutMs: config.deployment.timeoutMs,
                reporter: ctx.reporter,
                env: {
                    RUNBOOK_ACTION: 'emergency-stop',
                    RUNBOOK_SERVICE: service.name,
                    RUNBOOK_REF: sha,
                    RUNBOOK_VERSION: '',
                    RUNBOOK_REASON: inputs.reason
                }
            }));
        }
    });
    const cancelled = await platform.cancelOtherRuns(run.id);
    const failures = commands.filter((c) => !c.ok);
    const summary = `emergency stop by ${by}: lock taken, ${commands.length - failures.length} of ${commands.length} stop commands succeeded` +
        (failures.length ? ` (${failures.map(_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .describeCommand */ .v).join('; ')})` : '') +
        `, ${cancelled} other run${cancelled === 1 ? '' : 's'} cancelled`;
    ctx.reporter.summary(`### Emergency stop\n\n${summary}`);
    return {
        status: failures.length ? 'failed' : 'success',
        time: at,
        tag: '',
        sha,
        deploymentId: null,
        components: config.services.map((s) => s.name),
        commands,
        halted: true,
        summary
    };
}
async function resume(ctx, platform) {
    if (ctx.settings.inputs.dryRun)
        return skipped(ctx, 'dry run: would release the runbook-halt lock');
    const released = await platform.releaseHalt();
    const summary = released
        ? `resumed by ${ctx.settings.run.triggeringActor || ctx.settings.run.actor || 'unknown'}: the runbook-halt lock is released`
        : 'resume: there was no emergency stop in effect';
    ctx.reporter.summary(`### Resume\n\n${summary}`);
    return {
        ...skipped(ctx, summary, false),
        status: released ? 'success' : 'skipped'
    };
}
function deployOutputs(result) {
    return {
        'deployment-status': result.status,
        'deployment-time': result.time,
        'deployment-tag': result.tag,
        'deployment-sha': result.sha,
        'deployment-id': result.deploymentId === null ? '' : String(result.deploymentId),
        components: result.components.join(','),
        ...(result.halted === null ? {} : { halted: String(result.halted) })
    };
}


/***/ }),

/***/ 1152:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gate: () => (/* binding */ gate),
/* harmony export */   gateOutputs: () => (/* binding */ gateOutputs),
/* harmony export */   previousGoodDeployment: () => (/* binding */ previousGoodDeployment),
/* harmony export */   resolveAction: () => (/* binding */ resolveAction)
/* harmony export */ });
/* harmony import */ var _dashboard_state_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(185);
/* harmony import */ var _dashboard_store_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1816);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
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
            return refuse(`an emergency stop is in effect (since ${halt.at || 'an unknown time'} by ${halt.by}${halt.reason ? `: ${halt.reason}` : ''}); run resume first`);
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
            const target = await previousGoodDeployment(ctx, platform);
            if (!target)
                return refuse('there is no earlier verified-healthy deployment to roll back to; name one in rollback-version');
            result.rollbackVersion = target;
        }
        ctx.reporter.info(`rollback target: ${result.rollbackVersion}`);
    }
    return result;
}
/** The newest verified-healthy deployment before the current one, confirmed by its tag. */
async function previousGoodDeployment(ctx, platform, current) {
    const found = await platform.findDashboard((0,_dashboard_store_js__WEBPACK_IMPORTED_MODULE_1__/* .preferredIssue */ .zj)(ctx));
    const { state } = (0,_dashboard_state_js__WEBPACK_IMPORTED_MODULE_0__/* .parseState */ .Bu)(found.issue?.body ?? null, ctx.now().toISOString());
    // The current deployment: the one this run made, else the newest recorded.
    const currentTag = current || state.deployments.find((d) => d.kind !== 'rollback')?.tag;
    for (const deployment of state.deployments) {
        if (deployment.tag === currentTag || deployment.verified !== true)
            continue;
        if ((await platform.tagCommit(deployment.tag)) !== null)
            return deployment.tag;
    }
    return null;
}
function gateOutputs(result) {
    return {
        approved: String(result.approved),
        action: result.action,
        reason: result.reason,
        'target-component': result.targetComponent,
        'rollback-version': result.rollbackVersion,
        ...(result.halted === null ? {} : { halted: String(result.halted) })
    };
}


/***/ }),

/***/ 2911:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   currentCommit: () => (/* reexport safe */ _deploy_js__WEBPACK_IMPORTED_MODULE_1__.currentCommit),
/* harmony export */   rollback: () => (/* binding */ rollback),
/* harmony export */   rollbackOutputs: () => (/* binding */ rollbackOutputs),
/* harmony export */   shouldRollBack: () => (/* binding */ shouldRollBack)
/* harmony export */ });
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9153);
/* harmony import */ var _deploy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2636);
/* harmony import */ var _gate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1152);
/* harmony import */ var _monitor_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8363);
// The rollback stage: re-deploys a verified-good version and verifies it
// with the same probes. It runs when asked, or once, automatically, when a
// deploy in this same run left the system critical; never on a schedule and
// never twice in a run.




/** Whether to roll back, and why not when not. */
function shouldRollBack(request) {
    if (request.alreadyRolledBack)
        return {
            go: false,
            automatic: false,
            why: 'a rollback already ran in this run; never a second one'
        };
    if (request.action === 'rollback')
        return { go: true, automatic: false, why: 'rollback requested' };
    if (request.action !== 'deploy' && request.action !== 'update-component')
        return {
            go: false,
            automatic: false,
            why: request.action === 'healthcheck'
                ? 'a health check never rolls back: a rollback cannot fix an outage the deploy did not cause'
                : `nothing to roll back for ${request.action}`
        };
    if (!request.deployStatus || request.deployStatus === 'skipped')
        return {
            go: false,
            automatic: false,
            why: 'nothing was deployed in this run'
        };
    if (request.monitoringStatus !== 'critical')
        return {
            go: false,
            automatic: false,
            why: `the deploy left the system ${request.monitoringStatus ?? 'unchecked'}`
        };
    return {
        go: true,
        automatic: true,
        why: `the ${request.action} left the system critical`
    };
}
async function rollback(ctx, platform, request) {
    const { config, inputs, run } = ctx.settings;
    const decision = shouldRollBack(request);
    const none = (summary, status = 'skipped') => {
        ctx.reporter.info(`rollback: ${summary}`);
        return {
            status,
            version: '',
            sha: '',
            monitor: null,
            commands: [],
            summary
        };
    };
    if (!decision.go)
        return none(decision.why);
    let version = request.version;
    if (decision.automatic || !version) {
        const found = await (0,_gate_js__WEBPACK_IMPORTED_MODULE_2__.previousGoodDeployment)(ctx, platform, request.deployedTag);
        if (!found) {
            const summary = `${decision.why}, but there is no earlier verified-healthy deployment to roll back to`;
            ctx.reporter.error(summary, 'Rollback impossible');
            return { ...none(summary, 'failed') };
        }
        version = found;
    }
    const sha = await platform.tagCommit(version);
    if (!sha)
        return none(`the tag ${version} does not exist`, 'failed');
    // After an update-component, only that component goes back.
    const services = (0,_deploy_js__WEBPACK_IMPORTED_MODULE_1__.targetServices)(config.services, request.targetComponent);
    ctx.reporter.info(`rollback to ${version} (${sha.slice(0, 7)}): ${decision.why}`);
    if (inputs.dryRun) {
        for (const s of services)
            ctx.reporter.info(s.deploy
                ? `dry run: would run the deploy command of ${s.name} at ${version}`
                : `dry run: ${s.name} has no deploy command`);
        return {
            ...none(`dry run: would roll back to ${version} and verify`),
            version,
            sha
        };
    }
    const deploymentId = await platform.createDeployment({
        sha,
        environment: config.deployment.environment,
        description: `rollback to ${version} by ${run.actor || 'unknown'}`,
        payload: { action: 'rollback', tag: version, run_id: run.id }
    });
    await platform.setDeploymentStatus(deploymentId, 'in_progress', {
        logUrl: run.url,
        description: `rollback to ${version}`
    });
    const commands = [];
    await ctx.reporter.group(`Roll back to ${version}`, async () => {
        for (const service of services) {
            if (!service.deploy)
                continue;
            const result = await (0,_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .runCommand */ .d)({
                service: service.name,
                kind: 'deploy',
                script: service.deploy,
                timeoutMs: config.deployment.timeoutMs,
                reporter: ctx.reporter,
                env: {
                    RUNBOOK_ACTION: 'rollback',
                    RUNBOOK_SERVICE: service.name,
                    RUNBOOK_REF: sha,
                    RUNBOOK_VERSION: version,
                    RUNBOOK_REASON: inputs.reason
                }
            });
            commands.push(result);
            if (!result.ok)
                break;
        }
    });
    const failed = commands.find((c) => !c.ok);
    const verification = failed
        ? null
        : await (0,_monitor_js__WEBPACK_IMPORTED_MODULE_3__/* .monitor */ .d)(ctx, {
            version: sha,
            gracePeriodMs: config.monitor.gracePeriodMs
        });
    const ok = !failed && verification !== null && verification.status !== 'critical';
    await platform.setDeploymentStatus(deploymentId, ok ? 'success' : 'failure', {
        logUrl: run.url,
        description: ok
            ? `rolled back to ${version}, verified`
            : `rollback to ${version} failed`
    });
    const summary = ok
        ? `rolled back to ${version} and verified ${verification?.status}`
        : failed
            ? `rollback to ${version} failed: ${(0,_commands_js__WEBPACK_IMPORTED_MODULE_0__/* .describeCommand */ .v)(failed)}`
            : `rollback to ${version} did not bring the system back: still ${verification?.status}; an emergency stop is recommended`;
    if (ok)
        ctx.reporter.info(summary);
    else
        ctx.reporter.error(summary, 'Rollback failed');
    ctx.reporter.summary(`### Rollback: ${ok ? 'executed' : 'failed'}\n\n${summary}`);
    return {
        status: ok ? 'executed' : 'failed',
        version,
        sha,
        monitor: verification,
        commands,
        summary
    };
}
function rollbackOutputs(result) {
    return {
        'rollback-status': result.status,
        'rollback-version': result.version,
        'rollback-sha': result.sha,
        ...(result.monitor ? { report: JSON.stringify(result.monitor.report) } : {})
    };
}



/***/ })

};

//# sourceMappingURL=911.index.js.map