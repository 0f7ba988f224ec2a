// Preloaded with `node --import` into a measured process: at exit, prints the
// process's peak resident set size (KiB) to standard error on a line of its own.

process.on('exit', () => {
  process.stderr.write(
    `\nrunbook-bench-maxrss-kib=${process.resourceUsage().maxRSS}\n`
  )
})
