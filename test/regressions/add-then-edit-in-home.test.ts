// Regression (found by test/property after ca657a5 made "kept local without a record" sticky):
// `chezmoi add ~/.n1`, then edit ~/.n1 before the next sync — the everyday way to start managing a
// file. HOME changed since chezmoi added it, the source did not, but without a synced record the
// source dir's uncommitted new file looks like a source edit too, so the file is kept local on
// every sync and the HOME edit is never published. chezmoi's own state knows what it added
// (`chezmoi state get --bucket=entryState`), which is the base this case needs.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

describe.each<RealBackend>(['jj', 'git'])('a file added with chezmoi add, then edited in HOME (%s)', (backend) => {
  it('is published as edited in HOME', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, backend));
    w.writeHome(a, '.n1', '# n1\nexport ADDED=1\n');
    w.run(a, 'chezmoi', ['add', '--no-tty', '--config', a.chezmoiConfig, '--source', a.source, '--destination', a.home, join(a.home, '.n1')]);
    w.writeHome(a, '.n1', '# n1\nexport ADDED=1\nexport THEN_EDITED=1\n');
    for (let i = 0; i < 2; i++) okReport(await syncHost(w, a, backend));
    expect(w.readRemote('dot_n1')).toBe('# n1\nexport ADDED=1\nexport THEN_EDITED=1\n');
  });
});
