#!/usr/bin/env node
'use strict';
// The installed bin (also chezmoi-status, chezmoi-show-conflicts). CommonJS on purpose:
// `--version` then loads this one small file; an ES module entry costs ~10 ms more.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  import('../dist/cli/cli.js').catch((e) => {
    process.stderr.write(`chezmoi-sync: cannot start: ${e && e.message ? e.message : String(e)} (is the package built and installed completely?)\n`);
    process.exitCode = 1;
  });
}
