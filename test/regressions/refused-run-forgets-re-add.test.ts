// Regression (found by test/hostile/secrets): a run that re-adds a HOME edit and is then refused
// (a secret elsewhere in the source dir, or any later failure) did not save what it had learnt —
// that HOME and source now agree on the re-added file. The next HOME edit of that file then
// looked like "edited in HOME and in the source dir": kept local on every sync, never published.
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

describe.each<RealBackend>(['jj', 'git'])('a refused run after a re-add (%s)', (backend) => {
  it('keeps the agreement it made: the next HOME edit of that file is captured and published', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, backend));
    w.writeSource(a, 'dot_env', 'SECRET=1\n');
    w.writeHome(a, '.bashrc', '# bashrc\nexport FIRST=1\n');
    expect((await syncHost(w, a, backend)).result._unsafeUnwrapErr()).toMatchObject({ kind: 'secrets-found' });

    w.run(a, 'rm', [`${a.source}/dot_env`]);
    w.writeHome(a, '.bashrc', '# bashrc\nexport SECOND=1\n');
    const r = okReport(await syncHost(w, a, backend));
    expect(r.status).toBe('success');
    expect(r.keptLocal).toEqual([]);
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport SECOND=1\n');
  });
});
