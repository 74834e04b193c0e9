#!/usr/bin/env node
'use strict';
// The installed bin (also chezmoi-status, chezmoi-show-conflicts). CommonJS on purpose:
// `--version` then loads this one small file; an ES module entry costs ~10 ms more. The answer
// goes straight to fd 1: creating process.stdout (a stream, for a pipe a socket) costs ~3 ms more.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const fs = require('fs');
  try {
    fs.writeSync(1, `${JSON.parse(fs.readFileSync(`${__dirname}/../package.json`, 'utf8')).version}\n`);
  } catch (e) {
    // A reader that went away is not an error.
    if (e.code !== 'EPIPE') throw e;
  }
} else {
  import('../dist/cli/cli.js').catch((e) => {
    process.stderr.write(`chezmoi-sync: cannot start: ${e && e.message ? e.message : String(e)} (is the package built and installed completely?)\n`);
    process.exitCode = 1;
  });
}
