// Regression (seen once on a real dotfiles repo with jj and three hosts, not reproduced since):
// after B ended conflicts-preserved and rounds on C, A and B, B's HOME no longer held its side of
// the conflict. Nothing in a run may put other content over that side unless the side is stored
// in B's own line (its host branch or its local commit), and the host branch is only deleted once
// the side is on the trunk — so after every step B's side is in B's HOME or on the trunk, and on
// sync/beta for as long as the trunk lacks it. This checks that invariant through rounds where
// the other hosts edit the same file elsewhere, other files, and where B keeps editing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld, type Host, type World } from '../support/world.js';

const GITCONFIG = '[core]\n\tautocrlf = false\n[alias]\n\tst = status\n';

describe.each<RealBackend>(['jj', 'git'])("B's side of a preserved conflict through rounds on three hosts (%s)", (backend) => {
  it('is always in B\'s HOME or on the trunk, and on sync/beta until the trunk has it', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta', 'gamma'], files: { dot_gitconfig: GITCONFIG, dot_bashrc: '# bashrc\n', dot_vimrc: 'set nu\n' } });
    const [a, b, c] = [w.host('alpha'), w.host('beta'), w.host('gamma')];
    for (const h of [a, b, c]) {
      setUpHost(w, h);
      okReport(await syncHost(w, h, backend));
    }
    w.writeHome(a, '.gitconfig', GITCONFIG.replace('autocrlf = false', 'autocrlf = ALPHA'));
    okReport(await syncHost(w, a, backend));
    w.writeHome(b, '.gitconfig', GITCONFIG.replace('autocrlf = false', 'autocrlf = BETA'));
    expect(okReport(await syncHost(w, b, backend)).status).toBe('conflicts-preserved');

    const check = (step: string): void => {
      const inHome = w.readHome(b, '.gitconfig')?.includes('BETA') === true;
      const onTrunk = w.readRemote('dot_gitconfig')?.includes('BETA') === true;
      expect(inHome || onTrunk, `${step}: B's side in its HOME or on the trunk`).toBe(true);
      if (!onTrunk) {
        expect(w.readRemote('dot_gitconfig', 'sync/beta'), `${step}: on sync/beta`).toContain('BETA');
        const state = JSON.parse(readFileSync(join(b.stateDir, 'state.json'), 'utf8')) as { conflicts?: { branch: string } };
        expect(state.conflicts?.branch, `${step}: still reported`).toBe('sync/beta');
      }
    };
    const round = async (h: Host, edit: (w: World) => void, step: string): Promise<void> => {
      edit(w);
      okReport(await syncHost(w, h, backend));
      check(step);
    };
    for (let i = 1; i <= 2; i++) {
      await round(c, (x) => x.writeHome(c, '.vimrc', `${x.readHome(c, '.vimrc') ?? ''}" gamma ${i}\n`), `round ${i}: gamma`);
      await round(a, (x) => x.writeHome(a, '.gitconfig', `${x.readHome(a, '.gitconfig') ?? ''}# alpha ${i}\n`), `round ${i}: alpha`);
      await round(b, (x) => x.writeHome(b, '.bashrc', `${x.readHome(b, '.bashrc') ?? ''}# beta ${i}\n`), `round ${i}: beta`);
      await round(b, () => undefined, `round ${i}: beta again`);
    }
    expect(w.readHome(b, '.gitconfig')).toContain('BETA');
  });
});
