// Entry point of the `chezmoi-sync` binary (also installed as `chezmoi-status` and
// `chezmoi-show-conflicts`). Kept tiny: `--version` must not load the SDK.
import { basename } from 'node:path';
import { VERSION } from '../version.js';

const HELP = `chezmoi-sync ${VERSION} — keep a chezmoi dotfiles repository in sync across machines

Usage: chezmoi-sync [command] [options]

Commands:
  sync        capture, integrate, publish and apply (default)
  --version   print the version
  --help      print this help

Docs: https://www.npmjs.com/package/chezmoi-sync (docs/ in the package)
`;

const main = (argv: readonly string[]): number => {
  const invokedAs = basename(process.argv[1] ?? 'chezmoi-sync');
  void invokedAs;
  if (argv.includes('--version') || argv.includes('-V')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
    process.stdout.write(HELP);
    return 0;
  }
  process.stderr.write(`chezmoi-sync: unknown command ${JSON.stringify(argv[0])} (see --help)\n`);
  return 2;
};

process.exitCode = main(process.argv.slice(2));
