// A GitHubPlatform pointed at the REST emulator, with one retry and short
// timeouts so that fault tests stay fast.

import { GitHubPlatform } from '../../src/platform/github.js'
import { DEFAULT_TOKEN, type Emulator } from '../emulator/index.js'

export function githubPlatform(
  emulator: Emulator,
  options: { token?: string; timeoutMs?: number; log?: string[] } = {}
): GitHubPlatform {
  return new GitHubPlatform({
    token: options.token ?? DEFAULT_TOKEN,
    repository: emulator.fullName,
    baseUrl: emulator.url,
    retries: 1,
    timeoutMs: options.timeoutMs ?? 2000,
    log: (message) => options.log?.push(message)
  })
}
