// The no-op sync's batch stats: one answer per path, in order, a missing path as undefined, and
// nodeFs.fingerprints agreeing with nodeFs.fingerprint file by file.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFs } from '../../../src/backends/fs/node-fs.js';
import { areDirs, lstatMany, statMany } from '../../../src/backends/fs/stat-many.js';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const tree = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'stat-many-'));
  dir = d;
  mkdirSync(join(d, 'sub'));
  for (let i = 0; i < 150; i++) writeFileSync(join(d, `f${i}`), `file ${i}\n`.repeat(i));
  symlinkSync(join(d, 'sub'), join(d, 'link'));
  return d;
};

describe('statMany and lstatMany', () => {
  it('answers every path in order, more paths than are stat-ed at once', async () => {
    const d = tree();
    const paths = [...Array.from({ length: 150 }, (_, i) => join(d, `f${i}`)), join(d, 'missing'), join(d, 'f1', 'under-a-file')];
    const all = await statMany(paths, (s) => s);
    expect(all.slice(0, 150).map((s) => Number(s?.size))).toEqual(Array.from({ length: 150 }, (_, i) => `file ${i}\n`.length * i));
    expect(all.slice(150)).toEqual([undefined, undefined]);
  });

  it('follows a symlink with stat and not with lstat', async () => {
    const d = tree();
    expect(await statMany([join(d, 'link')], (s) => s?.isDirectory())).toEqual([true]);
    expect(await lstatMany([join(d, 'link')], (s) => s?.isSymbolicLink())).toEqual([true]);
  });

  it('fails on an error other than a missing path', async () => {
    const d = tree();
    symlinkSync(join(d, 'loop'), join(d, 'loop'));
    await expect(statMany([join(d, 'f1'), join(d, 'loop')], (s) => s)).rejects.toMatchObject({ code: 'ELOOP' });
  });
});

describe('nodeFs.fingerprints', () => {
  it('gives, path by path, what nodeFs.fingerprint gives (undefined for a directory or a missing file)', async () => {
    const d = tree();
    const paths = [join(d, 'f3'), join(d, 'sub'), join(d, 'missing'), join(d, 'f149')];
    const one = await Promise.all(paths.map(async (p) => (await nodeFs.fingerprint(p))._unsafeUnwrap()));
    expect((await nodeFs.fingerprints(paths))._unsafeUnwrap()).toEqual(one);
    expect(one.filter((f) => f !== undefined)).toHaveLength(2);
  });
});

describe('areDirs', () => {
  it('says what lstat says: a directory, not a file, a symlink to a directory or a missing path', async () => {
    const d = tree();
    mkdirSync(join(d, 'sub', 'deeper'));
    writeFileSync(join(d, 'sub', 'file'), 'x');
    const paths = [join(d, 'sub'), join(d, 'f1'), join(d, 'link'), join(d, 'missing'), join(d, 'sub', 'deeper'), join(d, 'sub', 'file'), join(d, 'nope', 'x'), join(d, 'f1', 'x'), '/'];
    expect(await areDirs(paths)).toEqual([true, false, false, false, true, false, false, false, true]);
    expect(await areDirs(paths)).toEqual(await lstatMany(paths, (s) => s?.isDirectory() === true));
  });
});
