export const id = 185;
export const ids = [185];
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
/* harmony import */ var _results_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9385);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8992);
// Merges one run's results into the dashboard state. Merging the same run
// twice gives the same state, so a re-run of the status stage writes nothing.


const MAX_EVENTS = 30;
/** What a failed rollback's cause means, in the words agents act on. */
const ROLLBACK_CAUSE = {
    'no-target': 'there was no verified deployment to roll back to',
    commands: 'its deploy commands failed, so the old version may not be running',
    verification: 'the old version was deployed but the check after it still failed'
};
const MAX_DEPLOYMENTS = 20;
/** Reads a run's outcome from `toJSON(needs)`-shaped results. */
function outcomeFromResults(results, run, now, reason = '') {
    const gate = results[_results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.gate];
    const approvedText = (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.gate, 'approved');
    const action = (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.gate, 'action') ?? '';
    const report = (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .reportFrom */ .rw)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.monitor);
    const deployStatus = (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.deploy, 'deployment-status');
    const tag = (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.deploy, 'deployment-tag') ?? '';
    const rollbackStatus = (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.rollback, 'rollback-status');
    const halted = (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.deploy, 'halted') ??
        (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.gate, 'halted');
    return {
        runId: run.id,
        runUrl: run.url,
        actor: run.actor,
        at: report?.timestamp ??
            (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.deploy, 'deployment-time') ??
            now,
        action,
        approved: approvedText === undefined
            ? gate
                ? false
                : null
            : approvedText === 'true',
        refusal: (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.gate, 'reason') ?? '',
        overtaken: (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.deploy, 'refused') ?? '',
        reason,
        build: (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.ci, 'build-status') ?? null,
        deployment: deployStatus &&
            deployStatus !== 'skipped' &&
            (action === 'deploy' || action === 'update-component')
            ? {
                status: deployStatus,
                tag,
                time: (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.deploy, 'deployment-time') ?? now,
                sha: (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.deploy, 'deployment-sha') ?? '',
                components: ((0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.deploy, 'components') ?? '')
                    .split(',')
                    .filter(Boolean)
            }
            : null,
        report,
        rollback: rollbackStatus && rollbackStatus !== 'skipped'
            ? {
                status: rollbackStatus,
                version: (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.rollback, 'rollback-version') ?? '',
                sha: (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.rollback, 'rollback-sha') ?? '',
                report: (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .reportFrom */ .rw)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.rollback),
                cause: (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.rollback, 'rollback-failure') ?? ''
            }
            : null,
        verdict: (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.monitor, 'deploy-verdict')
            ? {
                verdict: (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.monitor, 'deploy-verdict') ?? '',
                broken: ((0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.monitor, 'broken') ?? '')
                    .split(',')
                    .filter(Boolean)
            }
            : null,
        failedJobs: Object.entries(results)
            .filter(([, job]) => job.result === 'failure' && Object.keys(job.outputs).length === 0)
            .map(([id]) => id),
        cancelledJobs: Object.entries(results)
            .filter(([, job]) => job.result === 'cancelled')
            .map(([id]) => id),
        halted: halted === undefined ? null : halted === 'true',
        stopTookLock: action === 'emergency-stop' &&
            (deployStatus === 'success' || deployStatus === 'failed'),
        stopFoundHeld: action === 'emergency-stop' &&
            deployStatus === 'skipped' &&
            (0,_results_js__WEBPACK_IMPORTED_MODULE_0__/* .output */ .CG)(results, _results_js__WEBPACK_IMPORTED_MODULE_0__/* .JOB_IDS */ .Rc.deploy, 'halted') === 'true'
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
    state.events.unshift({ ...event, text: (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(event.text, 500) });
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
        history.reason = result.error === null ? null : (0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(result.error, 300);
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
            text: `${outcome.action || 'the run'} was cancelled (${outcome.cancelledJobs.join(', ')})`,
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
                    text: `emergency stop requested by ${actor}${outcome.reason ? ` (${outcome.reason})` : ''}: already in effect since ${(0,_text_js__WEBPACK_IMPORTED_MODULE_1__/* .readableTime */ .GI)(held.at)} by ${held.by}`,
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

/***/ 8352:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $z: () => (/* binding */ SituationFactsSchema),
/* harmony export */   Ep: () => (/* binding */ WORKFLOW),
/* harmony export */   I$: () => (/* binding */ SITUATIONS),
/* harmony export */   Lo: () => (/* binding */ COMMANDS),
/* harmony export */   wm: () => (/* binding */ situate)
/* harmony export */ });
/* unused harmony exports WELL_FORMED_TAG, HaltFactSchema, DeploymentFactSchema, ServiceFactSchema, RunOutcomeSchema, LastRunSchema, liveVersions, rollbackTarget, RunRecordSchema, MAX_DEPLOYMENT_FACTS, applyRun, initialFacts */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9691);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8992);
// The situation: what runs, what is healthy and the one thing to do next, as
// a pure function of facts read from authoritative sources (deployment tags
// and GitHub Deployments, the runbook-halt tag, this run's results). The
// dashboard, the local tool and agents all take their advice from here.



const WORKFLOW = 'ai-agent-handoff-runbook.yml';
/** The only tags a recommended command may carry (as `inputs.ts` accepts them). */
const WELL_FORMED_TAG = /^deployment-\d{8}-\d{6}$/;
/** Service names as `config.ts` allows them. */
const SERVICE = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const iso = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(ISO);
const name = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(SERVICE);
const health = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['healthy', 'degraded', 'down', 'unknown']);
const ACTIONS = [
    'deploy',
    'update-component',
    'rollback',
    'emergency-stop',
    'resume',
    'healthcheck'
];
const STAGES = [
    'gate',
    'ci',
    'deploy',
    'monitor',
    'rollback',
    'status',
    'notify'
];
const HaltFactSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    by: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(100),
    at: iso,
    reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(1000)
});
const DeploymentFactSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    /** For a rollback: the tag it went back to. */
    tag: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(100),
    sha: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[0-9a-f]{0,64}$/),
    time: iso,
    kind: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['deploy', 'update-component', 'rollback']),
    /** The services it deployed; empty means all of them. */
    components: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(name).max(500),
    /** `null`: not verified (no check, or a deployed service not answering). */
    verified: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().nullable(),
    /** How it failed: its commands (nothing, or not all, moved) or its verification. */
    failure: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['commands', 'verification']).nullable(),
    /**
     * The services it may have broken: those its verification found broken,
     * or could not check. A service that was already down is never here.
     */
    blamed: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(name).max(500).default([])
});
const ServiceFactSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    status: health,
    since: iso.nullable(),
    reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(500).nullable()
});
const RunOutcomeSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .discriminatedUnion */ .gMt('kind', [
    zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ kind: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('succeeded') }),
    zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ kind: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('refused'), reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(500) }),
    zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ kind: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('failed'), stage: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(STAGES) }),
    zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({ kind: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('cancelled') })
]);
const LastRunSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    action: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(ACTIONS),
    at: iso,
    outcome: RunOutcomeSchema,
    ciFailed: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    rollback: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        automatic: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
        result: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['executed', 'failed-commands', 'failed-verification'])
    })
        .nullable(),
    /** The deploy's verdict, when this run deployed. */
    blame: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        verdict: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['verified', 'broken', 'unverified']),
        broken: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(name),
        notOurs: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(name)
    })
        .nullable()
});
const SituationFactsSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    now: iso,
    halt: HaltFactSchema.nullable(),
    /** Newest first. */
    deployments: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(DeploymentFactSchema).max(100),
    /** Every configured service, in the configuration's order. */
    services: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(name, ServiceFactSchema),
    /** The stop commands ran and no deploy or rollback of every service has started them since. */
    stopped: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    lastRun: LastRunSchema.nullable()
});
/** Every situation the model can report; the runbook's decision table has one row each. */
const SITUATIONS = [
    'healthy',
    'degraded',
    'unknown',
    'critical-after-deploy',
    'no-rollback-target',
    'rolled-back-automatically',
    'critical-rollback-failed-commands',
    'critical-rollback-failed-verification',
    'critical-not-deploy',
    'stopped',
    'resumed-still-stopped',
    'resumed-head-broken',
    'halted-healthy',
    'halted-critical',
    'halted-rollback-failed',
    'ci-failed',
    'run-refused',
    'run-failed'
];
const gh = (args) => `gh workflow run ${WORKFLOW} ${args}`;
const REASON = '-f reason="<why>"';
const FIXED = '-f reason="<what was fixed>"';
const COMMANDS = {
    healthcheck: gh('-f action=healthcheck'),
    deploy: gh('-f action=deploy'),
    stop: gh(`-f action=emergency-stop ${REASON}`),
    resume: gh(`-f action=resume ${FIXED}`),
    /** A rollback; only a well-formed tag and a service name reach it. */
    rollback(tag, component) {
        const version = WELL_FORMED_TAG.test(tag)
            ? tag
            : '<deployment-YYYYMMDD-HHMMSS>';
        const only = component !== null && SERVICE.test(component)
            ? ` -f target_component=${component}`
            : '';
        return gh(`-f action=rollback -f rollback_version=${version}${only} ${REASON}`);
    }
};
/** The services a deployment touched. */
function scope(d, all) {
    return d.components.length === 0 ? all : d.components;
}
const shown = (tag) => WELL_FORMED_TAG.test(tag) ? tag : 'an unrecognised tag';
/**
 * What runs on each service: the deployments folded oldest first. A deploy
 * moves the services it deployed; a rollback moves those it rolled back;
 * a rollback whose commands failed moves nothing (what ran before is
 * assumed to run still, and the note says so).
 */
function liveVersions(facts) {
    const all = Object.keys(facts.services);
    const live = Object.fromEntries(all.map((n) => [n, null]));
    for (const d of [...facts.deployments].reverse()) {
        const names = scope(d, all).filter((n) => Object.hasOwn(live, n));
        if (d.failure === 'commands') {
            for (const n of names) {
                const current = live[n];
                if (current)
                    current.note = `a ${d.kind} to ${shown(d.tag)} failed in its commands at ${d.time}; this is what ran before it, unless its commands changed it partly`;
            }
            continue;
        }
        for (const n of names)
            live[n] = {
                tag: d.tag,
                sha: d.sha,
                kind: d.kind,
                since: d.time,
                verified: d.verified,
                note: null
            };
    }
    return live;
}
/** Older than `than`: by the tag's own time when both are well formed. */
function older(d, than) {
    if (WELL_FORMED_TAG.test(d.tag) && WELL_FORMED_TAG.test(than.tag))
        return d.tag < than.tag;
    return d.time < than.since;
}
/**
 * Where to roll `names` back to: the newest verified deployment, older than
 * what runs on each of them now and never what runs, that covered them all.
 * With nothing running (`live` all null), the newest verified one.
 */
function rollbackTarget(facts, live, names) {
    const all = Object.keys(facts.services);
    for (const d of facts.deployments) {
        if (d.verified !== true || d.failure !== null)
            continue;
        if (!WELL_FORMED_TAG.test(d.tag))
            continue;
        const covered = scope(d, all);
        if (!names.every((n) => covered.includes(n)))
            continue;
        const fits = names.every((n) => {
            const now = live[n];
            return !now || (now.tag !== d.tag && older(d, now));
        });
        if (fits)
            return d.tag;
    }
    return null;
}
function overallOf(facts) {
    if (facts.stopped)
        return 'stopped';
    const states = Object.values(facts.services).map((s) => s.status);
    if (states.includes('down'))
        return 'critical';
    if (states.length === 0 || states.includes('unknown'))
        return 'unknown';
    if (states.includes('degraded'))
        return 'degraded';
    return 'healthy';
}
const list = (names) => names.join(', ');
/**
 * The newest deploy that still runs, unverified, on a service it is blamed
 * for that is down now; null when no deployment explains the outage.
 */
function culprit(facts, live, down) {
    for (const d of facts.deployments) {
        if (d.kind === 'rollback' || d.failure === 'commands')
            continue;
        if (d.verified === true)
            continue;
        const broken = d.blamed.filter((n) => down.includes(n) && live[n]?.tag === d.tag && live[n]?.kind === d.kind);
        if (broken.length > 0)
            return { deployment: d, broken };
    }
    return null;
}
/** Main's head is known broken: its newest deploy failed its verification. */
function headBroken(facts) {
    const d = facts.deployments.find((e) => e.kind !== 'rollback');
    return d && d.verified === false ? d : null;
}
function decide(facts, live, overall) {
    const all = Object.keys(facts.services);
    const down = all.filter((n) => facts.services[n]?.status === 'down');
    const halt = facts.halt;
    if (facts.stopped) {
        if (halt)
            return {
                situation: 'stopped',
                command: COMMANDS.resume,
                why: 'An emergency stop stopped the services and holds the lock. Find and fix the cause, resume with what was fixed, then deploy or roll back to start the services again.'
            };
        const broken = headBroken(facts);
        if (!broken)
            return {
                situation: 'resumed-still-stopped',
                command: COMMANDS.deploy,
                why: 'The lock is released, but the services are still stopped: resume restarts nothing. A deploy of main starts them again.'
            };
        const target = rollbackTarget(facts, nulls(all), all);
        return target
            ? {
                situation: 'resumed-head-broken',
                command: COMMANDS.rollback(target, null),
                why: `The services are still stopped and main's head (${shown(broken.tag)}) failed its verification, so deploying it would start a broken version: roll back to ${target}, the newest verified one, to start them.`
            }
            : noTarget(`The services are still stopped, main's head (${shown(broken.tag)}) failed its verification and no verified deployment covers every service`);
    }
    if (overall === 'critical') {
        const newest = facts.deployments[0];
        if (newest?.kind === 'rollback' && newest.failure === 'commands')
            return halt
                ? {
                    situation: 'halted-rollback-failed',
                    command: null,
                    why: `The rollback to ${shown(newest.tag)} failed in its deploy commands while the emergency stop is in effect; another stop changes nothing. Hand over to a person: fix the deploy command or name another verified target.`
                }
                : {
                    situation: 'critical-rollback-failed-commands',
                    command: COMMANDS.stop,
                    why: `The rollback to ${shown(newest.tag)} failed in its deploy commands, so the version that broke may still run. Stop, and hand over to a person: fix the deploy command or name another verified target; do not retry it in a loop.`
                };
        if (newest?.kind === 'rollback' &&
            newest.failure === 'verification' &&
            scope(newest, all).some((n) => down.includes(n))) {
            const still = scope(newest, all).filter((n) => down.includes(n));
            return {
                situation: 'critical-rollback-failed-verification',
                command: COMMANDS.healthcheck,
                why: `The rollback to ${shown(newest.tag)} ran, but ${list(still)} is still down at that version, which was verified healthy before: the cause is outside the deployment. Investigate ${list(still)}; run a health check after fixing it. Stop (-f action=emergency-stop) if it is doing harm.`
            };
        }
        const blamed = culprit(facts, live, down);
        if (blamed) {
            const d = blamed.deployment;
            // One broken service goes back alone; several go back together, with
            // every service that runs the same version.
            const one = blamed.broken.length === 1 ? blamed.broken[0] : null;
            const names = one ? [one] : all.filter((n) => live[n]?.tag === d.tag);
            const target = rollbackTarget(facts, live, names);
            if (!target)
                return noTarget(`${list(blamed.broken)} went down with ${shown(d.tag)}, and there is no earlier verified deployment of ${list(names)} to roll back to`);
            return {
                situation: halt ? 'halted-critical' : 'critical-after-deploy',
                command: COMMANDS.rollback(target, one !== null && all.length > 1 ? one : null),
                why: `${list(blamed.broken)} went down with ${shown(d.tag)}, which is not verified; ${target} was verified healthy before it.` +
                    (halt
                        ? ' Rollbacks run while the emergency stop is in effect; resume only once the cause is fixed.'
                        : '')
            };
        }
        const reasons = down
            .map((n) => {
            const reason = facts.services[n]?.reason;
            return reason ? `${n}: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(reason, 80)}` : n;
        })
            .join('; ');
        return {
            situation: 'critical-not-deploy',
            command: COMMANDS.healthcheck,
            why: `${list(down)} ${down.length === 1 ? 'is' : 'are'} down, and no deployment still running broke ${down.length === 1 ? 'it' : 'them'} (${reasons}), so a rollback would not help. Investigate ${list(down)}; run a health check after fixing it. Stop (-f action=emergency-stop) if it is doing harm.`
        };
    }
    if (overall === 'unknown')
        return {
            situation: 'unknown',
            command: COMMANDS.healthcheck,
            why: 'No health check has confirmed every service yet.'
        };
    if (halt)
        return {
            situation: 'halted-healthy',
            command: COMMANDS.resume,
            why: `The emergency stop is in effect and the services answer (${overall}); deploys are refused until resume. Resume once the cause is fixed, with what was fixed.`
        };
    const run = facts.lastRun;
    if (run?.outcome.kind === 'refused')
        return {
            situation: 'run-refused',
            command: null,
            why: `The last ${run.action} was refused: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(run.outcome.reason, 200)}. A refusal is an answer: change the request, do not retry it.`
        };
    if (run?.ciFailed)
        return {
            situation: 'ci-failed',
            command: null,
            why: `CI failed, so the last ${run.action} deployed nothing and the earlier version runs. Fix the build and push to main.`
        };
    if (run?.rollback?.automatic && run.rollback.result === 'executed') {
        const broken = headBroken(facts);
        return {
            situation: 'rolled-back-automatically',
            command: null,
            why: `The last ${run.action}${broken ? ` (${shown(broken.tag)})` : ''} broke ${list(run.blame?.broken ?? []) || 'a service'} and was rolled back and verified. Main's head is broken: fix it and push; do not redeploy it.`
        };
    }
    if (run?.outcome.kind === 'failed' || run?.outcome.kind === 'cancelled')
        return {
            situation: 'run-failed',
            command: COMMANDS.healthcheck,
            why: run.outcome.kind === 'failed'
                ? `The last ${run.action} failed in its ${run.outcome.stage} stage: read its log (gh run view <run-id> --log-failed). A health check shows what runs now.`
                : `The last ${run.action} was cancelled before it finished. A health check shows what runs now.`
        };
    if (overall === 'degraded')
        return {
            situation: 'degraded',
            command: COMMANDS.healthcheck,
            why: 'Every service answers, but some slowly or rate-limited. Watch it; no rollback needed.'
        };
    return {
        situation: 'healthy',
        command: null,
        why: 'Everything is healthy: nothing to do. A push to main deploys when there is something to ship.'
    };
}
function nulls(names) {
    return Object.fromEntries(names.map((n) => [n, null]));
}
function noTarget(what) {
    return {
        situation: 'no-rollback-target',
        command: null,
        why: `${what}. Fix forward (push a fix to main), or hand over to a person; stop (-f action=emergency-stop) if it is doing harm.`
    };
}
/** The situation for the facts: what runs, how healthy, and the one next step. */
function situate(facts) {
    const components = liveVersions(facts);
    const overall = overallOf(facts);
    const running = Object.keys(components).filter((n) => components[n]);
    return {
        overall,
        components,
        target: running.length > 0 ? rollbackTarget(facts, components, running) : null,
        next: decide(facts, components, overall)
    };
}
// ---------------------------------------------------------------------------
// Building the facts, one run at a time.
const RunRecordSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    action: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(ACTIONS),
    at: iso,
    outcome: RunOutcomeSchema,
    ciFailed: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    /** A deploy whose commands ran; `tag` is '' when they failed (no tag is made). */
    deploy: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        tag: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(100),
        sha: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[0-9a-f]{0,64}$/),
        components: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(name).min(1)
    })
        .nullable(),
    /** The monitor's check: after a deploy its verification, else the scheduled one. */
    check: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(name, health).nullable(),
    reasons: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(name, zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(500)).default({}),
    rollback: zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
        automatic: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
        tag: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(100),
        sha: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^[0-9a-f]{0,64}$/),
        components: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(name).min(1),
        commandsFailed: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
        /** Its verification; null when its commands failed. */
        check: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(name, health).nullable()
    })
        .nullable(),
    /** An emergency stop of this run ran the stop commands. */
    stopped: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    /** The lock as this run left it. */
    halt: HaltFactSchema.nullable()
});
const MAX_DEPLOYMENT_FACTS = 100;
/** The services stay stopped until every one of them has been started again. */
const coversAll = (components, all) => all.every((n) => components.includes(n));
function applyCheck(facts, check, reasons, at) {
    for (const [n, status] of Object.entries(check)) {
        const current = facts.services[n];
        if (!current)
            continue;
        if (current.status !== status) {
            current.status = status;
            current.since = at;
        }
        current.reason = status === 'healthy' ? null : (reasons[n] ?? null);
    }
}
/**
 * Folds one run into the facts (a new object; the input is not changed). A
 * deploy is judged by `blame` against the health just before it (after an
 * emergency stop the services were stopped on purpose, not broken, so their
 * earlier state does not excuse a deploy); a rollback by `judgeRollback` on
 * the services it rolled back.
 */
function applyRun(previous, input) {
    const run = RunRecordSchema.parse(input);
    const facts = structuredClone(previous);
    const all = Object.keys(facts.services);
    const before = Object.fromEntries(all.map((n) => [
        n,
        previous.stopped ? 'unknown' : (previous.services[n]?.status ?? 'unknown')
    ]));
    let verdict = null;
    if (run.deploy && run.deploy.tag !== '') {
        verdict = blame({
            before,
            after: run.check ?? {},
            deployed: run.deploy.components
        });
        facts.deployments.unshift({
            tag: run.deploy.tag,
            sha: run.deploy.sha,
            time: run.at,
            kind: run.action === 'update-component' ? 'update-component' : 'deploy',
            components: run.deploy.components,
            verified: verdict.verdict === 'verified'
                ? true
                : verdict.verdict === 'broken'
                    ? false
                    : null,
            failure: verdict.verdict === 'broken' ? 'verification' : null,
            blamed: [...verdict.broken, ...verdict.unchecked].sort()
        });
        if (coversAll(run.deploy.components, all))
            facts.stopped = false;
    }
    if (run.check)
        applyCheck(facts, run.check, run.reasons, run.at);
    let rollbackResult = null;
    if (run.rollback) {
        const r = run.rollback;
        const judged = r.commandsFailed || !r.check ? null : judgeRollback(r.check, r.components);
        rollbackResult = r.commandsFailed
            ? 'failed-commands'
            : judged?.ok
                ? 'executed'
                : 'failed-verification';
        facts.deployments.unshift({
            tag: r.tag,
            sha: r.sha,
            time: run.at,
            kind: 'rollback',
            components: r.components,
            verified: rollbackResult === 'executed',
            failure: rollbackResult === 'failed-commands'
                ? 'commands'
                : rollbackResult === 'failed-verification'
                    ? 'verification'
                    : null,
            blamed: []
        });
        if (r.check)
            applyCheck(facts, r.check, run.reasons, run.at);
        if (!r.commandsFailed && coversAll(r.components, all))
            facts.stopped = false;
    }
    if (run.stopped)
        facts.stopped = true;
    facts.deployments.length = Math.min(facts.deployments.length, MAX_DEPLOYMENT_FACTS);
    facts.halt = run.halt;
    if (run.at > facts.now)
        facts.now = run.at;
    facts.lastRun = {
        action: run.action,
        at: run.at,
        outcome: run.outcome,
        ciFailed: run.ciFailed,
        rollback: run.rollback
            ? { automatic: run.rollback.automatic, result: rollbackResult }
            : null,
        blame: verdict
            ? {
                verdict: verdict.verdict,
                broken: verdict.broken,
                notOurs: verdict.notOurs
            }
            : null
    };
    return SituationFactsSchema.parse(facts);
}
/** Facts before any run: every configured service unknown, nothing deployed. */
function initialFacts(services, now) {
    return SituationFactsSchema.parse({
        now,
        halt: null,
        deployments: [],
        services: Object.fromEntries(services.map((n) => [n, { status: 'unknown', since: null, reason: null }])),
        stopped: false,
        lastRun: null
    });
}


/***/ }),

/***/ 185:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bu: () => (/* binding */ parseState),
/* harmony export */   sU: () => (/* binding */ serializeState),
/* harmony export */   xY: () => (/* binding */ hasMarker)
/* harmony export */ });
/* unused harmony exports STATE_OPEN, STATE_CLOSE, MAX_STATE_CHARS, MAX_DEPTH, CLOCK_SKEW_S, MAX_RECENT, MAX_DAYS, CheckSchema, DaySchema, encodeDays, decodeDays, ServiceStateSchema, DeploymentSchema, EventSchema, HaltSchema, NotifyMemorySchema, NextSchema, LiveSchema, DashboardStateSchema, emptyState, flatten */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9691);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8532);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3760);
/* harmony import */ var _platform_platform_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8944);
/* harmony import */ var _merge_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(420);
/* harmony import */ var _situation_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8352);
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
const iso = zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()
    .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z)?$/)
    .refine((s) => s === '' || Number.isFinite(Date.parse(s)), 'not a time');
const state = zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['healthy', 'degraded', 'down', 'unknown']);
const overall = zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['healthy', 'degraded', 'critical', 'unknown']);
/** One check: [unix seconds, state initial (h, d, x), latency ms or null]. */
const CheckSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .tuple */ .PVZ([
    zod__WEBPACK_IMPORTED_MODULE_4__/* .int */ .Whr().min(0),
    zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['h', 'd', 'x']),
    zod__WEBPACK_IMPORTED_MODULE_4__/* .int */ .Whr().min(0).nullable()
]);
/** A day's time, in seconds, spent in each state. */
const DaySchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    day: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .refine((d) => Number.isFinite(Date.parse(d)), 'not a day'),
    up: zod__WEBPACK_IMPORTED_MODULE_4__/* .int */ .Whr().min(0),
    degraded: zod__WEBPACK_IMPORTED_MODULE_4__/* .int */ .Whr().min(0),
    down: zod__WEBPACK_IMPORTED_MODULE_4__/* .int */ .Whr().min(0)
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
const daily = zod__WEBPACK_IMPORTED_MODULE_4__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(4_000), zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(DaySchema).max(MAX_DAYS * 4)])
    .transform((value, ctx) => {
    // A list of day objects is the earlier shape of the same totals.
    if (Array.isArray(value))
        return value;
    const days = decodeDays(value);
    if (days === null) {
        ctx.addIssue({ code: 'custom', message: 'not encoded daily totals' });
        return zod__WEBPACK_IMPORTED_MODULE_5__/* .NEVER */ .tm;
    }
    return days;
});
const ServiceStateSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    /** The confirmed state, which flips only after the thresholds. */
    status: state,
    since: iso,
    /** What the last run saw, and how many runs in a row saw it. */
    observed: state.default('unknown'),
    streak: zod__WEBPACK_IMPORTED_MODULE_4__/* .int */ .Whr().min(0).max(1_000_000).default(0),
    latency_ms: zod__WEBPACK_IMPORTED_MODULE_4__/* .int */ .Whr().min(0).max(3_600_000).nullable().default(null),
    reason: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(500).nullable().default(null),
    last_check: iso.nullable().default(null),
    /** Which run (and which of its checks) the last check came from. */
    last_source: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(100).default(''),
    recent: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(CheckSchema).default([]),
    daily: daily.default([])
});
const DeploymentSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    tag: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(100),
    sha: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(64),
    time: iso,
    actor: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(100),
    components: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(100)).max(_config_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_SERVICES */ .gw),
    verified: zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY().nullable(),
    kind: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['deploy', 'update-component', 'rollback']).default('deploy'),
    /** Kept for readers of older states; never shown: links are rebuilt. */
    run_url: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(500).default('')
});
const EventSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    at: iso,
    kind: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(40),
    text: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(1000),
    run: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(200).default(''),
    actor: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(100).default('')
});
const HaltSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    by: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(100),
    at: iso,
    reason: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(1000)
});
const NotifyMemorySchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    last_kind: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(40).nullable().default(null),
    last_overall: overall.nullable().default(null),
    last_sent_at: iso.nullable().default(null),
    last_attempt_at: iso.nullable().default(null),
    last_error: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(500).nullable().default(null),
    /** Messages claimed before sending, so that each goes out once. */
    claims: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
        key: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(200),
        overall,
        run: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(40),
        token: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(40),
        at: iso,
        result: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['pending', 'sent', 'failed', 'unconfirmed'])
    }))
        .max(20)
        .catch([])
        .default([])
});
const LastRunSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(40),
    /** Kept for readers of older states; never shown: links are rebuilt. */
    url: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(500),
    at: iso
})
    .nullable();
const ThresholdsSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    failure: zod__WEBPACK_IMPORTED_MODULE_4__/* .int */ .Whr().min(1).max(1000),
    success: zod__WEBPACK_IMPORTED_MODULE_4__/* .int */ .Whr().min(1).max(1000)
});
/** The only commands the state may carry: the workflow, fixed flags, safe values. */
const SAFE_COMMAND = /^gh workflow run ai-agent-handoff-runbook\.yml( -f [a-z_]+=("<[a-z ]{1,40}>"|<deployment-YYYYMMDD-HHMMSS>|[a-z0-9-]{1,100}))+$/;
/** The one next step, as the situation model decided it in the last run. */
const NextSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    situation: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(_situation_js__WEBPACK_IMPORTED_MODULE_3__/* .SITUATIONS */ .I$),
    command: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(300).regex(SAFE_COMMAND).nullable(),
    why: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(1000),
    /** Where a rollback would go now: a well-formed deployment tag, or null. */
    target: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP()
        .regex(/^deployment-\d{8}-\d{6}$/)
        .nullable()
});
/** What runs on each service, as read from the recorded deployments. */
const LiveSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(_config_js__WEBPACK_IMPORTED_MODULE_0__/* .SERVICE_NAME */ .OX), zod__WEBPACK_IMPORTED_MODULE_4__/* .strictObject */ .rej({
    tag: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(/^(deployment-\d{8}-\d{6})?$/),
    sha: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(/^[0-9a-f]{0,64}$/),
    kind: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(['deploy', 'update-component', 'rollback']),
    since: iso,
    verified: zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY().nullable()
})
    .nullable());
const DashboardStateSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_4__/* .literal */ .euz(1),
    updated_at: iso,
    overall,
    halt: HaltSchema.nullable(),
    deployments: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(DeploymentSchema),
    services: zod__WEBPACK_IMPORTED_MODULE_4__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().max(100), ServiceStateSchema),
    events: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(EventSchema),
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
    stopped: zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY().catch(false).default(false),
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
    let cutFrom = -1;
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
            if (depth === MAX_DEPTH + 1 && cutFrom !== -1) {
                parts.push(json.slice(kept, cutFrom), 'null');
                kept = i + 1;
                cutFrom = -1;
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
    pick('stopped', zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY(), (v) => (state.stopped = v));
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
    dropped('deployments', deployments.length - _merge_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_DEPLOYMENTS */ .Sf, `beyond ${_merge_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_DEPLOYMENTS */ .Sf}`);
    state.deployments = deployments.slice(0, _merge_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_DEPLOYMENTS */ .Sf);
    const events = state.events.filter((e) => !future(e.at));
    dropped('events', state.events.length - events.length, 'dated in the future');
    dropped('events', events.length - _merge_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_EVENTS */ .Bx, `beyond ${_merge_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_EVENTS */ .Bx}`);
    state.events = events.slice(0, _merge_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_EVENTS */ .Bx);
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
function hasMarker(body) {
    return (body ?? '')
        .replace(/^\uFEFF/, '')
        .trimStart()
        .startsWith(_platform_platform_js__WEBPACK_IMPORTED_MODULE_1__/* .DASHBOARD_MARKER */ .UM);
}


/***/ })

};

//# sourceMappingURL=185.index.js.map