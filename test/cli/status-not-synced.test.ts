// Found by an exploratory run of the packed CLI: a managed symlink retargeted in HOME, or a file
// whose mode alone changed (`chmod -x` of an `executable_` file), is not captured by a sync, while
// `chezmoi-status` listed it under HOME edits "(captured by the next sync)". It now says they are
// not synced and what to change instead.
import { chmodSync, symlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { okReport, setUpAndSync, syncHost } from '../support/engine.js';
import { useWorld } from '../support/world.js';
import { cli, ensureBuilt, jsonOf } from './support/cli.js';

beforeAll(() => ensureBuilt());

describe('chezmoi-status on HOME edits a sync does not capture', () => {
  it('names a retargeted symlink and a mode-only change as not synced; a content edit as captured', { timeout: 120_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    await setUpAndSync(w, [a], 'git');
    w.writeSource(a, 'symlink_dot_hostname_link', '/etc/hostname\n');
    w.writeSource(a, 'dot_local/bin/executable_backup.sh', '#!/bin/sh\necho backup\n');
    w.run(a, 'git', ['add', '-A'], { cwd: a.source });
    w.run(a, 'git', ['-c', 'user.name=P', '-c', 'user.email=p@example.invalid', 'commit', '-q', '-m', 'link and script'], { cwd: a.source });
    w.chezmoiApply(a);
    expect(okReport(await syncHost(w, a, 'git')).status).toBe('success');

    rmSync(join(a.home, '.hostname_link'));
    symlinkSync('/etc/passwd', join(a.home, '.hostname_link'));
    chmodSync(join(a.home, '.local/bin/backup.sh'), 0o644);
    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=alpha\n');
    const r = cli(['status', '--backend', 'git'], { env: a.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\.bashrc \(captured by the next sync\)/);
    expect(r.stdout).toMatch(/\.hostname_link, .*backup\.sh \(not synced: a symlink's target or a file's mode changed in HOME/);
    const doc = jsonOf(cli(['status', '--json', '--backend', 'git'], { env: a.env }));
    expect([...(doc['homeEditsNotSynced'] as string[])].sort()).toEqual([join(a.home, '.hostname_link'), join(a.home, '.local/bin/backup.sh')].sort());
  });
});
