// Reads a GITHUB_OUTPUT file (name<<delimiter … delimiter) into an object,
// as the runner does; the smoke test and the benchmarks check outputs with it.

export function parseOutputFile(text) {
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const value = []
    for (i++; i < lines.length && lines[i] !== match[2]; i++)
      value.push(lines[i])
    outputs[match[1]] = value.join('\n')
  }
  return outputs
}
