// Loaded with `node --import` into the measured CLI process (traced runs only): at exit, writes
// the process's own peak resident set size (kB; children are not included) to the file named
// by CHEZMOI_SYNC_BENCH_RSS.
import { writeFileSync } from 'node:fs';

const out = process.env['CHEZMOI_SYNC_BENCH_RSS'];
if (out !== undefined && out !== '') {
  process.on('exit', () => writeFileSync(out, `${process.resourceUsage().maxRSS}\n`));
}
