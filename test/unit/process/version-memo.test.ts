// Tool versions are remembered in the state dir per binary (real path, inode, size, mtime): the
// next run asks no `--version`, a replaced binary is asked again, a corrupt memo is ignored.
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { okAsync, errAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { jjFactory } from '../../../src/backends/jj/index.js';
import { memoizedSettled, toolVersionOutput } from '../../../src/backends/memo/stat-memo.js';
import { commandFailed } from '../../../src/core/errors.js';
import { fakeTool, tempDir } from './fake-tools.js';

/** A tool that prints `out` for --version and appends one line per run to `log`. */
const countingTool = (dir: string, name: string, out: string, log: string): string =>
  fakeTool(dir, name, `echo "$*" >> '${log}'\n[ "$1" = "--version" ] && { echo "${out}"; exit 0; }\nexit 1`);

const runs = (log: string): string[] => {
  try {
    return readFileSync(log, 'utf8').split('\n').filter((l) => l !== '');
  } catch {
    return [];
  }
};

/** A PATH with a counting jj and git printing these versions, a fresh cache dir and the run log. */
const fakeJjWorld = (jj: string, git: string) => {
  const bin = tempDir();
  const log = join(bin, 'log');
  countingTool(bin, 'jj', jj, log);
  countingTool(bin, 'git', git, log);
  return { bin, log, cache: join(tempDir(), 'cache'), env: { PATH: `${bin}:/usr/bin:/bin` } };
};

describe('remembered tool versions', () => {
  it('a second factory over the same binaries runs no --version; a replaced binary is asked again', async () => {
    const { bin, log, cache, env } = fakeJjWorld('jj 0.46.0', 'git version 2.55.0');
    expect((await jjFactory({ env, cacheDir: cache }).check())._unsafeUnwrap().map((v) => v.version)).toEqual(['0.46.0', '2.55.0']);
    expect(runs(log)).toEqual(['--version', '--version']);
    expect((await jjFactory({ env, cacheDir: cache }).check())._unsafeUnwrap().map((v) => v.version)).toEqual(['0.46.0', '2.55.0']);
    expect(runs(log)).toHaveLength(2);
    // An upgrade rewrites the binary: asked again, and the new version is what counts.
    countingTool(bin, 'jj', 'jj 0.47.1', log);
    expect((await jjFactory({ env, cacheDir: cache }).check())._unsafeUnwrap().map((v) => v.version)).toEqual(['0.47.1', '2.55.0']);
    expect(runs(log)).toHaveLength(3);
  });

  it('a too old tool stays refused when its version comes from the memo', async () => {
    const { log, cache, env } = fakeJjWorld('jj 0.40.0', 'git version 2.55.0');
    for (let i = 0; i < 2; i++) expect((await jjFactory({ env, cacheDir: cache }).check())._unsafeUnwrapErr()).toMatchObject({ kind: 'tool-too-old', tool: 'jj' });
    // jj and git are asked at once by the first check; the second asks nothing.
    expect(runs(log)).toEqual(['--version', '--version']);
  });

  it('ignores a corrupt memo, remembers no failure, and asks when the binary cannot be located', async () => {
    const bin = tempDir();
    const cache = join(tempDir(), 'cache');
    const tool = fakeTool(bin, 't', 'true');
    let asked = 0;
    const ask = () => {
      asked += 1;
      return okAsync<string, never>('t 1.0.0');
    };
    expect((await toolVersionOutput(cache, tool, undefined, ask))._unsafeUnwrap()).toBe('t 1.0.0');
    for (const f of readdirSync(cache)) writeFileSync(join(cache, f), '{"key": 1, trunc');
    expect((await toolVersionOutput(cache, tool, undefined, ask))._unsafeUnwrap()).toBe('t 1.0.0');
    expect(asked).toBe(2);
    expect((await toolVersionOutput(cache, tool, undefined, ask))._unsafeUnwrap()).toBe('t 1.0.0');
    expect(asked).toBe(2);

    const failing = () => errAsync(commandFailed('no'));
    const other = fakeTool(bin, 'u', 'true');
    expect((await toolVersionOutput(cache, other, undefined, failing)).isErr()).toBe(true);
    expect((await toolVersionOutput(cache, other, undefined, () => okAsync('u 2.0.0')))._unsafeUnwrap()).toBe('u 2.0.0');

    expect((await toolVersionOutput(cache, 'not-on-path', '/nonexistent', ask))._unsafeUnwrap()).toBe('t 1.0.0');
    expect((await toolVersionOutput(cache, 'not-on-path', '/nonexistent', ask))._unsafeUnwrap()).toBe('t 1.0.0');
    expect(asked).toBe(4);
  });
});

describe('memoizedSettled (values a tree of files decides)', () => {
  const counting = () => {
    let n = 0;
    return { compute: () => okAsync<string, never>(`value ${++n}`), count: () => n };
  };
  const old = (path: string) => utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));

  it('is not remembered while one of its files changed within the settle time', async () => {
    const dir = tempDir();
    const file = join(dir, 'input');
    writeFileSync(file, 'a');
    const c = counting();
    const cache = join(tempDir(), 'cache');
    // Just written: its ctime is now, whatever its mtime says.
    old(file);
    expect((await memoizedSettled(cache, 'k', [file], c.compute))._unsafeUnwrap()).toBe('value 1');
    expect((await memoizedSettled(cache, 'k', [file], c.compute))._unsafeUnwrap()).toBe('value 2');
    // Settled (a settle time of 0, and the clock past the ctime): remembered, and used while the file stays as it is.
    await new Promise((r) => setTimeout(r, 20));
    expect((await memoizedSettled(cache, 'k', [file], c.compute, { settleMs: 0 }))._unsafeUnwrap()).toBe('value 3');
    expect((await memoizedSettled(cache, 'k', [file], c.compute, { settleMs: 0 }))._unsafeUnwrap()).toBe('value 3');
    // Changed, even with its old mtime put back: the ctime tells.
    writeFileSync(file, 'b');
    old(file);
    await new Promise((r) => setTimeout(r, 20));
    expect((await memoizedSettled(cache, 'k', [file], c.compute, { settleMs: 0 }))._unsafeUnwrap()).toBe('value 4');
    // A remembered value the caller no longer takes is computed again.
    expect((await memoizedSettled(cache, 'k', [file], c.compute, { settleMs: 0, isFresh: (v) => v !== 'value 4' }))._unsafeUnwrap()).toBe('value 5');
    expect(c.count()).toBe(5);
  });
});
