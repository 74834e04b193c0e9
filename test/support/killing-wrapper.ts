// A sync killed at an exact point: the built CLI runs with a stand-in for jj or git — a shell
// script that runs the real tool as "$REAL_TOOL" and kills the sync (its parent) when it sees the
// command it waits for.
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CLI } from '../cli/support/cli.js';
import type { RealBackend } from './engine.js';
import type { Host, World } from './world.js';

/** Runs `chezmoi-sync sync` on `h` with `script` standing in for the backend's tool; the script must kill it. */
export const syncKilledByWrapper = (w: World, h: Host, backend: RealBackend, script: string, env: Readonly<Record<string, string>> = {}): void => {
  const wrapper = join(w.root, `${backend}-killing-wrapper`);
  writeFileSync(wrapper, script);
  chmodSync(wrapper, 0o755);
  const real = spawnSync('sh', ['-c', `command -v ${backend}`], { env: h.env, encoding: 'utf8' }).stdout.trim();
  const killed = spawnSync(process.execPath, [CLI, 'sync', '--backend', backend, '--quiet'], {
    env: { ...h.env, ...env, REAL_TOOL: real, [backend === 'git' ? 'CHEZMOI_SYNC_GIT' : 'CHEZMOI_SYNC_JJ']: wrapper },
    cwd: h.home,
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(killed.signal).toBe('SIGKILL');
};
