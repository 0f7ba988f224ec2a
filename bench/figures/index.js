// The figures, in the order they run. Each is { id, title, run(ctx) } where
// run resolves to table rows: { figure, measured, target, pass, details }.
// `pass` is true or false for a target, null for a figure only reported.
// ctx: { node (this Node's binary), nodes (every Node to compare, each
// { path, version, note }), runs (repetitions), progress() }.
// An entry with `planned` instead of `run` is listed but not measured yet.

import dashboard from './dashboard.js'
import deploy from './deploy.js'
import fanout from './fanout.js'
import mcp from './mcp.js'
import memory from './memory.js'
import requests from './requests.js'
import silent from './silent.js'
import startup from './startup.js'

export const FIGURES = [
  startup,
  fanout,
  silent,
  memory,
  requests,
  dashboard,
  deploy,
  mcp
]
