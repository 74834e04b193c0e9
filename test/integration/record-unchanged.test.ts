// The synced record (what HOME and the source last agreed on) grows with the number of dotfiles:
// a no-op sync must leave the file as it is, and a sync that learns something must still save it.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

const recordOf = (stateDir: string): { path: string; text: string; ino: number } => {
  const name = readdirSync(stateDir).find((n) => /^synced-[0-9a-f]{16}\.json$/.test(n));
  if (name === undefined) throw new Error(`no synced record in ${stateDir}`);
  const path = join(stateDir, name);
  return { path, text: readFileSync(path, 'utf8'), ino: statSync(path).ino };
};

describe.each<RealBackend>(['jj', 'git'])('the synced record with %s', (backend) => {
  it('is left untouched by a no-op sync and saved when a HOME edit is captured', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, backend));
    okReport(await syncHost(w, a, backend));
    const before = recordOf(a.stateDir);
    expect(Object.keys((JSON.parse(before.text) as { files: object }).files)).toContain(join(a.home, '.bashrc'));

    const noop = okReport(await syncHost(w, a, backend));
    expect(noop.status).toBe('success');
    expect(noop.committed).toBe(0);
    const after = recordOf(a.stateDir);
    // Written atomically (temp file + rename) means a new inode: the same one means not written.
    expect(after.ino).toBe(before.ino);
    expect(after.text).toBe(before.text);

    w.writeHome(a, '.bashrc', '# bashrc\nexport EDITOR=hx\n');
    expect(okReport(await syncHost(w, a, backend)).committed).toBe(1);
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=hx\n');
    const edited = recordOf(a.stateDir);
    expect(edited.text).not.toBe(before.text);
    expect(edited.ino).not.toBe(before.ino);
  });
});
