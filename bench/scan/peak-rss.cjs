// Loaded with --require by bench/scan/run.mjs: prints the process's peak RSS (all threads) at exit.
process.on('exit', () => process.stderr.write(`peak-rss-kib=${process.resourceUsage().maxRSS}\n`))
