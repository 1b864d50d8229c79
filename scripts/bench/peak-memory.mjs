// Loaded with `--import` by the benchmarks: prints the process's peak memory (max RSS, KiB) on stderr at exit.
process.on('exit', () => process.stderr.write(`\npeak-rss-kib ${process.resourceUsage().maxRSS}\n`))
