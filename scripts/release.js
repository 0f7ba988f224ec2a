// Prepares a release locally and checks one in CI; Node built-ins only, so
// the release workflow runs it before installing anything.
//
//   npm run release -- 0.2.0 [--dry-run] [--date YYYY-MM-DD]
//     sets the version in package.json and package-lock.json, turns
//     CHANGELOG.md's "## [Unreleased]" section into "## [0.2.0] - <today>",
//     and prints the commands that publish it; --dry-run only prints.
//   node scripts/release.js --check 0.2.0
//     fails unless package.json is at 0.2.0 and CHANGELOG.md has its
//     section; prints that section (the release notes).
//
// Exit codes: 0 done, 1 the repository is not ready, 2 bad usage.

import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const USAGE = `usage: npm run release -- VERSION [--dry-run] [--date YYYY-MM-DD]
       node scripts/release.js --check VERSION`

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/
const UNRELEASED = /^## \[unreleased\][ \t]*$/im
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** A problem the person running the script can fix; exit code 1 or 2. */
export class ReleaseError extends Error {
  constructor(message, code = 1) {
    super(message)
    this.code = code
  }
}

/** The version without a leading v, or a usage error naming the value. */
export function parseVersion(text) {
  const version = String(text ?? '').replace(/^v/, '')
  if (!SEMVER.test(version))
    throw new ReleaseError(
      `version "${text ?? ''}" is not a version: expected MAJOR.MINOR.PATCH, e.g. 0.2.0 (or 1.0.0-rc.1)`,
      2
    )
  return version
}

/** Negative, zero or positive as a is older than, equal to or newer than b. */
export function compareVersions(a, b) {
  const [, ...pa] = SEMVER.exec(a)
  const [, ...pb] = SEMVER.exec(b)
  for (let i = 0; i < 3; i++) {
    const d = Number(pa[i]) - Number(pb[i])
    if (d !== 0) return d
  }
  // A pre-release comes before its release (1.0.0-rc.1 < 1.0.0).
  if (!pa[3] || !pb[3]) return (pa[3] ? -1 : 0) + (pb[3] ? 1 : 0)
  return pa[3] < pb[3] ? -1 : pa[3] > pb[3] ? 1 : 0
}

/** The date today in UTC, as the changelog writes it. */
export function today(now = new Date()) {
  return now.toISOString().slice(0, 10)
}

/** The section under a `## ` heading line, up to the next one. */
function section(text, headingIndex) {
  const start = text.indexOf('\n', headingIndex) + 1
  const rest = text.slice(start)
  const next = rest.search(/^## |^\[[^\]]+\]:\s/m)
  return rest.slice(0, next < 0 ? rest.length : next)
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The heading of a released version: `## [0.2.0] - 2026-12-01`. */
function versionHeading(version) {
  return new RegExp(`^## \\[${escape(version)}\\](?: - (\\S+))?[ \\t]*$`, 'm')
}

/** CHANGELOG.md with "Unreleased" moved to the version; the section too. */
export function releaseChangelog(text, version, date) {
  if (versionHeading(version).test(text))
    throw new ReleaseError(
      `CHANGELOG.md already has a section "## [${version}]": choose a newer version`
    )
  const heading = UNRELEASED.exec(text)
  if (!heading)
    throw new ReleaseError(
      `CHANGELOG.md has no "## [Unreleased]" section: add one listing what changed for users in ${version}`
    )
  const notes = section(text, heading.index).trim()
  if (notes === '')
    throw new ReleaseError(
      `CHANGELOG.md: the "## [Unreleased]" section is empty: write what changed for users in ${version} under it`
    )
  let result =
    text.slice(0, heading.index) +
    `## [Unreleased]\n\n## [${version}] - ${date}` +
    text.slice(heading.index + heading[0].length)
  // Keep a Changelog's comparison links, when the file has them.
  const link = /^\[unreleased\]:[ \t]*(\S+)\/compare\/(\S+)\.\.\.HEAD[ \t]*$/im
  const found = link.exec(result)
  if (found) {
    const [line, base, previous] = found
    result = result.replace(
      line,
      `[unreleased]: ${base}/compare/v${version}...HEAD\n` +
        `[${version}]: ${base}/compare/${previous}...v${version}`
    )
  }
  return { text: result, notes }
}

/** The notes of a released version, or why there are none. */
export function releaseNotes(text, version) {
  const heading = versionHeading(version).exec(text)
  if (!heading)
    throw new ReleaseError(
      `CHANGELOG.md has no section "## [${version}] - YYYY-MM-DD": run npm run release -- ${version} and commit`
    )
  if (!heading[1] || !DATE.test(heading[1]))
    throw new ReleaseError(
      `CHANGELOG.md: "${heading[0].trim()}" has no date: expected "## [${version}] - YYYY-MM-DD"`
    )
  const notes = section(text, heading.index).trim()
  if (notes === '')
    throw new ReleaseError(
      `CHANGELOG.md: the section "## [${version}]" is empty: it becomes the release notes`
    )
  return notes
}

/**
 * A JSON file's text with its own version (and, in a lock file, the root
 * package's) set, every other byte kept as it was.
 */
export function setVersion(text, file, from, to) {
  const json = JSON.parse(text)
  const own = (j) =>
    'packages' in j ? [j.version, j.packages?.['']?.version] : [j.version]
  if (own(json).some((v) => v !== from))
    throw new ReleaseError(
      `${file}: version is ${own(json).join(' / ')}, not ${from} as in package.json: run npm install to sync it`
    )
  let left = own(json).length
  const result = text.replace(
    new RegExp(`("version":\\s*")${escape(from)}(")`, 'g'),
    (match, a, b) => (left-- > 0 ? `${a}${to}${b}` : match)
  )
  if (own(JSON.parse(result)).some((v) => v !== to))
    throw new Error(`${file}: the version was not where expected`)
  return result
}

function tagExists(root, tag) {
  try {
    execFileSync('git', ['rev-parse', '-q', '--verify', `refs/tags/${tag}`], {
      cwd: root,
      stdio: 'ignore'
    })
    return true
  } catch {
    return false
  }
}

/** What `npm run release -- VERSION` does; returns what it prints. */
export function prepare(root, version, { dryRun = false, date = today() }) {
  const read = (file) => readFileSync(join(root, file), 'utf8')
  const pkgText = read('package.json')
  const current = JSON.parse(pkgText).version
  if (SEMVER.test(current) && compareVersions(version, current) <= 0)
    throw new ReleaseError(
      `version "${version}" is not newer than package.json's ${current}: choose a newer version`,
      2
    )
  const tag = `v${version}`
  if (tagExists(root, tag))
    throw new ReleaseError(
      `the tag ${tag} already exists: choose a newer version`
    )
  const changelog = releaseChangelog(read('CHANGELOG.md'), version, date)
  const writes = [
    ['package.json', setVersion(pkgText, 'package.json', current, version)],
    [
      'package-lock.json',
      setVersion(
        read('package-lock.json'),
        'package-lock.json',
        current,
        version
      )
    ],
    ['CHANGELOG.md', changelog.text]
  ]
  if (!dryRun)
    for (const [file, text] of writes) writeFileSync(join(root, file), text)

  const indent = (text) => text.replace(/^(?=.)/gm, '    ')
  return [
    dryRun
      ? `Release ${version} (dry run: nothing was written)`
      : `Release ${version} prepared`,
    '',
    `  package.json: version ${current} → ${version}`,
    `  package-lock.json: version ${current} → ${version}`,
    `  CHANGELOG.md: "## [Unreleased]" → "## [${version}] - ${date}", with:`,
    '',
    indent(changelog.notes),
    '',
    dryRun
      ? 'Without --dry-run, the files above are changed. Then, to publish:'
      : 'Check the diff (git diff), then publish:',
    '',
    '  git add package.json package-lock.json CHANGELOG.md',
    `  git commit -m "Release ${version}"`,
    '  git push origin HEAD           # the release commit, onto the default branch',
    `  git tag -a ${tag} -m "Runbook ${version}"`,
    `  git push origin ${tag}          # starts .github/workflows/release.yml`,
    '',
    `The workflow tests the commit, attests dist/, creates the release ${tag} with`,
    `the notes above${
      version.includes('-')
        ? ' (a pre-release: the major tag stays where it is).'
        : ` and moves v${version.split('.')[0]} to it.`
    }`
  ].join('\n')
}

const REUSABLE = '.github/workflows/runbook.yml'

/**
 * Why the reusable workflow's text cannot ship as `version`, or null. It names
 * the action by the major tag the release moves (`uses: …/runbook@v0`), as a
 * called workflow cannot name its own ref: any other tag would run another
 * release's action.
 */
export function actionRefProblem(text, version) {
  const major = `v${version.split('.')[0]}`
  const refs = [
    ...text.matchAll(/^\s*(?:-\s+)?uses:\s*['"]?[\w.-]+\/runbook@([^\s'"#]+)/gm)
  ].map((m) => m[1])
  const wrong = [...new Set(refs.filter((ref) => ref !== major))]
  return wrong.length === 0
    ? null
    : `${REUSABLE}: the action is used at @${wrong.join(', @')}, but ${version} moves ${major}: change every runbook@${wrong[0]} there to runbook@${major}`
}

/** What `--check VERSION` does: the release notes, or a ReleaseError. */
export function check(root, version) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  if (pkg.version !== version)
    throw new ReleaseError(
      `package.json: version is ${pkg.version}, not ${version}: run npm run release -- ${version} and commit`
    )
  const reusable = join(root, REUSABLE)
  if (existsSync(reusable)) {
    const problem = actionRefProblem(readFileSync(reusable, 'utf8'), version)
    if (problem) throw new ReleaseError(problem)
  }
  return releaseNotes(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version)
}

export function main(argv, root) {
  const args = [...argv]
  const flag = (name) => {
    const i = args.indexOf(name)
    return i >= 0 ? (args.splice(i, 1), true) : false
  }
  const option = (name) => {
    const i = args.indexOf(name)
    if (i < 0) return undefined
    const [, value] = args.splice(i, 2)
    if (value === undefined)
      throw new ReleaseError(`${name} needs a value\n${USAGE}`, 2)
    return value
  }
  if (flag('--help') || flag('-h')) return { out: USAGE }
  const checking = flag('--check')
  const dryRun = flag('--dry-run')
  const date = option('--date')
  if (date !== undefined && !DATE.test(date))
    throw new ReleaseError(
      `--date "${date}" is not a date: expected YYYY-MM-DD, e.g. ${today()}`,
      2
    )
  const unknown = args.find((a) => a.startsWith('-'))
  if (unknown)
    throw new ReleaseError(
      `unknown option "${unknown}": allowed --dry-run, --date, --check\n${USAGE}`,
      2
    )
  if (args.length !== 1)
    throw new ReleaseError(`give exactly one version\n${USAGE}`, 2)
  const version = parseVersion(args[0])
  if (checking) return { out: check(root, version) }
  return { out: prepare(root, version, { dryRun, date: date ?? today() }) }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { out } = main(
      process.argv.slice(2),
      fileURLToPath(new URL('..', import.meta.url))
    )
    console.log(out)
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error
    console.error(`release: ${error.message}`)
    process.exitCode = error.code
  }
}
