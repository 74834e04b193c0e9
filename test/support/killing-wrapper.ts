// A sync with a stand-in for jj or git — a shell script that runs the real tool as "$REAL_TOOL" and
// does something at an exact point: kills the sync (its parent) when it sees the command it waits
// for, or plays a person's save right after it.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CLI } from '../cli/support/cli.js';
import type { RealBackend } from './engine.js';
import type { Host, World } from './world.js';

/** Shell lines for a script: `rebase=1` when its arguments run a rebase (not its --abort, --continue, --skip or --quit). */
export const SH_IS_REBASE = `rebase=0
for a in "$@"; do
  case "$a" in
    rebase) rebase=1 ;;
    --abort|--continue|--skip|--quit) rebase=0; break ;;
  esac
done`;

/**
 * A stand-in that runs the real tool, then kills the sync that called it if that was a rebase
 * (with `HOLD_INDEX_LOCK` set, after leaving git's index lock behind as a killed git would).
 */
export const KILL_AFTER_REBASE = `#!/bin/sh
"$REAL_TOOL" "$@"
rc=$?
${SH_IS_REBASE}
if [ "$rebase" = 1 ]; then
  if [ -n "$HOLD_INDEX_LOCK" ]; then : > .git/index.lock; fi
  kill -9 "$PPID"
fi
exit $rc
`;

/** Runs `chezmoi-sync sync` on `h` with `script` standing in for the backend's tool. */
export const syncWithWrapper = (w: World, h: Host, backend: RealBackend, script: string, env: Readonly<Record<string, string>> = {}): SpawnSyncReturns<string> => {
  const wrapper = join(w.root, `${backend}-wrapper`);
  writeFileSync(wrapper, script);
  chmodSync(wrapper, 0o755);
  const real = spawnSync('sh', ['-c', `command -v ${backend}`], { env: h.env, encoding: 'utf8' }).stdout.trim();
  return spawnSync(process.execPath, [CLI, 'sync', '--backend', backend, '--quiet'], {
    env: { ...h.env, ...env, REAL_TOOL: real, [backend === 'git' ? 'CHEZMOI_SYNC_GIT' : 'CHEZMOI_SYNC_JJ']: wrapper },
    cwd: h.home,
    encoding: 'utf8',
    timeout: 120_000,
  });
};

/** Runs `chezmoi-sync sync` on `h` with `script` standing in for the backend's tool; the script must kill it. */
export const syncKilledByWrapper = (w: World, h: Host, backend: RealBackend, script: string, env: Readonly<Record<string, string>> = {}): void => {
  expect(syncWithWrapper(w, h, backend, script, env).signal).toBe('SIGKILL');
};
