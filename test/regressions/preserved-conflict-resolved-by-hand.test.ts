// Regression: a preserved conflict resolved by hand instead of with `chezmoi-sync resolve` — the
// person rebases the line onto the trunk themselves (`jj rebase` / `git rebase`), resolves the file
// and finishes (`jj squash` / `git rebase --continue`). The next sync published the resolution but
// kept `sync/<host>` forever ("holds work the trunk does not") and reported conflicts-preserved on
// every run, and with jj it also took the line for another one (the record's head was rewritten):
// the resolution was kept local instead of applied to HOME. A later version of the host branch's
// commit in the line — jj: the same change; git: the same author, date and message, which a rebase
// keeps — now counts as that commit.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/support/cli.js';
import { okReport, syncHost, type RealBackend } from '../support/engine.js';
import { conflictingEditPending } from '../support/conflicting-edit.js';
import { useWorld } from '../support/world.js';

beforeAll(() => ensureBuilt());

const RESOLVED = '# bashrc\nexport EDITOR=alpha-and-other\nalias ll="ls -l"\n';

describe.each<RealBackend>(['jj', 'git'])('a preserved conflict resolved by hand (%s)', (backend) => {
  it('publishes the resolution, applies it to HOME, and removes the host branch', { timeout: 180_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    await conflictingEditPending(w, a, backend);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('conflicts-preserved');
    expect(w.readRemote('dot_bashrc', 'sync/alpha')).toContain('EDITOR=alpha');

    if (backend === 'jj') {
      const jj = (args: string[], allowFail = false) => w.run(a, 'jj', args, { cwd: a.source, allowFail });
      jj(['git', 'fetch']);
      jj(['rebase', '-b', '@', '-d', 'main@origin']);
      const conflicted = jj(['log', '--no-graph', '-r', 'roots(conflicts() & ::@)', '-T', 'change_id']).stdout.trim();
      jj(['new', conflicted]);
      w.writeSource(a, 'dot_bashrc', RESOLVED);
      jj(['squash', '--use-destination-message']);
    } else {
      const git = (args: string[], allowFail = false) => w.run(a, 'git', ['-c', 'user.name=Person', '-c', 'user.email=p@example.invalid', '-c', 'core.editor=true', ...args], { cwd: a.source, allowFail });
      git(['fetch', '-q', 'origin']);
      expect(git(['rebase', 'origin/main'], true).status).not.toBe(0);
      w.writeSource(a, 'dot_bashrc', RESOLVED);
      git(['add', 'dot_bashrc']);
      git(['rebase', '--continue']);
    }

    const r = okReport(await syncHost(w, a, backend));
    expect(r.status).toBe('success');
    expect(r.keptLocal).toEqual([]);
    expect(w.readRemote('dot_bashrc')).toBe(RESOLVED);
    expect(w.readHome(a, '.bashrc')).toBe(RESOLVED);
    expect(w.remoteBranches()).toEqual(['main']);
    // Settled: the next run says so too.
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
  });
});
