// "Did you mean …?": the allowed name closest to a mistyped one, for the
// errors of the configuration and of the local tool's command line.

/** The number of single-character edits that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    previous = current
  }
  return previous[b.length] ?? 0
}

/**
 * The allowed name a typo most likely meant, or undefined when none is close:
 * one within a third of the name's length in edits (at least one), else one
 * that starts with the other ("timeout" → "timeout-ms"), so that "helth"
 * suggests nothing rather than "path".
 */
export function closest(
  given: string,
  allowed: readonly string[]
): string | undefined {
  // A long key is no typo of a short name, and comparing it costs more.
  if (given.length === 0 || given.length > 100) return undefined
  const lower = given.toLowerCase()
  const limit = Math.max(1, Math.floor(lower.length / 3))
  let best: string | undefined
  let bestDistance = Infinity
  for (const name of allowed) {
    const distance = editDistance(lower, name.toLowerCase())
    if (distance < bestDistance) {
      best = name
      bestDistance = distance
    }
  }
  if (best !== undefined && bestDistance <= limit)
    return best === given ? undefined : best
  return allowed.find((name) => {
    const [short, long] =
      name.length < lower.length ? [name, lower] : [lower, name]
    return short.length >= 4 && long.startsWith(short)
  })
}
