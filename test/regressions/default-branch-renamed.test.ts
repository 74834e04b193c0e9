// Regression: the remote's default branch is renamed (main → trunk, as a hosting service does it:
// the remote deletes main and points HEAD at trunk). Hosts that cloned before recreated `main` and
// reported success: the fleet split in two. Expected: the sync stops with an error naming both
// branches, recreates nothing, and keeps the local edit (HOME and a local commit); once the host
// follows the remote's HEAD (`git remote set-head origin --auto`) it publishes to trunk.
import { describe, expect, it } from 'vitest';
import { okReport, setUpAndSync, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

describe.each<RealBackend>(['jj', 'git'])('the remote renames its default branch (%s)', (backend) => {
  it('is never recreated; the sync names both branches and keeps the edit until the host follows', { timeout: 180_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    await setUpAndSync(w, [a, b], backend);
    w.run(a, 'git', ['--git-dir', w.remote, 'branch', '-m', 'main', 'trunk']);
    w.run(a, 'git', ['--git-dir', w.remote, 'symbolic-ref', 'HEAD', 'refs/heads/trunk']);
    const edited = '# bashrc\nexport EDITOR=alpha\n';
    w.writeHome(a, '.bashrc', edited);

    const stopped = await syncHost(w, a, backend);
    expect(stopped.result.isErr()).toBe(true);
    const e = stopped.result._unsafeUnwrapErr();
    expect(e.kind).toBe('unsafe-state');
    expect(e.message).toMatch(/\bmain\b/);
    expect(e.message).toMatch(/\btrunk\b/);
    expect(w.remoteBranches()).toEqual(['trunk']);
    expect(w.readHome(a, '.bashrc')).toBe(edited);
    expect(w.readSource(a, 'dot_bashrc')).toBe(edited);

    expect((await syncHost(w, b, backend)).result._unsafeUnwrapErr()).toMatchObject({ kind: 'unsafe-state', state: 'trunk-renamed' });
    expect(w.remoteBranches()).toEqual(['trunk']);

    // The person follows the remote, as the error says; the edit is published to trunk.
    for (const h of [a, b]) w.run(h, 'git', ['remote', 'set-head', 'origin', '--auto'], { cwd: h.source });
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc', 'trunk')).toBe(edited);
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(w.readHome(b, '.bashrc')).toBe(edited);
    expect(w.remoteBranches()).toEqual(['trunk']);
  });
});
