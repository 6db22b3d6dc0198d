// Preloaded into `polluter find` by the benchmark (node --require): at exit, the most memory the process held (its
// peak resident set, KiB) is written to $POLLUTER_BENCH_PEAK, so the table can show what the bookkeeping costs at scale.
const fs = require('node:fs');

process.on('exit', () => {
  const file = process.env.POLLUTER_BENCH_PEAK;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
