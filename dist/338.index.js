export const id = 338;
export const ids = [338];
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

/***/ 8352:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $z: () => (/* binding */ SituationFactsSchema),
/* harmony export */   Ep: () => (/* binding */ WORKFLOW),
/* harmony export */   I$: () => (/* binding */ SITUATIONS),
/* harmony export */   Lo: () => (/* binding */ COMMANDS),
/* harmony export */   rQ: () => (/* binding */ liveRecords),
/* harmony export */   wm: () => (/* binding */ situate)
/* harmony export */ });
/* unused harmony exports WELL_FORMED_TAG, HaltFactSchema, DeploymentFactSchema, ServiceFactSchema, RunOutcomeSchema, LastRunSchema, liveVersions, rollbackTarget, RunRecordSchema, MAX_DEPLOYMENT_FACTS, applyRun, initialFacts */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9691);
/* harmony import */ var _contract_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3665);
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1452);
// The situation: what runs, what is healthy and the one thing to do next, as
// a pure function of facts read from authoritative sources (deployment tags
// and GitHub Deployments, the runbook-halt tag, this run's results). The
// dashboard, the local tool and agents all take their advice from here.




const WORKFLOW = 'ai-agent-handoff-runbook.yml';
/** The only tags a recommended command may carry (as `inputs.ts` accepts them). */
const WELL_FORMED_TAG = _contract_js__WEBPACK_IMPORTED_MODULE_0__/* .DEPLOYMENT_TAG */ .vT;
/** Service names as `config.ts` allows them. */
const SERVICE = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const iso = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(ISO);
const name = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(SERVICE);
const health = zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['healthy', 'degraded', 'down', 'unknown']);
const STAGES = [
    'gate',
    'ci',
    'deploy',
    'monitor',
    'rollback',
    'status',
    'notify'
];
const HaltFactSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    by: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(100),
    at: iso,
    reason: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(1000)
});
const DeploymentFactSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    /** For a rollback: the tag it went back to. */
    tag: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(100),
    sha: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[0-9a-f]{0,64}$/),
    time: iso,
    kind: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['deploy', 'update-component', 'rollback']),
    /** The services it deployed; empty means all of them. */
    components: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(name).max(500),
    /** `null`: not verified (no check, or a deployed service not answering). */
    verified: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY().nullable(),
    /** How it failed: its commands (nothing, or not all, moved) or its verification. */
    failure: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['commands', 'verification']).nullable(),
    /**
     * The services it may have broken: those its verification found broken,
     * or could not check. A service that was already down is never here.
     */
    blamed: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(name).max(500).default([])
});
const ServiceFactSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    status: health,
    since: iso.nullable(),
    reason: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(500).nullable()
});
const RunOutcomeSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .discriminatedUnion */ .gMt('kind', [
    zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz('succeeded') }),
    zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz('refused'), reason: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(500) }),
    zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz('failed'), stage: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(STAGES) }),
    zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ kind: zod__WEBPACK_IMPORTED_MODULE_2__/* .literal */ .euz('cancelled') })
]);
const LastRunSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    action: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .ACTIONS */ .kl),
    at: iso,
    outcome: RunOutcomeSchema,
    ciFailed: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    rollback: zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
        automatic: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
        result: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['executed', 'failed-commands', 'failed-verification'])
    })
        .nullable(),
    /** The deploy's verdict, when this run deployed. */
    blame: zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
        verdict: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['verified', 'broken', 'unverified']),
        broken: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(name),
        notOurs: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(name)
    })
        .nullable()
});
const SituationFactsSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    now: iso,
    halt: HaltFactSchema.nullable(),
    /** Newest first. */
    deployments: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(DeploymentFactSchema).max(100),
    /** Every configured service, in the configuration's order. */
    services: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(name, ServiceFactSchema),
    /** The stop commands ran and no deploy or rollback of every service has started them since. */
    stopped: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
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
            return reason ? `${n}: ${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(reason, 80)}` : n;
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
            why: `The last ${run.action} was refused: ${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(run.outcome.reason, 200)}. A refusal is an answer: change the request, do not retry it.`
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
const RunRecordSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    action: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .ACTIONS */ .kl),
    at: iso,
    outcome: RunOutcomeSchema,
    ciFailed: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    /** A deploy whose commands ran; `tag` is '' when they failed (no tag is made). */
    deploy: zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
        tag: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(100),
        sha: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[0-9a-f]{0,64}$/),
        components: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(name).min(1)
    })
        .nullable(),
    /** The monitor's check: after a deploy its verification, else the scheduled one. */
    check: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(name, health).nullable(),
    reasons: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(name, zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(500)).default({}),
    rollback: zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
        automatic: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
        tag: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(100),
        sha: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().regex(/^[0-9a-f]{0,64}$/),
        components: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(name).min(1),
        commandsFailed: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
        /** Its verification; null when its commands failed. */
        check: zod__WEBPACK_IMPORTED_MODULE_2__/* .record */ .g1P(name, health).nullable()
    })
        .nullable(),
    /** An emergency stop of this run ran the stop commands. */
    stopped: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
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
/**
 * What runs on each service, as the state block and the MCP server keep it:
 * only a well-formed tag, and no note.
 */
function liveRecords(situation) {
    return Object.fromEntries(Object.entries(situation.components).map(([name, live]) => [
        name,
        live
            ? {
                tag: WELL_FORMED_TAG.test(live.tag) ? live.tag : '',
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

//# sourceMappingURL=338.index.js.map