// A source dir that lost its files while its repository stayed (`rm -rf ~/.local/share/chezmoi/*`
// spares `.git`; a `git clone --no-checkout`; a half-restored backup) was committed as it stood:
// the sync published the deletion of every dotfile to the trunk, for every other machine to take.
// The capture now refuses a commit that only deletes and leaves chezmoi nothing to manage; a
// person who means it commits the deletion by hand, and the sync publishes that.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpAndSync, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld, type Host, type World } from '../support/world.js';

/** Every file of the source dir but the repository's own directories, as `rm -rf dir/*` leaves it. */
const emptySourceDir = (h: Host): void => {
  for (const name of readdirSync(h.source)) if (name !== '.git' && name !== '.jj') rmSync(join(h.source, name), { recursive: true, force: true });
};

const seeded = async (backend: RealBackend): Promise<{ w: World; a: Host; files: string[] }> => {
  const w = await useWorld({ hosts: ['alpha'] });
  const a = w.host('alpha');
  await setUpAndSync(w, [a], backend);
  const files = ['dot_bashrc', 'dot_gitconfig'].filter((f) => w.readRemote(f) !== undefined);
  expect(files.length).toBe(2);
  return { w, a, files };
};

describe.each<RealBackend>(['git', 'jj'])('a source dir emptied under its repository (%s)', (backend) => {
  it('is refused: nothing committed or published, HOME untouched; restored, the next sync is quiet', async () => {
    const { w, a, files } = await seeded(backend);
    const bashrc = w.readHome(a, '.bashrc');
    emptySourceDir(a);
    const refused = await syncHost(w, a, backend);
    expect(refused.result.isErr() && refused.result.error).toMatchObject({ kind: 'unsafe-state', state: 'source-emptied' });
    for (const f of files) expect(w.readRemote(f)).toBeDefined();
    expect(w.readHome(a, '.bashrc')).toBe(bashrc);

    if (backend === 'git') w.run(a, 'git', ['checkout', 'HEAD', '--', '.'], { cwd: a.source });
    else w.run(a, 'jj', ['restore'], { cwd: a.source });
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    for (const f of files) expect(w.readRemote(f)).toBe(w.readSource(a, f));
  });

  it('is published when the person commits the deletion by hand', async () => {
    const { w, a, files } = await seeded(backend);
    emptySourceDir(a);
    if (backend === 'git') w.run(a, 'git', ['-c', 'user.name=Person', '-c', 'user.email=p@example.invalid', 'commit', '-q', '-a', '-m', 'remove every dotfile'], { cwd: a.source });
    else w.run(a, 'jj', ['commit', '-m', 'remove every dotfile'], { cwd: a.source });
    okReport(await syncHost(w, a, backend));
    for (const f of files) expect(w.readRemote(f)).toBeUndefined();
  });
});

describe('a source dir re-cloned with `git clone --no-checkout` (git)', () => {
  it('is refused: the empty index is not taken for the deletion of every file', async () => {
    const { w, a, files } = await seeded('git');
    rmSync(a.source, { recursive: true, force: true });
    w.run(a, 'git', ['clone', '-q', '--no-checkout', w.remoteUrl, a.source]);
    const refused = await syncHost(w, a, 'git');
    expect(refused.result.isErr() && refused.result.error).toMatchObject({ kind: 'unsafe-state', state: 'source-emptied' });
    for (const f of files) expect(w.readRemote(f)).toBeDefined();
    // What the hint says brings the files back, and the next sync is quiet.
    expect((refused.result.isErr() && refused.result.error.hint) || '').toContain('git checkout HEAD -- .');
    w.run(a, 'git', ['checkout', 'HEAD', '--', '.'], { cwd: a.source });
    expect(okReport(await syncHost(w, a, 'git')).status).toBe('success');
    for (const f of files) expect(w.readRemote(f)).toBe(w.readSource(a, f));
  });
});
