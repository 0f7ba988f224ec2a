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


/***/ })

};

//# sourceMappingURL=338.index.js.map