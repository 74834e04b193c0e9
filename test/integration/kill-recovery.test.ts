// A sync killed with SIGKILL at any step boundary is recovered by the next sync, with no edit
// lost: the stale lock is taken over, half-done work is picked up, HOME ends right.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/support/cli.js';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

const CHILD = resolve(import.meta.dirname, '../support/kill-child.mjs');
const STEPS = ['started:capture', 'finished:capture', 'finished:fetch', 'started:integrate', 'started:apply', 'finished:apply', 'started:publish', 'finished:publish', 'started:state'];

beforeAll(() => ensureBuilt(), 300_000);

describe.each<RealBackend>(['jj', 'git'])('a sync killed mid-run with %s', (backend) => {
  it.each(STEPS)('killed at %s: the next sync recovers and nothing is lost', async (killAt) => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    for (const h of [a, b]) setUpHost(w, h);
    // An incoming edit from alpha, and a local edit on beta to another file.
    w.writeHome(a, '.bashrc', '# bashrc\nexport FROM=alpha\n');
    okReport(await syncHost(w, a, backend));
    w.writeHome(b, '.gitconfig', '[core]\n\tautocrlf = input\n');

    const child = spawnSync(
      process.execPath,
      [CHILD, JSON.stringify({ backend, env: b.env, source: b.source, home: b.home, chezmoiConfig: b.chezmoiConfig, stateDir: b.stateDir, host: b.name, repoUrl: w.remoteUrl, killAt })],
      { env: b.env, encoding: 'utf8' },
    );
    expect(child.signal).toBe('SIGKILL');

    const next = okReport(await syncHost(w, b, backend));
    expect(next.status).toBe('success');
    expect(w.readRemote('dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport FROM=alpha\n');
    expect(w.readHome(b, '.bashrc')).toBe('# bashrc\nexport FROM=alpha\n');
    expect(w.readHome(b, '.gitconfig')).toBe('[core]\n\tautocrlf = input\n');
    okReport(await syncHost(w, a, backend));
    expect(w.readHome(a, '.gitconfig')).toBe('[core]\n\tautocrlf = input\n');
  });
});
