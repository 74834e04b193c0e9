// The remote's trunk rewritten by another tool (reset and force-pushed): no host errors or wedges,
// a host's unpublished edit is published on top of the rewritten trunk, no sync ever force-pushes
// over the rewrite, and two rounds of syncs bring every host to the same files.
// (Whether a commit the rewrite dropped comes back: test/regressions/force-push-drops-published-edit.test.ts.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost } from '../support/engine.js';
import { useWorld } from '../support/world.js';
import { BACKENDS } from './support.js';

describe.each(BACKENDS)('a force-pushed trunk (%s)', (backend) => {
  it('is built upon, never overwritten; pending edits survive; hosts converge', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta', 'gamma'] });
    const [a, b, c] = [w.host('alpha'), w.host('beta'), w.host('gamma')];
    for (const h of [a, b, c]) {
      setUpHost(w, h);
      okReport(await syncHost(w, h, backend));
    }
    w.writeHome(a, '.gitconfig', '[core]\n\tautocrlf = input\n');
    okReport(await syncHost(w, a, backend));
    for (const h of [b, c]) okReport(await syncHost(w, h, backend));

    // Another tool: trunk reset one commit back, a new commit, force-pushed.
    const tool = join(w.root, 'rewriter');
    w.run(a, 'git', ['clone', '-q', w.remote, tool]);
    w.run(a, 'git', ['reset', '-q', '--hard', 'HEAD~1'], { cwd: tool });
    writeFileSync(join(tool, 'dot_bashrc'), '# bashrc rewritten upstream\nexport EDITOR=vi\n');
    w.run(a, 'git', ['commit', '-q', '-am', 'rewritten upstream'], { cwd: tool });
    w.run(a, 'git', ['push', '-q', '--force', 'origin', 'HEAD:main'], { cwd: tool });
    const rewritten = w.run(a, 'git', ['rev-parse', 'HEAD'], { cwd: tool }).stdout.trim();

    w.writeHome(b, '.config/nvim/init.lua', '-- nvim\nvim.o.number = false\n');
    for (let round = 0; round < 2; round++) {
      for (const h of [b, c, a]) {
        const r = okReport(await syncHost(w, h, backend));
        expect(['success', 'conflicts-preserved'], `${h.name} round ${round}`).toContain(r.status);
      }
    }
    // Never overwritten: the rewrite is still in the trunk's history.
    expect(w.run(a, 'git', ['--git-dir', w.remote, 'merge-base', '--is-ancestor', rewritten, 'main'], { allowFail: true }).status).toBe(0);
    expect(w.readRemote('dot_config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc rewritten upstream\nexport EDITOR=vi\n');
    for (const h of [a, b, c]) {
      for (const [file, target] of [['dot_bashrc', '.bashrc'], ['dot_gitconfig', '.gitconfig'], ['dot_config/nvim/init.lua', '.config/nvim/init.lua']] as const) {
        expect(w.readHome(h, target), `${h.name} ${target}`).toBe(w.readRemote(file));
      }
    }
  });
});
