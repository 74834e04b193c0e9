// Regression (found by test/property, git short campaign seed 20241111): a sync SIGKILLed while
// its `git add` held the index lock (power off, a unit's timeout) leaves `.git/index.lock`, and
// every later sync stopped at it ("another git process holds the index lock") until a person
// removed it. The next sync now removes what a killed git of ours left; a lock file that is not
// ours (a person's `git commit` waiting in an editor) is still left alone.
// The kill is made exact with a wrapper around git that, on `git add`, takes the index lock as
// git does and kills the sync process before git could let go of it.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/support/cli.js';
import { okReport, setUpHost, syncHost } from '../support/engine.js';
import { syncKilledByWrapper } from '../support/killing-wrapper.js';
import { useWorld } from '../support/world.js';

beforeAll(() => ensureBuilt());

const WRAPPER = `#!/bin/sh
for a in "$@"; do
  if [ "$a" = add ]; then : > .git/index.lock; kill -9 "$PPID"; exit 1; fi
done
exec "$REAL_TOOL" "$@"
`;

describe('a sync killed while git held the index lock (git)', () => {
  it('does not wedge the repository: the next sync removes the lock it left and publishes the edit', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, 'git'));
    const base = w.readHome(a, '.bashrc') ?? '';
    const edited = base.replace('EDITOR=vi', 'EDITOR=alpha');
    w.writeHome(a, '.bashrc', edited);

    syncKilledByWrapper(w, a, 'git', WRAPPER);
    expect(existsSync(join(a.source, '.git/index.lock'))).toBe(true);

    const next = okReport(await syncHost(w, a, 'git'));
    expect(next.status).toBe('success');
    expect(existsSync(join(a.source, '.git/index.lock'))).toBe(false);
    expect(w.readRemote('dot_bashrc')).toBe(edited);
    expect(w.readHome(a, '.bashrc')).toBe(edited);

    // A lock that no sync of ours left (a person's git is running): left alone, the edit kept for later.
    writeFileSync(join(a.source, '.git/index.lock'), '');
    const later = base.replace('EDITOR=vi', 'EDITOR=later');
    w.writeHome(a, '.bashrc', later);
    const refused = await syncHost(w, a, 'git');
    expect(refused.result.isErr()).toBe(true);
    expect(refused.result._unsafeUnwrapErr()).toMatchObject({ kind: 'unsafe-state', state: 'index-locked' });
    expect(existsSync(join(a.source, '.git/index.lock'))).toBe(true);
    expect(w.readHome(a, '.bashrc')).toBe(later);
  });
});
