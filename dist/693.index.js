export const id = 693;
export const ids = [693];
export const modules = {

/***/ 420:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $C: () => (/* binding */ outcomeFromResults),
/* harmony export */   Bx: () => (/* binding */ MAX_EVENTS),
/* harmony export */   CU: () => (/* binding */ mergeRun),
/* harmony export */   Sf: () => (/* binding */ MAX_DEPLOYMENTS)
/* harmony export */ });
/* unused harmony exports deploymentsFromFacts, overallOf */
/* harmony import */ var _contract_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3665);
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1452);
// Merges one run's results into the dashboard state. Merging the same run
// twice gives the same state, so a re-run of the status stage writes nothing.


const MAX_EVENTS = 30;
/** What was cancelled: an automatic rollback is named as such. */
function cancelledText(outcome) {
    const jobs = outcome.cancelledJobs;
    const automatic = (outcome.action === 'deploy' || outcome.action === 'update-component') &&
        jobs.length === 1 &&
        jobs[0] === 'rollback';
    return automatic
        ? `the automatic rollback after the ${outcome.action} was cancelled`
        : `${outcome.action || 'the run'} was cancelled (${jobs.join(', ')})`;
}
/** What a failed rollback's cause means, in the words agents act on. */
const ROLLBACK_CAUSE = {
    'no-target': 'there was no verified deployment to roll back to',
    commands: 'its deploy commands failed, so the old version may not be running',
    verification: 'the old version was deployed but the check after it still failed'
};
const MAX_DEPLOYMENTS = 20;
/** Reads a run's outcome from `toJSON(needs)`-shaped results. */
function outcomeFromResults(results, run, now, reason = '') {
    const gate = (0,_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .decode */ .D4)('gate', results);
    const ci = (0,_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .decode */ .D4)('ci', results);
    const deploy = (0,_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .decode */ .D4)('deploy', results);
    const monitor = (0,_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .decode */ .D4)('monitor', results);
    const rollback = (0,_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .decode */ .D4)('rollback', results);
    const action = gate?.action ?? '';
    const report = monitor?.report ?? null;
    const deployStatus = deploy?.['deployment-status'];
    const rollbackStatus = rollback?.['rollback-status'];
    const halted = deploy?.halted ?? gate?.halted;
    return {
        runId: run.id,
        runUrl: run.url,
        actor: run.actor,
        at: report?.timestamp ?? deploy?.['deployment-time'] ?? now,
        action,
        approved: gate ? (gate.approved ?? false) : null,
        refusal: gate?.reason ?? '',
        overtaken: deploy?.refused ?? '',
        reason,
        build: ci?.['build-status'] ?? null,
        deployment: deployStatus &&
            deployStatus !== 'skipped' &&
            (action === 'deploy' || action === 'update-component')
            ? {
                status: deployStatus,
                tag: deploy?.['deployment-tag'] ?? '',
                time: deploy?.['deployment-time'] ?? now,
                sha: deploy?.['deployment-sha'] ?? '',
                components: deploy?.components ?? []
            }
            : null,
        report,
        rollback: rollbackStatus && rollbackStatus !== 'skipped'
            ? {
                status: rollbackStatus,
                version: rollback?.['rollback-version'] ?? '',
                sha: rollback?.['rollback-sha'] ?? '',
                report: rollback?.report ?? null,
                cause: rollback?.['rollback-failure'] ?? ''
            }
            : null,
        verdict: monitor?.['deploy-verdict']
            ? {
                verdict: monitor['deploy-verdict'],
                broken: monitor.broken ?? []
            }
            : null,
        failedJobs: Object.entries(results)
            .filter(([, job]) => job.result === 'failure' && Object.keys(job.outputs).length === 0)
            .map(([id]) => id),
        cancelledJobs: Object.entries(results)
            .filter(([, job]) => job.result === 'cancelled')
            .map(([id]) => id),
        halted: halted ?? null,
        stopTookLock: action === 'emergency-stop' &&
            (deployStatus === 'success' || deployStatus === 'failed'),
        stopFoundHeld: action === 'emergency-stop' &&
            deployStatus === 'skipped' &&
            deploy?.halted === true
    };
}
/** A service not checked yet. */
function newHistory(since) {
    return {
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
/** The dashboard's deployments, re-derived from the recorded facts. */
function deploymentsFromFacts(facts) {
    return facts
        .filter((d) => d.tag !== '' && d.failedIn !== 'commands')
        .map((d) => ({
        tag: d.tag,
        sha: d.sha,
        time: d.time,
        actor: d.actor,
        components: d.components,
        verified: d.verified,
        kind: d.kind,
        run_url: ''
    }))
        .sort(newestFirst)
        .slice(0, MAX_DEPLOYMENTS);
}
function newestFirst(a, b) {
    return a.time < b.time ? 1 : a.time > b.time ? -1 : 0;
}
function addEvent(state, event) {
    if (state.events.some((e) => e.run === event.run && e.kind === event.kind && event.run !== ''))
        return;
    state.events.unshift({ ...event, text: (0,_safe_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(event.text, 500) });
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
        const history = state.services[service.name] ?? newHistory(at);
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
        history.reason = result.error === null ? null : (0,_safe_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(result.error, 300);
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
    if (outcome.overtaken)
        addEvent(state, {
            at: outcome.at,
            kind: 'refused',
            text: `${outcome.action || 'the deploy'} was refused: ${outcome.overtaken}`,
            run: runId,
            actor
        });
    if (outcome.failedJobs.length > 0)
        addEvent(state, {
            at: outcome.at,
            kind: 'run-failed',
            text: `${outcome.action || 'the run'} failed: the ${outcome.failedJobs.join(', ')} job failed before reporting a result (see the run's log)`,
            run: `${runId}:failed`,
            actor
        });
    if (outcome.cancelledJobs.length > 0)
        addEvent(state, {
            at: outcome.at,
            kind: 'run-cancelled',
            text: cancelledText(outcome),
            run: `${runId}:cancelled`,
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
    // A deployment is only read for a deploy or an update-component; results
    // whose gate action was refused still name it a deploy.
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
                : `rollback${rollback.version ? ` to ${rollback.version}` : ''} failed: ${ROLLBACK_CAUSE[rollback.cause] ?? ROLLBACK_CAUSE.verification}`,
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
                    text: `emergency stop requested by ${actor}${outcome.reason ? ` (${outcome.reason})` : ''}: already in effect since ${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_1__/* .readableTime */ .GI)(held.at)} by ${held.by}`,
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
    // A service missing from this run's list (a one-off check of other
    // services, or one taken out of the configuration) keeps its history; one
    // not checked for 30 days leaves the dashboard, with a note.
    for (const [name, history] of Object.entries(state.services))
        if (!options.services.some((s) => s.name === name) &&
            (history.last_check === null ||
                Date.parse(outcome.at) - Date.parse(history.last_check) >
                    30 * 86_400_000)) {
            delete state.services[name];
            addEvent(state, {
                at: outcome.at,
                kind: 'service-removed',
                text: `${name} is no longer in the configuration and was not checked for 30 days`,
                run: `${runId}:${name}`,
                actor: ''
            });
        }
    for (const service of options.services)
        if (!state.services[service.name])
            state.services[service.name] = newHistory(outcome.at);
    if (options.deployments)
        state.deployments = deploymentsFromFacts(options.deployments);
    state.overall = overallOf(state, options.services);
    if (outcome.at > state.updated_at)
        state.updated_at = outcome.at;
    // Never older than what it reports (a rollback's verification comes later).
    const newest = state.events[0]?.at;
    if (newest && newest > state.updated_at)
        state.updated_at = newest;
    if (!state.last_run || outcome.at >= state.last_run.at)
        state.last_run = { id: runId, url: outcome.runUrl, at: outcome.at };
    return state;
}
function upsertDeployment(state, record, keepVerifiedOnly = false) {
    const existing = state.deployments.find((d) => d.tag === record.tag && d.kind === record.kind);
    if (existing) {
        // A repeated rollback to the same version is newer than what ran in
        // between: the record moves to its new time, and the list is re-sorted.
        if (!keepVerifiedOnly || record.verified)
            Object.assign(existing, record);
    }
    else
        state.deployments.unshift(record);
    state.deployments.sort(newestFirst);
    state.deployments.length = Math.min(state.deployments.length, MAX_DEPLOYMENTS);
}


/***/ }),

/***/ 185:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bu: () => (/* binding */ parseState),
/* harmony export */   sU: () => (/* binding */ serializeState)
/* harmony export */ });
/* unused harmony exports STATE_OPEN, STATE_CLOSE, MAX_STATE_CHARS, MAX_DEPTH, CLOCK_SKEW_S, MAX_RECENT, MAX_DAYS, CheckSchema, DaySchema, encodeDays, decodeDays, ServiceStateSchema, DeploymentSchema, EventSchema, HaltSchema, NotifyMemorySchema, NextSchema, LiveSchema, DashboardStateSchema, emptyState, flatten */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9691);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8532);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3760);
/* harmony import */ var _merge_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(420);
/* harmony import */ var _situation_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8352);
// The dashboard's machine-readable state: its schema, how it is read back
// from an issue body (recovering what it can), and how it is written into
// one. Agents parse this block, so its shape is public (DESIGN §5). Anyone who
// can edit the issue can edit the block: it is read with caps on its size,
// depth, lists and strings, and nothing in it may be dated in the future.




const STATE_OPEN = '<!-- runbook:state';
const STATE_CLOSE = '-->';
/** A longer block cannot come from GitHub, whose bodies stop at 65,536. */
const MAX_STATE_CHARS = 65_536;
/** The state is at most five levels deep; deeper parts are forged. */
const MAX_DEPTH = 8;
/** How far ahead of `now` a time may be before it counts as forged. */
const CLOCK_SKEW_S = 300;
/** Raw checks per service: a day of checks once a minute. */
const MAX_RECENT = 1_500;
/** Daily totals per service: 31 days and today. */
const MAX_DAYS = 32;
const DAY_S = 86_400;
/** An ISO 8601 UTC time as toISOString() writes it, or '' when unknown. */
const iso = zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()
    .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z)?$/)
    .refine((s) => s === '' || Number.isFinite(Date.parse(s)), 'not a time');
const state = zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(['healthy', 'degraded', 'down', 'unknown']);
const overall = zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(['healthy', 'degraded', 'critical', 'unknown']);
/** One check: [unix seconds, state initial (h, d, x), latency ms or null]. */
const CheckSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .tuple */ .PVZ([
    zod__WEBPACK_IMPORTED_MODULE_3__/* .int */ .Whr().min(0),
    zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(['h', 'd', 'x']),
    zod__WEBPACK_IMPORTED_MODULE_3__/* .int */ .Whr().min(0).nullable()
]);
/** A day's time, in seconds, spent in each state. */
const DaySchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    day: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .refine((d) => Number.isFinite(Date.parse(d)), 'not a day'),
    up: zod__WEBPACK_IMPORTED_MODULE_3__/* .int */ .Whr().min(0),
    degraded: zod__WEBPACK_IMPORTED_MODULE_3__/* .int */ .Whr().min(0),
    down: zod__WEBPACK_IMPORTED_MODULE_3__/* .int */ .Whr().min(0)
})
    .refine((d) => d.up + d.degraded + d.down <= DAY_S, 'more than a day');
const dayNumber = (day) => Date.parse(`${day}T00:00:00Z`) / 1000 / DAY_S;
const dayText = (n) => new Date(n * DAY_S * 1000).toISOString().slice(0, 10);
const DAYS_TEXT = /^(\d{4}-\d{2}-\d{2})((?: \d{1,5}(?:\.\d{1,5}\.\d{1,5})?(?:\*\d{1,3})?)*)$/;
/**
 * Daily totals as one string: the first day, then one token per day, oldest
 * first: seconds up, or "up.degraded.down"; "0" for a day without checks;
 * "token*n" for n days alike. "2025-11-22 86400*30 46800" is 30 whole days
 * up and 13 hours of today.
 */
function encodeDays(days) {
    if (days.length === 0)
        return '';
    const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : 1));
    const byDay = new Map(sorted.map((d) => [dayNumber(d.day), d]));
    const first = dayNumber(sorted[0].day);
    const last = dayNumber(sorted[sorted.length - 1].day);
    const runs = [];
    for (let n = first; n <= last; n++) {
        const d = byDay.get(n);
        const token = !d
            ? '0'
            : d.degraded === 0 && d.down === 0
                ? String(d.up)
                : `${d.up}.${d.degraded}.${d.down}`;
        const run = runs[runs.length - 1];
        if (run && run[0] === token)
            run[1]++;
        else
            runs.push([token, 1]);
    }
    const tokens = runs.map(([t, n]) => (n === 1 ? t : `${t}*${n}`));
    return `${dayText(first)} ${tokens.join(' ')}`;
}
/** The daily totals of an encoded string; null when it is not one. */
function decodeDays(text) {
    if (text === '')
        return [];
    const match = DAYS_TEXT.exec(text);
    if (!match || text.length > 4_000)
        return null;
    const first = dayNumber(match[1]);
    if (!Number.isInteger(first))
        return null;
    const days = [];
    let n = first;
    for (const token of match[2].split(' ').slice(1)) {
        const [value = '', times = '1'] = token.split('*');
        const [up = 0, degraded = 0, down = 0] = value.split('.').map(Number);
        const count = Number(times);
        if (count < 1 || up + degraded + down > DAY_S || n - first + count > 400)
            return null;
        for (let i = 0; i < count; i++, n++)
            if (up + degraded + down > 0)
                days.push({ day: dayText(n), up, degraded, down });
    }
    return days;
}
const daily = zod__WEBPACK_IMPORTED_MODULE_3__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(4_000), zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(DaySchema).max(MAX_DAYS * 4)])
    .transform((value, ctx) => {
    // A list of day objects is the earlier shape of the same totals.
    if (Array.isArray(value))
        return value;
    const days = decodeDays(value);
    if (days === null) {
        ctx.addIssue({ code: 'custom', message: 'not encoded daily totals' });
        return zod__WEBPACK_IMPORTED_MODULE_4__/* .NEVER */ .tm;
    }
    return days;
});
const ServiceStateSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    /** The confirmed state, which flips only after the thresholds. */
    status: state,
    since: iso,
    /** What the last run saw, and how many runs in a row saw it. */
    observed: state.default('unknown'),
    streak: zod__WEBPACK_IMPORTED_MODULE_3__/* .int */ .Whr().min(0).max(1_000_000).default(0),
    latency_ms: zod__WEBPACK_IMPORTED_MODULE_3__/* .int */ .Whr().min(0).max(3_600_000).nullable().default(null),
    reason: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(500).nullable().default(null),
    last_check: iso.nullable().default(null),
    /** Which run (and which of its checks) the last check came from. */
    last_source: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(100).default(''),
    recent: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(CheckSchema).default([]),
    daily: daily.default([])
});
const DeploymentSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    tag: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(100),
    sha: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(64),
    time: iso,
    actor: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(100),
    components: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(100)).max(_config_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_SERVICES */ .gw),
    verified: zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY().nullable(),
    kind: zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(['deploy', 'update-component', 'rollback']).default('deploy'),
    /** Kept for readers of older states; never shown: links are rebuilt. */
    run_url: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(500).default('')
});
const EventSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    at: iso,
    kind: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(40),
    text: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(1000),
    run: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(200).default(''),
    actor: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(100).default('')
});
const HaltSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    by: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(100),
    at: iso,
    reason: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(1000)
});
const NotifyMemorySchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    last_kind: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(40).nullable().default(null),
    last_overall: overall.nullable().default(null),
    last_sent_at: iso.nullable().default(null),
    last_attempt_at: iso.nullable().default(null),
    last_error: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(500).nullable().default(null),
    /** Messages claimed before sending, so that each goes out once. */
    claims: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
        key: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(200),
        overall,
        run: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(40),
        token: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(40),
        at: iso,
        result: zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(['pending', 'sent', 'failed', 'unconfirmed'])
    }))
        .max(20)
        .catch([])
        .default([])
});
const LastRunSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(40),
    /** Kept for readers of older states; never shown: links are rebuilt. */
    url: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(500),
    at: iso
})
    .nullable();
const ThresholdsSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    failure: zod__WEBPACK_IMPORTED_MODULE_3__/* .int */ .Whr().min(1).max(1000),
    success: zod__WEBPACK_IMPORTED_MODULE_3__/* .int */ .Whr().min(1).max(1000)
});
/** The only commands the state may carry: the workflow, fixed flags, safe values. */
const SAFE_COMMAND = /^gh workflow run ai-agent-handoff-runbook\.yml( -f [a-z_]+=("<[a-z ]{1,40}>"|<deployment-YYYYMMDD-HHMMSS>|[a-z0-9-]{1,100}))+$/;
/** The one next step, as the situation model decided it in the last run. */
const NextSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    situation: zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(_situation_js__WEBPACK_IMPORTED_MODULE_2__/* .SITUATIONS */ .I$),
    command: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(300).regex(SAFE_COMMAND).nullable(),
    why: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(1000),
    /** Where a rollback would go now: a well-formed deployment tag, or null. */
    target: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP()
        .regex(/^deployment-\d{8}-\d{6}$/)
        .nullable()
});
/** What runs on each service, as read from the recorded deployments. */
const LiveSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(_config_js__WEBPACK_IMPORTED_MODULE_0__/* .SERVICE_NAME */ .OX), zod__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    tag: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(/^(deployment-\d{8}-\d{6})?$/),
    sha: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(/^[0-9a-f]{0,64}$/),
    kind: zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(['deploy', 'update-component', 'rollback']),
    since: iso,
    verified: zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY().nullable()
})
    .nullable());
const DashboardStateSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_3__/* .literal */ .euz(1),
    updated_at: iso,
    overall,
    halt: HaltSchema.nullable(),
    deployments: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(DeploymentSchema),
    services: zod__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().max(100), ServiceStateSchema),
    events: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(EventSchema),
    last_run: LastRunSchema.default(null),
    thresholds: ThresholdsSchema.default({ failure: 1, success: 1 }),
    notify: NotifyMemorySchema.default({
        last_kind: null,
        last_overall: null,
        last_sent_at: null,
        last_attempt_at: null,
        last_error: null,
        claims: []
    }),
    /** The services were stopped by an emergency stop and not started since. */
    stopped: zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY().catch(false).default(false),
    next: NextSchema.nullable().catch(null).default(null),
    live: LiveSchema.catch({}).default({})
});
/** A service's keys that `service_defaults.<status>` may hold for it. */
const SHARED_KEYS = [
    'since',
    'observed',
    'streak',
    'latency_ms',
    'reason',
    'last_check',
    'last_source',
    'recent',
    'daily'
];
function emptyState(now) {
    return DashboardStateSchema.parse({
        schema: 1,
        updated_at: now,
        overall: 'unknown',
        halt: null,
        deployments: [],
        services: {},
        events: []
    });
}
/**
 * The JSON text with every value nested deeper than MAX_DEPTH replaced by
 * null, so that neither JSON.parse nor anything after it meets a deep
 * structure; and how deep the text went.
 */
function flatten(json) {
    let depth = 0;
    let deepest = 0;
    let inString = false;
    // Where the part deeper than the limit began: set on the way in, always
    // before the bracket that closes it.
    let cutFrom = 0;
    let kept = 0;
    const parts = [];
    for (let i = 0; i < json.length; i++) {
        const c = json.charCodeAt(i);
        if (inString) {
            if (c === 0x5c)
                i++;
            else if (c === 0x22)
                inString = false;
        }
        else if (c === 0x22)
            inString = true;
        else if (c === 0x7b || c === 0x5b) {
            depth++;
            deepest = Math.max(deepest, depth);
            if (depth === MAX_DEPTH + 1)
                cutFrom = i;
        }
        else if (c === 0x7d || c === 0x5d) {
            if (depth === MAX_DEPTH + 1) {
                parts.push(json.slice(kept, cutFrom), 'null');
                kept = i + 1;
            }
            depth--;
        }
    }
    parts.push(json.slice(kept));
    return { text: parts.join(''), depth: deepest };
}
/**
 * Reads the state block from a body. A blank, hand-edited, corrupt or forged
 * body never throws: each part that can be read is kept, the rest is rebuilt,
 * and what was dropped is said in `problems`.
 */
function parseState(body, now) {
    const fresh = emptyState(now);
    if (body === null || body.trim() === '')
        return {
            state: fresh,
            problems: body === null ? [] : ['the body was blank']
        };
    const start = body.lastIndexOf(STATE_OPEN);
    if (start === -1)
        return { state: fresh, problems: ['the state block was missing'] };
    const end = body.indexOf(STATE_CLOSE, start + STATE_OPEN.length);
    const json = body.slice(start + STATE_OPEN.length, end === -1 ? undefined : end);
    if (json.length > MAX_STATE_CHARS)
        return {
            state: fresh,
            problems: [
                `the state block was too long (${json.length} characters; at most ${MAX_STATE_CHARS})`
            ]
        };
    const problems = [];
    const flat = flatten(json);
    if (flat.depth > MAX_DEPTH)
        problems.push(`the state block was nested ${flat.depth} levels deep (at most ${MAX_DEPTH}): the deeper parts were dropped`);
    let raw;
    try {
        raw = JSON.parse(flat.text);
    }
    catch {
        return { state: fresh, problems: ['the state block was not valid JSON'] };
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        return { state: fresh, problems: ['the state block was not an object'] };
    const read = salvage(raw, fresh);
    problems.push(...read.problems);
    bound(read.state, now, problems);
    return { state: read.state, problems };
}
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const entries = (n) => `entr${n === 1 ? 'y' : 'ies'}`;
/** Keeps every top-level part, every service and every list entry that is valid. */
function salvage(raw, fresh) {
    const problems = [];
    const state = fresh;
    const pick = (key, schema, apply) => {
        if (!(key in raw))
            return;
        const parsed = schema.safeParse(raw[key]);
        if (parsed.success)
            apply(parsed.data);
        else
            problems.push(`"${key}" was unreadable`);
    };
    const list = (key, schema) => {
        const value = raw[key];
        if (!Array.isArray(value)) {
            if (value !== undefined)
                problems.push(`"${key}" was not a list`);
            return [];
        }
        const kept = value.flatMap((item) => {
            const parsed = schema.safeParse(item);
            return parsed.success ? [parsed.data] : [];
        });
        const lost = value.length - kept.length;
        if (lost > 0)
            problems.push(`${lost} unreadable "${key}" ${entries(lost)}`);
        return kept;
    };
    pick('updated_at', iso, (v) => (state.updated_at = v));
    pick('overall', overall, (v) => (state.overall = v));
    pick('halt', HaltSchema.nullable(), (v) => (state.halt = v));
    pick('last_run', LastRunSchema, (v) => (state.last_run = v));
    pick('thresholds', ThresholdsSchema, (v) => (state.thresholds = v));
    pick('notify', NotifyMemorySchema, (v) => (state.notify = v));
    pick('stopped', zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY(), (v) => (state.stopped = v));
    pick('next', NextSchema.nullable(), (v) => (state.next = v));
    pick('live', LiveSchema, (v) => (state.live = v));
    state.deployments = list('deployments', DeploymentSchema);
    state.events = list('events', EventSchema);
    const services = raw.services;
    if (isObject(services)) {
        // Keys a service leaves out take their value from the defaults for
        // its status.
        const defaults = (value) => {
            const all = raw.service_defaults;
            const status = isObject(value) ? value.status : undefined;
            const own = isObject(all) &&
                typeof status === 'string' &&
                Object.hasOwn(all, status)
                ? all[status]
                : undefined;
            if (!isObject(own))
                return {};
            return Object.fromEntries(SHARED_KEYS.filter((key) => Object.hasOwn(own, key)).map((key) => [
                key,
                own[key]
            ]));
        };
        let unnamed = 0;
        for (const [name, value] of Object.entries(services)) {
            if (!_config_js__WEBPACK_IMPORTED_MODULE_0__/* .SERVICE_NAME */ .OX.test(name)) {
                unnamed++;
                continue;
            }
            const entry = isObject(value) ? { ...defaults(value), ...value } : value;
            let parsed = ServiceStateSchema.safeParse(entry);
            if (!parsed.success && isObject(entry)) {
                // Keep the readable checks and days of a service with a bad one.
                const valid = (list, schema) => Array.isArray(list)
                    ? list.filter((item) => schema.safeParse(item).success)
                    : schema === DaySchema && daily.safeParse(list).success
                        ? list
                        : undefined;
                parsed = ServiceStateSchema.safeParse({
                    ...entry,
                    recent: valid(entry.recent, CheckSchema),
                    daily: valid(entry.daily, DaySchema)
                });
                if (parsed.success)
                    problems.push(`unreadable checks of service "${name}"`);
            }
            if (parsed.success)
                state.services[name] = parsed.data;
            else
                problems.push(`service "${name}" was unreadable`);
        }
        if (unnamed > 0)
            problems.push(`${unnamed} "services" ${entries(unnamed)} without a valid service name`);
    }
    else if (services !== undefined)
        problems.push('"services" was unreadable');
    if (raw.schema !== 1)
        problems.push('"schema" was not 1');
    return { state, problems };
}
/**
 * Caps every list and drops or resets anything dated after now (with a
 * little clock skew): a forged future time would hide every real one after
 * it, or keep a forged event on top for ever.
 */
function bound(state, now, problems) {
    const nowMs = Date.parse(now);
    const limitMs = nowMs + CLOCK_SKEW_S * 1000;
    const future = (time) => !!time && Date.parse(time) > limitMs;
    const dropped = (what, n, why) => {
        if (n > 0)
            problems.push(`${n} "${what}" ${entries(n)} ${why} ${n === 1 ? 'was' : 'were'} dropped`);
    };
    const reset = [];
    if (future(state.updated_at)) {
        state.updated_at = now;
        reset.push('updated_at');
    }
    if (state.halt && future(state.halt.at)) {
        // The stop itself stays: showing a halt that is not there is the safe
        // mistake, and the next run reads the real one from its tag.
        state.halt.at = now;
        reset.push('halt.at');
    }
    if (state.last_run && future(state.last_run.at)) {
        state.last_run = null;
        reset.push('last_run');
    }
    for (const key of ['last_sent_at', 'last_attempt_at'])
        if (future(state.notify[key])) {
            state.notify[key] = null;
            reset.push(`notify.${key}`);
        }
    const deployments = state.deployments.filter((d) => !future(d.time));
    dropped('deployments', state.deployments.length - deployments.length, 'dated in the future');
    dropped('deployments', deployments.length - _merge_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_DEPLOYMENTS */ .Sf, `beyond ${_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_DEPLOYMENTS */ .Sf}`);
    state.deployments = deployments.slice(0, _merge_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_DEPLOYMENTS */ .Sf);
    const events = state.events.filter((e) => !future(e.at));
    dropped('events', state.events.length - events.length, 'dated in the future');
    dropped('events', events.length - _merge_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_EVENTS */ .Bx, `beyond ${_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_EVENTS */ .Bx}`);
    state.events = events.slice(0, _merge_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_EVENTS */ .Bx);
    const names = Object.keys(state.services);
    for (const name of names.slice(_config_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_SERVICES */ .gw))
        delete state.services[name];
    dropped('services', names.length - _config_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_SERVICES */ .gw, `beyond ${_config_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_SERVICES */ .gw}`);
    const limitS = Math.floor(limitMs / 1000);
    const lastDay = new Date(limitMs).toISOString().slice(0, 10);
    const forged = new Set();
    let cut = 0;
    for (const [name, h] of Object.entries(state.services)) {
        const recent = h.recent.filter((c) => c[0] <= limitS);
        const days = h.daily.filter((d) => d.day <= lastDay);
        if (recent.length < h.recent.length ||
            days.length < h.daily.length ||
            future(h.last_check) ||
            future(h.since))
            forged.add(name);
        if (future(h.last_check))
            h.last_check = null;
        if (future(h.since))
            h.since = now;
        recent.sort((a, b) => a[0] - b[0]);
        days.sort((a, b) => (a.day < b.day ? -1 : 1));
        if (recent.length > MAX_RECENT || days.length > MAX_DAYS)
            cut++;
        h.recent = recent.slice(-MAX_RECENT);
        h.daily = days.slice(-MAX_DAYS);
    }
    if (forged.size > 0)
        problems.push(`future times of ${forged.size} service${forged.size === 1 ? '' : 's'} (${[...forged].slice(0, 5).join(', ')}${forged.size > 5 ? ', …' : ''}) were dropped or reset`);
    if (cut > 0)
        problems.push(`the oldest checks of ${cut} service${cut === 1 ? '' : 's'} beyond ${MAX_RECENT} checks or ${MAX_DAYS} days were dropped`);
    if (reset.length > 0)
        problems.push(`${reset.join(', ')} dated in the future ${reset.length === 1 ? 'was' : 'were'} reset`);
}
/** The JSON of one service as it is written: its days encoded. */
function serviceJson(h) {
    return { ...h, daily: encodeDays(h.daily) };
}
/** The state block: the JSON never contains "-->" or "<!--", whatever the text in it. */
function serializeState(state, options = {}) {
    const services = Object.fromEntries(Object.entries(state.services).map(([name, h]) => [name, serviceJson(h)]));
    let written = { ...state, services };
    if (options.shareDefaults) {
        // Per status, the value most services in it have, compared as JSON.
        const shared = {};
        for (const status of new Set(Object.values(state.services).map((h) => h.status))) {
            const group = Object.values(services).filter((s) => s.status === status);
            const own = {};
            for (const key of SHARED_KEYS) {
                const counts = new Map();
                for (const s of group) {
                    const text = JSON.stringify(s[key]);
                    counts.set(text, (counts.get(text) ?? 0) + 1);
                }
                let best;
                for (const entry of counts)
                    if (!best || entry[1] > best[1])
                        best = entry;
                if (best && best[1] > 1)
                    own[key] = JSON.parse(best[0]);
            }
            shared[status] = own;
        }
        const slim = Object.fromEntries(Object.entries(services).map(([name, s]) => {
            const own = shared[s.status] ?? {};
            return [
                name,
                Object.fromEntries(Object.entries(s).filter(([key, value]) => !(key in own) ||
                    JSON.stringify(value) !== JSON.stringify(own[key])))
            ];
        }));
        written = { ...state, services: slim, service_defaults: shared };
    }
    const json = JSON.stringify(written).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `${STATE_OPEN}\n${json}\n${STATE_CLOSE}`;
}


/***/ }),

/***/ 2345:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bC: () => (/* binding */ changeDashboard),
  zj: () => (/* binding */ preferredIssue)
});

// UNUSED EXPORTS: DASHBOARD_TITLE, notMerged

// EXTERNAL MODULE: ./src/contract.ts
var contract = __webpack_require__(3665);
// EXTERNAL MODULE: ./src/sleep.ts + 1 modules
var sleep = __webpack_require__(5613);
// EXTERNAL MODULE: ./src/safe-text.ts
var safe_text = __webpack_require__(1452);
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

// EXTERNAL MODULE: ./src/status.ts
var src_status = __webpack_require__(5565);
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
/** Keeps a number with its unit, and a date with its time, on one line in a cell. */
const NB = '\u00a0';
/** Rounded down, so that only a spotless record reads "100%". */
const pct = (value) => value === null
    ? '—'
    : value >= 1
        ? '100%'
        : `${(Math.floor(value * 10_000) / 100).toFixed(2)}%`;
/** A time for people; times come from an editable body, so they are escaped too. */
const when = (iso) => iso
    ? (0,safe_text/* markdownCell */.UZ)(iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'), 40)
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
function serviceRow(service, h, nowS, stoppedAt, reasons) {
    const status = h?.status ?? 'unknown';
    const stopped = stoppedAt !== false;
    // Since the stop, not since the state it was last seen in; to the minute,
    // in the same cell as the state, so that no column of dates squeezes the
    // others into a date broken at its hyphens.
    const since = when(stopped ? stoppedAt : h?.since).replace(/:\d\d UTC$/, '');
    const cells = [
        // Stopped on purpose: the last check before the stop is no longer news.
        stopped
            ? `${src_status/* STATUS_ICON */.tW.stopped}${NB}stopped<br>${since}<br>(last seen ${status})`
            : `${(0,src_status/* statusIcon */.I8)(status)}${NB}${status}<br>${since}`,
        `**${(0,safe_text/* markdownCell */.UZ)(service.name, 60)}**<br>${(0,safe_text/* markdownCell */.UZ)(service.title, 100)}`,
        // A stopped service answers nothing: its last answer time is history.
        stopped || h?.latency_ms === null || h?.latency_ms === undefined
            ? '—'
            : `${h.latency_ms}${NB}ms`,
        pct(h ? uptime(h, DAY_S, nowS) : null),
        pct(h ? uptime(h, 7 * DAY_S, nowS) : null),
        pct(h ? uptime(h, 30 * DAY_S, nowS) : null),
        // The whole reason is in the state block; a long one would squeeze the
        // other columns into a word a line.
        ...(reasons ? [h?.reason ? (0,safe_text/* markdownCell */.UZ)(h.reason, 80) : ''] : [])
    ];
    return `| ${cells.join(' | ')} |`;
}
/** "88 down: a, b, c, … and 70 more", the names cut to a few hundred characters. */
function namesOf(status, names) {
    let listed = '';
    let shown = 0;
    for (const name of names) {
        const next = `${listed}${shown ? ', ' : ''}${(0,safe_text/* markdownCell */.UZ)(name, 60)}`;
        if (next.length > SUMMARY_NAMES)
            break;
        listed = next;
        shown++;
    }
    const more = names.length - shown;
    return `- ${(0,src_status/* statusIcon */.I8)(status)} **${names.length} ${status}:** ${listed}${more ? `, … and ${more} more (see the state block)` : ''}`;
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
                .map((c) => `${(0,src_status/* statusIcon */.I8)(c.status)} ${c.names.length} ${c.status}`)
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
    // An empty column of reasons only squeezes the others.
    const reasons = shown.some((s) => state.services[s.name]?.reason);
    // When the services were stopped: the stop this state records, if any.
    const stoppedAt = state.stopped
        ? (state.events.find((e) => e.kind === 'emergency-stop')?.at ??
            state.halt?.at ??
            null)
        : false;
    return [
        `| state | service | latency | uptime 24${NB}h | 7${NB}d | 30${NB}d |${reasons ? ' last reason |' : ''}`,
        `| --- | --- | ---: | ---: | ---: | ---: |${reasons ? ' --- |' : ''}`,
        ...shown.map((s) => serviceRow(s, state.services[s.name], nowS, stoppedAt, reasons)),
        '',
        `${hidden ? `…and ${hidden} more healthy services. ` : ''}Under each state, the time it began (UTC).`
    ].join('\n');
}
function deploymentsSection(state) {
    const last = state.deployments[0];
    // The body is editable: a tag that is not a real deployment tag is not shown.
    const good = state.deployments.find((d) => d.verified === true && contract/* DEPLOYMENT_TAG */.vT.test(d.tag));
    const describe = (d) => `${contract/* DEPLOYMENT_TAG */.vT.test(d.tag) ? `\`${d.tag}\`` : 'an unrecognised tag'} (${(0,safe_text/* markdownCell */.UZ)(d.sha.slice(0, 7), 7) || 'unknown commit'}) — ${d.kind}` +
        ` of ${(0,safe_text/* markdownCell */.UZ)(d.components.join(', ') || 'all', 200)} by ${(0,safe_text/* markdownCell */.UZ)(d.actor || 'unknown', 60)}` +
        ` at ${when(d.time)}, ` +
        (d.verified === true
            ? '✅ verified healthy'
            : d.verified === false
                ? '❌ not healthy'
                : '⏳ not verified');
    // After a rollback the version it replaced is out of the two lines above,
    // yet it is main's head, and the first screen may be about it.
    const replaced = last?.kind === 'rollback'
        ? state.deployments.find((d) => d.kind !== 'rollback')
        : undefined;
    return [
        `- **Last deployment:** ${last ? describe(last) : 'none yet'}`,
        ...(replaced && replaced !== good
            ? [`- **Rolled back from:** ${describe(replaced)}`]
            : []),
        `- **Last verified-good deployment:** ${good ? (good === last ? 'the same, verified healthy' : describe(good)) : 'none yet'}`
    ].join('\n');
}
/** Charts at most this many services, the ones most worth watching first. */
const CHARTED = 4;
const BUCKETS = 12;
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
];
/**
 * Wide enough for twelve time labels and short, since the page holds
 * several; a failure is red and an answer time blue in either of GitHub's
 * colour modes. A directive rather than front matter, which older mermaid
 * versions would show as text.
 */
const chartInit = (palette) => `%%{init: {"xyChart": {"width": 900, "height": 300}, "themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`;
const FAILED = '#d1242f';
const ANSWERED = '#0969da';
/** The usual time between checks: the median gap, which one outage does not move. */
function cadence(times) {
    const sorted = [...new Set(times)].sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((t, i) => t - (sorted[i] ?? t));
    gaps.sort((a, b) => a - b);
    return gaps[Math.floor(gaps.length / 2)] ?? 1;
}
/**
 * The time axis: at most twelve equal spans, each at least as long as the
 * usual time between checks (so that an empty span is a missed check, not
 * the scale's doing) and, from a minute up, on the clock's round steps (so
 * that labels read 06:00, 12:00, …).
 */
function timeAxis(first, end, usual) {
    const raw = Math.max(1, Math.ceil((end - first + 1) / BUCKETS));
    const wanted = Math.max(raw, usual);
    if (wanted < 60)
        return {
            start: first,
            width: wanted,
            count: Math.ceil((end - first + 1) / wanted)
        };
    for (const width of ROUND_SPANS) {
        if (width < wanted)
            continue;
        const start = Math.floor(first / width) * width;
        const count = Math.ceil((end - start + 1) / width);
        if (count <= BUCKETS)
            return { start, width, count };
    }
    const width = Math.ceil(wanted / DAY_S) * DAY_S;
    const start = Math.floor(first / DAY_S) * DAY_S;
    return {
        start,
        width,
        count: Math.min(BUCKETS, Math.ceil((end - start + 1) / width))
    };
}
/** "4 h", "15 min", "20 s". */
function duration(seconds) {
    if (seconds >= 3600)
        return `${Math.round(seconds / 360) / 10} h`;
    if (seconds >= 60)
        return `${Math.round(seconds / 6) / 10} min`;
    return `${seconds} s`;
}
/**
 * The labels of the spans: the time of day, with the date where a day
 * begins and on the first, so that twelve of them fit side by side.
 */
function timeLabels(start, width, count) {
    let day = '';
    return Array.from({ length: count }, (_, i) => {
        const at = new Date((start + i * width) * 1000).toISOString();
        const date = at.slice(5, 10);
        const time = at.slice(11, width < 60 ? 19 : 16);
        const label = width >= DAY_S ? date : date !== day ? `${date} ${time}` : time;
        day = date;
        return `"${label}"`;
    });
}
/**
 * One small chart per service, so that each is named and none hides
 * another: the time axis is cut into equal spans (uneven checks are not
 * shown as even), a blue line for the mean answer time of each span, and a
 * red bar to the top for a span in which the service did not answer. The
 * mermaid block holds only names, numbers and times we format.
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
    const charted = series.slice(0, CHARTED);
    const all = charted.flatMap((s) => s.history?.recent.map((c) => c[0]) ?? []);
    const end = Math.max(...all);
    const shown = all.filter((t) => t >= end - 2 * DAY_S);
    // One point draws no line; the table already says how that check went.
    if (new Set(shown).size < 2)
        return '_One check so far: the charts start with the second._';
    const { start, width, count } = timeAxis(Math.min(...shown), end, cadence(shown));
    const labels = timeLabels(start, width, count);
    const charts = charted.map(({ name, history }) => {
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
        const top = Math.ceil(Math.max(10, ...means) * 1.1);
        const failed = spans.some((s) => s.failed);
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
        ].join('\n');
    });
    const left = series.length - charts.length;
    return [
        ...charts,
        `Each chart is one service (those not healthy first), in ${count} equal spans of ${duration(width)} (UTC); a span without a check shows 0 and no bar.` +
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
        ...events.map((e) => `| ${when(e.at).replace(' UTC', '')} | ${(0,safe_text/* markdownCell */.UZ)(e.text, 300)} |`)
    ].join('\n');
}
/**
 * The first screen's step: why, then the command in a block of its own, which
 * GitHub gives a copy button and never wraps mid-flag. The command passed
 * the state's strict check, which allows no backtick: it cannot close the
 * block.
 */
function nextStep(state, options) {
    const step = (0,advice/* advise */.TH)(state, options.services);
    const head = `**Next step (${step.situation}):** ${step.command === null ? 'no command to run. ' : ''}${(0,safe_text/* markdownCell */.UZ)(step.why, 500)}`;
    if (step.command === null || /[`\n]/.test(step.command))
        return head;
    // One flag a line, so that none is cut off at the edge of the block; the
    // continuations keep it one command when pasted into a shell.
    const [program = '', ...flags] = step.command.split(' -f ');
    return [
        head,
        '',
        '```sh',
        [program, ...flags.map((f) => `  -f ${f}`)].join(' \\\n'),
        '```'
    ].join('\n');
}
function renderWith(state, options, shape) {
    // Stopped by an emergency stop says more than the health of services
    // that were stopped on purpose.
    const overall = state.stopped ? 'stopped' : state.overall;
    const parts = [
        contract/* DASHBOARD_MARKER */.UM,
        `# ${(0,src_status/* statusIcon */.I8)(overall)} Runbook status: ${overall.toUpperCase()}`,
        ''
    ];
    // The lock is the first thing to know: it changes what may be run.
    if (state.halt)
        parts.push(`> [!CAUTION]`, `> **Emergency stop in effect** since ${when(state.halt.at)} by ${(0,safe_text/* markdownCell */.UZ)(state.halt.by, 60)}: ${(0,safe_text/* markdownCell */.UZ)(state.halt.reason || 'no reason given', 300)}.`, `> Deploys are refused until \`resume\`. Health checks, rollbacks and resume still run.`, '');
    parts.push(nextStep(state, options), '');
    const run = state.last_run;
    const runUrl = run ? runLink(run.id, options) : null;
    parts.push(`Last updated ${when(state.updated_at)}` +
        (run ? ` by run ${render_link((0,safe_text/* markdownCell */.UZ)(run.id, 40), runUrl)}` : '') +
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

;// CONCATENATED MODULE: ./src/stages/dashboard-store.ts
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
                ? `issue #${preferred} is not a Runbook dashboard (${found.why || `no ${contract/* DASHBOARD_MARKER */.UM} marker`}): it is left untouched, and Runbook ${found.issue ? `uses its own dashboard #${found.issue.number}` : 'creates its own dashboard issue'}`
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
            await (0,sleep/* sleep */.y)(platform.settleMs);
            const back = await platform.readDashboard(issue.number);
            if (back.body === body) {
                reporter.info(`dashboard #${issue.number} updated: ${issue.url}`);
                return result(back);
            }
            if (round >= MAX_ROUNDS) {
                const now = ctx.now().toISOString();
                const theirs = (0,dashboard_state/* parseState */.Bu)(back.body, now).state;
                const missing = notMerged(theirs, this.change((0,dashboard_state/* parseState */.Bu)(back.body, now).state));
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
        const parsed = (0,dashboard_state/* parseState */.Bu)(issue?.body ?? null, now);
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
            !renderedByRunbook(issue.body, parsed.state, {
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
    return renderDashboard(state, {
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
// EXTERNAL MODULE: ./src/stages/dashboard-store.ts + 2 modules
var dashboard_store = __webpack_require__(2345);
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