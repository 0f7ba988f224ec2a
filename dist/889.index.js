export const id = 889;
export const ids = [889,152];
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
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _contract_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3665);
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1452);
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
            return refuse(`an emergency stop is in effect (since ${halt.at ? (0,_safe_text_js__WEBPACK_IMPORTED_MODULE_1__/* .readableTime */ .GI)(halt.at) : 'an unknown time'} by ${halt.by}${halt.reason ? `: ${halt.reason}` : ''}); run resume first`);
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
/* harmony export */   ms: () => (/* binding */ keepSituation)
/* harmony export */ });
/* unused harmony exports modelDeployments, lastRunOf */
/* harmony import */ var _dashboard_advice_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1338);
/* harmony import */ var _dashboard_situation_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8352);
/* harmony import */ var _contract_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3665);
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1452);
// Builds the situation model's facts for the status stage: the deployments
// as Runbook recorded them on the platform (never the dashboard's text), the
// lock, the services' confirmed health, and what this run did; then keeps
// the model's answer (what runs, stopped, the one next step) in the state.




const ACTIONS = new Set(_contract_js__WEBPACK_IMPORTED_MODULE_2__/* .ACTIONS */ .kl);
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
    // A deployment that touched none of these services (a one-off check of
    // others) says nothing about them; to the model an empty list is "all".
    return facts
        .filter((d) => d.components.some((c) => services.includes(c)))
        .map((d) => ({
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
        why: (0,_safe_text_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(situation.next.why, 1000),
        target: situation.target
    };
    state.live = (0,_dashboard_situation_js__WEBPACK_IMPORTED_MODULE_1__/* .liveRecords */ .rQ)(situation);
}


/***/ }),

/***/ 6889:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   status: () => (/* binding */ status),
/* harmony export */   statusOutputs: () => (/* binding */ statusOutputs)
/* harmony export */ });
/* harmony import */ var _contract_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3665);
/* harmony import */ var _dashboard_merge_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(420);
/* harmony import */ var _dashboard_store_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2345);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3916);
/* harmony import */ var _gate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1152);
/* harmony import */ var _situation_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7719);
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1452);
/* harmony import */ var _notify_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(693);
// The status stage: merges this run's results into the dashboard and writes
// it, only when it changed. In `all`, the notify step follows it: the claim
// on the message rides on the results' write, and what was sent is recorded
// by a second write only when something was sent.








async function status(ctx, platform, results, options = {}) {
    const { config, run, inputs } = ctx.settings;
    const outcome = (0,_dashboard_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .outcomeFromResults */ .$C)(results, run, ctx.now().toISOString(), inputs.reason);
    // When this run already saw the lock free (the gate before a deploy), it
    // is not read again; the dashboard's halt is then left as it is, since a
    // stop taken meanwhile is recorded by the run that took it.
    const known = outcome.halted === false && outcome.action !== 'resume';
    const halt = known ? undefined : await platform.readHalt();
    const deployments = await recordedDeployments(ctx, platform);
    const names = config.services.map((s) => s.name);
    const merge = (state) => {
        const merged = (0,_dashboard_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .mergeRun */ .CU)(state, outcome, {
            services: config.services,
            thresholds: {
                failure: config.dashboard.failureThreshold,
                success: config.dashboard.successThreshold
            },
            halt,
            deployments
        });
        (0,_situation_js__WEBPACK_IMPORTED_MODULE_4__/* .keepSituation */ .ms)(merged, (0,_situation_js__WEBPACK_IMPORTED_MODULE_4__/* .situationOf */ ._7)(merged, names, deployments, outcome));
        return merged;
    };
    // The claim on what this run announces goes out with its results, in the
    // same write: a run with nothing to announce writes once, as before.
    const announcement = options.notify
        ? new _notify_js__WEBPACK_IMPORTED_MODULE_6__.Announcement(ctx, results, (0,_notify_js__WEBPACK_IMPORTED_MODULE_6__.reportOf)(results))
        : null;
    const write = await ctx.reporter.group('Dashboard', () => (0,_dashboard_store_js__WEBPACK_IMPORTED_MODULE_2__/* .changeDashboard */ .bC)(ctx, platform, (state) => {
        const merged = merge(state);
        announcement?.claim(merged);
        return merged;
    }));
    summarise(ctx, write);
    const notify = announcement
        ? await ctx.reporter.group('Notifications', () => announcement.finish(platform, write, merge))
        : null;
    return { ...write, notify, halted: Boolean(halt) };
}
/**
 * The deployments as recorded on the platform: what the dashboard shows as
 * deployed and verified. Unreadable, the cached list stays, with a warning.
 */
async function recordedDeployments(ctx, platform) {
    try {
        return await platform.listDeployments(ctx.settings.config.deployment.environment, _gate_js__WEBPACK_IMPORTED_MODULE_3__.DEPLOYMENT_FACTS);
    }
    catch (error) {
        ctx.reporter.warning(`could not read the recorded deployments, so the dashboard's list of deployments is not confirmed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorMessage */ .gJ)(error)}`, 'Dashboard');
        return undefined;
    }
}
function summarise(ctx, write) {
    if (!write.issue)
        return;
    const link = write.issue.url.startsWith('https://')
        ? `[Dashboard issue #${write.issue.number}](${write.issue.url})`
        : (0,_safe_text_js__WEBPACK_IMPORTED_MODULE_5__/* .markdownCell */ .UZ)(write.issue.url);
    ctx.reporter.summary(`### Dashboard\n\n${link}: **${write.state.overall}**${write.written ? '' : ' (unchanged)'}`);
}
function statusOutputs(write) {
    return (0,_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .encode */ .lF)('status', {
        'issue-number': write.issue?.number,
        'issue-url': write.issue?.url,
        halted: write.halted,
        notified: write.notify?.notified
    });
}


/***/ })

};

//# sourceMappingURL=889.index.js.map