/**
 * Preloaded (`node --require bench/report-rss.cjs …`) into the `score` command the bench
 * times: on exit it reports the process's peak resident memory on stderr, so the bench
 * measures the command itself without changing it (and without /usr/bin/time).
 */
process.on('exit', () => {
  process.stderr.write(`\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
