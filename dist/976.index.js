export const id = 976;
export const ids = [976];
export const modules = {

/***/ 4376:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ deploymentFact),
/* harmony export */   r: () => (/* binding */ readPayload)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9691);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1748);
// Reads a deployment's facts back from what Runbook recorded on it: the
// payload it set at creation and the statuses it set afterwards. Both are
// read strictly: a payload that is not Runbook's is not a Runbook deployment.


const TAG = /^deployment-\d{8}-\d{6}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const payloadSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    runbook: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('1').optional(),
    action: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['deploy', 'update-component', 'rollback']),
    tag: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(40).optional(),
    components: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(20_000).optional(),
    actor: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(100).optional(),
    time: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(40).optional(),
    run_id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(40).optional()
});
/** The payload of a Runbook deployment, or null for anyone else's. */
function readPayload(payload) {
    let value = payload;
    if (typeof value === 'string') {
        if (value.length > 30_000)
            return null;
        try {
            value = JSON.parse(value);
        }
        catch {
            return null;
        }
    }
    const parsed = payloadSchema.safeParse(value);
    if (!parsed.success)
        return null;
    const p = parsed.data;
    return {
        runbook: '1',
        action: p.action,
        tag: p.tag && TAG.test(p.tag) ? p.tag : '',
        components: p.components ?? '',
        actor: p.actor ?? '',
        time: p.time && ISO.test(p.time) ? p.time : '',
        run_id: p.run_id && /^\d+$/.test(p.run_id) ? p.run_id : ''
    };
}
/**
 * One deployment's facts. `statuses` are the ones Runbook itself set (any
 * order): verified once a success was set, failed once a failure was.
 */
function deploymentFact(deployment, payload, statuses) {
    const ordered = [...statuses].sort((a, b) => a.id - b.id);
    const latest = ordered.at(-1);
    const success = ordered.some((s) => s.state === 'success');
    // 'error' is Runbook's "not verified": nothing it deployed broke, but a
    // deployed service was down before and still is.
    const failure = ordered.find((s) => s.state === 'failure');
    const failedIn = failure
        ? failure.description.startsWith(_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .STATUS_PHRASE */ .xi.commandsFailed) ||
            failure.description.startsWith(_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .STATUS_PHRASE */ .xi.refused)
            ? 'commands'
            : 'verification'
        : null;
    return {
        id: deployment.id,
        tag: payload.tag,
        sha: /^[0-9a-f]{40}$/.test(deployment.sha) ? deployment.sha : '',
        time: payload.time || deployment.created,
        actor: payload.actor,
        kind: payload.action,
        components: payload.components
            .split(',')
            .filter((c) => /^[a-z0-9-]{1,100}$/.test(c)),
        verified: success ? true : failure ? false : null,
        failedIn: success ? null : failedIn,
        blamed: failure && failedIn === 'verification'
            ? namesAfter(failure.description, _platform_js__WEBPACK_IMPORTED_MODULE_0__/* .STATUS_PHRASE */ .xi.verificationFailed)
            : [],
        stopped: latest?.state === 'inactive' &&
            latest.description.startsWith(_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .STATUS_PHRASE */ .xi.stopped)
    };
}
/** The service names a fixed phrase lists after its colon. */
function namesAfter(description, phrase) {
    if (!description.startsWith(`${phrase}:`))
        return [];
    return description
        .slice(phrase.length + 1)
        .split(',')
        .map((n) => n.trim())
        .filter((n) => /^[a-z0-9-]{1,100}$/.test(n));
}


/***/ }),

/***/ 2976:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LocalPlatform: () => (/* binding */ LocalPlatform)
/* harmony export */ });
/* unused harmony export LocalPlatformError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _contract_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3665);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1748);
/* harmony import */ var _facts_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4376);
// The local platform: the dashboard is a file in the state directory, and
// the halt lock and deployment tags live in the local git repository.








const run = (0,node_util__WEBPACK_IMPORTED_MODULE_4__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
/**
 * A git command or a state file that failed for a reason other than being
 * absent (a corrupt repository, a permission, a full disk): the run stops
 * with it rather than read it as "no dashboard", "no lock" or "no tags".
 */
class LocalPlatformError extends Error {
    name = 'LocalPlatformError';
}
function failed(what, error) {
    const e = error;
    const detail = (e.stderr || e.message || String(error)).trim().split('\n')[0];
    return new LocalPlatformError(`${what}: ${detail}`);
}
/** git said this folder is not in a repository: there are no tags here. */
function outsideRepository(error) {
    return /not a git repository/i.test(String(error.stderr ?? ''));
}
/** A file that is not there (or whose folder is not): absent, not failed. */
function missingFile(error) {
    const code = error.code;
    return code === 'ENOENT' || code === 'ENOTDIR';
}
class LocalPlatform {
    stateDir;
    cwd;
    kind = 'local';
    /** A file is written atomically on the same machine. */
    settleMs = 50;
    file;
    constructor(stateDir, cwd = process.cwd()) {
        this.stateDir = stateDir;
        this.cwd = cwd;
        this.file = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(stateDir, 'dashboard.md');
    }
    gitIdentity;
    /** An annotated tag needs a tagger: a machine without one gets "runbook". */
    env() {
        this.gitIdentity ??= run('git', ['config', 'user.email'], { cwd: this.cwd })
            .then(() => process.env)
            .catch(() => ({
            ...process.env,
            GIT_COMMITTER_NAME: process.env.GIT_COMMITTER_NAME ?? 'runbook',
            GIT_COMMITTER_EMAIL: process.env.GIT_COMMITTER_EMAIL ?? 'runbook@localhost'
        }));
        return this.gitIdentity;
    }
    /** Runs git with arguments (never through a shell). */
    async git(args) {
        const { stdout } = await run('git', args, {
            env: await this.env(),
            cwd: this.cwd,
            maxBuffer: 16 * 1024 * 1024
        });
        return stdout;
    }
    /** Dashboard 1 is dashboard.md; 2, our own, is used when 1 is someone else's file. */
    path(number) {
        return number === 2
            ? (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.stateDir, 'runbook-dashboard.md')
            : this.file;
    }
    async read(number) {
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(this.path(number), 'utf8').catch((error) => {
            if (missingFile(error))
                return null;
            throw failed(`read the dashboard file ${this.path(number)}`, error);
        });
    }
    async findDashboard() {
        const primary = await this.read(1);
        if (primary !== null && (0,_contract_js__WEBPACK_IMPORTED_MODULE_5__/* .hasMarker */ .xY)(primary))
            return {
                issue: { number: 1, url: this.file, body: primary },
                foreign: false
            };
        const own = await this.read(2);
        return {
            issue: own !== null && (0,_contract_js__WEBPACK_IMPORTED_MODULE_5__/* .hasMarker */ .xY)(own)
                ? { number: 2, url: this.path(2), body: own }
                : null,
            // A file someone else wrote is not ours to overwrite.
            foreign: primary !== null
        };
    }
    async readDashboard(number) {
        return {
            number,
            url: this.path(number),
            body: (await this.read(number)) ?? ''
        };
    }
    async createDashboard(_title, body) {
        const number = (await this.read(1)) === null ? 1 : 2;
        await this.updateDashboard(number, body);
        return { number, url: this.path(number), body };
    }
    async updateDashboard(number, body) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(this.stateDir, { recursive: true });
        const file = this.path(number);
        const temporary = `${file}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(6).toString('hex')}.tmp`;
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(temporary, body);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temporary, file);
    }
    /** A file has no title or state: the pointer body alone retires it. */
    async closeDashboard(number, replacement) {
        await this.updateDashboard(number, replacement.body);
    }
    async readHalt() {
        if ((await this.tagCommit(_platform_js__WEBPACK_IMPORTED_MODULE_6__/* .HALT_TAG */ .zz)) === null)
            return null;
        const message = await this.git([
            'tag',
            '-l',
            '--format=%(contents)',
            _platform_js__WEBPACK_IMPORTED_MODULE_6__/* .HALT_TAG */ .zz
        ]).catch(() => '');
        return (0,_platform_js__WEBPACK_IMPORTED_MODULE_6__/* .parseHaltMessage */ .iB)(message.trim());
    }
    async takeHalt(halt, sha) {
        try {
            // `git tag` without -f refuses an existing tag: that is the lock.
            await this.git([
                'tag',
                '-a',
                _platform_js__WEBPACK_IMPORTED_MODULE_6__/* .HALT_TAG */ .zz,
                '-m',
                JSON.stringify(halt),
                sha || 'HEAD'
            ]);
            return true;
        }
        catch (error) {
            if ((await this.tagCommit(_platform_js__WEBPACK_IMPORTED_MODULE_6__/* .HALT_TAG */ .zz)) !== null)
                return false;
            throw error;
        }
    }
    async releaseHalt() {
        try {
            await this.git(['tag', '-d', _platform_js__WEBPACK_IMPORTED_MODULE_6__/* .HALT_TAG */ .zz]);
            return true;
        }
        catch (error) {
            // Not held is false; a lock still there after a failed delete is held.
            if ((await this.tagCommit(_platform_js__WEBPACK_IMPORTED_MODULE_6__/* .HALT_TAG */ .zz)) === null)
                return false;
            throw failed('release the runbook-halt lock', error);
        }
    }
    async tagCommit(tag) {
        try {
            return ((await this.git([
                'rev-parse',
                '--verify',
                '--quiet',
                `refs/tags/${tag}^{commit}`
            ])).trim() || null);
        }
        catch (error) {
            // --verify --quiet exits 1, saying nothing, when the tag is absent.
            if (error.code === 1 || outsideRepository(error))
                return null;
            throw failed(`read the tag ${tag}`, error);
        }
    }
    async listDeploymentTags() {
        const out = await this.git([
            'for-each-ref',
            '--format=%(refname:short) %(*objectname)%(objectname)',
            'refs/tags/deployment-*'
        ]).catch((error) => {
            if (outsideRepository(error))
                return '';
            throw failed('list the deployment tags', error);
        });
        return out
            .split('\n')
            .filter(Boolean)
            .map((line) => {
            const [tag = '', shas = ''] = line.split(' ');
            return { tag, sha: shas.slice(0, 40) };
        });
    }
    async createTag(tag, sha) {
        try {
            await this.git(['tag', tag, sha]);
            return true;
        }
        catch (error) {
            if ((await this.tagCommit(tag)) !== null)
                return false;
            throw error;
        }
    }
    async permission() {
        return 'admin';
    }
    /** The branch checked out (even before its first commit); main outside a repository. */
    async defaultBranch() {
        return (await this.git(['symbolic-ref', '--short', 'HEAD']).catch((error) => {
            if (outsideRepository(error))
                return 'main';
            // A detached HEAD has no branch: the checkout's own commit runs.
            if (/not a symbolic ref/i.test(String(error.stderr)))
                return 'HEAD';
            throw failed('read the checked-out branch', error);
        })).trim();
    }
    async resolveCommit(ref) {
        return (await this.git(['rev-parse', '--verify', `${ref}^{commit}`])).trim();
    }
    /** Deployments are appended to deployments.jsonl in the state directory. */
    async createDeployment(deployment) {
        const log = await this.readDeployments();
        const id = log.length + 1;
        await this.appendDeployment({
            id,
            ...deployment,
            state: 'pending',
            at: new Date().toISOString()
        });
        return id;
    }
    async setDeploymentStatus(id, state, details) {
        await this.appendDeployment({
            id,
            state,
            description: details.description,
            at: new Date().toISOString()
        });
    }
    /** The log's entries, each line read strictly; a broken line is skipped. */
    async readLog() {
        const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.stateDir, 'deployments.jsonl'), 'utf8').catch((error) => {
            if (error.code === 'ENOENT')
                return '';
            throw error;
        });
        return text
            .split('\n')
            .filter(Boolean)
            .flatMap((line) => {
            try {
                const entry = JSON.parse(line);
                return typeof entry.id === 'number' && typeof entry.state === 'string'
                    ? [entry]
                    : [];
            }
            catch {
                return [];
            }
        });
    }
    async readDeployments() {
        return (await this.readLog()).filter((e) => e.state === 'pending');
    }
    async listDeployments(environment, limit) {
        const log = await this.readLog();
        const created = log.filter((e) => e.state === 'pending' && e.environment === environment);
        return created
            .reverse()
            .slice(0, limit)
            .flatMap((entry) => {
            const payload = (0,_facts_js__WEBPACK_IMPORTED_MODULE_7__/* .readPayload */ .r)(entry.payload);
            if (!payload)
                return [];
            // The log is appended in order: a line's position is its id.
            const statuses = log.flatMap((e, index) => e.id === entry.id && e.state !== 'pending'
                ? [{ id: index, state: e.state, description: e.description ?? '' }]
                : []);
            return [
                (0,_facts_js__WEBPACK_IMPORTED_MODULE_7__/* .deploymentFact */ .S)({ id: entry.id, sha: entry.sha ?? '', created: entry.at ?? '' }, payload, statuses)
            ];
        });
    }
    /** Locally, the state directory's owner writes everything. */
    async identity() {
        return 'local';
    }
    async appendDeployment(entry) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(this.stateDir, { recursive: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.appendFile)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.stateDir, 'deployments.jsonl'), `${JSON.stringify(entry)}\n`);
    }
    /** No other runs locally. */
    async cancelOtherRuns() {
        return 0;
    }
}


/***/ })

};

//# sourceMappingURL=976.index.js.map