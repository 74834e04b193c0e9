import { describe, expect, it } from 'vitest';
import { parseDivergence } from '../../../src/backends/jj/parse-divergence.js';

// Lines as `logDivergence`'s template prints them (jj 0.46): the remote's head, then @ with its changes.
const commit = (id: string, parent: string): string =>
  `{"commit_id":"${id}","parents":["${parent}"],"change_id":"rmokxyxkukolvkzunxkklltvnpmxxqnx","description":"","author":{"name":"u","email":"u@x","timestamp":"2026-12-06T08:31:48Z"},"committer":{"name":"u","email":"u@x","timestamp":"2026-12-06T08:31:48Z"}}`;
const remote = `{"commit":${commit('a'.repeat(40), 'c'.repeat(40))},"empty":false,"conflict":false,"wc":false,"files":null,"remote":true,"ahead":false,"behind":true,"branchHere":true,"outgoing":null}`;
const wc = (files: string): string =>
  `{"commit":${commit('b'.repeat(40), 'a'.repeat(40))},"empty":false,"conflict":false,"wc":true,"files":${files},"remote":false,"ahead":false,"behind":false,"branchHere":false,"outgoing":["dot_zshrc"]}`;

describe('parseDivergence (jj log -T logDivergence)', () => {
  it("reads where each commit stands, and the working copy's changes on its entry only", () => {
    const r = parseDivergence(`${remote}\n${wc('[{"path":"dot_zshrc","status":"added","conflict":false}]')}\n`)._unsafeUnwrap();
    expect(r.map((e) => [e.wc, e.remote, e.behind, e.branchHere, e.outgoing, e.changes])).toEqual([
      [false, true, true, true, undefined, undefined],
      [true, false, false, false, ['dot_zshrc'], [{ path: 'dot_zshrc', kind: 'added' }]],
    ]);
  });

  it('refuses changes on another commit than the working copy, or none on it', () => {
    expect(parseDivergence(`${remote.replace('"files":null', '"files":[]')}\n`).isErr()).toBe(true);
    expect(parseDivergence(`${wc('null')}\n`).isErr()).toBe(true);
    expect(parseDivergence(`${wc('[{"path":"x"}]')}\n`).isErr()).toBe(true);
  });

  it("reads jj's user.name and user.email on the working copy's entry, and leaves out what is not two strings", () => {
    const withUser = (user: string): string => wc('[]').replace('"files":[]', `"files":[],"user":${user}`);
    expect(parseDivergence(`${withUser('["Ann",""]')}\n`)._unsafeUnwrap()[0]?.user).toEqual({ name: 'Ann', email: '' });
    expect(parseDivergence(`${withUser('[5,"a@x"]')}\n`)._unsafeUnwrap()[0]?.user).toBeUndefined();
    expect(parseDivergence(`${withUser('null')}\n`)._unsafeUnwrap()[0]?.user).toBeUndefined();
  });

  it('reads the conflict a rebase left on an entry when asked for it, and refuses one it cannot read', () => {
    const conflict = `{"commit":"${'b'.repeat(40)}","change":"rmokxyxkukolvkzunxkklltvnpmxxqnx","summary":"chore: sync","paths":["dot_bashrc"],"introduced":["dot_bashrc"]}`;
    const withConflict = (c: string): string => wc('[]').replace('"outgoing":', `"conflicted":${c},"outgoing":`);
    expect(parseDivergence(`${withConflict(conflict)}\n`)._unsafeUnwrap()[0]?.conflicted).toMatchObject({ paths: ['dot_bashrc'] });
    expect(parseDivergence(`${withConflict('null')}\n`)._unsafeUnwrap()[0]?.conflicted).toBeUndefined();
    expect(parseDivergence(`${withConflict('{"commit":"zz"}')}\n`).isErr()).toBe(true);
  });
});
