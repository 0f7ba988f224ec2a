export const id = 159;
export const ids = [159];
export const modules = {

/***/ 1159:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runMcp: () => (/* binding */ runMcp)
});

// EXTERNAL MODULE: ./node_modules/@modelcontextprotocol/sdk/dist/esm/server/mcp.js + 57 modules
var mcp = __webpack_require__(2371);
// EXTERNAL MODULE: ./node_modules/@modelcontextprotocol/sdk/dist/esm/server/stdio.js + 1 modules
var stdio = __webpack_require__(9424);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/config.ts
var config = __webpack_require__(2973);
// EXTERNAL MODULE: ./src/inputs.ts + 2 modules
var inputs = __webpack_require__(7744);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 20 modules
var utils = __webpack_require__(2869);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(3251);
var light_default = /*#__PURE__*/__webpack_require__.n(light);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./src/contract.ts
var contract = __webpack_require__(3665);
// EXTERNAL MODULE: ./src/safe-text.ts
var safe_text = __webpack_require__(1452);
// EXTERNAL MODULE: ./src/platform/platform.ts + 1 modules
var platform = __webpack_require__(1748);
// EXTERNAL MODULE: ./src/platform/facts.ts
var facts = __webpack_require__(4376);
;// CONCATENATED MODULE: ./src/platform/github.ts
// The GitHub platform: Octokit from @actions/github with the retry and
// throttling plugins and a timeout on every request. Every failure becomes
// one line: what was attempted, the status, GitHub's message, and the
// permission the workflow probably lacks.









const Octokit = utils/* GitHub */.gq.plugin(dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
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
        group = new (light_default()).Group({ id, maxConcurrent: 1, minTime: spacingMs });
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
            throw new errors/* UserError */.yo(`GITHUB_REPOSITORY ${JSON.stringify(options.repository)} is not owner/repo`);
        if (!options.token)
            throw new errors/* UserError */.yo('input `github-token` is empty: pass ${{ github.token }} or a token with the permissions the stage needs');
        this.owner = owner;
        this.repo = repo;
        const timeoutMs = options.timeoutMs ?? 15_000;
        const retries = options.retries ?? 3;
        const log = options.log ?? (() => { });
        this.settleMs = options.timing?.settleMs ?? SETTLE_MS;
        const baseFetch = (utils/* defaults */.NT.request?.fetch ?? fetch);
        this.octokit = new Octokit((0,utils/* getOctokitOptions */.EG)(options.token, {
            baseUrl: options.baseUrl ?? utils/* defaults */.NT.baseUrl,
            request: {
                ...utils/* defaults */.NT.request,
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
            return `it was opened by ${(0,safe_text/* oneLine */.TN)(issue.author, 60)}, not by ${await this.identity()}`;
        if (!issue.labels.includes(platform/* DASHBOARD_LABEL */.up))
            return `it has no ${platform/* DASHBOARD_LABEL */.up} label`;
        if (!(0,contract/* hasMarker */.xY)(issue.issue.body))
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
        const labelled = await this.call(`list the issues labelled ${platform/* DASHBOARD_LABEL */.up}`, NEEDS.issuesRead, () => this.octokit.rest.issues.listForRepo({
            ...this.repoParams,
            labels: platform/* DASHBOARD_LABEL */.up,
            creator: me,
            state: 'open',
            sort: 'created',
            direction: 'asc',
            per_page: 20
        }));
        const own = labelled.data.find((i) => !i.pull_request &&
            (i.user?.login ?? '').toLowerCase() === me &&
            (0,contract/* hasMarker */.xY)(i.body ?? ''));
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
            labels: [platform/* DASHBOARD_LABEL */.up]
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
        const ref = await this.getRef(`tags/${platform/* HALT_TAG */.zz}`);
        if (!ref)
            return null;
        if (ref.type !== 'tag')
            return { by: 'unknown', at: '', reason: '' };
        const { data } = await this.call('read the runbook-halt tag', NEEDS.contentsRead, () => this.octokit.rest.git.getTag({ ...this.repoParams, tag_sha: ref.sha }));
        return (0,platform/* parseHaltMessage */.iB)(data.message);
    }
    async takeHalt(halt, sha) {
        const { data: tag } = await this.call('create the runbook-halt tag object', NEEDS.contents, () => this.octokit.rest.git.createTag({
            ...this.repoParams,
            tag: platform/* HALT_TAG */.zz,
            message: JSON.stringify(halt),
            object: sha,
            type: 'commit'
        }));
        return this.createRef(`refs/tags/${platform/* HALT_TAG */.zz}`, tag.sha, 'take the emergency-stop lock (tag runbook-halt)');
    }
    async releaseHalt() {
        try {
            await this.octokit.rest.git.deleteRef({
                ...this.repoParams,
                ref: `tags/${platform/* HALT_TAG */.zz}`
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
            const payload = (0,facts/* readPayload */.r)(d.payload);
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
            return (0,facts/* deploymentFact */.S)({ id: d.id, sha: d.sha, created: d.created_at }, payload, mine);
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
    const message = (0,safe_text/* oneLine */.TN)(messageOf(error), 200);
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

// EXTERNAL MODULE: ./src/platform/local.ts
var local = __webpack_require__(2976);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/mcp/options.ts
// `runbook mcp`'s command line and where it finds the repository, the API
// and the token. Finding them never fails the start: a missing piece is
// said by the first tool that needs it, so that a client still connects and
// the agent reads the fix.



const run = (0,external_node_util_.promisify)(external_node_child_process_.execFile);
const REPOSITORY = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
const MCP_USAGE = `Usage: runbook mcp [options]

Serves the runbook to MCP clients over stdio (logs go to stderr).

Options:
  --repo OWNER/NAME   the repository (default: from \`git remote get-url origin\`)
  --local             use the local state (--state-dir) and git tags, not GitHub
  --state-dir DIR     local mode's state directory (default: .runbook)
  --config PATH       runbook config (default: .github/runbook.yml)
  --services YAML     YAML or JSON list of services, replacing the config's
  --base-url URL      scheme and host of the default services
  --writer LOGIN      who writes the dashboard (default: github-actions[bot])
  --verbose           debug lines on stderr

Environment: GITHUB_TOKEN or GH_TOKEN (else \`gh auth token\`), GITHUB_API_URL
(default https://api.github.com).
`;
/** owner/name from a GitHub remote URL (https, ssh or scp-like), or null. */
function repositoryFromRemote(url) {
    const match = /^(?:https?:\/\/(?:[^@/]+@)?[^/]+\/|ssh:\/\/(?:[^@/]+@)?[^/]+\/|[^@:/]+@[^:]+:)([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url.trim());
    const found = match?.[1];
    return found && REPOSITORY.test(found) ? found : null;
}
async function remoteRepository(cwd) {
    try {
        const { stdout } = await run('git', ['remote', 'get-url', 'origin'], {
            cwd,
            timeout: 5000
        });
        return repositoryFromRemote(stdout);
    }
    catch {
        return null;
    }
}
async function parseMcpArgs(argv, env, cwd = process.cwd()) {
    let values;
    try {
        values = (0,external_node_util_.parseArgs)({
            args: argv,
            allowPositionals: false,
            strict: true,
            options: {
                repo: { type: 'string' },
                local: { type: 'boolean' },
                'state-dir': { type: 'string' },
                config: { type: 'string' },
                services: { type: 'string' },
                'base-url': { type: 'string' },
                writer: { type: 'string' },
                verbose: { type: 'boolean' },
                help: { type: 'boolean', short: 'h' }
            }
        }).values;
    }
    catch (error) {
        throw new errors/* InputError */.dz((0,errors/* errorMessage */.gJ)(error));
    }
    if (values.help)
        return 'help';
    if (values.repo !== undefined && !REPOSITORY.test(values.repo))
        throw new errors/* InputError */.dz(`option --repo: ${(0,errors/* quoteValue */.cl)(values.repo)} is not valid; allowed: owner/name`);
    const writer = values.writer ?? 'github-actions[bot]';
    if (!/^[A-Za-z0-9-]{1,39}(\[bot\])?$/.test(writer))
        throw new errors/* InputError */.dz(`option --writer: ${(0,errors/* quoteValue */.cl)(writer)} is not valid; allowed: a GitHub login`);
    const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
    let repository = values.repo ?? '';
    let repositoryProblem = '';
    if (!values.local && !repository) {
        repository = (await remoteRepository(cwd)) ?? '';
        if (!repository)
            repositoryProblem =
                'the repository is unknown: `git remote get-url origin` names no GitHub repository here; start the server with --repo owner/name, in a checkout of the repository, or with --local';
    }
    return {
        local: values.local ?? false,
        repository,
        repositoryProblem,
        apiUrl,
        stateDir: values['state-dir'] ?? '.runbook',
        config: values.config,
        services: values.services,
        baseUrl: values['base-url'],
        writer,
        verbose: values.verbose ?? false,
        cwd
    };
}
/** The host `gh` logs in to for an API URL: github.com for api.github.com. */
function ghHost(apiUrl) {
    try {
        const host = new URL(apiUrl).host;
        return host === 'api.github.com' ? 'github.com' : host;
    }
    catch {
        return 'github.com';
    }
}
/** GITHUB_TOKEN, GH_TOKEN, then `gh auth token` when gh is installed; null when none. */
async function findToken(env, apiUrl) {
    if (env.GITHUB_TOKEN?.trim())
        return { token: env.GITHUB_TOKEN.trim(), source: 'GITHUB_TOKEN' };
    if (env.GH_TOKEN?.trim())
        return { token: env.GH_TOKEN.trim(), source: 'GH_TOKEN' };
    try {
        const { stdout } = await run('gh', ['auth', 'token', '--hostname', ghHost(apiUrl)], { timeout: 10_000, env: { ...env, GH_PROMPT_DISABLED: '1' } });
        const token = stdout.trim();
        return /^[\x21-\x7e]{1,4096}$/.test(token)
            ? { token, source: 'gh auth token' }
            : null;
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: ./src/mcp/log.ts
// Where the stages report while the MCP server runs them: stderr only (stdout
// carries the protocol), and the lines kept for the tool's answer.

/** Lines kept per call: enough to see what happened, bounded. */
const KEPT = 200;
class McpReporter {
    verbose;
    lines = [];
    constructor(verbose = false) {
        this.verbose = verbose;
    }
    keep(line) {
        if (this.lines.length < KEPT)
            this.lines.push(line);
    }
    write(line) {
        process.stderr.write(`${line}\n`);
    }
    debug(message) {
        if (this.verbose)
            this.write(`  ${(0,safe_text/* oneLine */.TN)(message, 2000)}`);
    }
    info(message) {
        const line = (0,safe_text/* oneLine */.TN)(message, 1000);
        this.keep(line);
        if (this.verbose)
            this.write(line);
    }
    warning(message) {
        const line = `warning: ${(0,safe_text/* oneLine */.TN)(message, 1000)}`;
        this.keep(line);
        this.write(line);
    }
    error(message) {
        const line = `error: ${(0,safe_text/* oneLine */.TN)(message, 1000)}`;
        this.keep(line);
        this.write(line);
    }
    async group(title, fn) {
        this.info(`— ${title}`);
        return fn();
    }
    setOutput() { }
    setSecret() { }
    summary() { }
}
/** A line on stderr from the server itself. */
function log(message) {
    process.stderr.write(`runbook mcp: ${(0,safe_text/* oneLine */.TN)(message, 2000)}\n`);
}

;// CONCATENATED MODULE: ./src/mcp/backend.ts
// What the MCP tools run against: the repository's configuration, the
// platform (GitHub through the token the server found, or the local state),
// and the facts about "this run" that the safety gate checks. Every failure
// to reach them becomes one ToolError line that says how to fix it.









/** What a tool answers with isError: one line for the agent (and its person). */
class ToolError extends Error {
    name = 'ToolError';
}
/** The permissions a token needs for every tool, as a fine-grained token names them. */
const TOKEN_NEEDS = 'actions: write, contents: read, deployments: read, issues: read, metadata: read';
/**
 * GitHub as the dashboard's writer sees it. The server runs with a person's
 * (or an agent's) token, but the dashboard issue and the Deployments are
 * written by the workflow's token: Runbook reads only what that identity
 * wrote, exactly as the workflow itself does.
 */
class GitHubView extends GitHubPlatform {
    writer;
    constructor(options, writer) {
        super(options);
        this.writer = writer;
    }
    identity() {
        return Promise.resolve(this.writer);
    }
    /** Who the token belongs to: the actor of what the server dispatches. */
    tokenLogin() {
        return super.identity();
    }
}
class Backend {
    options;
    env;
    token;
    view;
    local;
    constructor(options, env) {
        this.options = options;
        this.env = env;
    }
    get mode() {
        return this.options.local ? 'local' : 'github';
    }
    reporter() {
        return new McpReporter(this.options.verbose);
    }
    /** The validated inputs of one call, with the server's own options. */
    inputs(given = {}) {
        return (0,inputs/* parseInputs */.TL)({
            config: this.options.config,
            services: this.options.services,
            'base-url': this.options.baseUrl,
            'report-path': (0,external_node_path_.join)(this.options.stateDir, 'report.json'),
            ...given
        });
    }
    /** Read on every call: the file may change while the server runs. */
    async config(inputs = this.inputs()) {
        return (0,config/* loadConfig */.Z9)({
            path: (0,external_node_path_.resolve)(this.options.cwd, inputs.config),
            baseUrl: inputs.baseUrl,
            servicesText: inputs.services
        });
    }
    async platform() {
        if (this.options.local) {
            this.local ??= new local/* LocalPlatform */.n((0,external_node_path_.resolve)(this.options.cwd, this.options.stateDir), this.options.cwd);
            return this.local;
        }
        return this.github();
    }
    /** GitHub, or a ToolError naming what is missing: the repository or the token. */
    async github() {
        if (this.options.local)
            throw new ToolError('this server runs in local mode (--local): there is no GitHub run to dispatch or watch; restart it without --local to use GitHub');
        if (this.view)
            return this.view;
        if (!this.options.repository)
            throw new ToolError(this.options.repositoryProblem);
        this.token ??= findToken(this.env, this.options.apiUrl);
        const found = await this.token;
        if (!found) {
            // Asked again next time: the person may log in meanwhile.
            this.token = undefined;
            throw new ToolError(`no GitHub token: set GITHUB_TOKEN or GH_TOKEN in the MCP server's environment (a fine-grained token for ${this.options.repository} with ${TOKEN_NEEDS}), or log in with \`gh auth login\`; or start the server with --local`);
        }
        this.view = new GitHubView({
            token: found.token,
            repository: this.options.repository,
            baseUrl: this.options.apiUrl,
            // An agent waits on the answer: fail fast and say why.
            retries: 1,
            timeoutMs: 10_000,
            log: (message) => process.stderr.write(`runbook mcp: ${(0,safe_text/* oneLine */.TN)(message)}\n`)
        }, this.options.writer);
        return this.view;
    }
    /**
     * The run the gate judges: a workflow_dispatch on the default branch by
     * the token's owner, exactly what the workflow's own gate will see.
     */
    async runInfo() {
        if (this.options.local) {
            const user = this.env.USER ?? 'local';
            return {
                id: `mcp-${Date.now().toString(36)}`,
                url: '',
                eventName: 'local',
                actor: user,
                triggeringActor: user,
                ref: '',
                sha: '',
                repository: '',
                defaultBranch: '',
                workdir: this.options.cwd
            };
        }
        const view = await this.github();
        const [actor, branch] = await Promise.all([
            view.tokenLogin(),
            view.defaultBranch()
        ]);
        return {
            id: 'mcp',
            url: '',
            eventName: 'workflow_dispatch',
            actor,
            triggeringActor: actor,
            ref: `refs/heads/${branch}`,
            sha: '',
            repository: this.options.repository,
            defaultBranch: branch
        };
    }
    context(inputs, config, run) {
        return {
            settings: { inputs, config, run },
            reporter: this.reporter(),
            now: () => new Date()
        };
    }
    /** A failure as the one line a tool answers with, fixes included. */
    explain(error) {
        if (error instanceof ToolError || error instanceof errors/* InputError */.dz)
            return (0,safe_text/* oneLine */.TN)(error.message, 1000);
        if (error instanceof PlatformError) {
            const where = this.options.apiUrl;
            const message = error.message
                .replace(/the workflow's token probably lacks "([^"]+)" permission \(add it under permissions:\)/, `the token probably lacks "$1" permission on ${this.options.repository} (this server needs ${TOKEN_NEEDS})`)
                .replace(/the token is invalid or expired/, 'the token is invalid or expired: set a valid GITHUB_TOKEN or GH_TOKEN, or run `gh auth login`');
            // Octokit reports a failed connection as HTTP 500 with the socket's error.
            const unreachable = error.status === null ||
                /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|fetch failed|timed out/.test(message);
            return (0,safe_text/* oneLine */.TN)(unreachable
                ? `${message.replace(/HTTP 500 (?=(connect )?E[A-Z]+ |fetch failed)/, '')}; GitHub is unreachable at ${where} (check GITHUB_API_URL and the network)`
                : message, 1000);
        }
        return (0,safe_text/* oneLine */.TN)((0,errors/* errorMessage */.gJ)(error), 1000);
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/dashboard/render.ts + 1 modules
var render = __webpack_require__(7526);
// EXTERNAL MODULE: ./src/dashboard/advice.ts
var advice = __webpack_require__(1338);
// EXTERNAL MODULE: ./src/dashboard/situation.ts
var dashboard_situation = __webpack_require__(8352);
// EXTERNAL MODULE: ./src/dashboard/state.ts
var dashboard_state = __webpack_require__(185);
// EXTERNAL MODULE: ./src/stages/gate.ts
var gate = __webpack_require__(1152);
// EXTERNAL MODULE: ./src/stages/situation.ts
var situation = __webpack_require__(7719);
;// CONCATENATED MODULE: ./src/mcp/status.ts
// The `status` tool: the situation as an agent should act on it. The
// dashboard's state block is read only through parseState (validated and
// capped); what runs, what was verified and whether Runbook is halted are
// read again from the recorded deployments and the runbook-halt tag, so a
// stale or edited dashboard cannot claim them.






const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const EVENTS = 10;
/** The newest verified deployment of each service, from the recorded facts. */
function lastVerified(facts, name) {
    const found = facts.find((d) => d.verified === true && d.components.includes(name));
    return found ? { tag: found.tag, sha: found.sha, time: found.time } : null;
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
async function readStatus(platform, config, where) {
    const names = config.services.map((s) => s.name);
    const now = new Date().toISOString();
    const [found, recorded, halt] = await Promise.all([
        platform.findDashboard(config.dashboard.issue ?? 1),
        platform.listDeployments(config.deployment.environment, gate.DEPLOYMENT_FACTS),
        platform.readHalt()
    ]);
    const { state, problems } = (0,dashboard_state/* parseState */.Bu)(found.issue?.body ?? null, now);
    if (!found.issue)
        problems.push('there is no dashboard yet: run the healthcheck action once to create it');
    if (found.foreign && found.why)
        problems.push(`issue #${config.dashboard.issue ?? 1} is not Runbook's dashboard (${(0,safe_text/* oneLine */.TN)(found.why, 200)})`);
    const situation = situationNow(state, names, recorded, halt, now);
    const live = (0,dashboard_situation/* liveRecords */.rQ)(situation);
    // The dashboard's own next step was worked out by the last run from the
    // same kind of facts and knows that run's outcome in full: it stands while
    // the facts still match it; otherwise the step is worked out again now.
    const current = state.next !== null &&
        same(state.live, live) &&
        (state.halt === null) === (halt === null);
    if (state.next !== null && !current)
        problems.push('the recorded deployments or the halt lock changed since the dashboard was written: the next step is worked out from them now');
    const next = current && state.next
        ? state.next
        : {
            situation: situation.next.situation,
            command: situation.next.command,
            why: situation.next.why,
            target: situation.target
        };
    const output = {
        mode: where.mode,
        repository: where.repository,
        dashboard: found.issue
            ? { number: found.issue.number, url: found.issue.url }
            : null,
        updated_at: state.updated_at,
        overall: state.overall,
        stopped: current ? state.stopped : situation.overall === 'stopped',
        halt: halt
            ? {
                by: (0,safe_text/* oneLine */.TN)(halt.by, 100),
                at: halt.at,
                reason: (0,safe_text/* oneLine */.TN)(halt.reason, 500)
            }
            : null,
        services: Object.fromEntries(names.map((name) => {
            const h = state.services[name];
            return [
                name,
                {
                    status: h?.status ?? 'unknown',
                    since: h?.since ?? '',
                    latency_ms: h?.latency_ms ?? null,
                    reason: h?.reason ? (0,safe_text/* oneLine */.TN)(h.reason, 500) : null,
                    last_check: h?.last_check ?? null,
                    live: live[name] ?? null,
                    last_verified: lastVerified(recorded, name)
                }
            ];
        })),
        live,
        next: { ...next, why: (0,safe_text/* oneLine */.TN)(next.why, 1000) },
        events: state.events.slice(0, EVENTS).map((e) => ({
            at: e.at,
            kind: (0,safe_text/* oneLine */.TN)(e.kind, 40),
            text: (0,safe_text/* oneLine */.TN)(e.text, 500)
        })),
        problems: problems.map((p) => (0,safe_text/* oneLine */.TN)(p, 500))
    };
    return { output, state };
}
/** The model's answer from the state, with the platform's facts in place of its cache. */
function situationNow(state, names, recorded, halt, now) {
    const base = (0,advice/* factsFromState */.n5)(state, names);
    const parsed = dashboard_situation/* SituationFactsSchema */.$z.safeParse({
        ...base,
        now: ISO.test(state.updated_at) ? state.updated_at : now,
        halt: halt
            ? {
                by: (0,safe_text/* oneLine */.TN)(halt.by, 100),
                at: ISO.test(halt.at) ? halt.at : now,
                reason: (0,safe_text/* oneLine */.TN)(halt.reason, 1000)
            }
            : null,
        deployments: (0,situation/* modelDeployments */.wQ)(recorded, names),
        stopped: (0,situation/* stoppedFrom */.Uq)(recorded, names) ?? base.stopped
    });
    return (0,dashboard_situation/* situate */.wm)(parsed.success ? parsed.data : base);
}

;// CONCATENATED MODULE: ./src/mcp/resources.ts
// The runbook as MCP resources: the dashboard (re-rendered from its
// validated state, never the issue's raw text), the validated state as
// JSON, and the runbook for agents, docs/AI_AGENT_RUNBOOK.md.





const RESOURCES = {
    dashboard: 'runbook://dashboard',
    state: 'runbook://state',
    runbook: 'runbook://docs/AI_AGENT_RUNBOOK.md'
};
const DOC = 'AI_AGENT_RUNBOOK.md';
/**
 * The runbook document of this copy of Runbook: next to the bundle
 * (dist/cli/…) or the sources (src/mcp/…), two folders up, in docs/.
 */
async function readRunbook() {
    const here = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    const root = (0,external_node_path_.join)(here, '..', '..');
    return (0,promises_.readFile)((0,external_node_path_.join)(root, 'docs', DOC), 'utf8');
}
function registerResources(server, backend) {
    const read = async () => {
        const config = await backend.config();
        const { state, output } = await readStatus(await backend.platform(), config, { mode: backend.mode, repository: backend.options.repository }).catch((error) => {
            throw new Error(backend.explain(error));
        });
        return { config, state, output };
    };
    server.registerResource('dashboard', RESOURCES.dashboard, {
        title: 'Runbook dashboard',
        description: 'The status dashboard as people see it, rendered again from its validated state',
        mimeType: 'text/markdown'
    }, async (uri) => {
        const { config, state } = await read();
        const text = (0,render/* renderDashboard */.pF)(structuredClone(state), {
            services: config.services,
            now: state.updated_at,
            runUrl: '',
            repository: backend.options.repository
        });
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
    });
    server.registerResource('state', RESOURCES.state, {
        title: 'Runbook state',
        description: "The dashboard's state block, validated (what `runbook status --json` prints)",
        mimeType: 'application/json'
    }, async (uri) => {
        const { state } = await read();
        return {
            contents: [
                {
                    uri: uri.href,
                    mimeType: 'application/json',
                    text: JSON.stringify(state, null, 2)
                }
            ]
        };
    });
    server.registerResource('runbook', RESOURCES.runbook, {
        title: 'The runbook for people and AI agents',
        description: 'What each action does, how to read the state and decide, the security model and the emergency procedures',
        mimeType: 'text/markdown'
    }, async (uri) => ({
        contents: [
            { uri: uri.href, mimeType: 'text/markdown', text: await readRunbook() }
        ]
    }));
}

// EXTERNAL MODULE: ./src/stages/monitor.ts + 1 modules
var monitor = __webpack_require__(4842);
// EXTERNAL MODULE: ./src/sleep.ts + 1 modules
var sleep = __webpack_require__(5613);
;// CONCATENATED MODULE: ./src/mcp/dispatch.ts
// Starting the runbook workflow on GitHub and following the run it makes.
// A dispatch answers with no run id, so the run is found afterwards: a run
// of the workflow, from a workflow_dispatch by this token's owner, that was
// not there before the dispatch (looked for a bounded time).





const dispatch_statusOf = (error) => {
    const status = error?.status;
    return typeof status === 'number' ? status : null;
};
const dispatch_messageOf = (error) => {
    const message = error
        ?.response?.data?.message;
    return typeof message === 'string'
        ? message
        : error instanceof Error
            ? error.message
            : String(error);
};
async function dispatchRuns(view) {
    try {
        const { data } = await view.octokit.rest.actions.listWorkflowRuns({
            owner: view.owner,
            repo: view.repo,
            workflow_id: dashboard_situation/* WORKFLOW */.Ep,
            event: 'workflow_dispatch',
            per_page: 30
        });
        return data.workflow_runs.map((r) => ({
            id: r.id,
            url: r.html_url,
            status: r.status ?? 'queued',
            actor: r.triggering_actor?.login ?? r.actor?.login ?? ''
        }));
    }
    catch (error) {
        if (dispatch_statusOf(error) === 404)
            throw new ToolError(`the workflow ${dashboard_situation/* WORKFLOW */.Ep} was not found in ${view.owner}/${view.repo}: add it on the default branch (README: Add it to a repository), or give the token actions: read`);
        throw describe(`list the runs of ${dashboard_situation/* WORKFLOW */.Ep}`, 'actions: read', error);
    }
}
/**
 * Dispatches the workflow on `ref` with `inputs`, then finds the run it
 * made; null when the run did not show within `timing.findMs`.
 */
async function dispatch(view, ref, inputs, timing) {
    const before = new Set((await dispatchRuns(view)).map((r) => r.id));
    const login = (await view.tokenLogin()).toLowerCase();
    try {
        await view.octokit.rest.actions.createWorkflowDispatch({
            owner: view.owner,
            repo: view.repo,
            workflow_id: dashboard_situation/* WORKFLOW */.Ep,
            ref,
            inputs
        });
    }
    catch (error) {
        const status = dispatch_statusOf(error);
        const message = (0,safe_text/* oneLine */.TN)(dispatch_messageOf(error), 300);
        if (status === 403 && /rate limit/i.test(message))
            throw new ToolError(`GitHub rate-limited the token, nothing was dispatched: try again later (HTTP 403 ${message})`);
        if (status === 403 || status === 404)
            throw new ToolError(`the token cannot start ${dashboard_situation/* WORKFLOW */.Ep} in ${view.owner}/${view.repo} (HTTP ${status} ${message}): it needs actions: write (fine-grained token) or the repo and workflow scopes (classic token); this server needs ${TOKEN_NEEDS}`);
        if (status === 422)
            throw new ToolError(`GitHub refused the dispatch (HTTP 422 ${message}): the workflow on ${ref} must declare these inputs and list the target component among target_component's options`);
        throw describe(`dispatch ${dashboard_situation/* WORKFLOW */.Ep}`, 'actions: write', error);
    }
    const deadline = Date.now() + timing.findMs;
    for (;;) {
        const fresh = (await dispatchRuns(view))
            .filter((r) => !before.has(r.id))
            // The workflow's own token has no login to compare; a person's has.
            .filter((r) => login.endsWith('[bot]') || r.actor.toLowerCase() === login);
        // Oldest first: another dispatch right after ours makes a newer run.
        const run = fresh.sort((a, b) => a.id - b.id)[0];
        if (run)
            return { id: run.id, url: run.url, status: run.status };
        if (Date.now() + timing.pollMs > deadline)
            return null;
        await (0,sleep/* sleep */.y)(timing.pollMs);
    }
}
/** Follows a run until it completes or `timeoutMs` passes. */
async function watch(view, runId, timeoutMs, pollMs, onPoll = async () => { }) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const watched = await look(view, runId);
        if (watched.ended || Date.now() + pollMs > deadline)
            return watched;
        await onPoll(watched);
        await (0,sleep/* sleep */.y)(pollMs);
    }
}
async function look(view, runId) {
    const params = { owner: view.owner, repo: view.repo, run_id: runId };
    try {
        const [{ data: run }, { data: jobs }] = await Promise.all([
            view.octokit.rest.actions.getWorkflowRun(params),
            view.octokit.rest.actions.listJobsForWorkflowRun({
                ...params,
                per_page: 100
            })
        ]);
        return {
            url: run.html_url,
            status: run.status ?? 'unknown',
            conclusion: run.conclusion ?? null,
            ended: run.status === 'completed',
            jobs: jobs.jobs.map((j) => ({
                name: (0,safe_text/* oneLine */.TN)(j.name, 100),
                status: j.status,
                conclusion: j.conclusion ?? null
            }))
        };
    }
    catch (error) {
        if (dispatch_statusOf(error) === 404)
            throw new ToolError(`argument \`run_id\`: ${runId} is not a run of ${view.owner}/${view.repo}; allowed: the run id run_action returned`);
        throw describe(`read run ${runId}`, 'actions: read', error);
    }
}

// EXTERNAL MODULE: ./src/run-stages.ts + 1 modules
var run_stages = __webpack_require__(8576);
;// CONCATENATED MODULE: ./src/mcp/local-run.ts
// run_action in local mode: the engine runs here, on the local platform,
// exactly as the `runbook` command runs it.

async function runLocally(ctx, platform) {
    const result = await (0,run_stages/* runStage */.S)('all', ctx, {
        platform: async () => platform
    });
    return { failure: result.failure, outputs: result.outputs };
}

;// CONCATENATED MODULE: ./src/mcp/plan.ts
// The `plan` tool, and the check run_action makes before it acts: the same
// safety gate the workflow's first job runs, on the same facts (the halt
// tag, the default branch, the actor's permission, the deployment tags),
// plus which jobs would run and where a rollback would go. It only reads.



const always = (job, what) => ({
    job,
    runs: 'yes',
    what
});
const maybe = (job, what) => ({
    job,
    runs: 'if-needed',
    what
});
const GATE = always('safety-gate', 'validates the inputs and checks the halt lock, the branch and the actor');
const STATUS = always('update-status', 'records the run on the dashboard issue');
const NOTIFY = maybe('notify', 'sends Slack/Discord messages on a change of state');
/** The jobs of the workflow that run for an action, as its `if:` conditions say. */
function stagesFor(action, approved) {
    if (!approved)
        return [
            { ...GATE, what: 'refuses the action' },
            { ...STATUS, what: 'records the refusal on the dashboard issue' },
            NOTIFY
        ];
    switch (action) {
        case 'deploy':
        case 'update-component':
            return [
                GATE,
                always('ci', 'install, build and test'),
                maybe('deploy', 'when CI passes: runs the deploy commands, tags deployment-YYYYMMDD-HHMMSS and records a GitHub Deployment'),
                always('monitor', 'probes every service and verifies the deploy'),
                maybe('rollback', 'only when the deploy broke a service it deployed: rolls back to the rollback target and verifies'),
                STATUS,
                NOTIFY
            ];
        case 'rollback':
            return [
                GATE,
                always('rollback', "runs the target's deploy commands at its commit, records a Deployment and verifies it"),
                STATUS,
                NOTIFY
            ];
        case 'emergency-stop':
            return [
                GATE,
                always('deploy', 'takes the runbook-halt lock, runs every stop command and cancels other runs'),
                STATUS,
                NOTIFY
            ];
        case 'resume':
            return [
                GATE,
                always('deploy', 'releases the runbook-halt lock (restarts nothing)'),
                STATUS,
                NOTIFY
            ];
        case 'healthcheck':
            return [GATE, always('monitor', 'probes every service'), STATUS, NOTIFY];
    }
}
/** A value as one shell word: single quotes, any quote inside escaped. */
function shellWord(value) {
    return /^[A-Za-z0-9_.,:/@=+-]+$/.test(value)
        ? value
        : `'${value.replace(/'/g, `'\\''`)}'`;
}
/** The workflow_dispatch inputs, as the workflow declares them. */
function dispatchInputs(request) {
    return {
        action: request.action,
        target_component: request.target_component,
        rollback_version: request.rollback_version,
        reason: request.reason,
        dry_run: String(request.dry_run)
    };
}
/**
 * The exact command that does what `inputs` ask: `gh workflow run …` on
 * GitHub, the local tool's `runbook …` in local mode.
 */
function commandFor(inputs, mode = 'github') {
    const parts = mode === 'github'
        ? [`gh workflow run ${dashboard_situation/* WORKFLOW */.Ep}`]
        : [`runbook ${inputs.action ?? ''}`];
    for (const [name, value] of Object.entries(inputs)) {
        // Defaults are left out, so that the command reads as a person writes it.
        if ((mode === 'local' && name === 'action') ||
            (name === 'target_component' && value === 'all') ||
            (name !== 'action' && name !== 'target_component' && value === '') ||
            (name === 'dry_run' && value === 'false'))
            continue;
        if (mode === 'github')
            parts.push(`-f ${name}=${shellWord(value)}`);
        else if (name === 'dry_run')
            parts.push('--dry-run');
        else
            parts.push(`--${name.replace(/_/g, '-')} ${shellWord(value)}`);
    }
    return parts.join(' ');
}
/**
 * Bad input the configuration can tell: a component it does not list, a
 * rollback version that is no tag. One ToolError line each.
 */
async function checkKnown(request, config, platform) {
    const names = config.services.map((s) => s.name);
    if (request.target_component !== 'all' &&
        !names.includes(request.target_component))
        throw new ToolError(`argument \`target_component\`: "${request.target_component}" is not a configured service; allowed: all, ${names.join(', ')}`);
    if (request.rollback_version !== '' &&
        (await platform.tagCommit(request.rollback_version)) === null)
        throw new ToolError(`argument \`rollback_version\`: "${request.rollback_version}" is not an existing tag; allowed: a deployment tag the repository has (the status tool lists the verified ones)`);
}
/** Runs the gate for `request` and says what would run. Reads only. */
async function planAction(ctx, platform, request, mode) {
    await checkKnown(request, ctx.settings.config, platform);
    const decision = await (0,gate.gate)(ctx, platform);
    const action = decision.action;
    let target = null;
    if (action === 'rollback')
        target = decision.rollbackVersion || null;
    else if (decision.approved &&
        (action === 'deploy' || action === 'update-component'))
        // After this deploy, the newest verified deployment is the one before it.
        target = await (0,gate.previousGoodDeployment)(ctx, platform, {
            current: '',
            components: decision.targetComponent === 'all' ? [] : [decision.targetComponent]
        });
    const inputs = dispatchInputs({
        ...request,
        action,
        rollback_version: action === 'rollback'
            ? decision.rollbackVersion
            : request.rollback_version,
        reason: ctx.settings.inputs.reason
    });
    return {
        mode,
        approved: decision.approved,
        action,
        reason: decision.reason,
        target_component: decision.targetComponent,
        rollback_version: inputs.rollback_version ?? '',
        halted: decision.halted,
        rollback_target: target,
        stages: stagesFor(action, decision.approved),
        dry_run: request.dry_run,
        command: commandFor(inputs, mode),
        actor: ctx.settings.run.actor
    };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 4 modules
var schemas = __webpack_require__(1514);
;// CONCATENATED MODULE: ./src/mcp/schemas.ts
// The tools' input and output schemas. Inputs are checked here first, each
// bad value answered with one line naming the argument, the value and what
// is allowed; outputs are what clients receive as structured content.





/** The message for a bad argument, as every tool words it. */
function bad(name, allowed) {
    return (issue) => issue.input === undefined
        ? `argument \`${name}\` is required; allowed: ${allowed}`
        : `argument \`${name}\`: ${(0,errors/* quoteValue */.cl)(issue.input)} is not valid; allowed: ${allowed}`;
}
const ACTIONS_ALLOWED = inputs/* ACTIONS */.kl.join(', ');
const actionArgs = {
    action: schemas/* enum */.k5n(inputs/* ACTIONS */.kl, { error: bad('action', ACTIONS_ALLOWED) })
        .describe(`What to do: ${ACTIONS_ALLOWED}`),
    target_component: schemas/* string */.YjP({ error: bad('target_component', 'all, or one service name') })
        .max(100, { error: bad('target_component', 'all, or one service name') })
        .refine((v) => v === 'all' || config/* SERVICE_NAME */.OX.test(v), {
        error: bad('target_component', 'all, or one service name (lowercase letters, digits, dashes)')
    })
        .default('all')
        .describe('all, or one configured service (update-component needs one)'),
    rollback_version: schemas/* string */.YjP({ error: bad('rollback_version', 'a deployment tag') })
        .max(40, { error: bad('rollback_version', 'deployment-YYYYMMDD-HHMMSS') })
        .refine((v) => v === '' || inputs/* DEPLOYMENT_TAG */.vT.test(v), {
        error: bad('rollback_version', 'a tag deployment-YYYYMMDD-HHMMSS, or empty for the previous verified-healthy deployment')
    })
        .default('')
        .describe('rollback: a tag deployment-YYYYMMDD-HHMMSS; empty: the previous verified-healthy deployment'),
    reason: schemas/* string */.YjP({ error: bad('reason', 'text') })
        .max(10_000, { error: bad('reason', 'text of at most 10000 characters') })
        .default('')
        .describe('Why: recorded with a stop, rollback or resume (cut to one line of 500 characters)'),
    dry_run: schemas/* boolean */.zMY({ error: bad('dry_run', 'true or false') })
        .default(false)
        .describe('Plan only: the run writes, creates, sends and runs nothing')
};
const PlanInput = schemas/* strictObject */.rej(actionArgs);
const RunActionInput = schemas/* strictObject */.rej({
    ...actionArgs,
    confirm: schemas/* boolean */.zMY({ error: bad('confirm', 'true') })
        .default(false)
        .describe('Must be true: you have read the plan (tool `plan`) and mean to run it')
});
const WatchRunInput = schemas/* strictObject */.rej({
    run_id: schemas/* number */.aig({ error: bad('run_id', 'a workflow run id from run_action') })
        .int({ error: bad('run_id', 'a whole number') })
        .positive({ error: bad('run_id', 'a positive run id') })
        .describe('The run id run_action returned'),
    timeout_seconds: schemas/* number */.aig({ error: bad('timeout_seconds', '1 to 600') })
        .int({ error: bad('timeout_seconds', 'a whole number of seconds') })
        .min(1, { error: bad('timeout_seconds', '1 to 600') })
        .max(600, { error: bad('timeout_seconds', '1 to 600') })
        .default(60)
        .describe('How long to follow the run before answering (1 to 600 s)')
});
const health = schemas/* enum */.k5n(['healthy', 'degraded', 'down', 'unknown']);
const kind = schemas/* enum */.k5n(['deploy', 'update-component', 'rollback']);
const Live = schemas/* object */.Ikc({
    tag: schemas/* string */.YjP(),
    sha: schemas/* string */.YjP(),
    kind,
    since: schemas/* string */.YjP(),
    verified: schemas/* boolean */.zMY().nullable()
});
const Verified = schemas/* object */.Ikc({
    tag: schemas/* string */.YjP(),
    sha: schemas/* string */.YjP(),
    time: schemas/* string */.YjP()
});
const Next = schemas/* object */.Ikc({
    situation: schemas/* enum */.k5n(dashboard_situation/* SITUATIONS */.I$),
    command: schemas/* string */.YjP().nullable(),
    why: schemas/* string */.YjP(),
    target: schemas/* string */.YjP().nullable()
});
const StatusOutput = schemas/* object */.Ikc({
    mode: schemas/* enum */.k5n(['github', 'local']),
    repository: schemas/* string */.YjP(),
    dashboard: schemas/* object */.Ikc({ number: schemas/* int */.Whr(), url: schemas/* string */.YjP() }).nullable(),
    updated_at: schemas/* string */.YjP(),
    overall: schemas/* enum */.k5n(['healthy', 'degraded', 'critical', 'unknown']),
    stopped: schemas/* boolean */.zMY(),
    halt: schemas/* object */.Ikc({ by: schemas/* string */.YjP(), at: schemas/* string */.YjP(), reason: schemas/* string */.YjP() })
        .nullable(),
    services: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* object */.Ikc({
        status: health,
        since: schemas/* string */.YjP(),
        latency_ms: schemas/* int */.Whr().nullable(),
        reason: schemas/* string */.YjP().nullable(),
        last_check: schemas/* string */.YjP().nullable(),
        live: Live.nullable(),
        last_verified: Verified.nullable()
    })),
    live: schemas/* record */.g1P(schemas/* string */.YjP(), Live.nullable()),
    next: Next,
    events: schemas/* array */.YOg(schemas/* object */.Ikc({ at: schemas/* string */.YjP(), kind: schemas/* string */.YjP(), text: schemas/* string */.YjP() })),
    problems: schemas/* array */.YOg(schemas/* string */.YjP())
});
const ServiceReport = schemas/* object */.Ikc({
    status: schemas/* enum */.k5n(['healthy', 'degraded', 'down']),
    port: schemas/* int */.Whr(),
    url: schemas/* string */.YjP(),
    http_status: schemas/* int */.Whr().nullable(),
    latency_ms: schemas/* int */.Whr().nullable(),
    attempts: schemas/* int */.Whr(),
    error: schemas/* string */.YjP().nullable()
});
const HealthcheckOutput = schemas/* object */.Ikc({
    timestamp: schemas/* string */.YjP(),
    run_id: schemas/* string */.YjP(),
    overall_status: schemas/* enum */.k5n(['healthy', 'degraded', 'critical']),
    services: schemas/* record */.g1P(schemas/* string */.YjP(), ServiceReport)
});
const Stage = schemas/* object */.Ikc({
    job: schemas/* string */.YjP(),
    runs: schemas/* enum */.k5n(['yes', 'if-needed']),
    what: schemas/* string */.YjP()
});
const PlanOutput = schemas/* object */.Ikc({
    mode: schemas/* enum */.k5n(['github', 'local']),
    approved: schemas/* boolean */.zMY(),
    action: schemas/* enum */.k5n(inputs/* ACTIONS */.kl),
    /** Why the gate refused; '' when approved. */
    reason: schemas/* string */.YjP(),
    target_component: schemas/* string */.YjP(),
    rollback_version: schemas/* string */.YjP(),
    halted: schemas/* boolean */.zMY().nullable(),
    rollback_target: schemas/* string */.YjP().nullable(),
    stages: schemas/* array */.YOg(Stage),
    dry_run: schemas/* boolean */.zMY(),
    command: schemas/* string */.YjP(),
    actor: schemas/* string */.YjP()
});
const RunActionOutput = schemas/* object */.Ikc({
    mode: schemas/* enum */.k5n(['github', 'local']),
    action: schemas/* enum */.k5n(inputs/* ACTIONS */.kl),
    command: schemas/* string */.YjP(),
    /** Who confirmed: the person (elicitation) or the caller's confirm flag alone. */
    confirmed_by: schemas/* enum */.k5n(['person', 'confirm-flag']),
    inputs: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
    /** GitHub: the run the dispatch created, when it appeared in time. */
    run: schemas/* object */.Ikc({ id: schemas/* int */.Whr(), url: schemas/* string */.YjP(), status: schemas/* string */.YjP() })
        .nullable(),
    /** Local: what the engine did. */
    failure: schemas/* string */.YjP().nullable(),
    outputs: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()),
    note: schemas/* string */.YjP()
});
const WatchRunOutput = schemas/* object */.Ikc({
    run_id: schemas/* int */.Whr(),
    url: schemas/* string */.YjP(),
    status: schemas/* string */.YjP(),
    conclusion: schemas/* string */.YjP().nullable(),
    ended: schemas/* boolean */.zMY(),
    jobs: schemas/* array */.YOg(schemas/* object */.Ikc({
        name: schemas/* string */.YjP(),
        status: schemas/* string */.YjP(),
        conclusion: schemas/* string */.YjP().nullable()
    })),
    situation: StatusOutput.nullable()
});

;// CONCATENATED MODULE: ./src/mcp/tools.ts
// The runbook as MCP tools. The read-only ones (status, healthcheck, plan,
// watch_run) change nothing anywhere; run_action passes the same validation
// and safety gate as the workflow, needs confirm: true and, where the client
// can ask, the person's yes to the exact command. Every failure is one
// isError line that says what is missing and how to fix it.










const DEFAULT_TIMING = {
    findRunMs: 20_000,
    pollMs: 3_000,
    confirmMs: 300_000
};
/**
 * Runs a tool body: its answer as structured content (and the same JSON as
 * text, for clients that read only text), or one isError line. A failure
 * that is not the user's or GitHub's is a bug: its stack goes to stderr.
 */
async function answer(backend, body) {
    try {
        const { summary, data } = await body();
        return {
            content: [
                { type: 'text', text: summary },
                { type: 'text', text: JSON.stringify(data, null, 2) }
            ],
            structuredContent: data
        };
    }
    catch (error) {
        if (!(error instanceof ToolError) &&
            !(error instanceof errors/* InputError */.dz) &&
            !(error instanceof PlatformError) &&
            error instanceof Error)
            log(error.stack ?? error.message);
        return {
            content: [{ type: 'text', text: backend.explain(error) }],
            isError: true
        };
    }
}
const READ_ONLY = {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true
};
function registerTools(server, backend, timing = DEFAULT_TIMING) {
    const where = () => ({
        mode: backend.mode,
        repository: backend.options.repository
    });
    const status = async () => {
        const platform = await backend.platform();
        return (await readStatus(platform, await backend.config(), where())).output;
    };
    const plan = async (args) => {
        const inputs = backend.inputs({
            stage: 'gate',
            action: args.action,
            'target-component': args.target_component,
            'rollback-version': args.rollback_version,
            reason: args.reason,
            'dry-run': String(args.dry_run)
        });
        const config = await backend.config(inputs);
        const platform = await backend.platform();
        const ctx = backend.context(inputs, config, await backend.runInfo());
        return planAction(ctx, platform, args, backend.mode);
    };
    server.registerTool('status', {
        title: 'Runbook status',
        description: 'The situation now: overall health, the halt lock, each service (health, since when, what version runs and the last verified one) and the one recommended next step (situation, command, why). Read from the dashboard state (validated) and the recorded GitHub Deployments and tags. Changes nothing.',
        outputSchema: StatusOutput,
        annotations: { title: 'Runbook status', ...READ_ONLY }
    }, () => answer(backend, async () => {
        const data = await status();
        return {
            summary: `${data.overall}${data.halt ? ', halted' : ''}${data.stopped ? ', stopped' : ''}; next (${data.next.situation}): ${data.next.command ?? 'none'}`,
            data
        };
    }));
    server.registerTool('healthcheck', {
        title: 'Probe the services now',
        description: 'Runs the configured HTTP health checks now, from this machine, and returns the monitoring report (per service: status, HTTP status, latency, attempts, error). Writes no report file and changes nothing.',
        outputSchema: HealthcheckOutput,
        annotations: { title: 'Probe the services now', ...READ_ONLY }
    }, () => answer(backend, async () => {
        const inputs = backend.inputs({ stage: 'monitor', 'dry-run': 'true' });
        const ctx = backend.context(inputs, await backend.config(inputs), {
            id: 'mcp',
            url: '',
            eventName: 'local',
            actor: '',
            triggeringActor: '',
            ref: '',
            sha: '',
            repository: backend.options.repository,
            defaultBranch: ''
        });
        const { report } = await (0,monitor/* monitor */.dm)(ctx);
        const down = Object.entries(report.services)
            .filter(([, s]) => s.status !== 'healthy')
            .map(([name, s]) => `${name} ${s.status}`);
        return {
            summary: `${report.overall_status}${down.length ? ` (${down.join(', ')})` : ''}`,
            data: report
        };
    }));
    server.registerTool('plan', {
        title: 'Plan an action',
        description: 'What an action would do, without doing it: the safety gate’s decision and reason (the same checks the workflow makes: halt lock, branch, actor permission, rollback target), the jobs that would run, the rollback target and the exact command. Writes nothing.',
        inputSchema: PlanInput,
        outputSchema: PlanOutput,
        annotations: { title: 'Plan an action', ...READ_ONLY }
    }, (args) => answer(backend, async () => {
        const data = await plan(args);
        return {
            summary: data.approved
                ? `${data.action} would be approved: ${data.command}`
                : `${data.action} would be refused: ${data.reason}`,
            data
        };
    }));
    server.registerTool('run_action', {
        title: 'Run an action',
        description: 'Runs deploy, update-component, rollback, emergency-stop, resume or healthcheck: dispatches the ai-agent-handoff-runbook.yml workflow (local mode: runs the engine here). The same validation and safety gate as the workflow run first, and a refusal dispatches nothing. Needs confirm: true; where the client supports it, the person is asked to confirm the exact command. emergency-stop is never held back by the gate or a confirmation: only the token’s permissions can stop it. Returns the run’s id and URL for watch_run.',
        inputSchema: RunActionInput,
        outputSchema: RunActionOutput,
        annotations: {
            title: 'Run an action',
            readOnlyHint: false,
            destructiveHint: true,
            idempotentHint: false,
            openWorldHint: true
        }
    }, (args) => answer(backend, async () => {
        const stop = args.action === 'emergency-stop';
        const reason = backend.inputs({ reason: args.reason }).reason;
        let inputs = dispatchInputs({ ...args, reason });
        if (!args.confirm)
            throw new ToolError(`run_action needs confirm: true, so nothing was run: read the plan (tool plan), then call run_action again with confirm: true to run ${commandFor(inputs, backend.mode)}`);
        if (!stop) {
            const planned = await plan(args);
            if (!planned.approved)
                throw new ToolError(`${planned.action} refused by the safety gate, so nothing was run: ${planned.reason}`);
            // What the person confirms is what runs: the resolved rollback target included.
            inputs = dispatchInputs({
                ...args,
                reason,
                rollback_version: planned.rollback_version
            });
        }
        const command = commandFor(inputs, backend.mode);
        const confirmedBy = stop
            ? 'confirm-flag'
            : await tools_confirm(server, backend, command, timing);
        const base = {
            mode: backend.mode,
            action: args.action,
            command,
            confirmed_by: confirmedBy,
            inputs
        };
        if (backend.mode === 'local') {
            const engineInputs = backend.inputs({
                stage: 'all',
                action: args.action,
                'target-component': inputs.target_component,
                'rollback-version': inputs.rollback_version,
                reason,
                'dry-run': String(args.dry_run)
            });
            const ctx = backend.context(engineInputs, await backend.config(engineInputs), await backend.runInfo());
            const outcome = await runLocally(ctx, await backend.platform());
            const data = {
                ...base,
                run: null,
                failure: outcome.failure,
                outputs: outcome.outputs,
                note: outcome.failure
                    ? `ran locally and failed: ${outcome.failure}`
                    : 'ran locally; call status for the new situation'
            };
            return { summary: `${command}: ${data.note}`, data };
        }
        const view = await backend.github();
        const run = await dispatch(view, await view.defaultBranch(), inputs, {
            findMs: timing.findRunMs,
            pollMs: Math.min(timing.pollMs, 1000)
        });
        const data = {
            ...base,
            run,
            failure: null,
            outputs: {},
            note: run
                ? `dispatched: follow it with watch_run (run_id ${run.id})`
                : `dispatched, but the run did not appear within ${Math.round(timing.findRunMs / 1000)} s: see https://github.com/${view.owner}/${view.repo}/actions/workflows/ai-agent-handoff-runbook.yml`
        };
        return { summary: `${command}: ${data.note}`, data };
    }));
    server.registerTool('watch_run', {
        title: 'Follow a run',
        description: 'Follows a run that run_action dispatched until it ends or timeout_seconds pass, and returns each job’s result; once the run has ended, also the new situation (as the status tool gives it). Changes nothing.',
        inputSchema: WatchRunInput,
        outputSchema: WatchRunOutput,
        annotations: { title: 'Follow a run', ...READ_ONLY }
    }, (args, extra) => answer(backend, async () => {
        const view = await backend.github();
        const token = extra._meta?.progressToken;
        let polls = 0;
        const progress = async (w) => {
            if (token === undefined)
                return;
            polls++;
            await extra.sendNotification({
                method: 'notifications/progress',
                params: {
                    progressToken: token,
                    progress: polls,
                    message: `${w.status}: ${w.jobs.map((j) => `${j.name} ${j.conclusion ?? j.status}`).join(', ')}`
                }
            });
        };
        const watched = await watch(view, args.run_id, args.timeout_seconds * 1000, timing.pollMs, progress);
        let situation = null;
        if (watched.ended)
            situation = await status().catch((error) => {
                log(`the run ended, but the status could not be read: ${backend.explain(error)}`);
                return null;
            });
        const data = { run_id: args.run_id, ...watched, situation };
        return {
            summary: watched.ended
                ? `run ${args.run_id} ${watched.conclusion ?? 'ended'}${situation ? `; now ${situation.overall}, next: ${situation.next.command ?? 'none'}` : ''}`
                : `run ${args.run_id} still ${watched.status} after ${args.timeout_seconds} s: call watch_run again`,
            data
        };
    }));
}
/**
 * The person's yes to the exact command, where the client can ask (MCP
 * elicitation); else the caller's confirm: true stands alone.
 */
async function tools_confirm(server, backend, command, timing) {
    if (!server.server.getClientCapabilities()?.elicitation)
        return 'confirm-flag';
    const where = backend.mode === 'local'
        ? 'on this machine'
        : `on ${backend.options.repository}`;
    let result;
    try {
        result = await server.server.elicitInput({
            mode: 'form',
            message: `An agent asks to run this ${where}:\n\n${command}\n\nRun it?`,
            requestedSchema: {
                type: 'object',
                properties: {
                    confirm: {
                        type: 'boolean',
                        title: 'Run it',
                        description: command,
                        default: false
                    }
                },
                required: ['confirm']
            }
        }, { timeout: timing.confirmMs });
    }
    catch (error) {
        throw new ToolError(`could not get the person's confirmation (${backend.explain(error)}), so nothing was run`);
    }
    if (result.action !== 'accept' || result.content?.confirm !== true)
        throw new ToolError(`the person did not confirm (${result.action === 'accept' ? 'left "Run it" unticked' : result.action}), so nothing was run: ${command}`);
    return 'person';
}

;// CONCATENATED MODULE: ./src/mcp/server.ts
// `runbook mcp`: the runbook as an MCP server over stdio, for AI agents.
// stdout carries only protocol messages; every log line goes to stderr.








const INSTRUCTIONS = `Runbook operates a multi-service application: deploy, update one component, roll back, emergency-stop, resume, health-check.
Start with the status tool: it gives the situation and the one recommended next step. Before acting, call plan with the same arguments: it runs the safety gate and changes nothing. run_action acts: it needs confirm: true, and the person may be asked to confirm the exact command. Follow a dispatched run with watch_run.
If services are doing harm, run_action with action emergency-stop and a reason: it is never held back by the gate. The resource runbook://docs/AI_AGENT_RUNBOOK.md is the full runbook.`;
/** Serves until the client closes stdin; returns the exit code. */
async function runMcp(argv) {
    let options;
    try {
        options = await parseMcpArgs(argv, process.env);
    }
    catch (error) {
        const message = error instanceof errors/* InputError */.dz ? error.message : (0,errors/* errorMessage */.gJ)(error);
        process.stderr.write(`runbook mcp: ${message}\n\n${MCP_USAGE}`);
        return 2;
    }
    if (options === 'help') {
        process.stdout.write(MCP_USAGE);
        return 0;
    }
    const backend = new Backend(options, process.env);
    const server = new mcp/* McpServer */._({ name: 'runbook', title: 'Runbook', version: '0.1.0' }, { instructions: INSTRUCTIONS });
    registerTools(server, backend, DEFAULT_TIMING);
    registerResources(server, backend);
    const transport = new stdio/* StdioServerTransport */.S();
    const closed = new Promise((resolve) => {
        server.server.onclose = () => resolve();
    });
    server.server.onerror = (error) => log(`protocol error: ${error.message}`);
    await server.connect(transport);
    log(options.local
        ? `serving the local state in ${options.stateDir} over stdio`
        : options.repository
            ? `serving ${options.repository} (${options.apiUrl}) over stdio`
            : `serving over stdio; ${options.repositoryProblem}`);
    // The client ends the session by closing our stdin.
    process.stdin.once('end', () => void server.close());
    await closed;
    return 0;
}


/***/ })

};

//# sourceMappingURL=159.index.js.map