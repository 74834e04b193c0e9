// Regression (found by the model-based test's person actions): the remote's default branch is
// renamed (main → trunk); the host stops with the rename named, the person follows as told
// (`git remote set-head origin --auto`), and the next sync publishes to trunk. Every later sync
// must keep working: with git, the first sync on the new trunk leaves a local `trunk` branch
// beside the checked-out `main`, and the next run refused as "on branch main, not on trunk" —
// a host that did exactly what it was told never synced again.
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

describe.each<RealBackend>(['jj', 'git'])('a host that followed a renamed default branch (%s)', (backend) => {
  it('keeps syncing edits to the new trunk, run after run', { timeout: 180_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    for (const h of [a, b]) {
      setUpHost(w, h);
      okReport(await syncHost(w, h, backend));
    }
    w.run(a, 'git', ['--git-dir', w.remote, 'branch', '-m', 'main', 'trunk']);
    w.run(a, 'git', ['--git-dir', w.remote, 'symbolic-ref', 'HEAD', 'refs/heads/trunk']);

    // Whatever the first run after the rename says, the person follows the remote's HEAD.
    await syncHost(w, a, backend);
    w.run(a, 'git', ['remote', 'set-head', 'origin', '--auto'], { cwd: a.source });
    w.run(b, 'git', ['fetch', '-q', 'origin'], { cwd: b.source });
    w.run(b, 'git', ['remote', 'set-head', 'origin', '--auto'], { cwd: b.source });

    for (const round of [1, 2, 3]) {
      const edit = `# bashrc\nexport EDITOR=alpha-${round}\n`;
      w.writeHome(a, '.bashrc', edit);
      expect(okReport(await syncHost(w, a, backend)).status, `alpha, round ${round}`).toBe('success');
      expect(w.readRemote('dot_bashrc', 'trunk'), `round ${round}`).toBe(edit);
      expect(okReport(await syncHost(w, b, backend)).status, `beta, round ${round}`).toBe('success');
      expect(w.readHome(b, '.bashrc'), `round ${round}`).toBe(edit);
    }
    expect(w.remoteBranches()).toEqual(['trunk']);
  });
});

describe('a branch of the person made from the renamed trunk (git)', () => {
  it('is never adopted as the trunk nor published', { timeout: 180_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const b = w.host('beta');
    setUpHost(w, b);
    okReport(await syncHost(w, b, 'git'));
    w.run(b, 'git', ['--git-dir', w.remote, 'branch', '-m', 'main', 'trunk']);
    w.run(b, 'git', ['--git-dir', w.remote, 'symbolic-ref', 'HEAD', 'refs/heads/trunk']);
    w.run(b, 'git', ['fetch', '-q', '--prune', 'origin'], { cwd: b.source });
    w.run(b, 'git', ['remote', 'set-head', 'origin', '--auto'], { cwd: b.source });
    w.run(b, 'git', ['switch', '-q', '-c', 'experiment', 'origin/trunk'], { cwd: b.source });
    w.writeSource(b, 'dot_bashrc', '# mine, not for the trunk\n');
    w.run(b, 'git', ['commit', '-q', '-am', 'experiment'], { cwd: b.source });

    const r = await syncHost(w, b, 'git');
    expect(r.result.isErr() && r.result.error.kind === 'unsafe-state').toBe(true);
    expect(w.readRemote('dot_bashrc', 'trunk')).not.toBe('# mine, not for the trunk\n');
    expect(w.run(b, 'git', ['symbolic-ref', '--short', 'HEAD'], { cwd: b.source }).stdout.trim()).toBe('experiment');
  });
});
