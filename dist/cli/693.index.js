export const id = 693;
export const ids = [693];
export const modules = {

/***/ 2995:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bC: () => (/* binding */ changeDashboard),
/* harmony export */   zj: () => (/* binding */ preferredIssue)
/* harmony export */ });
/* unused harmony exports DASHBOARD_TITLE, notMerged */
/* harmony import */ var _contract_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3665);
/* harmony import */ var _sleep_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5613);
/* harmony import */ var _dashboard_render_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7526);
/* harmony import */ var _dashboard_state_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(185);
// Reads, changes and writes the dashboard the careful way: found by its
// marker, written only when the body changed, and read back after each write.
// GitHub has no conditional update for an issue, so a write can overwrite
// another run's: reading back, a little later, shows that, and this run
// merges its change again into what the other run wrote.




const DASHBOARD_TITLE = 'Runbook status dashboard';
const MAX_ROUNDS = 5;
/** The dashboard issue number to use: the input when set, else the config, else 1. */
function preferredIssue(ctx) {
    const { inputs, config } = ctx.settings;
    return inputs.statusIssue !== 1
        ? inputs.statusIssue
        : (config.dashboard.issue ?? 1);
}
/**
 * Applies `change` to the dashboard's state and writes the result, then reads
 * it back; when another run wrote in between, `change` is applied again to
 * what that run wrote. So `change` must give the same state when applied to a
 * state that already has it. `from` skips finding the dashboard: a body this
 * run has just read.
 */
async function changeDashboard(ctx, platform, change, options = {}) {
    let issue = options.from ?? null;
    if (!options.from) {
        const preferred = preferredIssue(ctx);
        const found = await platform.findDashboard(preferred);
        if (found.foreign)
            ctx.reporter.warning(platform.kind === 'github'
                ? `issue #${preferred} is not a Runbook dashboard (${found.why || `no ${_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .DASHBOARD_MARKER */ .UM} marker`}): it is left untouched, and Runbook ${found.issue ? `uses its own dashboard #${found.issue.number}` : 'creates its own dashboard issue'}`
                : `${preferred === 1 ? 'the dashboard file' : 'the dashboard'} exists without the Runbook marker and is left untouched`, 'Dashboard issue');
        issue = found.issue;
    }
    const writing = new Writing(ctx, platform, change);
    const result = await writing.run(issue);
    if (writing.superseded && result.issue)
        await retire(ctx, platform, writing.superseded, result.issue);
    return result;
}
class Writing {
    ctx;
    platform;
    change;
    written = false;
    created = false;
    /** Our own new dashboard, when another run's older one was found instead. */
    superseded = null;
    constructor(ctx, platform, change) {
        this.ctx = ctx;
        this.platform = platform;
        this.change = change;
    }
    async run(start) {
        const { ctx, platform } = this;
        const { reporter } = ctx;
        let issue = start;
        for (let round = 1;; round++) {
            const state = this.merged(issue);
            const body = render(ctx, state);
            const result = (at, confirmed = true) => ({
                issue: at,
                state,
                body,
                written: this.written,
                created: this.created,
                confirmed
            });
            if (issue && body === issue.body) {
                if (!this.written)
                    reporter.info(`dashboard #${issue.number} is already up to date: nothing written`);
                return result(issue);
            }
            if (ctx.settings.inputs.dryRun) {
                reporter.info(`dry run: the dashboard would be ${issue ? 'updated' : 'created'}; its body:`);
                for (const line of body.split('\n'))
                    reporter.info(`  ${line}`);
                return result(issue);
            }
            if (!issue) {
                const made = await platform.createDashboard(DASHBOARD_TITLE, body);
                this.written = this.created = true;
                reporter.info(`dashboard created: ${made.url}`);
                const older = await this.olderDashboard(made);
                if (!older)
                    return result(made);
                reporter.info(`another run created dashboard #${older.number} at the same moment: this run's update goes there, and #${made.number} is closed`);
                this.superseded = made;
                issue = older;
                continue;
            }
            await platform.updateDashboard(issue.number, body);
            this.written = true;
            await (0,_sleep_js__WEBPACK_IMPORTED_MODULE_1__/* .sleep */ .y)(platform.settleMs);
            const back = await platform.readDashboard(issue.number);
            if (back.body === body) {
                reporter.info(`dashboard #${issue.number} updated: ${issue.url}`);
                return result(back);
            }
            if (round >= MAX_ROUNDS) {
                const now = ctx.now().toISOString();
                const theirs = (0,_dashboard_state_js__WEBPACK_IMPORTED_MODULE_3__/* .parseState */ .Bu)(back.body, now).state;
                const missing = notMerged(theirs, this.change((0,_dashboard_state_js__WEBPACK_IMPORTED_MODULE_3__/* .parseState */ .Bu)(back.body, now).state));
                reporter.warning(`dashboard #${issue.number} kept changing while this run wrote it (${MAX_ROUNDS} rounds)${missing.length ? `; not merged: ${missing.join('; ')}` : ''}`, 'Dashboard not fully updated');
                return { ...result(back, false), state: theirs };
            }
            reporter.info(`another run wrote dashboard #${issue.number} at the same time: merging again`);
            issue = back;
        }
    }
    /** The state of `issue` with this run's change, or of a new dashboard. */
    merged(issue) {
        const now = this.ctx.now().toISOString();
        const parsed = (0,_dashboard_state_js__WEBPACK_IMPORTED_MODULE_3__/* .parseState */ .Bu)(issue?.body ?? null, now);
        if (parsed.problems.length > 0) {
            this.ctx.reporter.warning(`the dashboard's state was partly unreadable and has been rebuilt: ${parsed.problems.join('; ')}`, 'Dashboard recovered');
            parsed.state.events.unshift({
                at: now,
                kind: 'dashboard-recovered',
                text: `state rebuilt: ${parsed.problems.join('; ')}`.slice(0, 500),
                run: '',
                actor: ''
            });
        }
        // Only the body first read is checked: later reads may hold another
        // run's write, which is Runbook's too.
        if (this.checkEdits &&
            issue &&
            parsed.problems.length === 0 &&
            this.sameServices(parsed.state) &&
            !(0,_dashboard_render_js__WEBPACK_IMPORTED_MODULE_2__/* .renderedByRunbook */ .tb)(issue.body, parsed.state, {
                services: this.ctx.settings.config.services,
                runUrl: this.ctx.settings.run.url,
                repository: this.ctx.settings.run.repository
            })) {
            this.ctx.reporter.warning(`dashboard #${issue.number} was edited since Runbook last wrote it: what is deployed, verified and halted is read again from the deployments and the lock, and the page is written anew`, 'Dashboard edited');
            parsed.state.events.unshift({
                at: now,
                kind: 'dashboard-edited',
                text: 'the dashboard was edited outside Runbook since its last write; facts were read again from the deployments and the lock',
                run: `${this.ctx.settings.run.id}:edited`.slice(0, 200),
                actor: ''
            });
        }
        this.checkEdits = false;
        return this.change(parsed.state);
    }
    checkEdits = true;
    /** The configured services are the ones the state holds (else the page changed for that). */
    sameServices(state) {
        const configured = this.ctx.settings.config.services.map((s) => s.name);
        const held = Object.keys(state.services);
        return (configured.length === held.length &&
            configured.every((name) => held.includes(name)));
    }
    /**
     * Another dashboard that wins over the one just made: two first runs at
     * the same moment each create one, and every later run uses the preferred
     * issue, else the oldest labelled one. When ours has the preferred number
     * it is the one, and nothing need be asked.
     */
    async olderDashboard(made) {
        const preferred = preferredIssue(this.ctx);
        if (made.number === preferred)
            return null;
        const found = await this.platform.findDashboard(preferred);
        return found.issue && found.issue.number !== made.number
            ? found.issue
            : null;
    }
}
function render(ctx, state) {
    return (0,_dashboard_render_js__WEBPACK_IMPORTED_MODULE_2__/* .renderDashboard */ .pF)(state, {
        services: ctx.settings.config.services,
        now: state.updated_at,
        runUrl: ctx.settings.run.url,
        repository: ctx.settings.run.repository
    });
}
/** Closes our duplicate with a pointer to the dashboard that holds its update. */
async function retire(ctx, platform, ours, home) {
    await platform.closeDashboard(ours.number, {
        title: `${DASHBOARD_TITLE} (superseded by #${home.number})`,
        body: `Superseded by #${home.number}: another run created that dashboard at the same moment, and this one's update was merged into it. The dashboard is ${home.url}`
    });
    ctx.reporter.info(`dashboard #${ours.number} closed, superseded by #${home.number}`);
}
/** What this run's change adds to `theirs`, in words, to say what is missing. */
function notMerged(theirs, ours) {
    const missing = [];
    const eventKey = (e) => `${e.at}|${e.kind}|${e.run}`;
    const known = new Set(theirs.events.map(eventKey));
    const events = ours.events.filter((e) => !known.has(eventKey(e)));
    if (events.length)
        missing.push(`events ${events.map((e) => `${e.kind}${e.run ? ` (run ${e.run})` : ''}`).join(', ')}`);
    const tags = new Set(theirs.deployments.map((d) => d.tag));
    const deployments = ours.deployments.filter((d) => !tags.has(d.tag));
    if (deployments.length)
        missing.push(`deployments ${deployments.map((d) => d.tag).join(', ')}`);
    const checks = Object.keys(ours.services).filter((name) => JSON.stringify(ours.services[name]) !==
        JSON.stringify(theirs.services[name]));
    if (checks.length)
        missing.push(`checks of ${checks.join(', ')}`);
    if (JSON.stringify(ours.halt) !== JSON.stringify(theirs.halt))
        missing.push('the emergency stop');
    if (JSON.stringify(ours.notify) !== JSON.stringify(theirs.notify))
        missing.push('the notification record');
    return missing;
}


/***/ }),

/***/ 693:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Announcement: () => (/* binding */ Announcement),
  hasChannels: () => (/* binding */ hasChannels),
  notifyStage: () => (/* binding */ notifyStage),
  reportOf: () => (/* binding */ reportOf),
  runEvents: () => (/* binding */ runEvents)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/stages/dashboard-store.ts
var dashboard_store = __webpack_require__(2995);
// EXTERNAL MODULE: ./src/dashboard/state.ts
var dashboard_state = __webpack_require__(185);
;// CONCATENATED MODULE: ./src/notify/claim.ts
// Claims on a message, kept in the dashboard state: a run writes its claim
// before sending and sends only when, read back, its claim is the one that
// survived, so two runs that see the same change announce it once.
/**
 * How long a claim that was never settled holds: long enough for a run to
 * send (30 s per channel at most) and write the result, short enough that a
 * run that crashed meanwhile does not silence the message for good.
 */
const CLAIM_VALID_MS = 10 * 60_000;
/** Claims older than this are dropped; the newest are kept up to MAX_CLAIMS. */
const CLAIM_KEPT_MS = 7 * 24 * 3_600_000;
const MAX_CLAIMS = 10;
/** Runners' clocks differ a little; a claim further in the future is void. */
const CLOCK_SKEW_MS = 5 * 60_000;
/**
 * What a claim is about, e.g. "critical (healthy to critical)" or
 * "emergency-stop in run 42": two runs that would send the same message
 * compute the same key. A run's own events are keyed by the run alone, so a
 * re-run of it, seeing a state that has changed since, still finds them told.
 */
function claimKey(subject) {
    const key = subject.events.length > 0
        ? `${subject.events.join('+')} in run ${subject.run}`
        : `${subject.kinds.join('+')} (${subject.from ?? 'unknown'} to ${subject.to})`;
    return key.slice(0, 200);
}
/**
 * Whether `claim`, made by someone else, stops us sending the message it is
 * about. A pending claim holds for CLAIM_VALID_MS; a message that was sent
 * (or may have been) holds for as long as it is kept when it belongs to one
 * run, and for CLAIM_VALID_MS otherwise: after that, what was told is in the
 * memory. A failed one never holds; the memory's retry wait applies.
 */
function holds(claim, key, token, now) {
    if (claim.key !== key || claim.token === token)
        return false;
    const age = now.getTime() - Date.parse(claim.at);
    if (claim.result === 'failed' || age < -CLOCK_SKEW_MS)
        return false;
    if (claim.result === 'pending')
        return age < CLAIM_VALID_MS;
    return key.includes(' in run ') || age < CLAIM_VALID_MS;
}
/** Someone else's claim that stops us sending, if any. */
function heldBy(state, key, token, now) {
    return state.notify.claims.find((c) => holds(c, key, token, now));
}
/**
 * Adds our pending claim unless someone else holds the message or ours is
 * already there. Applied to every newer body while the dashboard is written.
 */
function addClaim(state, claim, now) {
    const claims = state.notify.claims;
    if (claims.some((c) => c.token === claim.token))
        return;
    if (heldBy(state, claim.key, claim.token, now))
        return;
    state.notify.claims = prune([claim, ...claims], now);
}
/** Whether our claim is in the state and nobody else's holds the message. */
function claimWon(state, key, token, now) {
    return (state.notify.claims.some((c) => c.token === token && c.result === 'pending') && heldBy(state, key, token, now) === undefined);
}
/** Records how our claimed message went; adds the claim if it was lost. */
function settleClaim(state, claim, result, now) {
    const others = state.notify.claims.filter((c) => c.token !== claim.token);
    state.notify.claims = prune([{ ...claim, result }, ...others], now);
}
function prune(claims, now) {
    return claims
        .filter((c) => {
        const age = now.getTime() - Date.parse(c.at);
        return age < CLAIM_KEPT_MS && age >= -CLOCK_SKEW_MS;
    })
        .slice(0, MAX_CLAIMS);
}

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

// EXTERNAL MODULE: ./src/safe-text.ts
var safe_text = __webpack_require__(1452);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: external "node:perf_hooks"
var external_node_perf_hooks_ = __webpack_require__(643);
// EXTERNAL MODULE: ./src/status.ts
var src_status = __webpack_require__(5565);
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
    const line = (0,safe_text/* oneLine */.TN)(text.replace(/[\u0085\u2028\u2029]/g, ' '), Infinity);
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
                : `${src_status/* STATUS_ICON */.tW[event.overall]} Recovered from critical — now ${state}`;
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
// EXTERNAL MODULE: ./src/http-exchange.ts
var http_exchange = __webpack_require__(4305);
;// CONCATENATED MODULE: ./src/notify/deliver.ts
// Delivers one notification: a JSON POST to a webhook, each attempt bounded,
// retried on rate limits, server errors and connection failures within one
// overall time budget. A request that was sent whole and then got no answer
// is never sent again: the receiver may have posted it, so a retry could post
// it twice. Webhook URLs are secrets, so nothing it reports says anything
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
    const result = (error, unconfirmed = false) => ({
        ok: error === null,
        channel,
        label,
        attempts,
        status,
        error: error === null ? null : (0,safe_text/* oneLine */.TN)(`${label}: ${error}`, 300),
        unconfirmed
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
            if (answer.sent)
                return result(`delivery unconfirmed: ${problem} after the message was sent${after(attempts)}; not sent again`, true);
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
async function post(url, body, timeoutMs, signal) {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const secure = url.protocol === 'https:';
    try {
        const result = await (0,http_exchange/* exchange */.c)({
            client: secure ? (external_node_https_default()) : (external_node_http_default()),
            url,
            method: 'POST',
            headers: {
                'content-type': 'application/json; charset=utf-8',
                'content-length': body.length,
                'user-agent': 'runbook-notify',
                accept: 'application/json, text/plain;q=0.9, */*;q=0.5'
            },
            agent: secure ? httpsAgent : httpAgent,
            body,
            limit: RESPONSE_LIMIT,
            signal: signal
                ? AbortSignal.any([signal, timeout.signal])
                : timeout.signal
        });
        // A body cut short still came with a status: the status is what counts.
        if (result.kind === 'answer')
            return { ...result, failure: null, sent: true };
        const failure = result.error
            ? (0,net_errors/* networkReason */.d)(result.error)
            : timeout.signal.aborted
                ? `no answer within ${timeoutMs} ms`
                : 'cancelled';
        return { status: null, headers: {}, body: '', failure, sent: result.sent };
    }
    finally {
        clearTimeout(timer);
    }
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
        name: fit(`${src_status/* STATUS_ICON */.tW[s.status]} ${s.name} — ${s.status}`, FIELD_NAME_MAX, discordEscape),
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
        `${src_status/* STATUS_ICON */.tW[service.status]} *${fit(service.name, 100, slackEscape)}* — ${service.status}`
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

;// CONCATENATED MODULE: ./src/notify/send.ts
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
        return { sent: false, unconfirmed: false, results: [] };
    }
    if (options.dryRun) {
        for (const target of planned) {
            const lines = payloadLines(target.payload);
            reporter.info(`Dry run: would send the ${event.kind} notification to the ${target.label}. Its JSON${lines.length > 1 ? `, in ${lines.length} lines to be joined without separators` : ''}:`);
            for (const line of lines)
                reporter.info(line);
        }
        return { sent: false, unconfirmed: false, results: [] };
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
        error: `${target.label}: unexpected error while sending`,
        unconfirmed: false
    }))));
    for (const result of results) {
        if (result.ok)
            reporter.info(`Sent the ${event.kind} notification to the ${result.label} (${plural(result.attempts, 'attempt')}).`);
        else if (result.unconfirmed)
            reporter.warning(`Notification sent but not confirmed: ${result.error ?? result.label}`, 'Notification unconfirmed');
        else
            reporter.warning(`Notification not delivered: ${result.error ?? result.label}`, 'Notification failed');
    }
    reporter.summary(summaryMarkdown(event, results));
    const sent = results.some((r) => r.ok);
    return {
        sent,
        unconfirmed: !sent && results.some((r) => r.unconfirmed),
        results
    };
}
function summaryMarkdown(event, results) {
    const delivered = results.filter((r) => r.ok).length;
    const unconfirmed = results.filter((r) => r.unconfirmed).length;
    const lines = [
        '### Notifications',
        '',
        `\`${event.kind}\` sent to ${delivered} of ${plural(results.length, 'channel')}${unconfirmed ? `; ${unconfirmed} sent without confirmation` : ''}.`,
        '',
        ...results.map((r) => r.ok
            ? `- ✅ ${(0,safe_text/* markdownCell */.UZ)(r.label)}: delivered`
            : r.unconfirmed
                ? `- ❔ ${(0,safe_text/* markdownCell */.UZ)(r.error ?? r.label, 300)}`
                : `- ⚠️ ${(0,safe_text/* markdownCell */.UZ)(r.error ?? r.label, 300)}`)
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

// EXTERNAL MODULE: ./src/contract.ts
var contract = __webpack_require__(3665);
;// CONCATENATED MODULE: ./src/stages/notify.ts
// The notify stage: decides from the dashboard state what people must hear
// (a change of state, a rollback, a stop, a resume, or a reminder while still
// critical), claims the message in the dashboard, sends it to every channel
// only when its claim survived, and records how it went there, so that the
// next run, anywhere, knows and two runs never send the same message.








/** What happened in this run that people are always told about. */
function runEvents(results) {
    const events = [];
    const action = (0,contract/* decode */.D4)('gate', results)?.action;
    const rollback = (0,contract/* decode */.D4)('rollback', results)?.['rollback-status'];
    if (rollback === 'executed')
        events.push('rollback-executed');
    if (rollback === 'failed')
        events.push('rollback-failed');
    const deployStatus = (0,contract/* decode */.D4)('deploy', results)?.['deployment-status'];
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
 * One run's announcement: `claim` goes into the dashboard change (applied to
 * every body that change is merged into), then `finish` sends when the claim
 * survived and records the result with a second write.
 */
class Announcement {
    ctx;
    results;
    report;
    token = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    now;
    events;
    constructor(ctx, results, report) {
        this.ctx = ctx;
        this.results = results;
        this.report = report;
        this.now = ctx.now();
        this.events = runEvents(results);
    }
    /** Whether a claim is written at all: a dry run and no channel write none. */
    get claiming() {
        return hasChannels(this.ctx) && !this.ctx.settings.inputs.dryRun;
    }
    /** Whether this state leaves something to announce. */
    wanted(state) {
        return hasChannels(this.ctx) && this.pending(state) !== null;
    }
    /** Adds this run's claim on what `state` leaves to announce, if anything. */
    claim(state) {
        if (!this.claiming)
            return;
        const pending = this.pending(state);
        if (pending)
            addClaim(state, pending.claim, this.now);
    }
    /**
     * Sends when this run's claim is the one in `written` (the dashboard as
     * written and read back), then records the result in the dashboard.
     * `again` is the rest of this run's change, applied again if the record
     * has to be merged into another run's write.
     */
    async finish(platform, written, again = (s) => s) {
        const { ctx } = this;
        const nothing = { event: null, notified: false };
        if (!hasChannels(ctx)) {
            ctx.reporter.info('notify: no Slack, Discord or webhook configured');
            return nothing;
        }
        const pending = this.pending(written.state);
        if (!pending) {
            ctx.reporter.info('notify: nothing changed, nothing to send');
            return nothing;
        }
        const event = this.event(written.state, pending, written.issue?.url ?? '');
        const { inputs } = ctx.settings;
        if (inputs.dryRun) {
            await this.send(event);
            return { event, notified: false };
        }
        const key = pending.claim.key;
        if (!claimWon(written.state, key, this.token, this.now)) {
            const holder = heldBy(written.state, key, this.token, this.now);
            ctx.reporter.info(holder
                ? `notify: ${key} was claimed by run ${holder.run} at ${(0,safe_text/* readableTime */.GI)(holder.at)} (${holder.result}): not sent again`
                : `notify: this run's claim on ${key} did not stay in the dashboard: not sent, the next run decides again`);
            return nothing;
        }
        const sent = await this.send(event);
        const result = sent.sent
            ? 'sent'
            : sent.unconfirmed
                ? 'unconfirmed'
                : 'failed';
        if (written.issue)
            await (0,dashboard_store/* changeDashboard */.bC)(ctx, platform, (state) => {
                const merged = again(state);
                this.record(merged, pending, sent, event);
                settleClaim(merged, pending.claim, result, this.now);
                return merged;
            }, { from: written.issue });
        return { event, notified: sent.sent };
    }
    pending(state) {
        const { config, run } = this.ctx.settings;
        const events = this.events;
        // Before any health check the state is unknown: only what happened in
        // this run (a stop, a resume, a rollback) is worth a message.
        if (state.overall === 'unknown' && events.length === 0)
            return null;
        const told = readMemory(state.notify);
        const overall = state.overall === 'unknown'
            ? (told?.last_overall ?? 'healthy')
            : state.overall;
        const decision = decide({
            memory: told,
            overall,
            events,
            reminderHours: config.notify.reminderHours,
            now: this.now
        });
        const [kind, ...also] = decision.kinds;
        if (!kind)
            return null;
        const key = claimKey({
            kinds: decision.kinds,
            from: told?.last_overall ?? null,
            to: overall,
            events,
            run: run.id
        });
        return {
            decision,
            kinds: [kind, ...also],
            overall,
            claim: {
                key,
                overall,
                run: run.id.slice(0, 40),
                token: this.token,
                at: this.now.toISOString(),
                result: 'pending'
            }
        };
    }
    event(state, pending, dashboardUrl) {
        const { config, run, inputs } = this.ctx.settings;
        const [kind, ...also] = pending.kinds;
        const recovering = pending.kinds.includes('recovered');
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
        return {
            kind,
            also,
            overall: pending.overall,
            repository: run.repository,
            services,
            tag: (0,contract/* decode */.D4)('rollback', this.results)?.['rollback-version'] ||
                (0,contract/* decode */.D4)('deploy', this.results)?.['deployment-tag'] ||
                undefined,
            actor: run.triggeringActor || run.actor,
            reason: inputs.reason || undefined,
            runUrl: run.url,
            dashboardUrl,
            at: this.now.toISOString()
        };
    }
    send(event) {
        const { inputs, config } = this.ctx.settings;
        return notifyAll(event, {
            slack: inputs.slackWebhookUrl || undefined,
            discord: inputs.discordWebhookUrl || undefined,
            webhooks: config.notify.webhooks
        }, this.report, this.ctx.reporter, { dryRun: inputs.dryRun });
    }
    /**
     * What was sent, in the memory the next run decides from. A message that
     * may have arrived counts as told: sending it again could say it twice.
     * Applying it twice gives the same state.
     */
    record(target, pending, sent, event) {
        const memory = settle(pending.decision, sent.sent || sent.unconfirmed);
        const failed = sent.results.filter((r) => !r.ok && !r.unconfirmed);
        const unsure = sent.results.filter((r) => r.unconfirmed);
        const errors = [...failed, ...unsure].map((r) => r.error);
        target.notify = {
            ...target.notify,
            ...memory,
            last_error: errors.length ? errors.join('; ').slice(0, 500) : null
        };
        const note = (kind, text) => {
            const entry = {
                at: event.at,
                kind,
                text: text.slice(0, 500),
                run: `${this.ctx.settings.run.id}:notify`.slice(0, 40),
                actor: ''
            };
            const there = target.events.some((e) => e.at === entry.at && e.kind === kind && e.run === entry.run);
            if (!there)
                target.events.unshift(entry);
        };
        if (failed.length)
            note('notify-failed', `notification (${event.kind}) not delivered: ${failed.map((f) => f.error).join('; ')}`);
        if (unsure.length)
            note('notify-unconfirmed', `notification (${event.kind}) sent without confirmation, not sent again: ${unsure.map((f) => f.error).join('; ')}`);
    }
}
function reportOf(results) {
    return ((0,contract/* decode */.D4)('rollback', results)?.report ??
        (0,contract/* decode */.D4)('monitor', results)?.report ??
        undefined);
}
/**
 * The notify stage on its own (its own job): decide; when there is something
 * to announce, claim it in the dashboard, send, and record how it went.
 */
async function notifyStage(ctx, platform, results) {
    const found = await platform.findDashboard((0,dashboard_store/* preferredIssue */.zj)(ctx));
    if (!found.issue) {
        ctx.reporter.warning('notify: there is no dashboard to read the state from; run the status stage first');
        return { notified: false };
    }
    const announcement = new Announcement(ctx, results, reportOf(results));
    const { state } = (0,dashboard_state/* parseState */.Bu)(found.issue.body, ctx.now().toISOString());
    const plan = await ctx.reporter.group('Notifications', async () => {
        // Nothing to announce, or only to print: nothing is written.
        if (!announcement.wanted(state) || ctx.settings.inputs.dryRun)
            return announcement.finish(platform, { issue: found.issue, state });
        const claimed = await (0,dashboard_store/* changeDashboard */.bC)(ctx, platform, (s) => {
            announcement.claim(s);
            return s;
        }, { from: found.issue ?? undefined });
        return announcement.finish(platform, claimed);
    });
    return { notified: plan.notified };
}


/***/ })

};

//# sourceMappingURL=693.index.js.map