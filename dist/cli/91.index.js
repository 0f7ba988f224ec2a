export const id = 91;
export const ids = [91];
export const modules = {

/***/ 4091:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ci: () => (/* binding */ ci),
/* harmony export */   isPlaceholderTest: () => (/* binding */ isPlaceholderTest)
/* harmony export */ });
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1260);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8992);
// The CI stage: detects the project's toolchains and runs install, build and
// test. The commands are fixed here (no input reaches them) and run without
// a shell; a script that does not exist is skipped, and npm's placeholder
// test script counts as absent.




const exists = (path) => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.access)(path).then(() => true, () => false);
/** npm's `npm init` placeholder: a test script that only fails. */
function isPlaceholderTest(script) {
    return script === undefined || /no test specified/.test(script);
}
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
    const python = (await commandExists('python3'))
        ? 'python3'
        : (await commandExists('python'))
            ? 'python'
            : null;
    if (!python)
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
    const tests = await hasPythonTests(dir);
    return {
        toolchain: 'python',
        steps: [
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
async function commandExists(name) {
    const code = await _actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .exec */ .m(name, ['--version'], { silent: true, ignoreReturnCode: true })
        .catch(() => 127);
    return code === 0;
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
                ignoreReturnCode: true,
                silent: true,
                listeners: {
                    stdline: (line) => ctx.reporter.info((0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(line, 1000)),
                    errline: (line) => ctx.reporter.info((0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(line, 1000))
                }
            })
                .catch((error) => {
                ctx.reporter.error(`${command} could not start: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(String(error), 200)}`);
                return 127;
            }));
            record.status = code === 0 ? 'success' : 'failed';
            if (code !== 0) {
                failed = true;
                record.note = `exit code ${code}`;
                ctx.reporter.error(`CI ${plan.toolchain} ${step.name} failed (exit code ${code})`, 'CI failed');
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
        ...steps.map((s) => `| ${s.toolchain} | ${s.name} | ${s.status} | ${(0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(s.note, 100).replace(/\|/g, '\\|')} |`)
    ].join('\n'));
    return { status, steps };
}


/***/ })

};

//# sourceMappingURL=91.index.js.map