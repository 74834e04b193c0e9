// Regression (found by an exploratory run of the packed CLI): a repository jj set up, synced once
// without jj on PATH (a systemd unit sees only the system PATH) — `auto` falls back to git, which
// finds the detached HEAD jj leaves and refuses every run (exit 5). The refusal stands (git must
// not move jj's line), but it now says why and what to do: sync with jj, or `git switch main`.
// Either way the edits go out, and jj takes over again afterwards.
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt } from '../cli/support/cli.js';
import { okReport, setUpAndSync, syncHost } from '../support/engine.js';
import { useWorld } from '../support/world.js';

beforeAll(() => ensureBuilt());

describe('a jj repository synced with git', () => {
  it('is refused with a hint about jj; after `git switch main` git syncs, and jj takes over again', { timeout: 180_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    await setUpAndSync(w, [a], 'jj');
    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=alpha\n');
    expect(okReport(await syncHost(w, a, 'jj')).status).toBe('success');

    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=git\n');
    const refused = cli(['sync', '-q', '--backend', 'git'], { env: a.env });
    expect(refused.code, refused.stderr).toBe(5);
    expect(refused.stderr).toMatch(/detached HEAD/);
    expect(refused.stderr, refused.stderr).toMatch(/sync with jj instead/);
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=alpha\n');

    w.run(a, 'git', ['switch', '-q', 'main'], { cwd: a.source });
    expect(cli(['sync', '-q', '--backend', 'git'], { env: a.env }).code).toBe(0);
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=git\n');

    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=jj-again\n');
    expect(okReport(await syncHost(w, a, 'jj')).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=jj-again\n');
  });
});
