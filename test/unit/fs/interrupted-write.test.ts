// The lock files a killed command of ours left in a git dir: when the next sync may remove them.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recoverInterruptedWrite, writingMarker, writingMarkerKeeper } from '../../../src/backends/fs/interrupted-write.js';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A git dir holding `index.lock`, `refs/heads/main.lock` and the given files. */
const gitDir = (files: readonly string[]): string => {
  dir = mkdtempSync(join(tmpdir(), 'chezmoi-sync-unit-'));
  mkdirSync(join(dir, 'refs/heads'), { recursive: true });
  for (const f of ['index.lock', 'refs/heads/main.lock', 'HEAD', ...files]) writeFileSync(join(dir, f), f.startsWith('chezmoi-sync-writing') ? '' : 'x');
  return dir;
};
const DEAD = 999_999_901;
const LIVE = 4242;
const alive = (pid: number): boolean => pid === LIVE;

describe('recoverInterruptedWrite', () => {
  it('removes the lock files and the marker of a process that is gone', async () => {
    const d = gitDir([`chezmoi-sync-writing-${DEAD}`]);
    const removed = (await recoverInterruptedWrite(d, alive))._unsafeUnwrap();
    expect([...removed].sort()).toEqual([join(d, 'index.lock'), join(d, 'refs/heads/main.lock')]);
    expect(readdirSync(d).sort()).toEqual(['HEAD', 'refs']);
  });

  it('leaves everything while a marked process still runs (its locks may be in use), even beside a dead one', async () => {
    const d = gitDir([`chezmoi-sync-writing-${DEAD}`, `chezmoi-sync-writing-${LIVE}`]);
    expect((await recoverInterruptedWrite(d, alive))._unsafeUnwrap()).toEqual([]);
    expect(existsSync(join(d, 'index.lock'))).toBe(true);
    expect(existsSync(join(d, `chezmoi-sync-writing-${LIVE}`))).toBe(true);
  });

  it('takes a marker older than an hour for a killed run, whatever process its pid names now', async () => {
    const d = gitDir([`chezmoi-sync-writing-${LIVE}`]);
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(join(d, `chezmoi-sync-writing-${LIVE}`), old, old);
    expect((await recoverInterruptedWrite(d, alive))._unsafeUnwrap()).toHaveLength(2);
  });

  it('reads the pid from the content of the one shared marker earlier versions wrote', async () => {
    const d = gitDir([]);
    writeFileSync(join(d, 'chezmoi-sync-writing'), `${LIVE}\n`);
    expect((await recoverInterruptedWrite(d, alive))._unsafeUnwrap()).toEqual([]);
    writeFileSync(join(d, 'chezmoi-sync-writing'), `${DEAD}\n`);
    expect((await recoverInterruptedWrite(d, alive))._unsafeUnwrap()).toHaveLength(2);
    expect(existsSync(join(d, 'chezmoi-sync-writing'))).toBe(false);
  });

  it('leaves lock files alone when no command of ours was writing (a person\'s git holds them)', async () => {
    const d = gitDir(['chezmoi-sync-writing-notapid']);
    expect((await recoverInterruptedWrite(d, alive))._unsafeUnwrap()).toEqual([]);
    expect(existsSync(join(d, 'index.lock'))).toBe(true);
  });
});

describe('writingMarkerKeeper', () => {
  it('keeps this process\'s marker from the first command\'s start to the last one\'s end', async () => {
    const d = gitDir([]);
    const k = writingMarkerKeeper(() => Promise.resolve(d));
    await k.start();
    await k.start();
    await k.end();
    expect(existsSync(writingMarker(d))).toBe(true);
    await k.end();
    expect(existsSync(writingMarker(d))).toBe(false);
  });

  it('writes nothing when the git dir is not known', async () => {
    const d = gitDir([]);
    const k = writingMarkerKeeper(() => Promise.resolve(undefined));
    await k.start();
    expect(readdirSync(d).filter((n) => n.startsWith('chezmoi-sync-writing'))).toEqual([]);
    await k.end();
  });
});
