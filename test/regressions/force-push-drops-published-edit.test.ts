// Regression (found by test/hostile/rewritten-history): another tool force-pushes the trunk back
// past a commit that a host had published. With jj (`git.abandon-unreachable-commits`, on by
// default) the next fetch abandons that commit, the following sync applies the older content,
// and the host's edit is gone from the trunk and from its HOME — silently. The git backend keeps
// it and publishes it again on top of the rewritten trunk. The promise is that an edit made on a
// machine is never lost: after the rewrite, the edit must still be on the trunk or in that HOME.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

describe.each<RealBackend>(['jj', 'git'])('a published edit dropped by a force-push (%s)', (backend) => {
  it('is not silently lost', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, backend));
    w.writeHome(a, '.gitconfig', '[core]\n\tautocrlf = input\n# EDIT_FROM_ALPHA\n');
    okReport(await syncHost(w, a, backend));
    expect(w.readRemote('dot_gitconfig')).toContain('EDIT_FROM_ALPHA');

    const tool = join(w.root, 'rewriter');
    w.run(a, 'git', ['clone', '-q', w.remote, tool]);
    w.run(a, 'git', ['reset', '-q', '--hard', 'HEAD~1'], { cwd: tool });
    w.run(a, 'git', ['commit', '-q', '--allow-empty', '-m', 'rewritten upstream'], { cwd: tool });
    w.run(a, 'git', ['push', '-q', '--force', 'origin', 'HEAD:main'], { cwd: tool });

    for (let i = 0; i < 2; i++) {
      expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
      expect(`${w.readRemote('dot_gitconfig') ?? ''}${w.readHome(a, '.gitconfig') ?? ''}`, `sync ${i + 1}`).toContain('EDIT_FROM_ALPHA');
    }
  });
});
