export const id = 952;
export const ids = [952];
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

/***/ 5952:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubPlatform: () => (/* binding */ GitHubPlatform)
/* harmony export */ });
/* unused harmony exports WORKFLOW_BOT, PlatformError, describe */
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5250);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9735);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3251);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6856);
/* harmony import */ var _dashboard_state_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(185);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8992);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8944);
/* harmony import */ var _facts_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4376);
// The GitHub platform: Octokit from @actions/github with the retry and
// throttling plugins and a timeout on every request. Every failure becomes
// one line: what was attempted, the status, GitHub's message, and the
// permission the workflow probably lacks.








const Octokit = _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__/* .GitHub */ .gq.plugin(_octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_5__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_6__/* .throttling */ .A);
/** Who the workflow's own token (GITHUB_TOKEN) writes as. */
const WORKFLOW_BOT = 'github-actions[bot]';
/** One queue for every client in this process: writes go one at a time. */
const WRITES = new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default().Group)({
    id: 'runbook-write',
    maxConcurrent: 1,
    minTime: 250
});
class PlatformError extends Error {
    status;
    name = 'PlatformError';
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
/** The permission each kind of call needs, named as in a workflow's `permissions:`. */
const NEEDS = {
    issues: 'issues: write',
    issuesRead: 'issues: read',
    contents: 'contents: write',
    contentsRead: 'contents: read',
    deployments: 'deployments: write',
    deploymentsRead: 'deployments: read',
    actions: 'actions: write',
    metadata: 'metadata: read'
};
class GitHubPlatform {
    kind = 'github';
    octokit;
    owner;
    repo;
    constructor(options) {
        const [owner, repo] = options.repository.split('/');
        if (!owner || !repo)
            throw new PlatformError(`GITHUB_REPOSITORY ${JSON.stringify(options.repository)} is not owner/repo`, null);
        if (!options.token)
            throw new PlatformError('input `github-token` is empty: pass ${{ github.token }} or a token with the permissions the stage needs', null);
        this.owner = owner;
        this.repo = repo;
        const timeoutMs = options.timeoutMs ?? 15_000;
        const retries = options.retries ?? 3;
        const log = options.log ?? (() => { });
        const baseFetch = (_actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__/* .defaults */ .NT.request?.fetch ?? fetch);
        this.octokit = new Octokit((0,_actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__/* .getOctokitOptions */ .EG)(options.token, {
            baseUrl: options.baseUrl ?? _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__/* .defaults */ .NT.baseUrl,
            request: {
                ..._actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__/* .defaults */ .NT.request,
                // Each HTTP attempt, retries included, gets its own timeout.
                fetch: (url, init = {}) => baseFetch(url, {
                    ...init,
                    signal: init.signal
                        ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
                        : AbortSignal.timeout(timeoutMs)
                })
            },
            // The retry plugin's own options: set on `request`, they would
            // apply to every status and carry its count across requests.
            // Waits of (n + 1)² × 250 ms: 1 s, 2.25 s, 4 s.
            retry: {
                retries,
                retryAfterBaseValue: 250,
                doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451]
            },
            throttle: {
                // GitHub asks for a second between mutating requests when an
                // integration makes many; a run makes a handful, so a quarter of a
                // second keeps them serial without making a deploy wait seconds.
                // A secondary rate limit, if it ever comes, is still honoured.
                write: WRITES,
                onRateLimit: (retryAfter, request, _o, count) => {
                    log(`rate limited on ${request.method} ${request.url}: retrying after ${retryAfter} s`);
                    return count < 2 && retryAfter <= 60;
                },
                onSecondaryRateLimit: (retryAfter, request, _o, count) => {
                    log(`secondary rate limit on ${request.method} ${request.url}: retrying after ${retryAfter} s`);
                    return count < 2 && retryAfter <= 60;
                }
            }
        }));
        // Octokit shares one `request` object between calls, and the retry
        // plugin counts its attempts in it: each call gets its own, so one
        // call's retries never lengthen another's waits.
        this.octokit.hook.wrap('request', (request, options) => request({ ...options, request: { ...options.request } }));
    }
    get repoParams() {
        return { owner: this.owner, repo: this.repo };
    }
    /** Runs one call, turning any failure into a one-line PlatformError. */
    async call(what, needs, fn) {
        try {
            return await fn();
        }
        catch (error) {
            throw describe(what, needs, error);
        }
    }
    login;
    /**
     * The token's login: a personal or app user token says who it is; the
     * workflow's installation token may not ask (403), and writes as
     * github-actions[bot].
     */
    identity() {
        this.login ??= this.octokit.rest.users.getAuthenticated().then(({ data }) => data.login, (error) => {
            const status = statusOf(error);
            if (status === 403 || status === 404)
                return WORKFLOW_BOT;
            this.login = undefined;
            throw describe('read who the token belongs to', NEEDS.metadata, error);
        });
        return this.login;
    }
    /** Ours: created by our identity, labelled, carrying the marker. */
    async ours(issue) {
        if (!issue)
            return 'it does not exist';
        if (issue.pull)
            return 'it is a pull request';
        if (issue.author.toLowerCase() !== (await this.identity()).toLowerCase())
            return `it was opened by ${(0,_text_js__WEBPACK_IMPORTED_MODULE_7__/* .oneLine */ .TN)(issue.author, 60)}, not by ${await this.identity()}`;
        if (!issue.labels.includes(_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .DASHBOARD_LABEL */ .up))
            return `it has no ${_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .DASHBOARD_LABEL */ .up} label`;
        if (!(0,_dashboard_state_js__WEBPACK_IMPORTED_MODULE_2__/* .hasMarker */ .xY)(issue.issue.body))
            return 'it has no dashboard marker';
        return '';
    }
    async findDashboard(preferred) {
        const issue = await this.getIssue(preferred);
        const why = await this.ours(issue);
        if (issue && why === '')
            return { issue: issue.issue, foreign: false };
        // Our own labelled dashboard, oldest first so that it never moves.
        const me = (await this.identity()).toLowerCase();
        const labelled = await this.call(`list the issues labelled ${_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .DASHBOARD_LABEL */ .up}`, NEEDS.issuesRead, () => this.octokit.rest.issues.listForRepo({
            ...this.repoParams,
            labels: _platform_js__WEBPACK_IMPORTED_MODULE_3__/* .DASHBOARD_LABEL */ .up,
            creator: me,
            state: 'open',
            sort: 'created',
            direction: 'asc',
            per_page: 20
        }));
        const own = labelled.data.find((i) => !i.pull_request &&
            (i.user?.login ?? '').toLowerCase() === me &&
            (0,_dashboard_state_js__WEBPACK_IMPORTED_MODULE_2__/* .hasMarker */ .xY)(i.body ?? ''));
        return {
            issue: own
                ? { number: own.number, url: own.html_url, body: own.body ?? '' }
                : null,
            foreign: issue !== null,
            why: issue ? why : ''
        };
    }
    async getIssue(number) {
        try {
            const { data } = await this.octokit.rest.issues.get({
                ...this.repoParams,
                issue_number: number
            });
            return {
                issue: {
                    number: data.number,
                    url: data.html_url,
                    body: data.body ?? ''
                },
                pull: data.pull_request !== undefined && data.pull_request !== null,
                author: data.user?.login ?? '',
                labels: data.labels.map((l) => typeof l === 'string' ? l : (l.name ?? ''))
            };
        }
        catch (error) {
            const status = statusOf(error);
            if (status === 404 || status === 410)
                return null;
            throw describe(`read issue #${number}`, NEEDS.issuesRead, error);
        }
    }
    async readDashboard(number) {
        const found = await this.getIssue(number);
        if (!found)
            throw new PlatformError(`could not re-read the dashboard issue #${number}: it no longer exists`, 404);
        return found.issue;
    }
    async createDashboard(title, body) {
        const { data } = await this.call('create the dashboard issue', NEEDS.issues, () => this.octokit.rest.issues.create({
            ...this.repoParams,
            title,
            body,
            labels: [_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .DASHBOARD_LABEL */ .up]
        }));
        return { number: data.number, url: data.html_url, body: data.body ?? body };
    }
    async updateDashboard(number, body) {
        await this.call(`update the dashboard issue #${number}`, NEEDS.issues, () => this.octokit.rest.issues.update({
            ...this.repoParams,
            issue_number: number,
            body
        }));
    }
    async readHalt() {
        const ref = await this.getRef(`tags/${_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .HALT_TAG */ .zz}`);
        if (!ref)
            return null;
        if (ref.type !== 'tag')
            return { by: 'unknown', at: '', reason: '' };
        const { data } = await this.call('read the runbook-halt tag', NEEDS.contentsRead, () => this.octokit.rest.git.getTag({ ...this.repoParams, tag_sha: ref.sha }));
        return (0,_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .parseHaltMessage */ .iB)(data.message);
    }
    async takeHalt(halt, sha) {
        const { data: tag } = await this.call('create the runbook-halt tag object', NEEDS.contents, () => this.octokit.rest.git.createTag({
            ...this.repoParams,
            tag: _platform_js__WEBPACK_IMPORTED_MODULE_3__/* .HALT_TAG */ .zz,
            message: JSON.stringify(halt),
            object: sha,
            type: 'commit'
        }));
        return this.createRef(`refs/tags/${_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .HALT_TAG */ .zz}`, tag.sha, 'take the emergency-stop lock (tag runbook-halt)');
    }
    async releaseHalt() {
        try {
            await this.octokit.rest.git.deleteRef({
                ...this.repoParams,
                ref: `tags/${_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .HALT_TAG */ .zz}`
            });
            return true;
        }
        catch (error) {
            const status = statusOf(error);
            if (status === 422 || status === 404)
                return false;
            throw describe('release the emergency-stop lock (delete tag runbook-halt)', NEEDS.contents, error);
        }
    }
    async getRef(ref) {
        try {
            const { data } = await this.octokit.rest.git.getRef({
                ...this.repoParams,
                ref
            });
            return { sha: data.object.sha, type: data.object.type };
        }
        catch (error) {
            if (statusOf(error) === 404)
                return null;
            throw describe(`read the ref ${ref}`, NEEDS.contentsRead, error);
        }
    }
    async createRef(ref, sha, what) {
        try {
            await this.octokit.rest.git.createRef({ ...this.repoParams, ref, sha });
            return true;
        }
        catch (error) {
            // 422 "Reference already exists": someone else holds it.
            if (statusOf(error) === 422 && /already exists/i.test(messageOf(error)))
                return false;
            throw describe(what, NEEDS.contents, error);
        }
    }
    async tagCommit(tag) {
        const ref = await this.getRef(`tags/${tag}`);
        if (!ref)
            return null;
        if (ref.type === 'commit')
            return ref.sha;
        const { data } = await this.call(`read the tag ${tag}`, NEEDS.contentsRead, () => this.octokit.rest.git.getTag({ ...this.repoParams, tag_sha: ref.sha }));
        return data.object.sha;
    }
    async listDeploymentTags() {
        const refs = await this.call('list the deployment tags', NEEDS.contentsRead, () => this.octokit.paginate(this.octokit.rest.git.listMatchingRefs, {
            ...this.repoParams,
            ref: 'tags/deployment-',
            per_page: 100
        }));
        return refs.map((r) => ({
            tag: r.ref.replace(/^refs\/tags\//, ''),
            sha: r.object.sha
        }));
    }
    async createTag(tag, sha) {
        return this.createRef(`refs/tags/${tag}`, sha, `create the tag ${tag}`);
    }
    async permission(user) {
        try {
            const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({
                ...this.repoParams,
                username: user
            });
            const role = (data.role_name ?? '').toLowerCase();
            if (role === 'maintain' || role === 'triage')
                return role;
            const level = data.permission;
            return level === 'admin' || level === 'write' || level === 'read'
                ? level
                : 'none';
        }
        catch (error) {
            if (statusOf(error) === 404)
                return 'none';
            throw describe(`look up ${user}'s permission on the repository`, NEEDS.metadata, error);
        }
    }
    async defaultBranch() {
        const { data } = await this.call('read the repository', NEEDS.metadata, () => this.octokit.rest.repos.get(this.repoParams));
        return data.default_branch;
    }
    async resolveCommit(ref) {
        const { data } = await this.call(`resolve ${ref} to a commit`, NEEDS.contentsRead, () => this.octokit.rest.repos.getCommit({
            ...this.repoParams,
            ref,
            per_page: 1
        }));
        return data.sha;
    }
    async createDeployment(deployment) {
        const { data, status } = await this.call(`create a deployment of ${deployment.sha.slice(0, 7)} to ${deployment.environment}`, NEEDS.deployments, () => this.octokit.rest.repos.createDeployment({
            ...this.repoParams,
            ref: deployment.sha,
            environment: deployment.environment,
            description: deployment.description.slice(0, 140),
            payload: { ...deployment.payload },
            auto_merge: false,
            // The checks already ran in this workflow; GitHub must not re-gate them.
            required_contexts: [],
            production_environment: deployment.environment === 'production'
        }));
        if (status !== 201 || !('id' in data))
            throw new PlatformError(`could not create a deployment of ${deployment.sha.slice(0, 7)}: GitHub answered ${status} without a deployment`, status);
        return data.id;
    }
    async listDeployments(environment, limit) {
        const { data } = await this.call(`list the deployments to ${environment}`, NEEDS.deploymentsRead, () => this.octokit.rest.repos.listDeployments({
            ...this.repoParams,
            environment,
            per_page: Math.min(100, limit * 2)
        }));
        const me = (await this.identity()).toLowerCase();
        const ours = data
            .filter((d) => (d.creator?.login ?? '').toLowerCase() === me)
            .flatMap((d) => {
            const payload = (0,_facts_js__WEBPACK_IMPORTED_MODULE_4__/* .readPayload */ .r)(d.payload);
            return payload ? [{ d, payload }] : [];
        })
            .slice(0, limit);
        // The statuses of each, side by side: a bounded number of reads.
        return Promise.all(ours.map(async ({ d, payload }) => {
            const statuses = await this.call(`read the statuses of deployment ${d.id}`, NEEDS.deploymentsRead, () => this.octokit.rest.repos.listDeploymentStatuses({
                ...this.repoParams,
                deployment_id: d.id,
                per_page: 20
            }));
            const mine = statuses.data
                .filter((s) => (s.creator?.login ?? '').toLowerCase() === me)
                .map((s) => ({
                id: s.id,
                state: s.state,
                description: s.description ?? ''
            }));
            return (0,_facts_js__WEBPACK_IMPORTED_MODULE_4__/* .deploymentFact */ .S)({ id: d.id, sha: d.sha, created: d.created_at }, payload, mine);
        }));
    }
    async setDeploymentStatus(id, state, details) {
        await this.call(`set deployment ${id} to ${state}`, NEEDS.deployments, () => this.octokit.rest.repos.createDeploymentStatus({
            ...this.repoParams,
            deployment_id: id,
            state,
            log_url: details.logUrl || undefined,
            description: details.description.slice(0, 140),
            auto_inactive: state === 'success'
        }));
    }
    async cancelOtherRuns(runId) {
        const id = Number(runId);
        if (!Number.isSafeInteger(id))
            return 0;
        const { data: run } = await this.call(`read run ${runId}`, NEEDS.actions, () => this.octokit.rest.actions.getWorkflowRun({
            ...this.repoParams,
            run_id: id
        }));
        let cancelled = 0;
        for (const status of [
            'in_progress',
            'queued',
            'waiting',
            'pending'
        ]) {
            const runs = await this.call(`list ${status} runs of the workflow`, NEEDS.actions, () => this.octokit.paginate(this.octokit.rest.actions.listWorkflowRuns, {
                ...this.repoParams,
                workflow_id: run.workflow_id,
                status,
                per_page: 100
            }));
            for (const other of runs) {
                if (other.id === id)
                    continue;
                try {
                    await this.octokit.rest.actions.cancelWorkflowRun({
                        ...this.repoParams,
                        run_id: other.id
                    });
                    cancelled++;
                }
                catch (error) {
                    // 409: it finished meanwhile, which is what we wanted.
                    if (statusOf(error) !== 409)
                        throw describe(`cancel run ${other.id}`, NEEDS.actions, error);
                }
            }
        }
        return cancelled;
    }
}
function statusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : null;
}
function messageOf(error) {
    const response = error
        ?.response;
    const message = response?.data?.message;
    if (typeof message === 'string')
        return message;
    return error instanceof Error ? error.message : String(error);
}
/** One line: what was attempted, the status, GitHub's message, and the likely missing permission. */
function describe(what, needs, error) {
    if (error instanceof PlatformError)
        return error;
    const status = statusOf(error);
    const message = (0,_text_js__WEBPACK_IMPORTED_MODULE_7__/* .oneLine */ .TN)(messageOf(error), 200);
    const aborted = error?.name === 'TimeoutError' ||
        /aborted|timeout/i.test(message);
    let hint = '';
    if (status === 403 && /rate limit/i.test(message))
        hint = '; GitHub rate-limited the token, try again later';
    else if (status === 403 || status === 404)
        hint = `; the workflow's token probably lacks "${needs}" permission (add it under permissions:)`;
    else if (status === 401)
        hint = '; the token is invalid or expired';
    return new PlatformError(`could not ${what}: ${status === null ? (aborted ? 'the request timed out' : 'network error') : `HTTP ${status}`}${message && status !== null ? ` ${message}` : status === null && !aborted ? ` (${message})` : ''}${hint}`, status);
}


/***/ })

};

//# sourceMappingURL=952.index.js.map