// Which identity each backend commits with, against real jj and git: jj's own config, else git's;
// never written into the person's jj config; odd values stay data.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gitFactory } from '../../src/backends/git/index.js';
import { jjFactory } from '../../src/backends/jj/index.js';
import { useWorld, type Host } from '../support/world.js';

const factories = (h: Host, env: Record<string, string> = {}) => ({
  jj: jjFactory({ env: { ...h.env, ...env } }),
  git: gitFactory({ env: { ...h.env, ...env } }),
});

describe('identity of each backend (real jj and git)', () => {
  it('jj takes git\'s identity when it has none, and its own when it has one', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    const f = factories(a);
    const fromGit = { name: 'User on alpha', email: 'user@alpha.example', nameFrom: 'git config', emailFrom: 'git config' };
    expect((await f.jj.identity?.(a.source))?._unsafeUnwrap()).toEqual(fromGit);
    expect((await f.git.identity?.(a.source))?._unsafeUnwrap()).toEqual(fromGit);

    // A repository's own git config wins over the global one, for both.
    w.run(a, 'git', ['config', 'user.email', 'work@alpha.example'], { cwd: a.source });
    expect((await f.jj.identity?.(a.source))?._unsafeUnwrap()).toMatchObject({ email: 'work@alpha.example', emailFrom: 'git config' });

    writeFileSync(a.env['JJ_CONFIG'] ?? '', '[user]\nname = "Ann in jj"\n');
    expect((await f.jj.identity?.(a.source))?._unsafeUnwrap()).toEqual({ name: 'Ann in jj', email: 'work@alpha.example', nameFrom: 'jj config', emailFrom: 'git config' });
    const env = factories(a, { JJ_USER: 'Env Ann', JJ_EMAIL: 'env@alpha.example' });
    expect((await env.jj.identity?.(a.source))?._unsafeUnwrap()).toEqual({ name: 'Env Ann', email: 'env@alpha.example', nameFrom: 'environment', emailFrom: 'environment' });
  });

  it("after a status of the line (which reads jj's user config with @), commits carry jj's name and git's email; with none anywhere, nothing is committed", async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    const line = { remote: 'origin', branch: 'main' };
    writeFileSync(a.env['JJ_CONFIG'] ?? '', '[user]\nname = "Ann in jj"\n');
    const vcs = (await jjFactory({ env: a.env }).init(a.source))._unsafeUnwrap();
    w.writeSource(a, 'dot_bashrc', '# edited\n');
    expect((await vcs.status(line))._unsafeUnwrap().changes.map((c) => c.path)).toEqual(['dot_bashrc']);
    expect((await vcs.identity?.())?._unsafeUnwrap()).toEqual({ name: 'Ann in jj', email: 'user@alpha.example', nameFrom: 'jj config', emailFrom: 'git config' });
    const c = (await vcs.commitAll('mixed identity', line))._unsafeUnwrap();
    expect(c.committed && c.commit.author).toMatchObject({ name: 'Ann in jj', email: 'user@alpha.example' });
    const committer = w.run(a, 'jj', ['log', '--no-graph', '-r', '@-', '-T', 'committer.name() ++ "|" ++ committer.email()'], { cwd: a.source }).stdout;
    expect(committer).toBe('Ann in jj|user@alpha.example');

    const none = await useWorld({ hosts: ['beta'], identity: 'none' });
    const b = none.host('beta');
    none.cloneWithGit(b);
    const bare = (await jjFactory({ env: b.env }).init(b.source))._unsafeUnwrap();
    none.writeSource(b, 'dot_bashrc', '# edited\n');
    expect((await bare.status(line))._unsafeUnwrap().changes.map((c) => c.path)).toEqual(['dot_bashrc']);
    expect((await bare.commitAll('no identity', line))._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'identity' });
    expect(none.readSource(b, 'dot_bashrc')).toBe('# edited\n');
  });

  it('commits carry a borrowed identity as it is, even one that looks like an option or TOML, and jj\'s config stays unwritten', async () => {
    const w = await useWorld({ hosts: ['alpha'], identity: 'none' });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    const odd = '--config=user.name="x" \\ Ann';
    w.run(a, 'git', ['config', '--global', 'user.name', odd]);
    w.run(a, 'git', ['config', '--global', 'user.email', 'ann+jj@alpha.example']);
    const jjConfig = readFileSync(a.env['JJ_CONFIG'] ?? '', 'utf8');
    const vcs = (await jjFactory({ env: a.env }).init(a.source))._unsafeUnwrap();
    w.writeSource(a, 'dot_bashrc', '# edited\n');
    const c = (await vcs.commitAll('odd identity'))._unsafeUnwrap();
    expect(c.committed && c.commit.author).toMatchObject({ name: odd, email: 'ann+jj@alpha.example' });
    const committer = w.run(a, 'jj', ['log', '--no-graph', '-r', '@-', '-T', 'committer.name() ++ "|" ++ committer.email()'], { cwd: a.source }).stdout;
    expect(committer).toBe(`${odd}|ann+jj@alpha.example`);
    expect(readFileSync(a.env['JJ_CONFIG'] ?? '', 'utf8')).toBe(jjConfig);
  });

  it('with none anywhere, both say so with the fix, and neither commits', async () => {
    const w = await useWorld({ hosts: ['alpha'], identity: 'none' });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    const f = factories(a);
    for (const kind of ['jj', 'git'] as const) {
      const e = (await f[kind].identity?.(a.source))?._unsafeUnwrapErr();
      expect(e, kind).toMatchObject({ kind: 'invalid-input', field: 'identity', hint: expect.stringContaining('git config --global user.email') });
    }
    const git = (await f.git.open(a.source))._unsafeUnwrap();
    w.writeSource(a, 'dot_bashrc', '# edited\n');
    expect((await git.commitAll('no identity'))._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'identity' });
    const jj = (await f.jj.init(a.source))._unsafeUnwrap();
    expect((await jj.commitAll('no identity'))._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'identity' });
    // Still uncommitted, in the file and nowhere else.
    expect(w.readSource(a, 'dot_bashrc')).toBe('# edited\n');
    expect(w.run(a, 'git', ['log', '--format=%s', 'HEAD'], { cwd: a.source }).stdout).toBe('seed dotfiles\n');
  });
});
