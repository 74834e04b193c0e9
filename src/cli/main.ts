// Entry point of the `chezmoi-sync` binary (also installed as `chezmoi-status` and
// `chezmoi-show-conflicts`). Kept tiny: `--version` must not load the SDK; everything
// else is one CommonJS bundle beside it (run.cjs, built from run.ts), loaded with V8's
// code cache (code-cache.ts).
import { writeSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';
import type * as Run from './run.js';

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // Straight to fd 1: creating process.stdout (a stream, for a pipe a socket) costs more than the answer.
  try {
    writeSync(1, `${VERSION}\n`);
  } catch (e) {
    // A reader that went away is not an error.
    if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e;
  }
} else {
  // A reader that went away (`chezmoi-sync log | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const invokedAs = basename(process.argv[1] ?? 'chezmoi-sync').replace(/\.(c|m)?js$/, '');
  import('./code-cache.js')
    .then(({ codeCacheDir, requireWithCodeCache }) => requireWithCodeCache(fileURLToPath(new URL('./run.cjs', import.meta.url)), codeCacheDir(process.env)) as typeof Run)
    .then((m) =>
      m.main(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), invokedAs: invokedAs === 'cli' || invokedAs === 'chezmoi-sync' ? 'chezmoi-sync' : invokedAs }),
    )
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        process.stderr.write(`chezmoi-sync: internal error: ${String(e)} — this is a bug; please report it\n`);
        process.exitCode = 1;
      },
    );
}
