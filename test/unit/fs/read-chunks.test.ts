// The secret scan reads files through EngineFs.readChunks: the whole file, chunk by chunk, and
// never through a symlink; capture hashes them through EngineFs.hash. Neither waits on a FIFO.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFs } from '../../../src/backends/fs/node-fs.js';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('nodeFs.readChunks', () => {
  it('streams a file larger than one chunk whole, and says false for a missing one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-chunks-'));
    const content = `${'x'.repeat(200 * 1024)}END\n`;
    writeFileSync(join(dir, 'big'), content);
    const chunks: Uint8Array[] = [];
    expect((await nodeFs.readChunks(join(dir, 'big'), (c) => chunks.push(Uint8Array.from(c))))._unsafeUnwrap()).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(content);
    expect((await nodeFs.readChunks(join(dir, 'missing'), () => undefined))._unsafeUnwrap()).toBe(false);
  });

  it('refuses a symlink instead of reading what it points to', async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-chunks-'));
    writeFileSync(join(dir, 'target'), 'secret\n');
    symlinkSync(join(dir, 'target'), join(dir, 'link'));
    const seen: Uint8Array[] = [];
    const r = await nodeFs.readChunks(join(dir, 'link'), (c) => seen.push(c));
    expect(r._unsafeUnwrapErr()).toMatchObject({ kind: 'io', message: expect.stringContaining('not a regular file') });
    expect(seen).toEqual([]);
  });

  it('never waits on a FIFO (a named pipe in HOME or the source dir): read at once, with nothing in it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-chunks-'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const seen: Uint8Array[] = [];
    const r = await nodeFs.readChunks(join(dir, 'pipe'), (c) => seen.push(c));
    expect(r.isErr() || r.value).toBe(true);
    expect(seen).toEqual([]);
  });

  it('hands out every chunk in its own memory (a caller may keep one)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-chunks-'));
    const content = `${'a'.repeat(64 * 1024)}${'b'.repeat(10)}`;
    writeFileSync(join(dir, 'two'), content);
    const kept: Uint8Array[] = [];
    (await nodeFs.readChunks(join(dir, 'two'), (c) => kept.push(c)))._unsafeUnwrap();
    expect(Buffer.concat(kept).toString('utf8')).toBe(content);
  });
});

describe('nodeFs.hash', () => {
  it("is sha256 of the file's bytes, undefined for a missing file, and never waits on a FIFO", async () => {
    dir = mkdtempSync(join(tmpdir(), 'hash-'));
    const bytes = Buffer.from([0xff, 0x00, 0x61, 0x0a]);
    writeFileSync(join(dir, 'bin'), bytes);
    expect((await nodeFs.hash(join(dir, 'bin')))._unsafeUnwrap()).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await nodeFs.hash(join(dir, 'missing')))._unsafeUnwrap()).toBeUndefined();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const r = await nodeFs.hash(join(dir, 'pipe'));
    expect(r.isErr() || r.value === createHash('sha256').update('').digest('hex')).toBe(true);
  });
});

describe('nodeFs.readEnds', () => {
  it('gives a file\'s first and last bytes without reading the rest; the whole of a small file; undefined for a missing one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-ends-'));
    writeFileSync(join(dir, 'big'), `START${'x'.repeat(100_000)}é-END`);
    expect((await nodeFs.readEnds?.(join(dir, 'big'), 8))?._unsafeUnwrap()).toEqual({ start: 'STARTxxx', end: 'xxé-END' });
    // A character cut at the edge reads as U+FFFD.
    expect((await nodeFs.readEnds?.(join(dir, 'big'), 5))?._unsafeUnwrap()?.end).toBe('\ufffd-END');
    writeFileSync(join(dir, 'small'), 'tiny');
    expect((await nodeFs.readEnds?.(join(dir, 'small'), 256))?._unsafeUnwrap()).toEqual({ start: 'tiny', end: 'tiny' });
    expect((await nodeFs.readEnds?.(join(dir, 'missing'), 256))?._unsafeUnwrap()).toBeUndefined();
  });
});
