#!/usr/bin/env node
// The `runbook` command: the bundled local tool.
import '../dist/cli/index.js'
