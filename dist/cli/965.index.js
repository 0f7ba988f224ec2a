export const id = 965;
export const ids = [965];
export const modules = {

/***/ 5965:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  notifyStage: () => (/* binding */ notifyStage),
  status: () => (/* binding */ status_status),
  statusOutputs: () => (/* binding */ statusOutputs)
});

// EXTERNAL MODULE: ./src/results.ts
var src_results = __webpack_require__(9385);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/dashboard/merge.ts
// Merges one run's results into the dashboard state. Merging the same run
// twice gives the same state, so a re-run of the status stage writes nothing.


const MAX_EVENTS = 30;
const MAX_DEPLOYMENTS = 20;
/** Reads a run's outcome from `toJSON(needs)`-shaped results. */
function outcomeFromResults(results, run, now, reason = '') {
    const gate = results[src_results/* JOB_IDS */.Rc.gate];
    const approvedText = (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.gate, 'approved');
    const action = (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.gate, 'action') ?? '';
    const report = (0,src_results/* reportFrom */.rw)(results, src_results/* JOB_IDS */.Rc.monitor);
    const deployStatus = (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.deploy, 'deployment-status');
    const tag = (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.deploy, 'deployment-tag') ?? '';
    const rollbackStatus = (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.rollback, 'rollback-status');
    const halted = (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.deploy, 'halted') ??
        (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.gate, 'halted');
    return {
        runId: run.id,
        runUrl: run.url,
        actor: run.actor,
        at: report?.timestamp ??
            (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.deploy, 'deployment-time') ??
            now,
        action,
        approved: approvedText === undefined
            ? gate
                ? false
                : null
            : approvedText === 'true',
        refusal: (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.gate, 'reason') ?? '',
        reason,
        build: (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.ci, 'build-status') ?? null,
        deployment: deployStatus &&
            deployStatus !== 'skipped' &&
            (action === 'deploy' || action === 'update-component')
            ? {
                status: deployStatus,
                tag,
                time: (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.deploy, 'deployment-time') ?? now,
                sha: (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.deploy, 'deployment-sha') ?? '',
                components: ((0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.deploy, 'components') ?? '')
                    .split(',')
                    .filter(Boolean)
            }
            : null,
        report,
        rollback: rollbackStatus && rollbackStatus !== 'skipped'
            ? {
                status: rollbackStatus,
                version: (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.rollback, 'rollback-version') ?? '',
                sha: (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.rollback, 'rollback-sha') ?? '',
                report: (0,src_results/* reportFrom */.rw)(results, src_results/* JOB_IDS */.Rc.rollback)
            }
            : null,
        halted: halted === undefined ? null : halted === 'true',
        stopTookLock: action === 'emergency-stop' &&
            (deployStatus === 'success' || deployStatus === 'failed'),
        stopFoundHeld: action === 'emergency-stop' &&
            deployStatus === 'skipped' &&
            (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.deploy, 'halted') === 'true'
    };
}
/** A service not checked yet. */
function newHistory(title, since) {
    return {
        title,
        status: 'unknown',
        since,
        observed: 'unknown',
        streak: 0,
        latency_ms: null,
        reason: null,
        last_check: null,
        last_source: '',
        recent: [],
        daily: []
    };
}
const INITIAL = { healthy: 'h', degraded: 'd', down: 'x' };
function addEvent(state, event) {
    if (state.events.some((e) => e.run === event.run && e.kind === event.kind && event.run !== ''))
        return;
    state.events.unshift({ ...event, text: (0,src_text/* oneLine */.TN)(event.text, 500) });
    state.events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    state.events.length = Math.min(state.events.length, MAX_EVENTS);
}
/** Applies one report's results with the cross-run thresholds. */
function applyReport(state, report, options, runId) {
    const at = report.timestamp;
    const atS = Math.floor(Date.parse(at) / 1000);
    for (const service of options.services) {
        const result = report.services[service.name];
        if (!result)
            continue;
        const history = state.services[service.name] ?? newHistory(service.title, at);
        history.title = service.title;
        const check = [atS, INITIAL[result.status], result.latency_ms];
        const sameSecond = history.recent.find((c) => c[0] === atS);
        if (sameSecond) {
            // The same report merged twice changes nothing; a newer report within
            // the same second (a rollback's verification) replaces the check.
            const merged = history.last_check === null ||
                history.last_check > at ||
                (history.last_check === at && history.last_source === runId);
            if (merged) {
                state.services[service.name] = history;
                continue;
            }
            sameSecond[1] = check[1];
            sameSecond[2] = check[2];
        }
        else {
            history.recent.push(check);
            history.recent.sort((a, b) => a[0] - b[0]);
        }
        if (history.last_check !== null && history.last_check > at) {
            state.services[service.name] = history;
            continue;
        }
        history.last_check = at;
        history.last_source = runId.slice(0, 100);
        history.latency_ms = result.latency_ms;
        history.reason = result.error === null ? null : (0,src_text/* oneLine */.TN)(result.error, 300);
        const bad = result.status === 'down';
        const wasBad = history.observed === 'down';
        history.streak =
            history.observed !== 'unknown' && bad === wasBad ? history.streak + 1 : 1;
        history.observed = result.status;
        const confirmedBad = history.status === 'down';
        let next = history.status;
        if (history.status === 'unknown')
            next = result.status;
        else if (bad &&
            !confirmedBad &&
            history.streak >= options.thresholds.failure)
            next = 'down';
        else if (!bad &&
            confirmedBad &&
            history.streak >= options.thresholds.success)
            next = result.status;
        else if (!bad && !confirmedBad)
            next = result.status;
        if (next !== history.status) {
            const previous = history.status;
            history.status = next;
            history.since = at;
            if (previous !== 'unknown' || next !== 'healthy')
                addEvent(state, {
                    at,
                    kind: `service-${next}`,
                    text: `${service.name} is ${next}` +
                        (previous === 'unknown' ? '' : ` (was ${previous})`) +
                        (history.reason ? `: ${history.reason}` : ''),
                    run: `${runId}:${service.name}`,
                    actor: ''
                });
        }
        state.services[service.name] = history;
    }
}
function overallOf(state, services) {
    const states = services.map((s) => state.services[s.name]?.status ?? 'unknown');
    if (states.some((s) => s === 'down'))
        return 'critical';
    if (states.length > 0 && states.every((s) => s === 'healthy'))
        return 'healthy';
    if (states.every((s) => s === 'unknown'))
        return 'unknown';
    return 'degraded';
}
/** Merges a run's outcome into the state (in place) and returns it. */
function mergeRun(state, outcome, options) {
    const { runId, actor } = outcome;
    // The same run merged again keeps the time it was first merged at.
    if (state.last_run?.id === runId && !outcome.report)
        outcome = { ...outcome, at: state.last_run.at };
    state.thresholds = { ...options.thresholds };
    if (outcome.approved === false && outcome.refusal)
        addEvent(state, {
            at: outcome.at,
            kind: 'refused',
            text: `${outcome.action || 'the action'} was refused: ${outcome.refusal}`,
            run: runId,
            actor
        });
    if (outcome.build === 'failed')
        addEvent(state, {
            at: outcome.at,
            kind: 'ci-failed',
            text: 'CI failed: nothing was deployed',
            run: runId,
            actor
        });
    const deployment = outcome.deployment;
    if (deployment && deployment.tag) {
        const verified = deployment.status === 'success'
            ? outcome.report
                ? outcome.report.overall_status !== 'critical'
                : null
            : false;
        upsertDeployment(state, {
            tag: deployment.tag,
            sha: deployment.sha,
            time: deployment.time,
            actor,
            components: deployment.components,
            verified,
            kind: outcome.action === 'update-component' ? 'update-component' : 'deploy',
            run_url: outcome.runUrl
        });
    }
    if (deployment)
        addEvent(state, {
            at: deployment.time,
            kind: deployment.status === 'success' ? 'deploy' : 'deploy-failed',
            text: deployment.status === 'success'
                ? `${outcome.action || 'deploy'} ${deployment.tag} (${deployment.components.join(', ') || 'all'})`
                : `${outcome.action || 'deploy'} failed${deployment.tag ? ` (${deployment.tag})` : ''}`,
            run: runId,
            actor
        });
    if (outcome.report)
        applyReport(state, outcome.report, options, runId);
    const rollback = outcome.rollback;
    if (rollback) {
        if (rollback.report)
            applyReport(state, rollback.report, options, `${runId}:rollback`);
        if (rollback.version)
            upsertDeployment(state, {
                tag: rollback.version,
                sha: rollback.sha,
                time: rollback.report?.timestamp ?? outcome.at,
                actor,
                components: options.services.map((s) => s.name),
                verified: rollback.status === 'executed',
                kind: 'rollback',
                run_url: outcome.runUrl
            }, true);
        addEvent(state, {
            at: rollback.report?.timestamp ?? outcome.at,
            kind: rollback.status === 'executed' ? 'rollback' : 'rollback-failed',
            text: rollback.status === 'executed'
                ? `rolled back to ${rollback.version}, verified healthy`
                : `rollback${rollback.version ? ` to ${rollback.version}` : ''} failed: the system is still not healthy`,
            run: runId,
            actor
        });
    }
    if (options.halt !== undefined) {
        const held = options.halt;
        if (held) {
            // Whose stop it was: this run's when it took the lock, else the
            // halt's own (another run's, or a tag made by hand).
            const ours = outcome.action === 'emergency-stop' && outcome.stopTookLock;
            const theirs = `halt@${held.at}`;
            if (ours)
                state.events = state.events.filter((e) => e.run !== theirs);
            if (ours || !state.halt)
                addEvent(state, {
                    at: held.at,
                    kind: 'emergency-stop',
                    text: `emergency stop by ${held.by}: ${held.reason || 'no reason given'}`,
                    run: ours ? runId : theirs,
                    actor: held.by
                });
            if (outcome.stopFoundHeld)
                addEvent(state, {
                    at: outcome.at,
                    kind: 'emergency-stop-held',
                    text: `emergency stop requested by ${actor}${outcome.reason ? ` (${outcome.reason})` : ''}: already in effect since ${(0,src_text/* readableTime */.GI)(held.at)} by ${held.by}`,
                    run: runId,
                    actor
                });
            state.halt = held;
        }
        else if (state.halt) {
            state.halt = null;
            addEvent(state, {
                at: outcome.at,
                kind: 'resume',
                text: `resumed by ${actor}${outcome.reason ? `: ${outcome.reason}` : ''}`,
                run: runId,
                actor
            });
        }
    }
    // Services no longer configured leave the dashboard, with a note.
    for (const name of Object.keys(state.services))
        if (!options.services.some((s) => s.name === name)) {
            delete state.services[name];
            addEvent(state, {
                at: outcome.at,
                kind: 'service-removed',
                text: `${name} is no longer in the configuration`,
                run: `${runId}:${name}`,
                actor: ''
            });
        }
    for (const service of options.services)
        if (!state.services[service.name])
            state.services[service.name] = newHistory(service.title, outcome.at);
    state.overall = overallOf(state, options.services);
    if (outcome.at > state.updated_at)
        state.updated_at = outcome.at;
    if (!state.last_run || outcome.at >= state.last_run.at)
        state.last_run = { id: runId, url: outcome.runUrl, at: outcome.at };
    return state;
}
function upsertDeployment(state, record, keepVerifiedOnly = false) {
    const existing = state.deployments.find((d) => d.tag === record.tag && d.kind === record.kind);
    if (existing) {
        if (!keepVerifiedOnly || record.verified)
            Object.assign(existing, record);
        return;
    }
    state.deployments.unshift(record);
    state.deployments.sort((a, b) => a.time < b.time ? 1 : a.time > b.time ? -1 : 0);
    state.deployments.length = Math.min(state.deployments.length, MAX_DEPLOYMENTS);
}

// EXTERNAL MODULE: ./src/dashboard/store.ts + 3 modules
var store = __webpack_require__(1816);
// EXTERNAL MODULE: ./src/dashboard/state.ts
var dashboard_state = __webpack_require__(185);
;// CONCATENATED MODULE: ./src/notify/event.ts
// What a notification is about, and the decision of what to send in a run
// given what was sent before: one message per state change, reminders while
// critical, and no repeats of a message that already reached someone.
const NOTIFY_KINDS = [
    'critical',
    'recovered',
    'rollback-executed',
    'rollback-failed',
    'emergency-stop',
    'resume',
    'reminder'
];
const EMPTY_MEMORY = {
    last_kind: null,
    last_overall: null,
    last_sent_at: null,
    last_attempt_at: null,
    failed_attempts: 0
};
/**
 * The order kinds are listed in one message; the first is its headline. A
 * stop or a rollback explains the state change that comes with it, so it leads.
 */
const PRIORITY = [
    'emergency-stop',
    'rollback-failed',
    'rollback-executed',
    'critical',
    'resume',
    'recovered',
    'reminder'
];
const STATE_KINDS = new Set([
    'critical',
    'recovered',
    'reminder'
]);
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/**
 * Decides what to send now. All the kinds go in one message (see PRIORITY):
 * a rollback and the recovery it brought are one piece of news, and one
 * message per run keeps a channel readable. A reminder is dropped whenever
 * anything else is sent, since that message says the same.
 */
function decide(input) {
    const memory = input.memory ?? EMPTY_MEMORY;
    const now = input.now.getTime();
    const wasCritical = memory.last_overall === 'critical';
    const isCritical = input.overall === 'critical';
    const wanted = new Set(input.events);
    if (isCritical && !wasCritical)
        wanted.add('critical');
    if (wasCritical && !isCritical)
        wanted.add('recovered');
    if (isCritical && wasCritical && wanted.size === 0) {
        const last = parseTime(memory.last_sent_at);
        if (last === null || now - last >= input.reminderHours * HOUR_MS)
            wanted.add('reminder');
    }
    if (wanted.size === 0) {
        // Nothing is pending, so an earlier failure no longer delays anything.
        const settled = { ...memory, failed_attempts: 0 };
        return { kinds: [], delivered: settled, undelivered: settled };
    }
    const onlyState = [...wanted].every((kind) => STATE_KINDS.has(kind));
    if (onlyState && retryWaiting(memory, input, now))
        return { kinds: [], delivered: memory, undelivered: memory };
    const kinds = PRIORITY.filter((kind) => wanted.has(kind));
    const at = input.now.toISOString();
    return {
        kinds,
        delivered: {
            last_kind: kinds[0] ?? null,
            last_overall: input.overall,
            last_sent_at: at,
            last_attempt_at: at,
            failed_attempts: 0
        },
        undelivered: {
            ...memory,
            last_attempt_at: at,
            failed_attempts: memory.failed_attempts + 1
        }
    };
}
/** The memory to store once the decided message was (or was not) delivered. */
function settle(decision, delivered) {
    return delivered ? decision.delivered : decision.undelivered;
}
/** A state message that reached no channel waits before it is tried again. */
function retryWaiting(memory, input, now) {
    if (memory.failed_attempts === 0)
        return false;
    const last = parseTime(memory.last_attempt_at);
    if (last === null)
        return false;
    const base = (input.retryMinutes ?? 15) * MINUTE_MS;
    const wait = Math.min(base * 2 ** Math.min(memory.failed_attempts - 1, 20), input.reminderHours * HOUR_MS);
    return now - last < wait;
}
/**
 * The memory read back from the dashboard state, which people can edit:
 * anything missing or malformed becomes its empty value, never an error.
 */
function readMemory(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return undefined;
    const v = value;
    const kind = v.last_kind;
    const overall = v.last_overall;
    const failed = v.failed_attempts;
    return {
        last_kind: NOTIFY_KINDS.includes(kind)
            ? kind
            : null,
        last_overall: overall === 'healthy' || overall === 'degraded' || overall === 'critical'
            ? overall
            : null,
        last_sent_at: isoOrNull(v.last_sent_at),
        last_attempt_at: isoOrNull(v.last_attempt_at),
        failed_attempts: typeof failed === 'number' && Number.isInteger(failed) && failed > 0
            ? Math.min(failed, 1000)
            : 0
    };
}
function isoOrNull(value) {
    return typeof value === 'string' && parseTime(value) !== null ? value : null;
}
function parseTime(value) {
    if (value === null)
        return null;
    const time = Date.parse(value);
    return Number.isNaN(time) ? null : time;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
;// CONCATENATED MODULE: ./src/notify/format.ts
// The words of a notification, shared by every channel, and the one way to cut
// untrusted text to a length limit after it has been escaped for a channel.

const asIs = (text) => text;
/**
 * Untrusted text as one line, escaped with `escape` and at most `max`
 * characters (UTF-16 units, as the chat services count) long, ending in "…"
 * when cut. It cuts the raw text, so it never splits an escape sequence or a
 * surrogate pair.
 */
function fit(text, max, escape = asIs) {
    if (max <= 0)
        return '';
    // Line and paragraph separators part words; oneLine would just drop them.
    const line = (0,src_text/* oneLine */.TN)(text.replace(/[\u0085\u2028\u2029]/g, ' '), Infinity);
    const full = escape(line);
    if (full.length <= max)
        return full;
    // Escaping never shortens text, so no more than `max` code points can fit.
    const chars = Array.from(line.slice(0, 2 * max + 2)).slice(0, max);
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (escape(chars.slice(0, mid).join('')).length + 1 <= max)
            lo = mid;
        else
            hi = mid - 1;
    }
    return `${escape(chars.slice(0, lo).join('')).trimEnd()}…`;
}
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
const STATE_ICON = {
    healthy: '🟢',
    degraded: '🟡',
    down: '🔴'
};
const OVERALL_ICON = { healthy: '🟢', degraded: '🟡', critical: '🔴' };
/** "2 down, 1 degraded" over the services shown. */
function serviceCounts(services) {
    const down = services.filter((s) => s.status === 'down').length;
    const degraded = services.filter((s) => s.status === 'degraded').length;
    const parts = [];
    if (down > 0)
        parts.push(`${down} down`);
    if (degraded > 0)
        parts.push(`${degraded} degraded`);
    return parts.join(', ');
}
/**
 * The headline, plain and unescaped; only the tag in it comes from outside,
 * and each channel escapes the whole line.
 */
function headline(event) {
    const counts = serviceCounts(event.services);
    const state = counts ? `${event.overall}: ${counts}` : event.overall;
    const tag = event.tag ? ` ${event.tag}` : '';
    switch (event.kind) {
        case 'critical':
            return `🔴 Critical${counts ? ` — ${counts}` : ''}`;
        case 'reminder':
            return `🔴 Still critical${counts ? ` — ${counts}` : ''}`;
        case 'recovered':
            return event.overall === 'healthy'
                ? '🟢 Recovered — all services healthy'
                : `${OVERALL_ICON[event.overall]} Recovered from critical — now ${state}`;
        case 'rollback-executed':
            return `↩️ Rolled back to${tag || ' the previous deployment'} — now ${event.overall}`;
        case 'rollback-failed':
            return `🔴 Rollback${tag ? ` to${tag}` : ''} failed — now ${event.overall}`;
        case 'emergency-stop':
            return '🛑 Emergency stop — deployments halted';
        case 'resume':
            return '▶️ Deployments resumed';
    }
}
/** How a kind merged into another's message is mentioned. */
const ALSO_TEXT = {
    critical: 'the system became critical',
    recovered: 'the system recovered from critical',
    'rollback-executed': 'a rollback was executed',
    'rollback-failed': 'a rollback failed',
    'emergency-stop': 'deployments were halted by an emergency stop',
    resume: 'deployments were resumed',
    reminder: 'the system is still critical'
};
/** The other kinds merged into this message, in words, or ''. */
function alsoLine(event) {
    const also = (event.also ?? []).filter((kind) => kind !== event.kind);
    if (also.length === 0)
        return '';
    const words = also.map((kind) => ALSO_TEXT[kind]);
    return `Also: ${words.join('; ')}.`;
}
/** What the free-text reason of the run is called, by kind. */
function reasonLabel(kind) {
    switch (kind) {
        case 'emergency-stop':
            return 'Stop reason';
        case 'resume':
            return 'Resume reason';
        case 'rollback-executed':
        case 'rollback-failed':
            return 'Rollback reason';
        default:
            return 'Reason';
    }
}
function tagLabel(kind) {
    return kind === 'rollback-executed' || kind === 'rollback-failed'
        ? 'Rollback to'
        : 'Deployment';
}
function severity(event) {
    switch (event.kind) {
        case 'critical':
        case 'reminder':
        case 'rollback-failed':
            return 'bad';
        case 'emergency-stop':
            return 'warn';
        case 'resume':
            return 'good';
        case 'recovered':
        case 'rollback-executed':
            return event.overall === 'critical'
                ? 'bad'
                : event.overall === 'degraded'
                    ? 'warn'
                    : 'good';
    }
}
/** An http(s) URL no longer than `max`: anything else is left out, not cut. */
function isLink(url, max) {
    if (!url || url.length > max)
        return false;
    try {
        const parsed = new URL(url);
        return parsed.protocol === 'https:' || parsed.protocol === 'http:';
    }
    catch {
        return false;
    }
}

// EXTERNAL MODULE: ./src/sleep.ts + 1 modules
var sleep = __webpack_require__(5613);
// EXTERNAL MODULE: ./src/net-errors.ts
var net_errors = __webpack_require__(6926);
;// CONCATENATED MODULE: ./src/notify/deliver.ts
// Delivers one notification: a JSON POST to a webhook, each attempt bounded,
// retried on rate limits, server errors and network errors within one overall
// time budget. Webhook URLs are secrets, so nothing it reports says anything
// taken from the URL.







const RESPONSE_LIMIT = 64 * 1024;
const DEFAULT_BUDGET_MS = 30_000;
const DEFAULT_ATTEMPT_MS = 10_000;
const DEFAULT_MAX_ATTEMPTS = 5;
/** Not worth another attempt with less time than this left. */
const MIN_ATTEMPT_MS = 50;
const agentOptions = { keepAlive: false };
const httpAgent = new (external_node_http_default()).Agent(agentOptions);
const httpsAgent = new (external_node_https_default()).Agent(agentOptions);
/** The wait before retry number `n` (1-based): 0.5 s, 1 s, 2 s, 4 s, then 8 s. */
function retryBackoffMs(n) {
    return Math.min(500 * 2 ** (n - 1), 8000);
}
async function deliver(channel, url, payload, options = {}) {
    const label = options.label ?? `${channel} webhook`;
    const budget = options.totalBudgetMs ?? DEFAULT_BUDGET_MS;
    const attemptMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_MS;
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const signal = options.signal;
    const wait = options.sleep ?? ((ms) => (0,sleep/* sleep */.y)(ms, signal));
    let attempts = 0;
    let status = null;
    const result = (error) => ({
        ok: error === null,
        channel,
        label,
        attempts,
        status,
        error: error === null ? null : (0,src_text/* oneLine */.TN)(`${label}: ${error}`, 300)
    });
    const target = parseTarget(url, channel);
    if (target === null)
        return result('invalid webhook URL');
    const body = Buffer.from(JSON.stringify(payload), 'utf8');
    const secrets = urlPieces(target);
    // Time spent in attempts and waits, counted as asked so that a test's
    // sleep that does not wait still uses up the budget.
    let used = 0;
    for (;;) {
        if (signal?.aborted)
            return result('cancelled');
        const timeout = Math.min(attemptMs, budget - used);
        attempts++;
        const started = external_node_perf_hooks_.performance.now();
        const answer = await post(target, body, timeout, signal);
        used += external_node_perf_hooks_.performance.now() - started;
        status = answer.status;
        let problem;
        let delay;
        if (answer.status === null) {
            if (signal?.aborted)
                return result('cancelled');
            problem = answer.failure ?? 'no answer';
            delay = retryBackoffMs(attempts);
        }
        else if (answer.status >= 200 && answer.status < 300) {
            return result(null);
        }
        else if (answer.status === 404 || answer.status === 410) {
            return result(`HTTP ${answer.status}, webhook not found (removed or wrong URL)`);
        }
        else if (answer.status === 429 || answer.status >= 500) {
            problem =
                answer.status === 429
                    ? 'HTTP 429 (rate limited)'
                    : `HTTP ${answer.status}`;
            const asked = retryAfterMs(answer);
            delay = asked ?? retryBackoffMs(attempts);
            if (asked !== null && used + asked + MIN_ATTEMPT_MS > budget)
                return result(`${problem}, asked to wait ${formatSeconds(asked)}, longer than the time left${after(attempts)}`);
        }
        else {
            const detail = safeDetail(answer.body, secrets);
            return result(`HTTP ${answer.status}${detail ? ` (${detail})` : ''}`);
        }
        if (attempts >= maxAttempts || used + delay + MIN_ATTEMPT_MS > budget)
            return result(`${problem}${after(attempts)}`);
        await wait(delay);
        used += delay;
    }
}
function after(attempts) {
    return attempts > 1 ? ` after ${plural(attempts, 'attempt')}` : '';
}
function formatSeconds(ms) {
    return `${Math.round(ms / 100) / 10} s`;
}
/** The URL to POST to; Discord's gets `wait=true` so errors come back as errors. */
function parseTarget(url, channel) {
    let target;
    try {
        target = new URL(url);
    }
    catch {
        return null;
    }
    if (target.protocol !== 'https:' && target.protocol !== 'http:')
        return null;
    if (channel === 'discord')
        target.searchParams.set('wait', 'true');
    return target;
}
/** Every part of the URL that could give it away, to keep out of messages. */
function urlPieces(url) {
    const pieces = [
        url.href,
        url.host,
        url.hostname,
        url.pathname,
        url.search,
        url.username,
        url.password,
        ...url.pathname.split('/'),
        ...[...url.searchParams.values()]
    ];
    return pieces
        .filter((p) => p.length >= 4)
        .map((p) => decodeSafely(p).toLowerCase());
}
function decodeSafely(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
/**
 * A short reason from a refusal, such as Slack's `invalid_payload` or
 * Discord's "Invalid Form Body": only plain words, never anything that
 * repeats part of the URL.
 */
function safeDetail(body, secrets) {
    let text = body.trim();
    if (text.startsWith('{')) {
        try {
            const parsed = JSON.parse(text);
            const message = typeof parsed === 'object' && parsed !== null
                ? (parsed.message ??
                    parsed.error)
                : undefined;
            if (typeof message !== 'string')
                return null;
            text = message.trim();
        }
        catch {
            return null;
        }
    }
    if (!/^[A-Za-z][\w .,'-]{0,79}$/.test(text))
        return null;
    const lower = text.toLowerCase();
    if (secrets.some((s) => lower.includes(s)))
        return null;
    return text;
}
/**
 * How long the service asked to wait: Discord's `retry_after` in the JSON
 * body (seconds, fractional), else the Retry-After header (seconds or a
 * date), else Discord's X-RateLimit-Reset-After header.
 */
function retryAfterMs(answer) {
    try {
        const parsed = JSON.parse(answer.body);
        if (typeof parsed === 'object' && parsed !== null) {
            const seconds = parsed.retry_after;
            if (typeof seconds === 'number' && Number.isFinite(seconds))
                return Math.max(0, Math.ceil(seconds * 1000));
        }
    }
    catch {
        // Not JSON: Slack answers 429 with plain text.
    }
    const header = answer.headers['retry-after'];
    if (typeof header === 'string' && header.trim() !== '') {
        const seconds = Number(header);
        if (Number.isFinite(seconds))
            return Math.max(0, Math.ceil(seconds * 1000));
        const date = Date.parse(header);
        if (!Number.isNaN(date))
            return Math.max(0, date - Date.now());
    }
    const reset = Number(answer.headers['x-ratelimit-reset-after']);
    if (answer.headers['x-ratelimit-reset-after'] && Number.isFinite(reset))
        return Math.max(0, Math.ceil(reset * 1000));
    return null;
}
/** One POST, bounded by `timeoutMs` from start to the end of the answer. */
function post(url, body, timeoutMs, signal) {
    return new Promise((resolve) => {
        let settled = false;
        const secure = url.protocol === 'https:';
        const request = (secure ? (external_node_https_default()) : (external_node_http_default())).request(url, {
            method: 'POST',
            agent: secure ? httpsAgent : httpAgent,
            headers: {
                'content-type': 'application/json; charset=utf-8',
                'content-length': body.length,
                'user-agent': 'runbook-notify',
                accept: 'application/json, text/plain;q=0.9, */*;q=0.5'
            }
        });
        const finish = (answer) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            request.destroy();
            resolve(answer);
        };
        const noAnswer = (failure) => finish({ status: null, headers: {}, body: '', failure });
        const timer = setTimeout(() => noAnswer(`no answer within ${timeoutMs} ms`), timeoutMs);
        const onAbort = () => noAnswer('cancelled');
        signal?.addEventListener('abort', onAbort, { once: true });
        if (signal?.aborted)
            onAbort();
        request.on('error', (error) => noAnswer((0,net_errors/* networkReason */.d)(error)));
        request.on('response', (response) => {
            const status = response.statusCode ?? 0;
            const chunks = [];
            let size = 0;
            const done = () => finish({
                status,
                headers: response.headers,
                body: Buffer.concat(chunks).toString('utf8'),
                failure: null
            });
            response.on('data', (chunk) => {
                const room = RESPONSE_LIMIT - size;
                if (room > 0)
                    chunks.push(chunk.subarray(0, room));
                size += chunk.length;
                // The status is what matters: never buffer more than the limit.
                if (size >= RESPONSE_LIMIT)
                    done();
            });
            response.on('end', done);
            // A body cut short still came with a status.
            response.on('aborted', done);
            response.on('error', done);
        });
        request.end(body);
    });
}

;// CONCATENATED MODULE: ./src/notify/discord.ts
// The Discord execute-webhook message: a short `content` line and one embed
// coloured by severity, within Discord's limits, that can never mention
// anyone.

const DISCORD_LIMITS = {
    content: 2000,
    title: 256,
    description: 4096,
    fields: 25,
    fieldName: 256,
    fieldValue: 1024,
    footer: 2048,
    total: 6000
};
const DISCORD_COLORS = {
    bad: 0xd1242f,
    warn: 0xf0883e,
    good: 0x1f883d
};
const FIELD_NAME_MAX = 80;
const FOOTER_MAX = 200;
/**
 * Escapes text for Discord markdown: a backslash before every markdown
 * character (so `<@123>`, `[x](y)`, `**`, `#` show as typed) and a
 * zero-width space after every `@`, so `@everyone` and `@here` read as text
 * even where `allowed_mentions` is not honoured.
 */
function discordEscape(text) {
    return text
        .replace(/[\\*_~`|<>#[\]()]/g, (c) => `\\${c}`)
        .replace(/^[-+](?= )/, (c) => `\\${c}`)
        .replace(/^(\d+)\.(?= )/, '$1\\.')
        .replace(/@/g, '@\u200b');
}
function discordPayload(event) {
    const title = headline(event);
    const repository = event.repository
        ? ` · ${fit(event.repository, 100, discordEscape)}`
        : '';
    const embed = {
        title: fit(title, DISCORD_LIMITS.title, discordEscape),
        description: description(event),
        color: DISCORD_COLORS[severity(event)],
        fields: [],
        footer: {
            text: fit(event.repository ? `Runbook · ${event.repository}` : 'Runbook', FOOTER_MAX, discordEscape)
        }
    };
    if (isLink(event.runUrl, 2000))
        embed.url = event.runUrl;
    if (!Number.isNaN(Date.parse(event.at)))
        embed.timestamp = new Date(event.at).toISOString();
    embed.fields = serviceFields(event.services, embedLength(embed));
    return {
        content: `**${fit(title, 300, discordEscape)}**${repository}`,
        embeds: [embed],
        allowed_mentions: { parse: [] }
    };
}
/** The characters Discord counts towards an embed's total limit. */
function embedLength(embed) {
    return (embed.title.length +
        embed.description.length +
        embed.footer.text.length +
        embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0));
}
function description(event) {
    const counts = serviceCounts(event.services);
    const lines = [`**Overall:** ${event.overall}${counts ? ` (${counts})` : ''}`];
    if (event.reason)
        lines.push(`**${reasonLabel(event.kind)}:** ${fit(event.reason, 800, discordEscape)}`);
    const also = alsoLine(event);
    if (also)
        lines.push(discordEscape(also));
    if (event.tag)
        lines.push(`**${tagLabel(event.kind)}:** ${fit(event.tag, 100, discordEscape)}`);
    if (event.actor)
        lines.push(`**Triggered by:** ${fit(event.actor, 100, discordEscape)}`);
    const links = [];
    if (isLink(event.runUrl, 300))
        links.push(maskedLink('Run', event.runUrl));
    if (isLink(event.dashboardUrl, 300))
        links.push(maskedLink('Dashboard', event.dashboardUrl));
    if (links.length > 0)
        lines.push(links.join(' · '));
    // Every line is bounded: together under 2,100 characters, far below 4,096.
    return lines.join('\n');
}
/** A markdown link whose URL cannot end the link early. */
function maskedLink(text, url) {
    const safe = url.replace(/[()<>\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
    return `[${text}](${safe})`;
}
/**
 * One field per service, up to the field limit (the last one then says how
 * many more there are), each value given an equal share of what the embed's
 * total limit leaves.
 */
function serviceFields(services, usedByRest) {
    const max = DISCORD_LIMITS.fields;
    const shown = services.length > max ? services.slice(0, max - 1) : services;
    const fields = shown.map((s) => ({
        name: fit(`${STATE_ICON[s.status]} ${s.name} — ${s.status}`, FIELD_NAME_MAX, discordEscape),
        value: '',
        inline: false
    }));
    const more = services.length > shown.length
        ? [
            {
                name: `…and ${plural(services.length - shown.length, 'more service')}`,
                value: 'See the dashboard for all of them.',
                inline: false
            }
        ]
        : [];
    const fixed = usedByRest +
        fields.reduce((n, f) => n + f.name.length, 0) +
        more.reduce((n, f) => n + f.name.length + f.value.length, 0);
    const share = Math.min(DISCORD_LIMITS.fieldValue, Math.floor((DISCORD_LIMITS.total - fixed) / Math.max(fields.length, 1)));
    shown.forEach((s, i) => {
        const field = fields[i];
        if (field)
            field.value = fieldValue(s, share);
    });
    return [...fields, ...more];
}
function fieldValue(service, max) {
    const parts = [];
    if (service.title && service.title !== service.name)
        parts.push(fit(service.title, Math.min(120, max), discordEscape));
    const room = max - parts.reduce((n, p) => n + p.length + 1, 0);
    if (service.reason && room > 1)
        parts.push(fit(service.reason, room, discordEscape));
    const value = parts.join('\n');
    // A field value may not be empty.
    return value || service.status;
}

;// CONCATENATED MODULE: ./src/notify/slack.ts
// The Slack incoming-webhook message: a plain fallback `text` and Block Kit
// blocks, every piece within Slack's limits and no untrusted text able to
// mention anyone or form a link.

/** Slack's limits for the blocks used here. */
const SLACK_LIMITS = {
    blocks: 50,
    headerText: 150,
    sectionText: 3000,
    sectionFields: 10,
    fieldText: 2000,
    contextElements: 10,
    buttonText: 75,
    buttonUrl: 3000
};
/** More than this and the list ends with "…and N more". */
const SLACK_MAX_SERVICES = 40;
const FALLBACK_MAX = 1000;
/**
 * Escapes text for Slack: `&`, `<` and `>` become entities, so `<!channel>`,
 * `<@U123>` or `<https://x|y>` show as typed; a zero-width space after every
 * `@` keeps `@channel`, `@here` and `@everyone` from being read as mentions.
 */
function slackEscape(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/@/g, '@\u200b');
}
function slackPayload(event) {
    const title = headline(event);
    const blocks = [
        {
            type: 'header',
            text: {
                type: 'plain_text',
                text: fit(withRepository(title, event), 150, slackEscape),
                emoji: true
            }
        },
        {
            type: 'section',
            text: { type: 'mrkdwn', text: summaryText(event) }
        },
        ...serviceSections(event.services)
    ];
    const context = contextElements(event);
    if (context.length > 0)
        blocks.push({ type: 'context', elements: context });
    const buttons = linkButtons(event);
    if (buttons.length > 0)
        blocks.push({ type: 'actions', elements: buttons });
    return { text: fallbackText(title, event), blocks };
}
function withRepository(title, event) {
    return event.repository ? `${title} · ${event.repository}` : title;
}
/** The notification preview: one plain line. */
function fallbackText(title, event) {
    const shown = event.services.slice(0, 10);
    const list = shown.map((s) => `${s.name}: ${s.status}`);
    if (event.services.length > shown.length)
        list.push(`…and ${event.services.length - shown.length} more`);
    const raw = [withRepository(title, event), list.join(', ')]
        .filter(Boolean)
        .join(' — ');
    return fit(raw, FALLBACK_MAX, slackEscape);
}
function summaryText(event) {
    const counts = serviceCounts(event.services);
    const lines = [
        `*Overall:* ${event.overall}${counts ? ` (${slackEscape(counts)})` : ''}`
    ];
    if (event.reason)
        lines.push(`*${reasonLabel(event.kind)}:* ${fit(event.reason, 1500, slackEscape)}`);
    const also = alsoLine(event);
    if (also)
        lines.push(slackEscape(also));
    // Each line is bounded, so the whole stays far below the section limit.
    return lines.join('\n');
}
function serviceField(service) {
    const lines = [
        `${STATE_ICON[service.status]} *${fit(service.name, 100, slackEscape)}* — ${service.status}`
    ];
    if (service.title && service.title !== service.name)
        lines.push(fit(service.title, 150, slackEscape));
    if (service.reason)
        lines.push(fit(service.reason, 500, slackEscape));
    return { type: 'mrkdwn', text: lines.join('\n') };
}
/** The services as fields, ten to a section, cut to SLACK_MAX_SERVICES. */
function serviceSections(services) {
    const fields = services
        .slice(0, SLACK_MAX_SERVICES)
        .map((service) => serviceField(service));
    if (services.length > SLACK_MAX_SERVICES) {
        const hidden = services.length - (SLACK_MAX_SERVICES - 1);
        fields[SLACK_MAX_SERVICES - 1] = {
            type: 'mrkdwn',
            text: `…and ${plural(hidden, 'more service')}`
        };
    }
    const sections = [];
    for (let i = 0; i < fields.length; i += SLACK_LIMITS.sectionFields)
        sections.push({
            type: 'section',
            fields: fields.slice(i, i + SLACK_LIMITS.sectionFields)
        });
    return sections;
}
function contextElements(event) {
    const elements = [];
    if (event.tag)
        elements.push({
            type: 'mrkdwn',
            text: `${tagLabel(event.kind)} \`${fit(event.tag, 100, slackEscape)}\``
        });
    if (event.actor)
        elements.push({
            type: 'mrkdwn',
            text: `Triggered by *${fit(event.actor, 100, slackEscape)}*`
        });
    if (event.at)
        elements.push({ type: 'mrkdwn', text: fit(event.at, 40, slackEscape) });
    return elements;
}
function linkButtons(event) {
    const links = [
        ['View run', event.runUrl, 'runbook-run'],
        ['Open dashboard', event.dashboardUrl, 'runbook-dashboard']
    ];
    return links
        .filter(([, url]) => isLink(url, SLACK_LIMITS.buttonUrl))
        .map(([text, url, id]) => ({
        type: 'button',
        text: { type: 'plain_text', text, emoji: true },
        url,
        action_id: id
    }));
}

;// CONCATENATED MODULE: ./src/notify/webhook.ts
// The generic webhook's JSON: the event as it is, and the monitoring report
// when there is one, for receivers that do their own formatting.
/** Untrusted text stays as it is: JSON carries it safely, and the receiver decides how to show it. */
function webhookPayload(event, report) {
    return report === undefined ? { event } : { event, report };
}

;// CONCATENATED MODULE: ./src/notify/index.ts
// Sends one notification to every configured channel at once. A channel that
// fails is a warning and a line in the summary, never an error of the run.






/** Each configured target with its payload; empty URLs are not configured. */
function planNotifications(event, targets, report) {
    const planned = [];
    if (targets.slack)
        planned.push({
            channel: 'slack',
            label: 'slack webhook',
            url: targets.slack,
            payload: slackPayload(event)
        });
    if (targets.discord)
        planned.push({
            channel: 'discord',
            label: 'discord webhook',
            url: targets.discord,
            payload: discordPayload(event)
        });
    const webhooks = targets.webhooks.filter(Boolean);
    webhooks.forEach((url, i) => planned.push({
        channel: 'webhook',
        label: webhooks.length === 1 ? 'webhook' : `webhook ${i + 1}`,
        url,
        payload: webhookPayload(event, report)
    }));
    return planned;
}
async function notifyAll(event, targets, report, reporter, options) {
    const planned = planNotifications(event, targets, report);
    // Generic webhooks come from the config file, not from masked inputs.
    for (const target of planned)
        reporter.setSecret(target.url);
    if (planned.length === 0) {
        reporter.info('No notification channel is configured: nothing to send.');
        return { sent: false, results: [] };
    }
    if (options.dryRun) {
        for (const target of planned) {
            const lines = payloadLines(target.payload);
            reporter.info(`Dry run: would send the ${event.kind} notification to the ${target.label}. Its JSON${lines.length > 1 ? `, in ${lines.length} lines to be joined without separators` : ''}:`);
            for (const line of lines)
                reporter.info(line);
        }
        return { sent: false, results: [] };
    }
    const results = await Promise.all(planned.map((target) => deliver(target.channel, target.url, target.payload, {
        ...options.delivery,
        label: target.label
    }).catch(() => ({
        ok: false,
        channel: target.channel,
        label: target.label,
        attempts: 0,
        status: null,
        error: `${target.label}: unexpected error while sending`
    }))));
    for (const result of results) {
        if (result.ok)
            reporter.info(`Sent the ${event.kind} notification to the ${result.label} (${plural(result.attempts, 'attempt')}).`);
        else
            reporter.warning(`Notification not delivered: ${result.error ?? result.label}`, 'Notification failed');
    }
    reporter.summary(summaryMarkdown(event, results));
    return { sent: results.some((r) => r.ok), results };
}
function summaryMarkdown(event, results) {
    const delivered = results.filter((r) => r.ok).length;
    const lines = [
        '### Notifications',
        '',
        `\`${event.kind}\` sent to ${delivered} of ${plural(results.length, 'channel')}.`,
        '',
        ...results.map((r) => r.ok
            ? `- ✅ ${(0,src_text/* markdownCell */.UZ)(r.label)}: delivered`
            : `- ⚠️ ${(0,src_text/* markdownCell */.UZ)(r.error ?? r.label, 300)}`)
    ];
    return lines.join('\n');
}
// Escapes at the two ends can add up to ten characters.
const LINE_WIDTH = 990;
/**
 * The payload's exact JSON as log lines that survive the log's one-line
 * filter: characters it would drop or merge (C1 controls, line separators,
 * runs of spaces) are written as JSON escapes, and so is a space or colon
 * that would start or end a line, so joining the lines gives the JSON back.
 * Spaces occur only inside strings in compact JSON, and so does a run of
 * colons, which is what makes those escapes valid.
 */
function payloadLines(payload) {
    const json = JSON.stringify(payload)
        .replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .replace(/ (?= )/g, '\\u0020');
    const lines = [];
    let start = 0;
    while (start < json.length) {
        let end = Math.min(start + LINE_WIDTH, json.length);
        // Leave a colon to the line before rather than start a line with it.
        while (end < json.length && end > start + 1 && json[end] === ':')
            end--;
        let line = json.slice(start, end);
        // A colon next to another is inside a string, as JSON's own are not.
        if (line.startsWith(':') &&
            (json[start - 1] === ':' || json[start + 1] === ':'))
            line = `\\u003a${line.slice(1)}`;
        line = line.replace(/^ /, '\\u0020').replace(/ $/, '\\u0020');
        lines.push(line);
        start = end;
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/stages/notify.ts
// The notify stage: decides from the dashboard state what people must hear
// (a change of state, a rollback, a stop, a resume, or a reminder while still
// critical), sends one message to every channel, and remembers what was
// sent in the dashboard state so the next run, anywhere, knows.



/** What happened in this run that people are always told about. */
function runEvents(results) {
    const events = [];
    const action = (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.gate, 'action');
    const rollback = (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.rollback, 'rollback-status');
    if (rollback === 'executed')
        events.push('rollback-executed');
    if (rollback === 'failed')
        events.push('rollback-failed');
    const deployStatus = (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.deploy, 'deployment-status');
    if (action === 'emergency-stop' &&
        deployStatus !== undefined &&
        deployStatus !== 'skipped')
        events.push('emergency-stop');
    if (action === 'resume' && deployStatus === 'success')
        events.push('resume');
    return events;
}
function hasChannels(ctx) {
    const { inputs, config } = ctx.settings;
    return Boolean(inputs.slackWebhookUrl ||
        inputs.discordWebhookUrl ||
        config.notify.webhooks.length);
}
/**
 * Decides and sends. The returned `remember` is applied to the dashboard
 * state that is written afterwards (by the caller), once.
 */
async function sendNotifications(ctx, state, results, dashboardUrl, report) {
    const { inputs, config, run } = ctx.settings;
    const nothing = {
        event: null,
        remember: () => { },
        notified: false
    };
    if (!hasChannels(ctx)) {
        ctx.reporter.info('notify: no Slack, Discord or webhook configured');
        return nothing;
    }
    const events = runEvents(results);
    // Before any health check the state is unknown: only what happened in
    // this run (a stop, a resume, a rollback) is worth a message.
    if (state.overall === 'unknown' && events.length === 0)
        return nothing;
    const told = readMemory(state.notify);
    const overall = state.overall === 'unknown'
        ? (told?.last_overall ?? 'healthy')
        : state.overall;
    const now = ctx.now();
    const decision = decide({
        memory: told,
        overall,
        events,
        reminderHours: config.notify.reminderHours,
        now
    });
    const [kind, ...also] = decision.kinds;
    if (!kind) {
        ctx.reporter.info('notify: nothing changed, nothing to send');
        return nothing;
    }
    const recovering = decision.kinds.includes('recovered');
    const services = config.services.flatMap((service) => {
        const history = state.services[service.name];
        if (!history || history.status === 'unknown')
            return [];
        if (!recovering && history.status === 'healthy')
            return [];
        return [
            {
                name: service.name,
                title: service.title,
                status: history.status,
                reason: history.reason
            }
        ];
    });
    const event = {
        kind,
        also,
        overall,
        repository: run.repository,
        services,
        tag: (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.rollback, 'rollback-version') ||
            (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.deploy, 'deployment-tag') ||
            undefined,
        actor: run.triggeringActor || run.actor,
        reason: inputs.reason || undefined,
        runUrl: run.url,
        dashboardUrl,
        at: now.toISOString()
    };
    const sent = await notifyAll(event, {
        slack: inputs.slackWebhookUrl || undefined,
        discord: inputs.discordWebhookUrl || undefined,
        webhooks: config.notify.webhooks
    }, report, ctx.reporter, { dryRun: inputs.dryRun });
    if (inputs.dryRun)
        return { event, remember: () => { }, notified: false };
    const memory = settle(decision, sent.sent);
    const failures = sent.results.filter((r) => !r.ok);
    return {
        event,
        notified: sent.sent,
        remember: (target) => {
            target.notify = {
                ...target.notify,
                ...memory,
                last_error: failures.length
                    ? failures
                        .map((f) => f.error)
                        .join('; ')
                        .slice(0, 500)
                    : null
            };
            if (failures.length)
                target.events.unshift({
                    at: event.at,
                    kind: 'notify-failed',
                    text: `notification (${kind}) not delivered: ${failures.map((f) => f.error).join('; ')}`.slice(0, 500),
                    run: `${run.id}:notify`,
                    actor: ''
                });
        }
    };
}

;// CONCATENATED MODULE: ./src/stages/status.ts
// The status stage: merges this run's results into the dashboard and writes
// it, only when it changed. In `all`, the notify step runs inside it, so one
// write carries both the run's results and what was sent.






async function status_status(ctx, platform, results, options = {}) {
    const { config, run, inputs } = ctx.settings;
    const outcome = outcomeFromResults(results, run, ctx.now().toISOString(), inputs.reason);
    // When this run already saw the lock free (the gate before a deploy), it
    // is not read again; the dashboard's halt is then left as it is, since a
    // stop taken meanwhile is recorded by the run that took it.
    const known = outcome.halted === false && outcome.action !== 'resume';
    const halt = known ? undefined : await platform.readHalt();
    let plan = null;
    const write = await ctx.reporter.group('Dashboard', () => (0,store/* changeDashboard */.bC)(ctx, platform, (state) => mergeRun(state, outcome, {
        services: config.services,
        thresholds: {
            failure: config.dashboard.failureThreshold,
            success: config.dashboard.successThreshold
        },
        halt
    }), options.notify
        ? async (state, issue) => {
            plan = await notifyFrom(ctx, state, results, issue);
            return plan.remember;
        }
        : undefined));
    summarise(ctx, write);
    return { ...write, notify: plan, halted: Boolean(halt) };
}
function notifyFrom(ctx, state, results, issue) {
    const report = (0,src_results/* reportFrom */.rw)(results, src_results/* JOB_IDS */.Rc.rollback) ??
        (0,src_results/* reportFrom */.rw)(results, src_results/* JOB_IDS */.Rc.monitor) ??
        undefined;
    return ctx.reporter.group('Notifications', () => sendNotifications(ctx, state, results, issue?.url ?? '', report));
}
/** The notify stage on its own (its own job): decide, send, remember. */
async function notifyStage(ctx, platform, results) {
    let plan = null;
    const found = await platform.findDashboard((0,store/* preferredIssue */.zj)(ctx));
    if (!found.issue) {
        ctx.reporter.warning('notify: there is no dashboard to read the state from; run the status stage first');
        return { notified: false };
    }
    const { state } = (0,dashboard_state/* parseState */.Bu)(found.issue.body, ctx.now().toISOString());
    plan = await notifyFrom(ctx, state, results, found.issue);
    if (plan.event && !ctx.settings.inputs.dryRun) {
        const remember = plan.remember;
        await (0,store/* changeDashboard */.bC)(ctx, platform, (s) => {
            remember(s);
            return s;
        });
    }
    return { notified: plan.notified };
}
function summarise(ctx, write) {
    if (!write.issue)
        return;
    const link = write.issue.url.startsWith('https://')
        ? `[Dashboard issue #${write.issue.number}](${write.issue.url})`
        : (0,src_text/* markdownCell */.UZ)(write.issue.url);
    ctx.reporter.summary(`### Dashboard\n\n${link}: **${write.state.overall}**${write.written ? '' : ' (unchanged)'}`);
}
function statusOutputs(write) {
    return {
        ...(write.issue
            ? {
                'issue-number': String(write.issue.number),
                'issue-url': write.issue.url
            }
            : {}),
        halted: String(write.halted),
        ...(write.notify ? { notified: String(write.notify.notified) } : {})
    };
}


/***/ })

};

//# sourceMappingURL=965.index.js.map