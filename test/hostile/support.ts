// Shared by the hostile-input tests: a synced world, a marker file that any injected command
// would create, and a look at everything the remote holds.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld, type Host, type World, type WorldOptions } from '../support/world.js';

/** A path an injected command would create; the test asserts it never exists. */
export const useMarker = async (): Promise<{ path: string; expectAbsent: () => void }> => {
  const { onTestFinished } = await import('vitest');
  const dir = mkdtempSync(join(tmpdir(), 'chezmoi-sync-pwned-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'PWNED');
  return { path, expectAbsent: () => expect(existsSync(path), `${path} was created: an injected command ran`).toBe(false) };
};

/** A world whose hosts are set up and synced once (records written), ready for a hostile step. */
export const syncedWorld = async (backend: RealBackend, options: WorldOptions = {}): Promise<{ w: World; a: Host; b: Host }> => {
  const w = await useWorld({ hosts: ['alpha', 'beta'], ...options });
  for (const h of w.hosts) {
    setUpHost(w, h);
    okReport(await syncHost(w, h, backend));
  }
  return { w, a: w.host('alpha'), b: w.host('beta') };
};

/** Every blob the remote holds on any ref, concatenated (to prove something never reached it). */
export const everythingOnRemote = (w: World): string => {
  const h = w.hosts[0] as Host;
  const objects = w
    .run(h, 'git', ['--git-dir', w.remote, 'rev-list', '--all', '--objects'])
    .stdout.split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((id) => id !== '');
  if (objects.length === 0) return '';
  const types = w.run(h, 'git', ['--git-dir', w.remote, 'cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: `${objects.join('\n')}\n` }).stdout;
  const blobs = types
    .split('\n')
    .filter((l) => l.endsWith(' blob'))
    .map((l) => l.split(' ')[0]);
  const messages = w.run(h, 'git', ['--git-dir', w.remote, 'log', '--all', '--format=%B']).stdout;
  return `${messages}\n${w.run(h, 'git', ['--git-dir', w.remote, 'cat-file', '--batch'], { input: `${blobs.join('\n')}\n` }).stdout}`;
};

export const BACKENDS: readonly RealBackend[] = ['jj', 'git'];
