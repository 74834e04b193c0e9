// Regression (found by test/property, jj long campaign seed 20241102): a jj sync SIGKILLed while
// jj — or the git it runs for fetch and push — held a lock file in the git dir behind the
// repository (`packed-refs.lock`, `index.lock`) left it there, and every later jj command that
// exported refs to git stopped at it ("Could not lock packed refs … might need manual deletion")
// until a person removed it. The next sync now removes what a killed command of ours left, as
// with git; a lock file that is not ours is still left alone, and so is one a read-only command
// of ours (which runs jj without the sync lock) may be holding.
// The kill is made exact with a wrapper around jj that, on `jj commit`, takes the locks as gix
// does and kills the sync process before it could let go of them.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, jsonOf } from '../cli/support/cli.js';
import { writingMarker } from '../../src/backends/fs/interrupted-write.js';
import { lockPathFor } from '../../src/core/sync/repository.js';
import { okReport, setUpHost, syncHost } from '../support/engine.js';
import { syncKilledByWrapper } from '../support/killing-wrapper.js';
import { useWorld } from '../support/world.js';

beforeAll(() => ensureBuilt());

const WRAPPER = `#!/bin/sh
for a in "$@"; do
  if [ "$a" = commit ]; then : > .git/packed-refs.lock; : > .git/index.lock; kill -9 "$PPID"; exit 1; fi
done
exec "$REAL_TOOL" "$@"
`;

describe('a sync killed while jj held lock files in the git dir (jj)', () => {
  it('does not wedge the repository: the next sync removes the locks it left and publishes the edit', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, 'jj'));
    const base = w.readHome(a, '.bashrc') ?? '';
    const edited = base.replace('EDITOR=vi', 'EDITOR=alpha');
    w.writeHome(a, '.bashrc', edited);

    syncKilledByWrapper(w, a, 'jj', WRAPPER);
    const packed = join(a.source, '.git/packed-refs.lock');
    expect(existsSync(packed)).toBe(true);
    const status = jsonOf(cli(['status', '--json', '--backend', 'jj'], { env: a.env }));
    expect(status['interrupted']).toEqual(expect.arrayContaining([`the lock file ${join(a.source, '.git/index.lock')}`, `the lock file ${packed}`]));

    const next = okReport(await syncHost(w, a, 'jj'));
    expect(next.status).toBe('success');
    expect(existsSync(packed)).toBe(false);
    expect(existsSync(join(a.source, '.git/index.lock'))).toBe(false);
    expect(w.readRemote('dot_bashrc')).toBe(edited);
    expect(w.readHome(a, '.bashrc')).toBe(edited);

    // A lock that no command of ours left (a person's git is running): left alone, the edit kept for later.
    writeFileSync(packed, '');
    const later = base.replace('EDITOR=vi', 'EDITOR=later');
    w.writeHome(a, '.bashrc', later);
    const refused = await syncHost(w, a, 'jj');
    expect(refused.result._unsafeUnwrapErr()).toMatchObject({ kind: 'unsafe-state', state: 'git-locked' });
    expect(existsSync(packed)).toBe(true);
    expect(w.readHome(a, '.bashrc')).toBe(later);
  });

  it('leaves the locks alone while a command of ours that wrote them may still run', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, 'jj'));
    // A read-only command (this test process stands in for it: it is alive) is in the middle of a jj command.
    const packed = join(a.source, '.git/packed-refs.lock');
    writeFileSync(packed, '');
    writeFileSync(writingMarker(join(a.source, '.git')), `${process.pid}\n`);
    await syncHost(w, a, 'jj');
    expect(existsSync(packed)).toBe(true);
    // And a sync that holds the lock is reported running, not its locks as left behind.
    writeFileSync(lockPathFor(a.source), `${JSON.stringify({ pid: process.pid, host: a.name, startedAt: new Date().toISOString(), token: 't' })}\n`);
    const status = jsonOf(cli(['status', '--json', '--backend', 'jj', '--host', a.name], { env: a.env }));
    expect(status).toMatchObject({ running: { pid: process.pid }, interrupted: [] });
  });
});
