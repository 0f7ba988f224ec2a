// The release path: scripts/release.js run as a process on a temp clone of
// the files it edits, the release workflow's steps and permissions (its
// version step run for real with bash), and the other supply-chain files:
// CodeQL, Dependabot and action.yml's Marketplace fields.

import { afterEach, describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { tempRepo, type TempRepo } from './helpers/git.js'

interface Run {
  code: number
  stdout: string
  stderr: string
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {}
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', ...env } },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          stdout,
          stderr
        })
    )
  })
}

const ROOT = process.cwd()
const CHANGELOG = `# Changelog

All notable changes are recorded here.

## [Unreleased]

### Added

- A thing users see.

## [0.1.0] - 2026-11-26

The first release.
`

const repos: TempRepo[] = []
afterEach(async () => {
  for (const repo of repos.splice(0)) await repo.remove()
})

/**
 * A git repository with the release script and the files it edits, copied
 * from this one (the changelog given, or this repository's own).
 */
async function clone(changelog = CHANGELOG): Promise<TempRepo> {
  const repo = await tempRepo()
  repos.push(repo)
  await mkdir(join(repo.dir, 'scripts'))
  await copyFile(
    join(ROOT, 'scripts', 'release.js'),
    join(repo.dir, 'scripts', 'release.js')
  )
  for (const file of ['package.json', 'package-lock.json'])
    await copyFile(join(ROOT, file), join(repo.dir, file))
  await writeFile(join(repo.dir, 'CHANGELOG.md'), changelog)
  await repo.git('add', '-A')
  await repo.git('commit', '-q', '-m', 'Project')
  return repo
}

const release = (repo: TempRepo, ...args: string[]): Promise<Run> =>
  run(process.execPath, ['scripts/release.js', ...args], repo.dir)
const read = (repo: TempRepo, file: string): Promise<string> =>
  readFile(join(repo.dir, file), 'utf8')
const version = (): string =>
  (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string
    }
  ).version

describe('scripts/release.js', () => {
  test('a dry run prints the version bump, the changelog section and the commands, and writes nothing', async () => {
    const repo = await clone()
    const result = await release(
      repo,
      '9.1.0',
      '--dry-run',
      '--date',
      '2026-12-03'
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      `package.json: version ${version()} → 9.1.0`
    )
    expect(result.stdout).toContain(
      `package-lock.json: version ${version()} → 9.1.0`
    )
    expect(result.stdout).toContain(
      'CHANGELOG.md: "## [Unreleased]" → "## [9.1.0] - 2026-12-03"'
    )
    expect(result.stdout).toContain('    - A thing users see.')
    expect(result.stdout).toContain('git commit -m "Release 9.1.0"')
    expect(result.stdout).toContain('git tag -a v9.1.0 -m "Runbook 9.1.0"')
    expect(result.stdout).toContain('git push origin v9.1.0')
    expect(result.stdout).toContain('moves v9 to it')
    expect(await repo.git('status', '--porcelain')).toBe('')
  })

  test('a release sets the version in package.json and package-lock.json and nothing else', async () => {
    const repo = await clone()
    const result = await release(repo, '9.1.0', '--date', '2026-12-03')
    expect(result.code).toBe(0)
    const pkg = JSON.parse(await read(repo, 'package.json')) as {
      version: string
    }
    const lock = JSON.parse(await read(repo, 'package-lock.json')) as {
      version: string
      packages: Record<string, { version?: string }>
    }
    expect([pkg.version, lock.version, lock.packages['']?.version]).toEqual([
      '9.1.0',
      '9.1.0',
      '9.1.0'
    ])
    const diff = await repo.git(
      'diff',
      '-U0',
      '--',
      'package.json',
      'package-lock.json'
    )
    const changed = diff.split('\n').filter((l) => /^[-+] /.test(l))
    // package-lock.json (its own version and the root package's), then
    // package.json.
    expect(changed).toEqual([
      `-  "version": "${version()}",`,
      '+  "version": "9.1.0",',
      `-      "version": "${version()}",`,
      '+      "version": "9.1.0",',
      `-  "version": "${version()}",`,
      '+  "version": "9.1.0",'
    ])
  })

  test('a release moves the Unreleased section under the version and today', async () => {
    const repo = await clone()
    const before = new Date().toISOString().slice(0, 10)
    expect((await release(repo, '9.1.0')).code).toBe(0)
    const after = new Date().toISOString().slice(0, 10)
    const text = await read(repo, 'CHANGELOG.md')
    const date = /^## \[9\.1\.0\] - (\S+)$/m.exec(text)?.[1]
    expect([before, after]).toContain(date)
    expect(text).toContain(
      `## [Unreleased]\n\n## [9.1.0] - ${date}\n\n### Added\n\n- A thing users see.\n\n## [0.1.0] - 2026-11-26`
    )
  })

  test('the prepared release passes --check, which prints its notes', async () => {
    const repo = await clone()
    await release(repo, '9.1.0', '--date', '2026-12-03')
    const result = await release(repo, '--check', '9.1.0')
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('### Added\n\n- A thing users see.\n')
  })

  test("this repository's released version passes --check", async () => {
    const result = await run(
      process.execPath,
      ['scripts/release.js', '--check', version()],
      ROOT
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout.trim().length).toBeGreaterThan(100)
  })

  test('--check fails, naming both versions, when package.json is elsewhere', async () => {
    const repo = await clone()
    const result = await release(repo, '--check', '9.1.0')
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      `release: package.json: version is ${version()}, not 9.1.0: run npm run release -- 9.1.0 and commit\n`
    )
  })

  test('a value that is not a version is refused in one line naming it', async () => {
    const repo = await clone()
    const result = await release(repo, '0.2')
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'release: version "0.2" is not a version: expected MAJOR.MINOR.PATCH, e.g. 0.2.0 (or 1.0.0-rc.1)\n'
    )
  })

  test('a version that is not newer than package.json is refused', async () => {
    const repo = await clone()
    const result = await release(repo, version())
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('is not newer than')
  })

  test('an existing tag for the version is refused', async () => {
    const repo = await clone()
    await repo.git('tag', 'v9.1.0')
    const result = await release(repo, '9.1.0')
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'release: the tag v9.1.0 already exists: choose a newer version\n'
    )
  })

  test('an empty Unreleased section is refused and nothing is written', async () => {
    const repo = await clone(
      '# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2026-11-26\n\nFirst.\n'
    )
    const result = await release(repo, '9.1.0')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('the "## [Unreleased]" section is empty')
    expect(await repo.git('status', '--porcelain')).toBe('')
  })

  test('a changelog without an Unreleased section is refused', async () => {
    const repo = await clone('# Changelog\n\n## [0.1.0] - 2026-11-26\n\nA.\n')
    const result = await release(repo, '9.1.0')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('has no "## [Unreleased]" section')
  })

  test('comparison links at the end of the changelog follow the release', async () => {
    const repo = await clone(
      `${CHANGELOG}\n[unreleased]: https://github.com/o/r/compare/v0.1.0...HEAD\n[0.1.0]: https://github.com/o/r/releases/tag/v0.1.0\n`
    )
    await release(repo, '9.1.0', '--date', '2026-12-03')
    expect(await read(repo, 'CHANGELOG.md')).toContain(
      '[unreleased]: https://github.com/o/r/compare/v9.1.0...HEAD\n' +
        '[9.1.0]: https://github.com/o/r/compare/v0.1.0...v9.1.0\n' +
        '[0.1.0]: https://github.com/o/r/releases/tag/v0.1.0'
    )
  })

  test('a pre-release says the major tag stays where it is', async () => {
    const repo = await clone()
    const result = await release(repo, '9.1.0-rc.1', '--dry-run')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('the major tag stays where it is')
  })
})

// ---------------------------------------------------------------------------

interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  if?: string
  env?: Record<string, string>
  with?: Record<string, unknown>
}
interface Job {
  needs?: string | string[]
  permissions?: Record<string, string>
  'timeout-minutes'?: number
  outputs?: Record<string, string>
  steps: Step[]
}
interface Workflow {
  on: Record<string, unknown>
  permissions: unknown
  jobs: Record<string, Job>
}

const workflow = (file: string): Workflow =>
  parse(
    readFileSync(join(ROOT, '.github', 'workflows', file), 'utf8')
  ) as Workflow
const releaseWf = workflow('release.yml')
const jobs = releaseWf.jobs
const runs = (job: Job | undefined): string =>
  (job?.steps ?? []).map((s) => s.run ?? '').join('\n')
const usesOf = (job: Job | undefined, action: string): Step[] =>
  (job?.steps ?? []).filter((s) => s.uses?.startsWith(`${action}@`))

describe('the release workflow', () => {
  test('runs on a pushed vX.Y.Z tag or by hand with a version', () => {
    expect(releaseWf.on.push).toEqual({ tags: ['v*.*.*'] })
    expect(releaseWf.on.workflow_dispatch).toMatchObject({
      inputs: { version: { type: 'string', required: true } }
    })
  })

  test('verifies, then attests, then publishes', () => {
    expect(Object.keys(jobs)).toEqual(['verify', 'attest', 'publish'])
    expect(jobs.attest?.needs).toBe('verify')
    expect(jobs.publish?.needs).toEqual(['verify', 'attest'])
  })

  test('each job has only the permissions it uses', () => {
    expect(releaseWf.permissions).toEqual({})
    expect({
      verify: jobs.verify?.permissions,
      attest: jobs.attest?.permissions,
      publish: jobs.publish?.permissions
    }).toEqual({
      verify: { contents: 'read' },
      attest: { contents: 'read', 'id-token': 'write', attestations: 'write' },
      publish: { contents: 'write' }
    })
  })

  test('only the attest job of the release workflow may sign', () => {
    const signers = [
      'ai-agent-handoff-runbook.yml',
      'ci.yml',
      'check-dist.yml',
      'codeql.yml',
      'release.yml'
    ]
      .flatMap((file) =>
        Object.entries(workflow(file).jobs).map(
          ([id, job]) => [file, id, job] as const
        )
      )
      .filter(
        ([, , job]) =>
          job.permissions?.['id-token'] !== undefined ||
          job.permissions?.attestations !== undefined
      )
      .map(([file, id]) => `${file}:${id}`)
    expect(signers).toEqual(['release.yml:attest'])
  })

  test('every job has a timeout and checks out without keeping the token', () => {
    for (const job of Object.values(jobs)) {
      expect(job['timeout-minutes']).toBeGreaterThan(0)
      const checkouts = usesOf(job, 'actions/checkout')
      expect(checkouts).toHaveLength(1)
      expect(checkouts[0]?.with?.['persist-credentials']).toBe(false)
    }
  })

  test('no value reaches a run: script except through env', () => {
    for (const job of Object.values(jobs))
      for (const step of job.steps) expect(step.run ?? '').not.toContain('${{')
  })

  test('no dependency cache is restored where a release is built', () => {
    for (const job of Object.values(jobs))
      for (const step of usesOf(job, 'actions/setup-node'))
        expect(step.with?.['package-manager-cache']).toBe(false)
  })

  test('verify checks the version and changelog, a fresh dist/, the tests and the licences', () => {
    const script = runs(jobs.verify)
    expect(script).toContain('node scripts/release.js --check "$version"')
    expect(script).toContain('npm run build')
    expect(script).toContain('git status --porcelain -- dist schema')
    expect(script).toContain('npm test')
    expect(script).toContain('npm run licenses')
    expect(script).toContain('git merge-base --is-ancestor "$GITHUB_SHA"')
  })

  test('attest rebuilds dist/ without install scripts and attests all of it', () => {
    const script = runs(jobs.attest)
    expect(script).toContain('npm ci --no-audit --no-fund --ignore-scripts')
    expect(script).toContain(
      'test -z "$(git status --porcelain -- dist schema)"'
    )
    const attest = usesOf(jobs.attest, 'actions/attest-build-provenance')
    expect(attest).toHaveLength(1)
    expect(attest[0]?.with).toEqual({ 'subject-path': 'dist/**' })
  })

  test('publish creates the release with the changelog section as notes', () => {
    const step = jobs.publish?.steps.find((s) =>
      s.run?.includes('gh release create')
    )
    expect(step?.run).toContain(
      'node scripts/release.js --check "$VERSION" > "$notes"'
    )
    expect(step?.run).toContain('--target "$GITHUB_SHA"')
    expect(step?.run).toContain('--notes-file "$notes"')
    expect(step?.env?.GH_TOKEN).toBe('${{ github.token }}')
  })

  test('publish moves the major tag to the release commit, except for a pre-release', () => {
    const step = jobs.publish?.steps.find((s) => s.run?.includes('$MAJOR'))
    expect(step?.if).toBe("${{ needs.verify.outputs.prerelease == 'false' }}")
    expect(step?.env?.MAJOR).toBe('${{ needs.verify.outputs.major }}')
    expect(step?.run).toContain('git/refs/tags/$MAJOR')
    expect(step?.run).toContain('-f sha="$GITHUB_SHA" -F force=true')
  })

  describe('its version step, run with bash', () => {
    const step = jobs.verify?.steps.find((s) => s.id === 'version') as Step

    async function outputs(
      repo: TempRepo,
      env: Record<string, string>
    ): Promise<Run & { outputs: string }> {
      const file = join(repo.dir, 'github-output')
      await writeFile(file, '')
      const result = await run('bash', ['-c', step.run ?? ''], repo.dir, {
        GITHUB_OUTPUT: file,
        ...env
      })
      return { ...result, outputs: await readFile(file, 'utf8') }
    }

    test('a pushed tag gives the version, the tag and the major tag', async () => {
      const repo = await clone()
      await release(repo, '9.1.0', '--date', '2026-12-03')
      const result = await outputs(repo, {
        EVENT: 'push',
        REF_NAME: 'v9.1.0',
        INPUT_VERSION: ''
      })
      expect(result.code).toBe(0)
      expect(result.outputs).toBe(
        'version=9.1.0\ntag=v9.1.0\nmajor=v9\nprerelease=false\n'
      )
    })

    test('a dispatched pre-release version is marked as one', async () => {
      const repo = await clone()
      await release(repo, '9.1.0-rc.1', '--date', '2026-12-03')
      const result = await outputs(repo, {
        EVENT: 'workflow_dispatch',
        REF_NAME: 'main',
        INPUT_VERSION: 'v9.1.0-rc.1'
      })
      expect(result.code).toBe(0)
      expect(result.outputs).toContain('major=v9\nprerelease=true\n')
    })

    test('a tag the repository is not prepared for fails the run in one line', async () => {
      const repo = await clone()
      const result = await outputs(repo, {
        EVENT: 'push',
        REF_NAME: 'v9.1.0',
        INPUT_VERSION: ''
      })
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/^release: package.json: version is .*\n$/)
      expect(result.outputs).toBe('')
    })
  })
})

describe('code scanning, Dependabot and the Marketplace fields', () => {
  const codeql = workflow('codeql.yml')

  test('CodeQL runs on push, pull request and a weekly schedule', () => {
    expect(Object.keys(codeql.on)).toEqual(
      expect.arrayContaining(['push', 'pull_request', 'schedule'])
    )
    const cron = (codeql.on.schedule as { cron: string }[])[0]?.cron ?? ''
    // minute hour * * weekday: once a week.
    expect(cron).toMatch(/^\d+ \d+ \* \* [0-6]$/)
  })

  test('CodeQL analyses JavaScript/TypeScript with security-events: write only there', () => {
    const job = codeql.jobs.analyze as Job & {
      strategy: { matrix: { language: string[] } }
    }
    expect(job.strategy.matrix.language).toContain('javascript-typescript')
    expect(job.permissions).toEqual({
      contents: 'read',
      'security-events': 'write'
    })
    for (const file of [
      'ai-agent-handoff-runbook.yml',
      'ci.yml',
      'check-dist.yml',
      'release.yml'
    ])
      for (const other of Object.values(workflow(file).jobs))
        expect(other.permissions?.['security-events']).toBeUndefined()
  })

  test('Dependabot updates npm (production and development apart) and the actions weekly', () => {
    const config = parse(
      readFileSync(join(ROOT, '.github', 'dependabot.yml'), 'utf8')
    ) as {
      updates: {
        'package-ecosystem': string
        schedule: { interval: string }
        groups?: Record<
          string,
          { 'dependency-type'?: string; 'update-types'?: string[] }
        >
      }[]
    }
    expect(config.updates.map((u) => u['package-ecosystem'])).toEqual([
      'npm',
      'github-actions'
    ])
    for (const update of config.updates)
      expect(update.schedule.interval).toBe('weekly')
    const groups = Object.values(config.updates[0]?.groups ?? {})
    expect(groups.map((g) => g['dependency-type']).sort()).toEqual([
      'development',
      'production'
    ])
    for (const group of groups)
      expect(group['update-types']).toEqual(['minor', 'patch'])
  })

  test('action.yml has a name, a description of at most 125 characters and branding', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
      name: string
      description: string
      branding: { icon: string; color: string }
    }
    expect(action.name.trim().length).toBeGreaterThan(0)
    expect(action.description.length).toBeLessThanOrEqual(125)
    expect(action.branding.icon).toMatch(/^[a-z0-9-]+$/)
    expect([
      'white',
      'black',
      'yellow',
      'blue',
      'green',
      'orange',
      'red',
      'purple',
      'gray-dark'
    ]).toContain(action.branding.color)
  })
})
