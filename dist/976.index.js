export const id = 976;
export const ids = [976];
export const modules = {

/***/ 185:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bu: () => (/* binding */ parseState),
/* harmony export */   sU: () => (/* binding */ serializeState),
/* harmony export */   xY: () => (/* binding */ hasMarker)
/* harmony export */ });
/* unused harmony exports STATE_OPEN, STATE_CLOSE, CheckSchema, DaySchema, ServiceStateSchema, DeploymentSchema, EventSchema, HaltSchema, NotifyMemorySchema, DashboardStateSchema, emptyState */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8816);
/* harmony import */ var _platform_platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8944);
// The dashboard's machine-readable state: its schema, how it is read back
// from an issue body (recovering what it can), and how it is written into
// one. Agents parse this block, so its shape is public (DESIGN §5).


const STATE_OPEN = '<!-- runbook:state';
const STATE_CLOSE = '-->';
/** An ISO 8601 UTC time as toISOString() writes it, or '' when unknown. */
const iso = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z)?$/);
const state = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['healthy', 'degraded', 'down', 'unknown']);
const overall = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['healthy', 'degraded', 'critical', 'unknown']);
/** One check: [unix seconds, state initial (h, d, x), latency ms or null]. */
const CheckSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .tuple */ .PVZ([
    zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(0),
    zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['h', 'd', 'x']),
    zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(0).nullable()
]);
/** A day's time, in seconds, spent in each state, and the mean latency. */
const DaySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .strictObject */ .rej({
    day: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().regex(/^\d{4}-\d{2}-\d{2}$/),
    up: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0),
    degraded: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0),
    down: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0),
    avg_ms: zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(0).nullable()
});
const ServiceStateSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    title: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(200).default(''),
    /** The confirmed state, which flips only after the thresholds. */
    status: state,
    since: iso,
    /** What the last run saw, and how many runs in a row saw it. */
    observed: state.default('unknown'),
    streak: zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(0).default(0),
    latency_ms: zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(0).nullable().default(null),
    reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(500).nullable().default(null),
    last_check: iso.nullable().default(null),
    /** Which run (and which of its checks) the last check came from. */
    last_source: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(100).default(''),
    recent: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(CheckSchema).default([]),
    daily: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(DaySchema).default([])
});
const DeploymentSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    tag: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(100),
    sha: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(64),
    time: iso,
    actor: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(100),
    components: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(100)).max(500),
    verified: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY().nullable(),
    kind: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['deploy', 'update-component', 'rollback']).default('deploy'),
    run_url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(500).default('')
});
const EventSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    at: iso,
    kind: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(40),
    text: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(1000),
    run: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(40).default(''),
    actor: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(100).default('')
});
const HaltSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    by: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(100),
    at: iso,
    reason: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(1000)
});
const NotifyMemorySchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    last_kind: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(40).nullable().default(null),
    last_overall: overall.nullable().default(null),
    last_sent_at: iso.nullable().default(null),
    last_attempt_at: iso.nullable().default(null),
    last_error: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(500).nullable().default(null)
})
    .loose();
const DashboardStateSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz(1),
    updated_at: iso,
    overall,
    halt: HaltSchema.nullable(),
    deployments: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(DeploymentSchema),
    services: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(100), ServiceStateSchema),
    events: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(EventSchema),
    last_run: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(40), url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().max(500), at: iso })
        .nullable()
        .default(null),
    thresholds: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ failure: zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(1), success: zod__WEBPACK_IMPORTED_MODULE_1__/* .int */ .Whr().min(1) })
        .default({ failure: 1, success: 1 }),
    notify: NotifyMemorySchema.default({
        last_kind: null,
        last_overall: null,
        last_sent_at: null,
        last_attempt_at: null,
        last_error: null
    })
});
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
 * Reads the state block from a body. A blank, hand-edited or corrupt body
 * never throws: each part that can be read is kept, the rest is rebuilt.
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
    let raw;
    try {
        raw = JSON.parse(json);
    }
    catch {
        return { state: fresh, problems: ['the state block was not valid JSON'] };
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        return { state: fresh, problems: ['the state block was not an object'] };
    const whole = DashboardStateSchema.safeParse(raw);
    if (whole.success)
        return { state: whole.data, problems: [] };
    return salvage(raw, fresh);
}
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
        if (kept.length < value.length)
            problems.push(`${value.length - kept.length} unreadable "${key}" entr${value.length - kept.length === 1 ? 'y' : 'ies'}`);
        return kept;
    };
    pick('updated_at', iso, (v) => (state.updated_at = v));
    pick('overall', overall, (v) => (state.overall = v));
    pick('halt', HaltSchema.nullable(), (v) => (state.halt = v));
    pick('last_run', DashboardStateSchema.shape.last_run, (v) => (state.last_run = v));
    pick('thresholds', DashboardStateSchema.shape.thresholds, (v) => (state.thresholds = v));
    pick('notify', NotifyMemorySchema, (v) => (state.notify = v));
    state.deployments = list('deployments', DeploymentSchema);
    state.events = list('events', EventSchema);
    const services = raw.services;
    if (services !== null &&
        typeof services === 'object' &&
        !Array.isArray(services)) {
        for (const [name, value] of Object.entries(services)) {
            let parsed = ServiceStateSchema.safeParse(value);
            if (!parsed.success && value !== null && typeof value === 'object') {
                // Keep the readable checks and days of a service with a bad one.
                const entry = value;
                const valid = (list, schema) => Array.isArray(list)
                    ? list.filter((item) => schema.safeParse(item).success)
                    : list;
                parsed = ServiceStateSchema.safeParse({
                    ...entry,
                    recent: valid(entry.recent, CheckSchema),
                    daily: valid(entry.daily, DaySchema)
                });
                if (parsed.success)
                    problems.push(`unreadable checks of service "${name.slice(0, 40)}"`);
            }
            if (parsed.success)
                state.services[name] = parsed.data;
            else
                problems.push(`service "${name.slice(0, 40)}" was unreadable`);
        }
    }
    else if (services !== undefined)
        problems.push('"services" was unreadable');
    if (raw.schema !== 1)
        problems.push('"schema" was not 1');
    return { state, problems };
}
/** The state block: the JSON never contains "-->" or "<!--", whatever the text in it. */
function serializeState(state) {
    const json = JSON.stringify(state).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `${STATE_OPEN}\n${json}\n${STATE_CLOSE}`;
}
function hasMarker(body) {
    return (body ?? '')
        .replace(/^\uFEFF/, '')
        .trimStart()
        .startsWith(_platform_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .DASHBOARD_MARKER */ .UM);
}


/***/ }),

/***/ 4376:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ deploymentFact),
/* harmony export */   r: () => (/* binding */ readPayload)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8816);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8944);
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
    const failure = ordered.find((s) => s.state === 'failure' || s.state === 'error');
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
        stopped: latest?.state === 'inactive' &&
            latest.description.startsWith(_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .STATUS_PHRASE */ .xi.stopped)
    };
}


/***/ }),

/***/ 2976:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LocalPlatform: () => (/* binding */ LocalPlatform)
/* harmony export */ });
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
/* harmony import */ var _dashboard_state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(185);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8944);
/* harmony import */ var _facts_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4376);
// The local platform: the dashboard is a file in the state directory, and
// the halt lock and deployment tags live in the local git repository.








const run = (0,node_util__WEBPACK_IMPORTED_MODULE_4__.promisify)(node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile);
class LocalPlatform {
    stateDir;
    cwd;
    kind = 'local';
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
        return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(this.path(number), 'utf8').catch(() => null);
    }
    async findDashboard() {
        const primary = await this.read(1);
        if (primary !== null && (0,_dashboard_state_js__WEBPACK_IMPORTED_MODULE_5__/* .hasMarker */ .xY)(primary))
            return {
                issue: { number: 1, url: this.file, body: primary },
                foreign: false
            };
        const own = await this.read(2);
        return {
            issue: own !== null && (0,_dashboard_state_js__WEBPACK_IMPORTED_MODULE_5__/* .hasMarker */ .xY)(own)
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
        catch {
            return false;
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
        catch {
            return null;
        }
    }
    async listDeploymentTags() {
        const out = await this.git([
            'for-each-ref',
            '--format=%(refname:short) %(*objectname)%(objectname)',
            'refs/tags/deployment-*'
        ]).catch(() => '');
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
    async defaultBranch() {
        return (await this.git(['rev-parse', '--abbrev-ref', 'HEAD']).catch(() => 'main')).trim();
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