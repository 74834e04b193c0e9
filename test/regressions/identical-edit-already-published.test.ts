// Regression (found by test/property, memory campaign, once the secret step shifted its seeds): a
// host whose only local commit was already on the trunk — the same edit made on two machines, or
// a sync that `undo` took back and that the next sync made again — had that commit dropped by
// the rebase (it became empty), yet still counted it as one to publish: it moved the trunk onto
// the remote's own head, ran a push with nothing to send and reported "pushed 1 commit(s)". With
// jj nothing reached the remote, and another tool's push between the fetch and that no-op push was
// left unapplied although the run said success. Now what is still ahead after the rebase counts.
import { describe, expect, it } from 'vitest';
import { okReport, setUpAndSync, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

describe.each<RealBackend>(['jj', 'git'])('the same edit made on two hosts (%s)', (backend) => {
  it('the second host publishes nothing and says so; both hosts and the trunk hold the edit once', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    await setUpAndSync(w, [a, b], backend);
    const edited = `${w.readHome(a, '.bashrc') ?? ''}export PAGER=less\n`;
    w.writeHome(a, '.bashrc', edited);
    w.writeHome(b, '.bashrc', edited);
    expect(okReport(await syncHost(w, a, backend)).published).toBe(1);
    const before = w.run(a, 'git', ['--git-dir', w.remote, 'rev-parse', 'main']).stdout;

    const r = okReport(await syncHost(w, b, backend));
    expect(r.status).toBe('success');
    expect(r.committed).toBe(1);
    expect(r.published).toBe(0);
    expect(r.pendingPushes).toBe(0);
    expect(w.run(a, 'git', ['--git-dir', w.remote, 'rev-parse', 'main']).stdout).toBe(before);
    expect(w.readRemote('dot_bashrc')).toBe(edited);
    expect(w.readHome(b, '.bashrc')).toBe(edited);
  });
});
