// A machine set up with a shallow clone (`chezmoi init --depth 1`, `git clone --depth 1`): the
// history it lacks is never needed; its edits go out over incoming work and others' come in.
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

describe.each<RealBackend>(['git', 'jj'])('a shallow clone (%s)', (backend) => {
  it('syncs a HOME edit over incoming work, and takes other machines\' edits in', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    setUpHost(w, b);
    okReport(await syncHost(w, b, backend));
    for (let i = 1; i <= 3; i++) {
      w.writeHome(b, '.bashrc', `# bashrc\nexport ROUND=${i}\n`);
      okReport(await syncHost(w, b, backend));
    }
    w.run(a, 'git', ['clone', '-q', '--depth', '1', w.remoteUrl, a.source]);
    w.chezmoiApply(a);
    const first = await syncHost(w, a, backend);
    expect(first.result.isOk(), JSON.stringify(first.result.isErr() ? first.result.error : {})).toBe(true);
    w.writeHome(b, '.config/nvim/init.lua', '-- nvim\nvim.o.number = false\n');
    okReport(await syncHost(w, b, backend));
    w.writeHome(a, '.bashrc', '# bashrc\nexport FROM_SHALLOW=1\n');
    const r = await syncHost(w, a, backend);
    expect(r.result.isOk(), JSON.stringify(r.result.isErr() ? r.result.error : r.result.value)).toBe(true);
    expect(okReport(r).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport FROM_SHALLOW=1\n');
    expect(w.readHome(a, '.config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
    okReport(await syncHost(w, b, backend));
    expect(w.readHome(b, '.bashrc')).toBe('# bashrc\nexport FROM_SHALLOW=1\n');
  });
});
