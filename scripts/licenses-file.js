// Writes a bundle's licenses.txt from every package whose code is in it.
// ncc writes one licenses.txt per chunk under the same name, so the last
// chunk's list wins and the others' packages go unlisted: this one reads the
// packages from all of the bundle's source maps instead.
//
// Usage: node scripts/licenses-file.js dist dist/cli

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bundledPackages, declaredLicense } from './check-licenses.js'

function licenseText(directory) {
  const file = readdirSync(directory)
    .filter((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f))
    .sort()[0]
  return file ? readFileSync(join(directory, file), 'utf8').trim() : ''
}

for (const dir of process.argv.slice(2)) {
  const packages = [...bundledPackages(dir, process.cwd())].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0
  )
  const entries = packages
    .filter(([, directory]) => existsSync(join(directory, 'package.json')))
    .map(([name, directory]) =>
      [name, declaredLicense(directory) ?? '', licenseText(directory)]
        .filter(Boolean)
        .join('\n')
    )
  writeFileSync(join(dir, 'licenses.txt'), `${entries.join('\n\n')}\n`)
  console.log(`${dir}/licenses.txt: ${entries.length} packages`)
}
