export const id = 478;
export const ids = [478];
export const modules = {

/***/ 6776:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sb: () => (/* binding */ ciEnvironment),
/* harmony export */   d1: () => (/* binding */ runCommand),
/* harmony export */   vL: () => (/* binding */ describeCommand),
/* harmony export */   vu: () => (/* binding */ runDeployCommands)
/* harmony export */ });
/* unused harmony export commandEnvironment */
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1260);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2973);
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1452);
// Runs the deploy and stop commands of the configuration with bash, through
// @actions/exec, in an allow-listed environment. Inputs reach a command only
// as RUNBOOK_* environment variables, never in its text; its output is
// streamed line by line through the reporter, so it cannot issue workflow
// commands, and it stays in the log: nothing else quotes it.



// What every command receives from the step's environment: the machine, the
// locale and the runner's context that carries no credential. A secret
// arrives only when the configuration names it in `deployment.pass-env`.
const BASE_NAMES = new Set([
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'SHELL',
    'TMPDIR',
    'TMP',
    'TEMP',
    'LANG',
    'LANGUAGE',
    'TZ',
    'TERM',
    'CI',
    'GITHUB_ACTIONS',
    'GITHUB_WORKSPACE',
    'GITHUB_REPOSITORY',
    'GITHUB_REPOSITORY_OWNER',
    'GITHUB_SHA',
    'GITHUB_REF',
    'GITHUB_REF_NAME',
    'GITHUB_RUN_ID',
    'GITHUB_RUN_NUMBER',
    'GITHUB_RUN_ATTEMPT',
    'GITHUB_ACTOR',
    'GITHUB_SERVER_URL',
    'GITHUB_EVENT_NAME',
    'GITHUB_JOB',
    'GITHUB_WORKFLOW',
    'RUNNER_OS',
    'RUNNER_ARCH',
    'RUNNER_TEMP',
    'RUNNER_TOOL_CACHE',
    'RUNNER_NAME',
    // Where the setup-* actions put interpreters and their libraries: without
    // them a Python from the tool cache may not even start.
    'pythonLocation',
    'Python_ROOT_DIR',
    'Python2_ROOT_DIR',
    'Python3_ROOT_DIR',
    'VIRTUAL_ENV',
    'PKG_CONFIG_PATH',
    'LD_LIBRARY_PATH',
    'PNPM_HOME',
    'JAVA_HOME',
    'GOROOT',
    'XDG_CACHE_HOME',
    'XDG_CONFIG_HOME',
    'XDG_DATA_HOME',
    'XDG_RUNTIME_DIR',
    // A self-hosted runner behind a proxy or a private CA reaches nothing
    // without these; they describe the machine's network, not our access.
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'ALL_PROXY',
    'http_proxy',
    'https_proxy',
    'no_proxy',
    'all_proxy',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'NODE_EXTRA_CA_CERTS',
    'REQUESTS_CA_BUNDLE',
    'CURL_CA_BUNDLE',
    // Windows starts no process, npm.cmd included, without these.
    'SYSTEMROOT',
    'WINDIR',
    'COMSPEC',
    'PATHEXT',
    'APPDATA',
    'LOCALAPPDATA',
    'USERPROFILE',
    'PROGRAMDATA'
]);
const BASE_PREFIXES = ['LC_'];
// What the CI stage's package managers read on top: registry, cache and
// registry-authentication settings that a workflow sets for exactly these
// tools (actions/setup-node's NODE_AUTH_TOKEN and NPM_CONFIG_USERCONFIG).
const TOOLCHAIN_NAMES = new Set(['NODE_AUTH_TOKEN']);
const TOOLCHAIN_PREFIXES = [
    'npm_config_',
    'NPM_CONFIG_',
    'YARN_',
    'PIP_',
    'COREPACK_'
];
// Windows spells its variables in any case (Path, ComSpec).
const CASELESS = process.platform === 'win32';
function listed(name, names, prefixes) {
    if (!CASELESS)
        return names.has(name) || prefixes.some((p) => name.startsWith(p));
    const upper = name.toUpperCase();
    return ([...names].some((n) => n.toUpperCase() === upper) ||
        prefixes.some((p) => upper.startsWith(p.toUpperCase())));
}
function pick(env, allowed) {
    const kept = {};
    for (const [name, value] of Object.entries(env))
        // Reserved names are refused in the configuration; checked again here
        // so that no list above can ever let one through.
        if (value !== undefined && !(0,_config_js__WEBPACK_IMPORTED_MODULE_1__/* .isReservedEnvName */ .ne)(name) && allowed(name))
            kept[name] = value;
    return kept;
}
/**
 * What a deploy or stop command inherits from the step's environment: the
 * allow-listed machine and runner context, and the variables named in
 * `deployment.pass-env`. Never the action's inputs, the runner's tokens or
 * its command files; the caller adds the RUNBOOK_* variables.
 */
function commandEnvironment(env, passEnv) {
    const passed = new Set(CASELESS ? passEnv.map((n) => n.toUpperCase()) : passEnv);
    return pick(env, (name) => listed(name, BASE_NAMES, BASE_PREFIXES) ||
        passed.has(CASELESS ? name.toUpperCase() : name));
}
/**
 * What the CI stage's install, build and test commands inherit: the same
 * base and the package managers' own settings, but not `deployment.pass-env`:
 * an install runs every dependency's scripts, which must never see deploy
 * credentials.
 */
function ciEnvironment(env = process.env) {
    return pick(env, (name) => listed(name, BASE_NAMES, BASE_PREFIXES) ||
        listed(name, TOOLCHAIN_NAMES, TOOLCHAIN_PREFIXES));
}
/** Runs one command with bash (-eo pipefail, no startup files), bounded by `timeoutMs`. */
async function runCommand(options) {
    const { reporter, service, kind } = options;
    const show = (line) => reporter.info(`  ${service} | ${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_2__/* .oneLine */ .TN)(line, 500)}`);
    const started = Date.now();
    const seconds = Math.max(1, Math.ceil(options.timeoutMs / 1000));
    // coreutils `timeout` sends TERM, then KILL 10 s later if the command ignores it.
    const exitCode = await _actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .exec */ .m('timeout', [
        '--kill-after=10s',
        `${seconds}s`,
        'bash',
        // Without these bash may read ~/.bashrc (it does when its stdin is a
        // socket, as Node's pipes are), adding variables we did not choose.
        '--norc',
        '--noprofile',
        '-eo',
        'pipefail',
        '-c',
        options.script
    ], {
        cwd: options.cwd,
        env: {
            ...commandEnvironment(process.env, options.passEnv),
            ...options.env
        },
        ignoreReturnCode: true,
        silent: true,
        listeners: { stdline: show, errline: show }
    });
    const result = {
        service,
        command: kind,
        ok: exitCode === 0,
        exitCode,
        timedOut: exitCode === 124 || exitCode === 137,
        timeoutSeconds: seconds,
        durationMs: Date.now() - started
    };
    if (result.ok)
        reporter.info(`${service}: ${kind} command succeeded in ${result.durationMs} ms`);
    // An annotation is shown outside the log, so it names the failure only;
    // the command's own lines are just above it in the log.
    else
        reporter.error(`${describeCommand(result)}; its output is in the log above`, `${service} ${kind} failed`);
    return result;
}
/**
 * A command's result as a fixed phrase, for the places where the runner's
 * log masking does not apply (Deployment status descriptions, the job
 * summary): `api: deploy exit 3`, never the command's output.
 */
function describeCommand(result) {
    const outcome = result.ok
        ? 'ok'
        : result.timedOut
            ? `timed out after ${result.timeoutSeconds} s`
            : `exit ${result.exitCode}`;
    return `${result.service}: ${result.command} ${outcome}`;
}
/**
 * Runs the deploy command of each service, one after another in the
 * configured order (a later service may depend on an earlier one), in one
 * log group; stops at the first failure.
 */
async function runDeployCommands(options) {
    const { reporter } = options;
    const results = [];
    await reporter.group(options.title, async () => {
        for (const service of options.services) {
            if (!service.deploy) {
                reporter.info(`${service.name}: no deploy command configured`);
                continue;
            }
            const result = await runCommand({
                service: service.name,
                kind: 'deploy',
                script: service.deploy,
                timeoutMs: options.timeoutMs,
                passEnv: options.passEnv,
                reporter,
                cwd: options.cwd,
                env: {
                    RUNBOOK_ACTION: options.action,
                    RUNBOOK_SERVICE: service.name,
                    RUNBOOK_REF: options.ref,
                    RUNBOOK_VERSION: options.version,
                    RUNBOOK_REASON: options.reason
                }
            });
            results.push(result);
            if (!result.ok)
                break;
        }
    });
    return results;
}


/***/ }),

/***/ 5478:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createDeploymentTag: () => (/* binding */ createDeploymentTag),
  deploy: () => (/* binding */ deploy),
  deployOutputs: () => (/* binding */ deployOutputs),
  deploymentTag: () => (/* binding */ deploymentTag),
  nextDeploymentTag: () => (/* binding */ nextDeploymentTag),
  targetServices: () => (/* binding */ targetServices)
});

// EXTERNAL MODULE: ./src/shell-commands.ts
var shell_commands = __webpack_require__(6776);
// EXTERNAL MODULE: ./src/contract.ts
var contract = __webpack_require__(3665);
// EXTERNAL MODULE: ./src/platform/platform.ts + 1 modules
var platform_platform = __webpack_require__(1748);
// EXTERNAL MODULE: ./src/stages/gate.ts
var gate = __webpack_require__(1152);
// EXTERNAL MODULE: ./src/stages/monitor.ts + 1 modules
var monitor = __webpack_require__(4842);
// EXTERNAL MODULE: ./src/stages/situation.ts
var situation = __webpack_require__(7719);
;// CONCATENATED MODULE: ./src/stages/deploy-result.ts
// What the deploy stage hands on, whichever of its actions ran (a deploy, an
// emergency stop or a resume), and the commit each of them acts on.
/** The commit this run deploys: the workflow's, or the local HEAD. */
async function currentCommit(ctx, platform) {
    return ctx.settings.run.sha || platform.resolveCommit('HEAD');
}
/** A result that ran nothing: `halted` is null when the lock was not read. */
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

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/safe-text.ts
var safe_text = __webpack_require__(1452);
;// CONCATENATED MODULE: ./src/stages/emergency.ts
// The emergency stop and its undoing: emergency-stop takes the runbook-halt
// lock, stops every service, marks what ran as stopped and cancels the other
// runs; resume releases the lock; a deploy overtaken by the lock does nothing.





/** A deploy overtaken by an emergency stop: nothing (more) is done. */
function refusedByHalt(ctx, halt, facts) {
    const refused = `an emergency stop was taken after the gate approved this deploy (since ${halt.at ? (0,safe_text/* readableTime */.GI)(halt.at) : 'an unknown time'} by ${halt.by}); run resume first`;
    ctx.reporter.warning(`deploy stopped: ${refused}`, 'Safety gate');
    ctx.reporter.summary(`### Deploy: refused\n\n${refused}`);
    return {
        ...skipped(ctx, `deploy refused: ${refused}`, true),
        sha: facts.sha,
        components: facts.components,
        deploymentId: facts.deploymentId ?? null,
        refused
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
        const summary = `the emergency stop is already in effect (since ${held?.at ? (0,safe_text/* readableTime */.GI)(held.at) : 'an unknown time'} by ${held?.by ?? 'unknown'}); nothing else done`;
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
            commands.push(await (0,shell_commands/* runCommand */.d1)({
                service: service.name,
                kind: 'stop',
                script: service.stop,
                timeoutMs: config.deployment.timeoutMs,
                passEnv: config.deployment.passEnv,
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
    // What was deployed is recorded as stopped, so that no one reads it as
    // running until a deploy or a rollback starts the services again.
    try {
        const [live] = await platform.listDeployments(config.deployment.environment, 1);
        if (live)
            await platform.setDeploymentStatus(live.id, 'inactive', {
                logUrl: run.url,
                description: `${platform_platform/* STATUS_PHRASE */.xi.stopped} by ${by}`
            });
    }
    catch (error) {
        ctx.reporter.warning(`the emergency stop could not mark the running deployment stopped: ${(0,errors/* errorMessage */.gJ)(error)}`, 'Emergency stop');
    }
    // The lock is held and the services are stopped: a failure to cancel the
    // other runs is reported, and the stop goes on to the dashboard.
    let cancelled;
    try {
        const count = await platform.cancelOtherRuns(run.id);
        cancelled = `${count} other run${count === 1 ? '' : 's'} cancelled`;
    }
    catch (error) {
        cancelled = 'other runs not cancelled';
        ctx.reporter.warning(`the emergency stop could not cancel the other runs: ${(0,errors/* errorMessage */.gJ)(error)}`, 'Emergency stop');
    }
    const failures = commands.filter((c) => !c.ok);
    const summary = `emergency stop by ${by}: lock taken, ${commands.length - failures.length} of ${commands.length} stop commands succeeded` +
        (failures.length ? ` (${failures.map(shell_commands/* describeCommand */.vL).join('; ')})` : '') +
        `, ${cancelled}`;
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

;// CONCATENATED MODULE: ./src/stages/deploy.ts
// The deploy stage: deploy and update-component run the services' deploy
// commands, tag the deployed commit and record a GitHub Deployment; an
// emergency stop and a resume (emergency.ts) run in the same stage.








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
/**
 * The tag a deploy at `time` will get, found before its commands run so that
 * they are told the version they deploy: the first second whose tag is free
 * or already points at `sha`.
 */
async function nextDeploymentTag(platform, sha, time) {
    for (let offset = 0; offset < 120; offset++) {
        const at = new Date(time.getTime() + offset * 1000);
        const existing = await platform.tagCommit(deploymentTag(at));
        if (existing === null || existing === sha)
            return at;
    }
    return time;
}
function targetServices(services, target) {
    return target === 'all' ? services : services.filter((s) => s.name === target);
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
    // The gate saw the lock free, but a stop may have been taken since: it is
    // read again before anything runs, and again before the tag is made.
    const overtaken = await platform.readHalt();
    if (overtaken)
        return refusedByHalt(ctx, overtaken, { sha, components });
    // What the deployed services were like before: a service already down is
    // not this deploy's fault if it is still down after it.
    const before = await (0,monitor/* healthNow */.Df)(services);
    // A service an emergency stop stopped is down on purpose, not broken: it
    // does not excuse a deploy that starts it again (left out, it counts as
    // working before). Asked only when something is down.
    const stopped = [];
    if (Object.values(before).includes('down')) {
        const recorded = await platform.listDeployments(config.deployment.environment, gate.DEPLOYMENT_FACTS);
        if ((0,situation/* stoppedFrom */.Uq)(recorded, config.services.map((s) => s.name)))
            for (const name of Object.keys(before))
                if (before[name] === 'down')
                    stopped.push(name);
    }
    ctx.reporter.info(`before the deploy: ${Object.entries(before)
        .map(([name, state]) => `${name} ${state}`)
        .join(', ')}`);
    const tagTime = await nextDeploymentTag(platform, sha, started);
    const planned = deploymentTag(tagTime);
    const deploymentId = await platform.createDeployment({
        sha,
        environment: config.deployment.environment,
        description: `${action} of ${components.join(', ')} by ${run.actor || 'unknown'}`,
        payload: {
            runbook: '1',
            action,
            tag: planned,
            components: components.join(','),
            actor: run.triggeringActor || run.actor || 'unknown',
            time: started.toISOString(),
            run_id: run.id
        }
    });
    await platform.setDeploymentStatus(deploymentId, 'in_progress', {
        logUrl: run.url,
        description: `${platform_platform/* STATUS_PHRASE */.xi.running}: ${action}`
    });
    const commands = await (0,shell_commands/* runDeployCommands */.vu)({
        services,
        action,
        ref: sha,
        version: planned,
        reason: inputs.reason,
        timeoutMs: config.deployment.timeoutMs,
        passEnv: config.deployment.passEnv,
        title: `Deploy ${components.join(', ')} at ${sha.slice(0, 7)}`,
        reporter: ctx.reporter
    });
    // Only a service whose own deploy command ran was started by this deploy.
    for (const name of stopped)
        if (commands.some((c) => c.service === name && c.ok))
            delete before[name];
    const done = {
        time: started.toISOString(),
        sha,
        deploymentId,
        components,
        commands,
        halted: null,
        before
    };
    const failed = commands.find((c) => !c.ok);
    if (failed) {
        await platform.setDeploymentStatus(deploymentId, 'failure', {
            logUrl: run.url,
            description: `${platform_platform/* STATUS_PHRASE */.xi.commandsFailed}: ${(0,shell_commands/* describeCommand */.vL)(failed)}`
        });
        const summary = `${action} failed: ${(0,shell_commands/* describeCommand */.vL)(failed)}`;
        ctx.reporter.summary(`### Deploy: failed\n\n${summary}`);
        return { ...done, status: 'failed', tag: '', summary };
    }
    const late = await platform.readHalt();
    if (late) {
        await platform.setDeploymentStatus(deploymentId, 'failure', {
            logUrl: run.url,
            description: `${platform_platform/* STATUS_PHRASE */.xi.refused}: an emergency stop was taken during the deploy`
        });
        return refusedByHalt(ctx, late, { sha, components, deploymentId });
    }
    const tag = await createDeploymentTag(platform, sha, tagTime);
    const summary = `${action} of ${components.join(', ')} at ${sha.slice(0, 7)}: tagged ${tag}; the health check verifies it`;
    ctx.reporter.info(summary);
    ctx.reporter.summary(`### Deploy: ${tag}\n\n${summary}`);
    return { ...done, status: 'success', tag, summary };
}
function deployOutputs(result) {
    return (0,contract/* encode */.lF)('deploy', {
        'deployment-status': result.status,
        'deployment-time': result.time,
        'deployment-tag': result.tag,
        'deployment-sha': result.sha,
        'deployment-id': result.deploymentId,
        components: result.components,
        refused: result.refused || undefined,
        'health-before': result.before,
        halted: result.halted ?? undefined
    });
}


/***/ })

};

//# sourceMappingURL=478.index.js.map