import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirs, makeDirsSync } from '../../../src/backends/fs/make-dirs.js';

describe('makeDirs', () => {
  it('creates every missing level, also when several calls share missing parents at once', async () => {
    const root = mkdtempSync(join(tmpdir(), 'make-dirs-'));
    try {
      for (let i = 0; i < 200; i++) {
        const home = join(root, String(i), 'hosts', 'alpha', 'home');
        const made = await Promise.allSettled(['.config/git', '.config/jj', '.config/chezmoi', '.local/state', '.config/jj'].map((d) => makeDirs(join(home, d))));
        expect(made.filter((r) => r.status === 'rejected')).toEqual([]);
        expect(statSync(join(home, '.config/chezmoi')).isDirectory()).toBe(true);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('ends with the error of the level it cannot create: under a file, and on a pseudo-filesystem', async () => {
    const root = mkdtempSync(join(tmpdir(), 'make-dirs-'));
    try {
      writeFileSync(join(root, 'file'), 'x');
      await expect(makeDirs(join(root, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
      expect(() => makeDirsSync(join(root, 'file', 'sub'))).toThrow(/ENOTDIR/);
      await expect(makeDirs('/proc/self/chezmoi-sync-test/x')).rejects.toMatchObject({ code: 'ENOENT' });
      expect(() => makeDirsSync('/proc/self/chezmoi-sync-test')).toThrow(/ENOENT/);
      await makeDirs(root);
      makeDirsSync(join(root, 'a', 'b'), 0o700);
      expect(statSync(join(root, 'a', 'b')).mode & 0o777).toBe(0o700);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
