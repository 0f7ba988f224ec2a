// The floor of an action built the way Runbook is built: an ncc bundle (with
// source maps, like dist/) that only loads @actions/core and sets one output.
// bench/lib.js bundles it into a scratch directory at run time.

import * as core from '@actions/core'

core.setOutput('monitoring-status', 'healthy')
