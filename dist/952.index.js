export const id = 952;
export const ids = [952];
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

/***/ 5952:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubPlatform: () => (/* binding */ GitHubPlatform)
/* harmony export */ });
/* unused harmony exports WORKFLOW_BOT, PlatformError, describe */
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5250);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9735);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3251);
/* harmony import */ var bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6856);
/* harmony import */ var _contract_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3665);
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1452);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3916);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1748);
/* harmony import */ var _facts_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4376);
// The GitHub platform: Octokit from @actions/github with the retry and
// throttling plugins and a timeout on every request. Every failure becomes
// one line: what was attempted, the status, GitHub's message, and the
// permission the workflow probably lacks.









const Octokit = _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_0__/* .GitHub */ .gq.plugin(_octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_6__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_7__/* .throttling */ .A);
/** Who the workflow's own token (GITHUB_TOKEN) writes as. */
const WORKFLOW_BOT = 'github-actions[bot]';
/** GitHub's spacing of writes: see `throttle` below. */
const WRITE_SPACING_MS = 250;
/** A write lands, and another run's queued write with it, within this. */
const SETTLE_MS = 1000;
/**
 * One queue per kind and spacing for every client in this process: its
 * requests go one at a time, whichever client makes them.
 */
const queues = new Map();
function queue(kind, spacingMs) {
    const id = `runbook-${kind}-${spacingMs}`;
    let group = queues.get(id);
    if (!group) {
        group = new (bottleneck_light_js__WEBPACK_IMPORTED_MODULE_1___default().Group)({ id, maxConcurrent: 1, minTime: spacingMs });
        queues.set(id, group);
    }
    return group;
}
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
    settleMs;
    octokit;
    owner;
    repo;
    constructor(options) {
        const [owner, repo] = options.repository.split('/');
        if (!owner || !repo)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo(`GITHUB_REPOSITORY ${JSON.stringify(options.repository)} is not owner/repo`);
        if (!options.token)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_8__/* .UserError */ .yo('input `github-token` is empty: pass ${{ github.token }} or a token with the permissions the stage needs');
        this.owner = owner;
        this.repo = repo;
        const timeoutMs = options.timeoutMs ?? 15_000;
        const retries = options.retries ?? 3;
        const log = options.log ?? (() => { });
        this.settleMs = options.timing?.settleMs ?? SETTLE_MS;
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
                write: queue('write', options.timing?.writeSpacingMs ?? WRITE_SPACING_MS),
                // Requests that notify people (creating the dashboard issue) keep
                // the plugin's own spacing of 3 s on GitHub.
                ...(options.timing && {
                    notifications: queue('notifications', options.timing.writeSpacingMs)
                }),
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
            return `it was opened by ${(0,_safe_text_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(issue.author, 60)}, not by ${await this.identity()}`;
        if (!issue.labels.includes(_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .DASHBOARD_LABEL */ .up))
            return `it has no ${_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .DASHBOARD_LABEL */ .up} label`;
        if (!(0,_contract_js__WEBPACK_IMPORTED_MODULE_2__/* .hasMarker */ .xY)(issue.issue.body))
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
        const labelled = await this.call(`list the issues labelled ${_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .DASHBOARD_LABEL */ .up}`, NEEDS.issuesRead, () => this.octokit.rest.issues.listForRepo({
            ...this.repoParams,
            labels: _platform_js__WEBPACK_IMPORTED_MODULE_4__/* .DASHBOARD_LABEL */ .up,
            creator: me,
            state: 'open',
            sort: 'created',
            direction: 'asc',
            per_page: 20
        }));
        const own = labelled.data.find((i) => !i.pull_request &&
            (i.user?.login ?? '').toLowerCase() === me &&
            (0,_contract_js__WEBPACK_IMPORTED_MODULE_2__/* .hasMarker */ .xY)(i.body ?? ''));
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
            labels: [_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .DASHBOARD_LABEL */ .up]
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
    async closeDashboard(number, replacement) {
        await this.call(`close the superseded dashboard issue #${number}`, NEEDS.issues, () => this.octokit.rest.issues.update({
            ...this.repoParams,
            issue_number: number,
            title: replacement.title,
            body: replacement.body,
            labels: [],
            state: 'closed',
            state_reason: 'not_planned'
        }));
    }
    async readHalt() {
        const ref = await this.getRef(`tags/${_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .HALT_TAG */ .zz}`);
        if (!ref)
            return null;
        if (ref.type !== 'tag')
            return { by: 'unknown', at: '', reason: '' };
        const { data } = await this.call('read the runbook-halt tag', NEEDS.contentsRead, () => this.octokit.rest.git.getTag({ ...this.repoParams, tag_sha: ref.sha }));
        return (0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .parseHaltMessage */ .iB)(data.message);
    }
    async takeHalt(halt, sha) {
        const { data: tag } = await this.call('create the runbook-halt tag object', NEEDS.contents, () => this.octokit.rest.git.createTag({
            ...this.repoParams,
            tag: _platform_js__WEBPACK_IMPORTED_MODULE_4__/* .HALT_TAG */ .zz,
            message: JSON.stringify(halt),
            object: sha,
            type: 'commit'
        }));
        return this.createRef(`refs/tags/${_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .HALT_TAG */ .zz}`, tag.sha, 'take the emergency-stop lock (tag runbook-halt)');
    }
    async releaseHalt() {
        try {
            await this.octokit.rest.git.deleteRef({
                ...this.repoParams,
                ref: `tags/${_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .HALT_TAG */ .zz}`
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
            const payload = (0,_facts_js__WEBPACK_IMPORTED_MODULE_5__/* .readPayload */ .r)(d.payload);
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
            return (0,_facts_js__WEBPACK_IMPORTED_MODULE_5__/* .deploymentFact */ .S)({ id: d.id, sha: d.sha, created: d.created_at }, payload, mine);
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
    const message = (0,_safe_text_js__WEBPACK_IMPORTED_MODULE_3__/* .oneLine */ .TN)(messageOf(error), 200);
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