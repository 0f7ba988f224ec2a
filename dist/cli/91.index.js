export const id = 91;
export const ids = [91];
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

/***/ 4091:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VENV: () => (/* binding */ VENV),
/* harmony export */   ci: () => (/* binding */ ci),
/* harmony export */   isPlaceholderTest: () => (/* binding */ isPlaceholderTest)
/* harmony export */ });
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1260);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _shell_commands_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6776);
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1452);
// The CI stage: detects the project's toolchains and runs install, build and
// test. The commands are fixed here (no input reaches them) and run without
// a shell, in an allow-listed environment (ciEnvironment); a script that does
// not exist is skipped, and npm's placeholder test script counts as absent.
// A Python project is installed into a virtual environment of its own, so
// pip never touches the system's Python (which Debian and Ubuntu refuse).





const exists = (path) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.access)(path).then(() => true, () => false);
/** npm's `npm init` placeholder: a test script that only fails. */
function isPlaceholderTest(script) {
    return script === undefined || /no test specified/.test(script);
}
/** The virtual environment of a Python project, inside its directory. */
const VENV = '.runbook-venv';
async function nodePlan(dir) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'package.json'), 'utf8');
    }
    catch {
        return null;
    }
    let manifest;
    try {
        manifest = JSON.parse(text);
    }
    catch {
        // A broken manifest is a broken build, not a project without one.
        return {
            toolchain: 'npm',
            steps: [
                { name: 'install', command: [], fail: 'package.json is not valid JSON' }
            ]
        };
    }
    const scripts = manifest.scripts ?? {};
    let manager = 'npm';
    if (await exists((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'pnpm-lock.yaml')))
        manager = 'pnpm';
    else if (await exists((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'yarn.lock')))
        manager = 'yarn';
    const locked = (await exists((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'package-lock.json'))) ||
        (await exists((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'npm-shrinkwrap.json')));
    const install = manager === 'pnpm'
        ? ['pnpm', 'install', '--frozen-lockfile']
        : manager === 'yarn'
            ? ['yarn', 'install', '--frozen-lockfile']
            : locked
                ? ['npm', 'ci', '--no-audit', '--no-fund']
                : ['npm', 'install', '--no-audit', '--no-fund'];
    const run = (script) => manager === 'npm' ? ['npm', 'run', script] : [manager, 'run', script];
    return {
        toolchain: manager,
        steps: [
            { name: 'install', command: install },
            {
                name: 'build',
                command: run('build'),
                skip: scripts.build ? undefined : 'no build script'
            },
            {
                name: 'test',
                command: manager === 'npm' ? ['npm', 'test'] : [manager, 'test'],
                skip: isPlaceholderTest(scripts.test)
                    ? scripts.test
                        ? "npm's placeholder test script"
                        : 'no test script'
                    : undefined
            }
        ]
    };
}
async function hasPythonTests(dir) {
    if (await exists((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'tests')))
        return true;
    const names = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(dir).catch(() => []);
    return names.some((n) => /^test_.*\.py$|_test\.py$/.test(n));
}
async function pythonPlan(dir) {
    const requirements = await exists((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'requirements.txt'));
    const pyproject = await exists((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'pyproject.toml'));
    if (!requirements && !pyproject)
        return null;
    let found = null;
    for (const name of ['python3', 'python']) {
        const version = await versionOf(name);
        if (version) {
            found = { name, version };
            break;
        }
    }
    if (!found)
        return {
            toolchain: 'python',
            steps: [
                {
                    name: 'install',
                    command: [],
                    skip: 'Python is not installed on this machine'
                }
            ]
        };
    const python = process.platform === 'win32'
        ? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, VENV, 'Scripts', 'python.exe')
        : (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, VENV, 'bin', 'python');
    const tests = await hasPythonTests(dir);
    return {
        toolchain: 'python',
        note: `interpreter ${python}, a virtual environment made by ${found.name} (${found.version}); it also sees the system's packages, such as a pytest installed there`,
        steps: [
            {
                name: 'venv',
                // The system's packages stay visible, as they were to a
                // system-wide pip: a pytest installed there still runs the tests.
                command: [found.name, '-m', 'venv', '--system-site-packages', VENV],
                hint: `${found.name} -m venv needs the venv module (on Debian or Ubuntu: apt-get install python3-venv)`
            },
            {
                name: 'install',
                command: requirements
                    ? [python, '-m', 'pip', 'install', '-r', 'requirements.txt']
                    : [python, '-m', 'pip', 'install', '.']
            },
            {
                name: 'test',
                command: [python, '-m', 'pytest', '-q'],
                skip: tests ? undefined : 'no tests found (tests/ or test_*.py)'
            }
        ]
    };
}
/** `name --version`'s answer ("Python 3.12.3"), or null when it does not run. */
async function versionOf(name) {
    let output = '';
    const code = await _actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .exec */ .m(name, ['--version'], {
        env: (0,_shell_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .ciEnvironment */ .Sb)(),
        silent: true,
        ignoreReturnCode: true,
        listeners: {
            stdout: (data) => (output += data.toString()),
            stderr: (data) => (output += data.toString())
        }
    })
        .catch(() => 127);
    return code === 0 ? (0,_safe_text_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(output, 60) : null;
}
async function ci(ctx, dir = process.cwd()) {
    const plans = (await Promise.all([nodePlan(dir), pythonPlan(dir)])).filter((p) => p !== null);
    if (plans.length === 0) {
        ctx.reporter.info('CI: no package.json, requirements.txt or pyproject.toml: nothing to build');
        return { status: 'skipped', steps: [] };
    }
    const steps = [];
    let failed = false;
    for (const plan of plans) {
        if (plan.note && !failed)
            ctx.reporter.info(`CI ${plan.toolchain}: ${plan.note}`);
        for (const step of plan.steps) {
            const record = {
                toolchain: plan.toolchain,
                name: step.name,
                command: step.command,
                status: 'skipped',
                note: step.skip ?? ''
            };
            steps.push(record);
            if (failed) {
                record.note = 'an earlier step failed';
                continue;
            }
            if (step.fail) {
                failed = true;
                record.status = 'failed';
                record.note = step.fail;
                ctx.reporter.error(`CI ${plan.toolchain} ${step.name}: ${step.fail}`, 'CI failed');
                continue;
            }
            if (step.skip) {
                ctx.reporter.info(`CI ${plan.toolchain} ${step.name}: skipped (${step.skip})`);
                continue;
            }
            if (ctx.settings.inputs.dryRun) {
                record.note = 'dry run';
                ctx.reporter.info(`dry run: would run ${step.command.join(' ')}`);
                continue;
            }
            const [command = '', ...args] = step.command;
            const code = await ctx.reporter.group(`CI ${plan.toolchain} ${step.name}: ${step.command.join(' ')}`, () => _actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .exec */ .m(command, args, {
                cwd: dir,
                env: (0,_shell_commands_js__WEBPACK_IMPORTED_MODULE_3__/* .ciEnvironment */ .Sb)(),
                ignoreReturnCode: true,
                silent: true,
                listeners: {
                    stdline: (line) => ctx.reporter.info((0,_safe_text_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(line, 1000)),
                    errline: (line) => ctx.reporter.info((0,_safe_text_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(line, 1000))
                }
            })
                .catch((error) => {
                ctx.reporter.error(`${command} could not start: ${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(String(error), 200)}`);
                return 127;
            }));
            record.status = code === 0 ? 'success' : 'failed';
            if (code !== 0) {
                failed = true;
                record.note = `exit code ${code}`;
                ctx.reporter.error(`CI ${plan.toolchain} ${step.name} failed (exit code ${code})${step.hint ? `: ${step.hint}` : ''}`, 'CI failed');
            }
        }
    }
    const ran = steps.some((s) => s.status !== 'skipped');
    const status = failed ? 'failed' : ran ? 'success' : 'skipped';
    ctx.reporter.summary([
        `### CI: ${status}`,
        '',
        '| toolchain | step | result | note |',
        '| --- | --- | --- | --- |',
        ...steps.map((s) => `| ${s.toolchain} | ${s.name} | ${s.status} | ${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_4__/* .oneLine */ .TN)(s.note, 100).replace(/\|/g, '\\|')} |`)
    ].join('\n'));
    return { status, steps };
}


/***/ })

};

//# sourceMappingURL=91.index.js.map