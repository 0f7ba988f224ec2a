export const id = 889;
export const ids = [889];
export const modules = {

/***/ 6889:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   status: () => (/* binding */ status),
/* harmony export */   statusOutputs: () => (/* binding */ statusOutputs)
/* harmony export */ });
/* harmony import */ var _contract_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3665);
/* harmony import */ var _dashboard_merge_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(420);
/* harmony import */ var _dashboard_store_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2995);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3916);
/* harmony import */ var _gate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1152);
/* harmony import */ var _situation_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7719);
/* harmony import */ var _safe_text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1452);
/* harmony import */ var _notify_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(693);
// The status stage: merges this run's results into the dashboard and writes
// it, only when it changed. In `all`, the notify step follows it: the claim
// on the message rides on the results' write, and what was sent is recorded
// by a second write only when something was sent.








async function status(ctx, platform, results, options = {}) {
    const { config, run, inputs } = ctx.settings;
    const outcome = (0,_dashboard_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .outcomeFromResults */ .$C)(results, run, ctx.now().toISOString(), inputs.reason);
    // When this run already saw the lock free (the gate before a deploy), it
    // is not read again; the dashboard's halt is then left as it is, since a
    // stop taken meanwhile is recorded by the run that took it.
    const known = outcome.halted === false && outcome.action !== 'resume';
    const halt = known ? undefined : await platform.readHalt();
    const deployments = await recordedDeployments(ctx, platform);
    const names = config.services.map((s) => s.name);
    const merge = (state) => {
        const merged = (0,_dashboard_merge_js__WEBPACK_IMPORTED_MODULE_1__/* .mergeRun */ .CU)(state, outcome, {
            services: config.services,
            thresholds: {
                failure: config.dashboard.failureThreshold,
                success: config.dashboard.successThreshold
            },
            halt,
            deployments
        });
        (0,_situation_js__WEBPACK_IMPORTED_MODULE_4__/* .keepSituation */ .ms)(merged, (0,_situation_js__WEBPACK_IMPORTED_MODULE_4__/* .situationOf */ ._7)(merged, names, deployments, outcome));
        return merged;
    };
    // The claim on what this run announces goes out with its results, in the
    // same write: a run with nothing to announce writes once, as before.
    const announcement = options.notify
        ? new _notify_js__WEBPACK_IMPORTED_MODULE_6__.Announcement(ctx, results, (0,_notify_js__WEBPACK_IMPORTED_MODULE_6__.reportOf)(results))
        : null;
    const write = await ctx.reporter.group('Dashboard', () => (0,_dashboard_store_js__WEBPACK_IMPORTED_MODULE_2__/* .changeDashboard */ .bC)(ctx, platform, (state) => {
        const merged = merge(state);
        announcement?.claim(merged);
        return merged;
    }));
    summarise(ctx, write);
    const notify = announcement
        ? await ctx.reporter.group('Notifications', () => announcement.finish(platform, write, merge))
        : null;
    return { ...write, notify, halted: Boolean(halt) };
}
/**
 * The deployments as recorded on the platform: what the dashboard shows as
 * deployed and verified. Unreadable, the cached list stays, with a warning.
 */
async function recordedDeployments(ctx, platform) {
    try {
        return await platform.listDeployments(ctx.settings.config.deployment.environment, _gate_js__WEBPACK_IMPORTED_MODULE_3__.DEPLOYMENT_FACTS);
    }
    catch (error) {
        ctx.reporter.warning(`could not read the recorded deployments, so the dashboard's list of deployments is not confirmed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorMessage */ .gJ)(error)}`, 'Dashboard');
        return undefined;
    }
}
function summarise(ctx, write) {
    if (!write.issue)
        return;
    const link = write.issue.url.startsWith('https://')
        ? `[Dashboard issue #${write.issue.number}](${write.issue.url})`
        : (0,_safe_text_js__WEBPACK_IMPORTED_MODULE_5__/* .markdownCell */ .UZ)(write.issue.url);
    ctx.reporter.summary(`### Dashboard\n\n${link}: **${write.state.overall}**${write.written ? '' : ' (unchanged)'}`);
}
function statusOutputs(write) {
    return (0,_contract_js__WEBPACK_IMPORTED_MODULE_0__/* .encode */ .lF)('status', {
        'issue-number': write.issue?.number,
        'issue-url': write.issue?.url,
        halted: write.halted,
        notified: write.notify?.notified
    });
}


/***/ })

};

//# sourceMappingURL=889.index.js.map