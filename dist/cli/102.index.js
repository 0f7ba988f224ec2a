export const id = 102;
export const ids = [102,152];
export const modules = {

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
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5458);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8992);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('input `action`: "" is not valid for a workflow_dispatch run; allowed: deploy, rollback, emergency-stop, update-component, healthcheck, resume');
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`input \`action\`: "" cannot be resolved from the event ${JSON.stringify(eventName || 'unknown')}; set it to deploy, rollback, emergency-stop, update-component, healthcheck or resume`);
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
            return refuse(`an emergency stop is in effect (since ${halt.at ? (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .readableTime */ .GI)(halt.at) : 'an unknown time'} by ${halt.by}${halt.reason ? `: ${halt.reason}` : ''}); run resume first`);
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
                component: inputs.targetComponent
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
    const component = options.component ?? 'all';
    const facts = await platform.listDeployments(ctx.settings.config.deployment.environment, DEPLOYMENT_FACTS);
    const current = options.current ?? liveTag(facts, component);
    const checked = new Set();
    for (const d of facts) {
        if (d.verified !== true || !_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .DEPLOYMENT_TAG */ .vT.test(d.tag))
            continue;
        // Tags name their time: an older tag is an earlier version.
        if (current !== '' && d.tag >= current)
            continue;
        if (component !== 'all' && !d.components.includes(component))
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

/***/ 7102:
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
/** What a failed rollback's cause means, in the words agents act on. */
const ROLLBACK_CAUSE = {
    'no-target': 'there was no verified deployment to roll back to',
    commands: 'its deploy commands failed, so the old version may not be running',
    verification: 'the old version was deployed but the check after it still failed'
};
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
        overtaken: (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.deploy, 'refused') ?? '',
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
                report: (0,src_results/* reportFrom */.rw)(results, src_results/* JOB_IDS */.Rc.rollback),
                cause: (0,src_results/* output */.CG)(results, src_results/* JOB_IDS */.Rc.rollback, 'rollback-failure') ?? ''
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
    if (options.deployments)
        state.deployments = deploymentsFromFacts(options.deployments);
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

// EXTERNAL MODULE: ./src/platform/platform.ts
var platform_platform = __webpack_require__(8944);
// EXTERNAL MODULE: ./src/inputs.ts + 3 modules
var inputs = __webpack_require__(5458);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
;// CONCATENATED MODULE: ./src/dashboard/situation.ts
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
const iso = schemas/* string */.YjP().regex(ISO);
const situation_name = schemas/* string */.YjP().regex(SERVICE);
const health = schemas/* enum */.k5n(['healthy', 'degraded', 'down', 'unknown']);
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
const HaltFactSchema = schemas/* strictObject */.rej({
    by: schemas/* string */.YjP().max(100),
    at: iso,
    reason: schemas/* string */.YjP().max(1000)
});
const DeploymentFactSchema = schemas/* strictObject */.rej({
    /** For a rollback: the tag it went back to. */
    tag: schemas/* string */.YjP().max(100),
    sha: schemas/* string */.YjP().regex(/^[0-9a-f]{0,64}$/),
    time: iso,
    kind: schemas/* enum */.k5n(['deploy', 'update-component', 'rollback']),
    /** The services it deployed; empty means all of them. */
    components: schemas/* array */.YOg(situation_name).max(500),
    /** `null`: not verified (no check, or a deployed service not answering). */
    verified: schemas/* boolean */.zMY().nullable(),
    /** How it failed: its commands (nothing, or not all, moved) or its verification. */
    failure: schemas/* enum */.k5n(['commands', 'verification']).nullable(),
    /**
     * The services it may have broken: those its verification found broken,
     * or could not check. A service that was already down is never here.
     */
    blamed: schemas/* array */.YOg(situation_name).max(500).default([])
});
const ServiceFactSchema = schemas/* strictObject */.rej({
    status: health,
    since: iso.nullable(),
    reason: schemas/* string */.YjP().max(500).nullable()
});
const RunOutcomeSchema = schemas/* discriminatedUnion */.gMt('kind', [
    schemas/* strictObject */.rej({ kind: schemas/* literal */.euz('succeeded') }),
    schemas/* strictObject */.rej({ kind: schemas/* literal */.euz('refused'), reason: schemas/* string */.YjP().max(500) }),
    schemas/* strictObject */.rej({ kind: schemas/* literal */.euz('failed'), stage: schemas/* enum */.k5n(STAGES) }),
    schemas/* strictObject */.rej({ kind: schemas/* literal */.euz('cancelled') })
]);
const LastRunSchema = schemas/* strictObject */.rej({
    action: schemas/* enum */.k5n(ACTIONS),
    at: iso,
    outcome: RunOutcomeSchema,
    ciFailed: schemas/* boolean */.zMY(),
    rollback: schemas/* strictObject */.rej({
        automatic: schemas/* boolean */.zMY(),
        result: schemas/* enum */.k5n(['executed', 'failed-commands', 'failed-verification'])
    })
        .nullable(),
    /** The deploy's verdict, when this run deployed. */
    blame: schemas/* strictObject */.rej({
        verdict: schemas/* enum */.k5n(['verified', 'broken', 'unverified']),
        broken: schemas/* array */.YOg(situation_name),
        notOurs: schemas/* array */.YOg(situation_name)
    })
        .nullable()
});
const SituationFactsSchema = schemas/* strictObject */.rej({
    now: iso,
    halt: HaltFactSchema.nullable(),
    /** Newest first. */
    deployments: schemas/* array */.YOg(DeploymentFactSchema).max(100),
    /** Every configured service, in the configuration's order. */
    services: schemas/* record */.g1P(situation_name, ServiceFactSchema),
    /** The stop commands ran and no deploy or rollback of every service has started them since. */
    stopped: schemas/* boolean */.zMY(),
    lastRun: LastRunSchema.nullable()
});
/** Every situation the model can report; the runbook's decision table has one row each. */
const SITUATIONS = (/* unused pure expression or super */ null && ([
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
]));
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
function situation_overallOf(facts) {
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
            return reason ? `${n}: ${(0,src_text/* oneLine */.TN)(reason, 80)}` : n;
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
            why: `The last ${run.action} was refused: ${(0,src_text/* oneLine */.TN)(run.outcome.reason, 200)}. A refusal is an answer: change the request, do not retry it.`
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
    const overall = situation_overallOf(facts);
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
const RunRecordSchema = schemas/* strictObject */.rej({
    action: schemas/* enum */.k5n(ACTIONS),
    at: iso,
    outcome: RunOutcomeSchema,
    ciFailed: schemas/* boolean */.zMY(),
    /** A deploy whose commands ran; `tag` is '' when they failed (no tag is made). */
    deploy: schemas/* strictObject */.rej({
        tag: schemas/* string */.YjP().max(100),
        sha: schemas/* string */.YjP().regex(/^[0-9a-f]{0,64}$/),
        components: schemas/* array */.YOg(situation_name).min(1)
    })
        .nullable(),
    /** The monitor's check: after a deploy its verification, else the scheduled one. */
    check: schemas/* record */.g1P(situation_name, health).nullable(),
    reasons: schemas/* record */.g1P(situation_name, schemas/* string */.YjP().max(500)).default({}),
    rollback: schemas/* strictObject */.rej({
        automatic: schemas/* boolean */.zMY(),
        tag: schemas/* string */.YjP().max(100),
        sha: schemas/* string */.YjP().regex(/^[0-9a-f]{0,64}$/),
        components: schemas/* array */.YOg(situation_name).min(1),
        commandsFailed: schemas/* boolean */.zMY(),
        /** Its verification; null when its commands failed. */
        check: schemas/* record */.g1P(situation_name, health).nullable()
    })
        .nullable(),
    /** An emergency stop of this run ran the stop commands. */
    stopped: schemas/* boolean */.zMY(),
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

;// CONCATENATED MODULE: ./src/dashboard/advice.ts
// The "For AI agents" section: the one next step from the situation model,
// and the table of situation → command. Until the engine hands the renderer
// facts read from the tags, the Deployments and the halt tag,
// `factsFromState` reads them back from the dashboard's own state.



const advice_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const advice_SERVICE = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
const EPOCH = '1970-01-01T00:00:00.000Z';
const isSituation = (source) => 'next' in source;
function situationOf(source, services) {
    if (isSituation(source))
        return source;
    // Without the configuration, the services the state knows are the ones.
    const names = services.length > 0
        ? services.map((s) => s.name)
        : Object.keys(source.services);
    return situate(factsFromState(source, names));
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
        (0,src_text/* markdownCell */.UZ)(why, 500)
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
            COMMANDS.deploy.replace('-f action=deploy', '-f action=update-component -f target_component=<service>')
        ],
        ['critical after a deployment', COMMANDS.rollback(target, null)],
        [
            'critical, not caused by a deployment (after fixing it)',
            COMMANDS.healthcheck
        ],
        ['critical, rollback failed, or doing harm', COMMANDS.stop],
        ['stopped or halted, cause fixed', COMMANDS.resume],
        ['resumed, services still stopped', COMMANDS.deploy],
        ['to re-check at any time', COMMANDS.healthcheck]
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
const isoOr = (value, fallback) => value && advice_ISO.test(value) ? value : fallback;
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
        if (!advice_ISO.test(d.time))
            return [];
        const sha = /^[0-9a-f]{0,64}$/.test(d.sha) ? d.sha : '';
        const failure = d.verified !== false
            ? null
            : d.kind !== 'rollback' || (d === newestRollback && lastRollbackChecked)
                ? 'verification'
                : 'commands';
        const components = d.components.filter((c) => advice_SERVICE.test(c));
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
    if (!run || !advice_ISO.test(run.at))
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
        deployments: deploymentFacts(state, services.filter((n) => advice_SERVICE.test(n))).slice(0, 100),
        services: Object.fromEntries(services
            .filter((name) => advice_SERVICE.test(name))
            .map((name) => {
            const h = state.services[name];
            return [
                name,
                {
                    status: h?.status ?? 'unknown',
                    since: h && advice_ISO.test(h.since) ? h.since : null,
                    reason: h?.reason ?? null
                }
            ];
        })),
        stopped: stoppedFrom(state.events),
        lastRun: lastRunFrom(state)
    };
    return SituationFactsSchema.parse(facts);
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

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/stages/gate.ts
var gate = __webpack_require__(1152);
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
function event_decide(input) {
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
    const decision = event_decide({
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
    const deployments = await recordedDeployments(ctx, platform);
    let plan = null;
    const write = await ctx.reporter.group('Dashboard', () => changeDashboard(ctx, platform, (state) => mergeRun(state, outcome, {
        services: config.services,
        thresholds: {
            failure: config.dashboard.failureThreshold,
            success: config.dashboard.successThreshold
        },
        halt,
        deployments
    }), options.notify
        ? async (state, issue) => {
            plan = await notifyFrom(ctx, state, results, issue);
            return plan.remember;
        }
        : undefined));
    summarise(ctx, write);
    return { ...write, notify: plan, halted: Boolean(halt) };
}
/**
 * The deployments as recorded on the platform: what the dashboard shows as
 * deployed and verified. Unreadable, the cached list stays, with a warning.
 */
async function recordedDeployments(ctx, platform) {
    try {
        return await platform.listDeployments(ctx.settings.config.deployment.environment, gate.DEPLOYMENT_FACTS);
    }
    catch (error) {
        ctx.reporter.warning(`could not read the recorded deployments, so the dashboard's list of deployments is not confirmed: ${(0,errors/* errorMessage */.gJ)(error)}`, 'Dashboard');
        return undefined;
    }
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
    const found = await platform.findDashboard(preferredIssue(ctx));
    if (!found.issue) {
        ctx.reporter.warning('notify: there is no dashboard to read the state from; run the status stage first');
        return { notified: false };
    }
    const { state } = (0,dashboard_state/* parseState */.Bu)(found.issue.body, ctx.now().toISOString());
    plan = await notifyFrom(ctx, state, results, found.issue);
    if (plan.event && !ctx.settings.inputs.dryRun) {
        const remember = plan.remember;
        await changeDashboard(ctx, platform, (s) => {
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

//# sourceMappingURL=102.index.js.map