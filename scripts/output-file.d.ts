/** Reads a GITHUB_OUTPUT file (name<<delimiter … delimiter) into an object. */
export function parseOutputFile(text: string): Record<string, string>
