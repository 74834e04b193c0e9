// Names as bytes: finding names that are not valid UTF-8, escaping them for people, setting them apart.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { escapeBytes, nonUtf8Names, scanTree } from '../../../src/backends/fs/byte-names.js';
import { withoutByteNames } from '../../../src/backends/fs/syncable-status.js';
import { pathspecFile } from '../../../src/backends/git/leave-out.js';

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('escapeBytes', () => {
  it('keeps printable ASCII and writes every other byte as \\xNN', () => {
    expect(escapeBytes(latin1('dot_caf\xe9rc'))).toBe('dot_caf\\xE9rc');
    expect(escapeBytes(Buffer.from('a/\u00e9\t\\'))).toBe('a/\\xC3\\xA9\\x09\\x5C');
  });
});

describe('scanTree', () => {
  it('lists the directories with a .git of their own (a file or a directory) and does not walk into them', async () => {
    dir = mkdtempSync(join(tmpdir(), 'byte-names-'));
    for (const d of ['.git', 'dot_zsh/plugins/cloned/.git', 'dot_zsh/plugins/sub', 'dot_vim/pack']) mkdirSync(join(dir, d), { recursive: true });
    writeFileSync(join(dir, 'dot_zsh/plugins/sub/.git'), 'gitdir: ../../../.git/modules/sub\n');
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/dot_zsh/plugins/cloned/caf`), latin1('\xe9')]), 'inside another repository');
    const scan = (await scanTree(dir))._unsafeUnwrap();
    expect(scan.repositories.sort()).toEqual(['dot_zsh/plugins/cloned', 'dot_zsh/plugins/sub']);
    expect(scan.byteNames).toEqual([]);
  });
});

describe('nonUtf8Names', () => {
  it('finds names that are not valid UTF-8 (a directory once), leaving .git, .jj and valid names alone', async () => {
    dir = mkdtempSync(join(tmpdir(), 'byte-names-'));
    for (const d of ['.git', '.jj', 'ok', 'dot_config']) mkdirSync(join(dir, d));
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/dot_config/caf`), latin1('\xe9'), Buffer.from('rc')]), 'x');
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/.git/`), latin1('\xff')]), 'x');
    mkdirSync(Buffer.concat([Buffer.from(`${dir}/`), latin1('d\xe9')]));
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), latin1('d\xe9'), Buffer.from('/inner')]), 'x');
    writeFileSync(join(dir, 'ok', 'caf\u00e9rc'), 'valid UTF-8');
    const names = (await nonUtf8Names(dir))._unsafeUnwrap();
    expect(names.map((n) => n.escaped).sort()).toEqual(['d\\xE9', 'dot_config/caf\\xE9rc']);
    expect(names.find((n) => n.escaped === 'd\\xE9')?.lossy).toBe('d\ufffd');
  });

  it('tells a valid name holding U+FFFD from an undecodable one, and looks below it by its bytes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'byte-names-'));
    mkdirSync(join(dir, 'ok', '\ufffdvalid', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'ok', '\ufffdvalid', 'plain'), 'x');
    writeFileSync(Buffer.concat([Buffer.from(join(dir, 'ok', '\ufffdvalid', 'sub', 'caf')), latin1('\xe9')]), 'x');
    const names = (await nonUtf8Names(dir))._unsafeUnwrap();
    expect(names.map((n) => n.escaped)).toEqual(['ok/\\xEF\\xBF\\xBDvalid/sub/caf\\xE9']);
    expect(names[0]?.raw).toEqual(Buffer.concat([Buffer.from('ok/\ufffdvalid/sub/caf'), latin1('\xe9')]));
  });
});

describe('withoutByteNames / pathspecFile', () => {
  const odd = { raw: latin1('d\xe9'), escaped: 'd\\xE9', lossy: 'd\ufffd' };
  it('drops the changes git printed (lossily) under such a name, and nothing else', () => {
    const changes = [
      { path: 'd\ufffd', kind: 'added' as const },
      { path: 'd\ufffd/inner', kind: 'added' as const },
      { path: 'd\ufffdx', kind: 'added' as const },
      { path: 'dot_bashrc', kind: 'modified' as const },
    ];
    expect(withoutByteNames(changes, [odd]).map((c) => c.path)).toEqual(['d\ufffdx', 'dot_bashrc']);
  });

  it('writes each name as a literal pathspec, byte for byte, NUL-terminated', () => {
    expect(pathspecFile([odd])).toEqual(Buffer.concat([Buffer.from(':(literal)'), latin1('d\xe9'), Buffer.from([0])]));
  });
});
