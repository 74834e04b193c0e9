// A clone made whole or not at all: made beside the source dir, renamed into place when complete.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errAsync, okAsync } from 'neverthrow';
import { afterEach, describe, expect, it } from 'vitest';
import { cloneAtomically, cloneSibling } from '../../../src/backends/fs/atomic-clone.js';
import { commandFailed } from '../../../src/core/errors.js';

let root: string | undefined;
afterEach(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
  root = undefined;
});
const parent = (): string => (root = mkdtempSync(join(tmpdir(), 'chezmoi-sync-unit-')));

const DEAD = 999_999_901;
const LIVE = 4242;
const alive = (pid: number): boolean => pid === LIVE;

/** A stand-in for `git clone DIR`: writes a repository and a file into the directory it is given. */
const fakeClone = (seen: string[] = []) => (dir: string) => {
  seen.push(dir);
  mkdirSync(join(dir, '.git'), { recursive: true });
  writeFileSync(join(dir, 'dot_bashrc'), 'x');
  return okAsync(undefined);
};

describe('cloneAtomically', () => {
  it('clones beside the target and renames the finished clone into place (missing target)', async () => {
    const target = join(parent(), 'share', 'chezmoi');
    const seen: string[] = [];
    (await cloneAtomically(target, fakeClone(seen), alive))._unsafeUnwrap();
    expect(seen).toEqual([cloneSibling(target)]);
    expect(readFileSync(join(target, 'dot_bashrc'), 'utf8')).toBe('x');
    expect(readdirSync(join(root ?? '', 'share'))).toEqual(['chezmoi']);
  });

  it('replaces an empty directory, and leaves one that is no longer empty alone (the clone discarded)', async () => {
    const target = join(parent(), 'chezmoi');
    mkdirSync(target);
    (await cloneAtomically(target, fakeClone(), alive))._unsafeUnwrap();
    expect(existsSync(join(target, '.git'))).toBe(true);

    const other = join(root ?? '', 'other');
    // A person puts a file into the target while the clone runs.
    const meanwhile = (dir: string) =>
      fakeClone()(dir).map(() => {
        mkdirSync(other);
        writeFileSync(join(other, 'mine'), 'person');
      });
    const e = (await cloneAtomically(other, meanwhile, alive))._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'io' });
    expect(e.hint).toContain('nothing in');
    expect(readdirSync(other)).toEqual(['mine']);
    expect(readdirSync(root ?? '').sort()).toEqual(['chezmoi', 'other']);
  });

  it('refuses a target that is not empty before cloning anything', async () => {
    const target = join(parent(), 'chezmoi');
    mkdirSync(target);
    writeFileSync(join(target, 'notes'), 'mine');
    const seen: string[] = [];
    const e = (await cloneAtomically(target, fakeClone(seen), alive))._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'invalid-input' });
    expect(seen).toEqual([]);
    expect(readdirSync(target)).toEqual(['notes']);
  });

  it('leaves nothing behind when the clone fails', async () => {
    const target = join(parent(), 'chezmoi');
    const e = (
      await cloneAtomically(
        target,
        (dir) => {
          mkdirSync(join(dir, '.git'), { recursive: true });
          return errAsync(commandFailed('git clone failed', { command: ['git', 'clone'] }));
        },
        alive,
      )
    )._unsafeUnwrapErr();
    expect(e.message).toBe('git clone failed');
    expect(readdirSync(root ?? '')).toEqual([]);
  });

  it('removes what a killed clone of the same target left, never a running one nor another target', async () => {
    const target = join(parent(), 'chezmoi');
    const dead = cloneSibling(target, DEAD);
    const live = cloneSibling(target, LIVE);
    const otherTarget = cloneSibling(join(root ?? '', 'dotfiles'), DEAD);
    for (const d of [dead, live, otherTarget]) mkdirSync(join(d, '.git'), { recursive: true });
    (await cloneAtomically(target, fakeClone(), alive))._unsafeUnwrap();
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(otherTarget)).toBe(true);
  });

  it('clones through a symlinked source dir: the link stays, the clone lands where it leads', async () => {
    const real = join(parent(), 'dotfiles');
    mkdirSync(real);
    const link = join(root ?? '', 'chezmoi');
    symlinkSync(real, link);
    (await cloneAtomically(link, fakeClone(), alive))._unsafeUnwrap();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(real, 'dot_bashrc'), 'utf8')).toBe('x');
  });
});
