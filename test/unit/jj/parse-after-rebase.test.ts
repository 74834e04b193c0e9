import { describe, expect, it } from 'vitest';
import { parseAfterRebase } from '../../../src/backends/jj/parse-after-rebase.js';

// Lines as `logAfterRebase`'s template prints them (jj 0.46): @ first (newest), then conflicted commits of the line.
const commit = (id: string): string =>
  `{"commit_id":"${id}","parents":["${'c'.repeat(40)}"],"change_id":"rmokxyxkukolvkzunxkklltvnpmxxqnx","description":"","author":{"name":"u","email":"u@x","timestamp":"2026-12-06T08:31:48Z"},"committer":{"name":"u","email":"u@x","timestamp":"2026-12-06T08:31:48Z"}}`;
const row = (id: string, wc: boolean, conflicted: string): string =>
  `{"commit":${commit(id)},"empty":${wc},"conflict":${conflicted !== 'null'},"wc":${wc},"conflicted":${conflicted}}`;
const conflict = (id: string): string => `{"commit":"${id}","change":"rmokxyxkukolvkzunxkklltvnpmxxqnx","paths":["dot_bashrc"],"introduced":["dot_bashrc"]}`;

describe('parseAfterRebase (jj log -T logAfterRebase)', () => {
  it('reads the working copy and the conflicted commits listed, newest first', () => {
    const clean = parseAfterRebase(`${row('a'.repeat(40), true, 'null')}\n`)._unsafeUnwrap();
    expect([clean.workingCopy.info.id, clean.workingCopy.empty, clean.conflicted]).toEqual(['a'.repeat(40), true, []]);
    const two = parseAfterRebase(`${row('a'.repeat(40), true, 'null')}\n${row('b'.repeat(40), false, conflict('b'.repeat(40)))}\n`)._unsafeUnwrap();
    expect(two.conflicted.map((c) => [c.commit, c.paths])).toEqual([['b'.repeat(40), ['dot_bashrc']]]);
  });

  it('refuses output without exactly one working copy, or a conflict it cannot read', () => {
    expect(parseAfterRebase(`${row('b'.repeat(40), false, conflict('b'.repeat(40)))}\n`).isErr()).toBe(true);
    expect(parseAfterRebase(`${row('a'.repeat(40), true, 'null')}\n${row('a'.repeat(40), true, 'null')}\n`).isErr()).toBe(true);
    expect(parseAfterRebase(`${row('a'.repeat(40), true, '{"commit":"zz"}')}\n`).isErr()).toBe(true);
  });
});
