// Regression: a file whose name is not valid UTF-8 (`~/.caf\xE9rc`, added with `chezmoi add`, so
// `dot_caf\xE9rc` in the source dir). jj skipped it and reported `published 1`; git published it and
// the other host failed `.caf�rc: not managed`, then reported success while its HOME never got it.
// Names are bytes: such a file is left out and named in a clear error, never reported as
// published, and every other edit keeps syncing.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpAndSync, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld, type Host } from '../support/world.js';

const NAME = Buffer.from('caf\xe9rc', 'latin1');
const bytePath = (dir: string, prefix: string): Buffer => Buffer.concat([Buffer.from(`${dir}/${prefix}`), NAME]);
const hasByteName = (dir: string): boolean => readdirSync(dir, { encoding: 'buffer' }).some((n) => n.includes(NAME));

describe.each<RealBackend>(['jj', 'git'])('a file name that is not valid UTF-8 (%s)', (backend) => {
  it('is named in an error and kept; everything else syncs', { timeout: 180_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    await setUpAndSync(w, [a, b], backend);
    // What `chezmoi add ~/.caf\xE9rc` leaves: the HOME file and its source copy.
    writeFileSync(bytePath(a.home, '.'), 'cafe\n');
    writeFileSync(bytePath(a.source, 'dot_'), 'cafe\n');
    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=alpha\n');

    const run = async (h: Host) => okReport(await syncHost(w, h, backend));
    const ra = await run(a);
    expect(ra.status).toBe('error');
    expect(ra.error?.message).toContain('dot_caf\\xE9rc');
    expect(ra.error?.message).toContain('not valid UTF-8');
    // The other edit is published; the odd name never reaches the remote.
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=alpha\n');
    const tree = w.run(a, 'git', ['--git-dir', w.remote, 'ls-tree', '-r', '--name-only', 'main']).stdout;
    expect(tree).not.toMatch(/caf/);
    // Nothing of it is lost on alpha.
    expect(hasByteName(a.home)).toBe(true);
    expect(hasByteName(a.source)).toBe(true);
    expect(existsSync(join(a.home, '.bashrc'))).toBe(true);

    const rb = await run(b);
    expect(rb.status).toBe('success');
    expect(w.readHome(b, '.bashrc')).toBe('# bashrc\nexport EDITOR=alpha\n');

    // It stays named on every run until it is renamed; other edits keep flowing.
    w.writeHome(b, '.gitconfig', '[core]\n\tautocrlf = input\n');
    expect((await run(b)).status).toBe('success');
    const again = await run(a);
    expect(again.status).toBe('error');
    expect(again.error?.message).toContain('dot_caf\\xE9rc');
    expect(w.readHome(a, '.gitconfig')).toBe('[core]\n\tautocrlf = input\n');
  });
});
