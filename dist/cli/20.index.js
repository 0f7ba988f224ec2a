export const id = 20;
export const ids = [20,152,338];
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
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1452);
/* harmony import */ var _situation_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8352);
// The "For AI agents" section: the one next step from the situation model,
// and the table of situation → command. Until the engine hands the renderer
// facts read from the tags, the Deployments and the halt tag,
// `factsFromState` reads them back from the dashboard's own state.



const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const SERVICE = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
const EPOCH = '1970-01-01T00:00:00.000Z';
const isSituation = (source) => 'components' in source && 'target' in source;
/** The one next step, and where a rollback would go now. */
function adviceOf(source, services) {
    if (isSituation(source))
        return source;
    // The status stage keeps the model's answer, from the recorded facts, in
    // the state; read back, it was checked against the safe commands.
    if (source.next)
        return {
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
    return adviceOf(source, services).next;
}
/** The "Now" line: the situation id, the command (or "none") and why. */
function recommend(source, services = []) {
    const { situation, command, why } = advise(source, services);
    return [
        // "none" in code too, so that one pattern reads every Now line.
        `**Now (${situation}):** \`${command ?? 'none'}\``,
        '',
        (0,_safe_text_js__WEBPACK_IMPORTED_MODULE_0__/* .markdownCell */ .UZ)(why, 500)
    ].join('\n');
}
/** The table of situation → command, with the rollback target filled in when one exists. */
function agentTable(source, services = []) {
    const { target: found } = adviceOf(source, services);
    const target = found ?? '<deployment-YYYYMMDD-HHMMSS>';
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
        // Only a deploy or an update-component runs CI; the state does not say which.
        (has('ci-failed') && 'deploy') ||
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
/* harmony export */   ms: () => (/* binding */ keepSituation),
/* harmony export */   wQ: () => (/* binding */ modelDeployments)
/* harmony export */ });
/* unused harmony export lastRunOf */
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


/***/ })

};

//# sourceMappingURL=20.index.js.map