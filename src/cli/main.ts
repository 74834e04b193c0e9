// Entry point of the `chezmoi-sync` binary (also installed as `chezmoi-status` and
// `chezmoi-show-conflicts`). Kept tiny: `--version` must not load the SDK; everything
// else is one CommonJS bundle beside it (run.cjs, built from run.ts), loaded with V8's
// code cache (code-cache.ts).
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';
import { codeCacheDir, requireWithCodeCache } from './code-cache.js';
import type * as Run from './run.js';

const argv = process.argv.slice(2);

// A reader that went away (`chezmoi-sync log | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const invokedAs = basename(process.argv[1] ?? 'chezmoi-sync').replace(/\.(c|m)?js$/, '');
  new Promise<typeof Run>((resolve) => resolve(requireWithCodeCache(fileURLToPath(new URL('./run.cjs', import.meta.url)), codeCacheDir(process.env)) as typeof Run))
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
