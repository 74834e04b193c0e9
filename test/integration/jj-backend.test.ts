// The jj backend against real jj and git on throwaway worlds: what a user would check is what
// the files hold and what the remote holds.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { jjFactory, type JjOptions } from '../../src/backends/jj/index.js';
import { execaRunner, type Command, type Runner } from '../../src/backends/process/runner.js';
import type { SyncError } from '../../src/core/errors.js';
import type { Vcs } from '../../src/core/vcs.js';
import { useWorld, type Host, type World } from '../support/world.js';

const factoryFor = (host: Host, extra: Partial<JjOptions> = {}) => jjFactory({ env: host.env, ...extra });

const cloneAs = async (w: World, host: Host): Promise<Vcs> => {
  const r = await factoryFor(host).clone(w.remote, host.source);
  if (r.isErr()) throw new Error(`clone failed: ${r.error.message}`);
  return r.value;
};

const must = async <T>(p: PromiseLike<Result<T, SyncError>>): Promise<T> => {
  const r = await p;
  if (r.isErr()) throw new Error(`unexpected error: ${JSON.stringify(r.error)}`);
  return r.value;
};

const failure = async <T>(p: PromiseLike<Result<T, SyncError>>): Promise<SyncError> => {
  const r = await p;
  if (r.isOk()) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
};

/** A clone whose every process is recorded in `ran` (argv without the global flags). */
const countedClone = async (w: World, host: Host): Promise<{ vcs: Vcs; ran: string[][] }> => {
  const ran: string[][] = [];
  const counting: Runner = (c: Command) => {
    ran.push(c.args.filter((x) => !x.startsWith('--config=') && !x.startsWith('--repository=') && x !== '--no-pager' && x !== '--color=never'));
    return execaRunner(c);
  };
  const r = await factoryFor(host, { runner: counting }).clone(w.remote, host.source);
  if (r.isErr()) throw new Error(`clone failed: ${r.error.message}`);
  return { vcs: r.value, ran };
};

/** Commits everything, points `main` at the new head and pushes it. */
const publish = async (vcs: Vcs, message: string): Promise<string> => {
  const c = await must(vcs.commitAll(message));
  if (!c.committed) throw new Error('nothing committed');
  await must(vcs.setBranch('main', c.commit.id));
  await must(vcs.push({ remote: 'origin', branch: 'main' }));
  return c.commit.id;
};

/** Every file under a directory (VCS metadata skipped), path → content. */
const filesUnder = (dir: string): Map<string, string> => {
  const out = new Map<string, string>();
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d)) {
      if (e === '.git' || e === '.jj') continue;
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p, `${rel}${e}/`);
      else out.set(`${rel}${e}`, readFileSync(p, 'utf8'));
    }
  };
  walk(dir, '');
  return out;
};

/** beta cloned (every process counted) after alpha's first publish; alpha then published 'alpha: hx'. */
const betaOneBehind = async (): Promise<{ w: World; b: Host; vb: Vcs; ran: string[][] }> => {
  const w = await useWorld();
  const [a, b] = [w.host('alpha'), w.host('beta')];
  const va = await cloneAs(w, a);
  w.writeSource(a, 'dot_bashrc', '# bashrc\nexport EDITOR=nvim\n');
  await publish(va, 'alpha: nvim');
  const { vcs: vb, ran } = await countedClone(w, b);
  w.writeSource(a, 'dot_bashrc', '# bashrc\nexport EDITOR=hx\n');
  await publish(va, 'alpha: hx');
  return { w, b, vb, ran };
};

describe('jj backend: clone, status, commit', () => {
  it('clones, reports remotes and trunk, and commits every change including new and large files', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const vcs = await cloneAs(w, a);
    expect(vcs.root).toBe(a.source);
    expect(await must(vcs.info())).toEqual({
      root: a.source,
      backend: 'jj',
      colocated: true,
      remotes: [{ name: 'origin', url: w.remote }],
      trunk: 'main',
    });
    expect(await must(vcs.commitAll('nothing yet'))).toEqual({ committed: false });

    w.writeSource(a, 'dot_bashrc', '# bashrc\nexport EDITOR=nvim\n');
    w.writeSource(a, 'dot_config/git/ignore', '*.swp\n');
    const big = 'x'.repeat(2 * 1024 * 1024);
    w.writeSource(a, 'big.txt', big);
    const st = await must(vcs.status());
    expect([...st.changes].sort((x, y) => x.path.localeCompare(y.path))).toEqual([
      { path: 'big.txt', kind: 'added' },
      { path: 'dot_bashrc', kind: 'modified' },
      { path: 'dot_config/git/ignore', kind: 'added' },
    ]);

    const c = await must(vcs.commitAll('alpha: 3 files'));
    if (!c.committed) throw new Error('expected a commit');
    expect(c.commit.description).toBe('alpha: 3 files');
    expect(c.commit.author.email).toBe('user@alpha.example');
    expect((await must(vcs.status())).changes).toEqual([]);
    const [head] = await must(vcs.log(5));
    expect(head?.id).toBe(c.commit.id);
    const paths = await must(vcs.changedPaths(c.commit.parents[0] ?? '', c.commit.id));
    expect(paths.map((p) => p.path).sort()).toEqual(['big.txt', 'dot_bashrc', 'dot_config/git/ignore']);

    await must(vcs.setBranch('main', c.commit.id));
    await must(vcs.push({ remote: 'origin', branch: 'main' }));
    // Over jj's default 1 MiB auto-track limit; the remote must hold it all (read its size: the
    // world's readRemote buffers at most 1 MiB).
    const size = w.run(a, 'git', ['--git-dir', w.remote, 'cat-file', '-s', 'main:big.txt']).stdout.trim();
    expect(size).toBe(String(big.length));
    expect(w.readRemote('dot_config/git/ignore')).toBe('*.swp\n');
  });
});

describe('jj backend: two hosts through one remote', () => {
  it('fetches, rebases cleanly and pushes: the remote ends with both changes', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const va = await cloneAs(w, a);
    const vb = await cloneAs(w, b);

    w.writeSource(a, 'dot_bashrc', '# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
    await publish(va, 'alpha: nvim');

    w.writeSource(b, 'dot_config/nvim/init.lua', '-- nvim\nvim.o.number = true\nvim.o.relativenumber = true\n');
    const cb = await must(vb.commitAll('beta: relativenumber'));
    if (!cb.committed) throw new Error('expected a commit');
    await must(vb.fetch('origin'));
    const d = await must(vb.divergence('origin', 'main'));
    expect(d.ahead.map((c) => c.description)).toEqual(['beta: relativenumber']);
    expect(d.behind.map((c) => c.description)).toEqual(['alpha: nvim']);
    expect(d.head).toBe(cb.commit.id);

    const r = await must(vb.rebase({ remote: 'origin', branch: 'main' }));
    if (r.status !== 'rebased') throw new Error(`expected a rebase, got ${r.status}`);
    expect(r.head).not.toBe(cb.commit.id);
    const after = await must(vb.divergence('origin', 'main'));
    expect(after.behind).toEqual([]);
    expect(after.ahead.map((c) => c.description)).toEqual(['beta: relativenumber']);
    expect(await must(vb.rebase({ remote: 'origin', branch: 'main' }))).toEqual({ status: 'up-to-date', head: r.head });

    await must(vb.setBranch('main', r.head));
    await must(vb.push({ remote: 'origin', branch: 'main' }));
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
    expect(w.readRemote('dot_config/nvim/init.lua')).toContain('relativenumber');
    expect(w.readSource(b, 'dot_bashrc')).toContain('EDITOR=nvim');

    // alpha sees beta's commit after a fetch, with the paths it changed.
    await must(va.fetch('origin'));
    const da = await must(va.divergence('origin', 'main'));
    expect(da.ahead).toEqual([]);
    expect(da.behind.map((c) => c.description)).toEqual(['beta: relativenumber']);
    const changed = await must(va.changedPaths(da.head, da.remoteHead ?? ''));
    expect(changed).toEqual([{ path: 'dot_config/nvim/init.lua', kind: 'modified' }]);
  });

  it('changedPaths reads the git store behind the repo and asks jj when a commit holds a conflict (its git tree is jj\'s layout of it); conflicts() is what @ holds', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const vcs = await cloneAs(w, a);
    const jj = (args: string[]): string => w.run(a, 'jj', ['--config=user.name="A"', '--config=user.email="a@x"', ...args], { cwd: a.source }).stdout;
    const at = (rev: string): string => jj(['log', '--no-graph', '-r', rev, '-T', 'commit_id']);
    const base = at('@-');
    w.writeSource(a, 'dot_bashrc', '# side a\n');
    jj(['commit', '-m', 'side a']);
    const sideA = at('@-');
    jj(['new', base]);
    w.writeSource(a, 'dot_bashrc', '# side b\n');
    w.writeSource(a, 'dot_new', 'new\n');
    rmSync(join(a.source, 'dot_gitconfig'));
    jj(['commit', '-m', 'side b']);
    const sideB = at('@-');
    const byPath = (cs: readonly { path: string }[]) => [...cs].sort((x, y) => x.path.localeCompare(y.path));
    expect(byPath(await must(vcs.changedPaths(base, sideB)))).toEqual([
      { path: 'dot_bashrc', kind: 'modified' },
      { path: 'dot_gitconfig', kind: 'deleted' },
      { path: 'dot_new', kind: 'added' },
    ]);
    jj(['rebase', '-r', sideB, '-d', sideA]);
    const conflicted = at('conflicts()');
    expect(conflicted).toMatch(/^[0-9a-f]{40}$/);
    // git alone would list .jjconflict-* directories and a README; jj names the conflicted file.
    expect(byPath(await must(vcs.changedPaths(sideA, conflicted)))).toEqual([
      { path: 'dot_bashrc', kind: 'conflicted' },
      { path: 'dot_gitconfig', kind: 'deleted' },
      { path: 'dot_new', kind: 'added' },
    ]);
    // conflicts(): none while @ is clean (its files are what HOME would get), the file once @ sits on the conflict.
    await must(vcs.divergence('origin', 'main'));
    expect(await must(vcs.conflicts())).toEqual([]);
    jj(['new', conflicted]);
    const reopened = await must(jjFactory({ env: a.env }).open(a.source));
    await must(reopened.divergence('origin', 'main'));
    expect(await must(reopened.conflicts())).toEqual(['dot_bashrc']);
  });

  it("records the remote's default branch where git clone does, so that later runs ask jj nothing to find the trunk", async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    await cloneAs(w, a);
    expect(readFileSync(join(a.source, '.git/refs/remotes/origin/HEAD'), 'utf8')).toBe('ref: refs/remotes/origin/main\n');
    const ran: string[][] = [];
    const counting: Runner = (c: Command) => {
      ran.push([...c.args]);
      return execaRunner(c);
    };
    const vcs = await must(factoryFor(a, { runner: counting }).open(a.source));
    ran.length = 0;
    expect((await must(vcs.info())).trunk).toBe('main');
    expect(ran.filter((x) => x.includes('config') && x.includes('get'))).toEqual([]);
    // jj imports no remote's HEAD: no bookmark named HEAD appears.
    expect((await must(vcs.branches())).map((b) => b.name)).toEqual(['main']);
  });

  it('asks where the line stands once per rebase and looks at @ once per commit, and still takes edits made in between', async () => {
    const { w, b, vb, ran } = await betaOneBehind();

    // A status that saw a change: the commit runs without another look at @, and an edit made
    // after the status (by a person, or by chezmoi) goes into the same commit.
    w.writeSource(b, 'dot_zshrc', '# zshrc\n');
    expect((await must(vb.status())).changes.map((c) => c.path)).toEqual(['dot_zshrc']);
    // The line guard's question about @'s parent is answered by that status; an older commit is asked.
    // @ holds the uncommitted edit: the line's newest commits are @ and its parent.
    const parentOfWc = (await must(vb.log(2)))[1]?.id ?? '';
    ran.length = 0;
    expect(await must(vb.inLine!(parentOfWc))).toBe(true);
    expect(ran).toEqual([]);
    expect(await must(vb.inLine!('0'.repeat(40)))).toBe(true);
    expect(await must(vb.inLine!('1'.repeat(40)))).toBe(false);
    expect(ran).toHaveLength(2);
    w.writeSource(b, 'dot_profile', '# profile\n');
    ran.length = 0;
    const c = await must(vb.commitAll('beta: shells'));
    if (!c.committed) throw new Error('expected a commit');
    expect(ran.filter((x) => x[0] === 'log' && x.includes('--revisions=@'))).toEqual([]);

    // The fetch does not snapshot; an edit made before it is still seen after it.
    w.writeSource(b, 'dot_inputrc', 'set editing-mode vi\n');
    ran.length = 0;
    await must(vb.fetch('origin'));
    expect(ran.find((x) => x.includes('fetch'))?.[0]).toBe('--ignore-working-copy');
    const d = await must(vb.divergence('origin', 'main'));
    expect(d.behind.map((x) => x.description)).toEqual(['alpha: hx']);
    const r = await must(vb.rebase({ remote: 'origin', branch: 'main' }));
    if (r.status !== 'rebased') throw new Error(`expected a rebase, got ${r.status}`);
    // divergence and the rebase after it: one `jj log` of where the line stands before the rebase,
    // one after it (which also reads @ and the conflicts the rebase left); no other log.
    expect(ran.filter((x) => x[0] === 'log' && x.some((y) => y.includes('branchHere')))).toHaveLength(2);
    expect(ran.filter((x) => x[0] === 'log' || x.includes('log'))).toHaveLength(2);
    // The local main followed the remote on the fetch: nothing to put in place before the rebase.
    expect(ran.filter((x) => x[0] === 'bookmark')).toEqual([]);
    const st = await must(vb.status());
    expect(st.changes.map((x) => x.path)).toEqual(['dot_inputrc']);

    await must(vb.setBranch('main', r.head));
    await must(vb.push({ remote: 'origin', branch: 'main' }));
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=hx\n');
    expect(w.readRemote('dot_zshrc')).toBe('# zshrc\n');
    expect(w.readRemote('dot_profile')).toBe('# profile\n');
    expect(w.readSource(b, 'dot_inputrc')).toBe('set editing-mode vi\n');
  });

  it('reads the status and where the line stands in one jj log when told the line, and a later status still sees later edits', async () => {
    const { w, b, vb, ran } = await betaOneBehind();
    await must(vb.fetch('origin'));
    const line = { remote: 'origin', branch: 'main' };
    // Known already: the status below starts no lookup of it (see the test after next).
    await must(vb.identity!());

    w.writeSource(b, 'dot_zshrc', '# zshrc\n');
    ran.length = 0;
    expect((await must(vb.status(line))).changes).toEqual([{ path: 'dot_zshrc', kind: 'added' }]);
    expect((await must(vb.divergence('origin', 'main'))).behind.map((c) => c.description)).toEqual(['alpha: hx']);
    expect(ran.map((x) => x[0])).toEqual(['log']);

    // Asked again with no write in between, the status still looks: a person's edit shows.
    w.writeSource(b, 'dot_profile', '# profile\n');
    const again = await must(vb.status(line));
    expect(again.changes.map((c) => c.path).sort()).toEqual(['dot_profile', 'dot_zshrc']);
    expect(ran).toHaveLength(2);
    expect(again).toEqual(await must(vb.status()));
    // A branch the remote does not have: the same status.
    expect(await must(vb.status({ remote: 'origin', branch: 'no-such-branch' }))).toEqual(again);
  });

  it("starts the identity lookup when the status sees something to commit or commits to rebase onto, and looks it up once: jj's user config came with the status, git is asked for what jj lacks", async () => {
    const { w, b, vb, ran } = await betaOneBehind();
    await must(vb.fetch('origin'));
    const line = { remote: 'origin', branch: 'main' };
    ran.length = 0;
    // Behind the remote, nothing to commit: the rebase to come needs the identity.
    expect((await must(vb.status(line))).changes).toEqual([]);
    const gitVar = (x: readonly string[]) => x.includes('GIT_AUTHOR_IDENT');
    expect(ran.map((x) => (gitVar(x) ? 'git var' : x[0]))).toEqual(['log', 'git var']);
    await must(vb.rebase({ remote: 'origin', branch: 'main' }));
    w.writeSource(b, 'dot_zshrc', '# zshrc\n');
    expect((await must(vb.status(line))).changes).toEqual([{ path: 'dot_zshrc', kind: 'added' }]);
    expect((await must(vb.commitAll('beta: zshrc', line))).committed).toBe(true);
    expect(ran.filter(gitVar)).toHaveLength(1);
    expect(ran.filter((x) => x[0] === 'config')).toEqual([]);
    expect(ran.findIndex(gitVar)).toBeLessThan(ran.findIndex((x) => x[0] === 'rebase'));
    expect((await must(vb.log(1)))[0]?.author).toMatchObject({ name: 'User on beta', email: 'user@beta.example' });
    expect(w.readSource(b, 'dot_bashrc')).toBe('# bashrc\nexport EDITOR=hx\n');
  });

  it('reads the commit just made with where the line stands when told the line: status, commit and divergence in 3 jj processes', async () => {
    const { w, b, vb, ran } = await betaOneBehind();
    await must(vb.fetch('origin'));
    const line = { remote: 'origin', branch: 'main' };
    // The identity is looked up once per handle (as capture does before committing).
    await must(vb.identity!());
    w.writeSource(b, 'dot_zshrc', '# zshrc\n');
    ran.length = 0;
    expect((await must(vb.status(line))).changes).toEqual([{ path: 'dot_zshrc', kind: 'added' }]);
    const c = await must(vb.commitAll('beta: zshrc', line));
    if (!c.committed) throw new Error('expected a commit');
    const d = await must(vb.divergence('origin', 'main'));
    expect(ran.map((x) => x[0])).toEqual(['log', 'commit', 'log']);
    expect(c.commit).toEqual((await must(vb.log(1)))[0]);
    expect(c.commit).toMatchObject({ description: 'beta: zshrc' });
    expect(d).toMatchObject({ head: c.commit.id, ahead: [c.commit], behind: [{ description: 'alpha: hx' }] });
  });

  it("lists what a push would publish from the divergence just read, exactly as jj's own query does", async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const va = await cloneAs(w, a);
    w.writeSource(a, 'dot_bashrc', '# bashrc\n');
    await publish(va, 'alpha: bashrc');
    const { vcs: vb, ran } = await countedClone(w, b);
    // c1 adds and modifies, and is already on the remote (a host branch); c2 removes and adds; c3 is empty.
    w.writeSource(b, 'dot_a', 'a\n');
    w.writeSource(b, 'dot_bashrc', '# bashrc\n# beta\n');
    const c1 = await must(vb.commitAll('beta: a'));
    if (!c1.committed) throw new Error('expected a commit');
    await must(vb.setBranch('sync/beta', c1.commit.id));
    await must(vb.push({ remote: 'origin', branch: 'sync/beta' }));
    rmSync(join(b.source, 'dot_a'));
    w.writeSource(b, 'dot_config/b', 'b\n');
    const c2 = await must(vb.commitAll('beta: b'));
    if (!c2.committed) throw new Error('expected a commit');
    w.writeSource(b, 'dot_c', 'c\n');
    await must(vb.fetch('origin'));
    const d = await must(vb.divergence('origin', 'main'));
    expect(d.head).toBe(c2.commit.id);

    ran.length = 0;
    const fromDivergence = await must(vb.outgoingFiles('origin', d.head));
    expect(ran).toEqual([]);
    const fresh = await must(factoryFor(b).init(b.source));
    expect(fromDivergence).toEqual(await must(fresh.outgoingFiles('origin', d.head)));
    expect(fromDivergence).toEqual([{ commit: c2.commit.id, path: 'dot_config/b' }]);
    // Another head than the working copy's: asked of jj.
    expect(await must(vb.outgoingFiles('origin', c1.commit.id))).toEqual([]);
    expect(ran).toHaveLength(1);
  });

  it('runs no tput: jj asks for the terminal width on every log when it has no terminal', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const bin = join(a.home, 'fake-bin');
    mkdirSync(bin, { recursive: true });
    const marker = join(a.home, 'tput-ran');
    writeFileSync(join(bin, 'tput'), `#!/bin/sh\necho "$@" >> '${marker}'\necho 80\n`, { mode: 0o755 });
    const env = { ...a.env, PATH: `${bin}:${a.env['PATH'] ?? ''}` };
    const r = await jjFactory({ env }).clone(w.remote, a.source);
    if (r.isErr()) throw new Error(r.error.message);
    w.writeSource(a, 'dot_zshrc', '# zshrc\n');
    expect((await must(r.value.status())).changes.map((c) => c.path)).toEqual(['dot_zshrc']);
    await must(r.value.commitAll('alpha: zshrc'));
    await must(r.value.fetch('origin'));
    expect((await must(r.value.divergence('origin', 'main'))).ahead).toHaveLength(1);
    expect(existsSync(marker)).toBe(false);
  });

  it('reads the commits a conflict restored with where the line then stands: the divergence asked next runs no jj process', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const va = await cloneAs(w, a);
    const { vcs: vb, ran } = await countedClone(w, b);
    w.writeSource(a, 'dot_bashrc', '# bashrc\nexport EDITOR=nvim\n');
    await publish(va, 'alpha: nvim');
    w.writeSource(b, 'dot_bashrc', '# bashrc\nexport EDITOR=emacs\n');
    const cb = await must(vb.commitAll('beta: emacs'));
    if (!cb.committed) throw new Error('expected a commit');
    await must(vb.fetch('origin'));
    expect(await must(vb.rebase({ remote: 'origin', branch: 'main' }))).toEqual({ status: 'conflict', paths: ['dot_bashrc'], commits: [cb.commit.id], restored: true });
    ran.length = 0;
    const d = await must(vb.divergence('origin', 'main'));
    expect(ran).toEqual([]);
    expect(d.ahead.map((c) => c.id)).toEqual([cb.commit.id]);
    expect(d.behind.map((c) => c.description)).toEqual(['alpha: nvim']);
    expect(w.readSource(b, 'dot_bashrc')).toBe('# bashrc\nexport EDITOR=emacs\n');
  });

  it('backs out of a same-line conflict: paths reported, no markers, local commit kept, nothing pushed', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const va = await cloneAs(w, a);
    const vb = await cloneAs(w, b);

    w.writeSource(a, 'dot_bashrc', '# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
    await publish(va, 'alpha: nvim');

    w.writeSource(b, 'dot_bashrc', '# bashrc\nexport EDITOR=emacs\nalias ll="ls -l"\n');
    const cb = await must(vb.commitAll('beta: emacs'));
    if (!cb.committed) throw new Error('expected a commit');
    await must(vb.fetch('origin'));
    // An edit made after the fetch, still in the working copy, must survive the back-out too.
    w.writeSource(b, 'dot_profile', 'export PATH=$HOME/bin:$PATH\n');
    const before = filesUnder(b.source);
    const r = await must(vb.rebase({ remote: 'origin', branch: 'main' }));
    expect(r).toEqual({ status: 'conflict', paths: ['dot_bashrc'], commits: [cb.commit.id], restored: true });

    const files = filesUnder(b.source);
    expect(files).toEqual(before);
    for (const [path, content] of files) expect(content, path).not.toMatch(/^(<<<<<<<|>>>>>>>|%%%%%%%|\+\+\+\+\+\+\+) /m);
    expect(await must(vb.conflicts())).toEqual([]);
    // The local commit is back in the line, under @ which holds the uncommitted edit.
    expect((await must(vb.log(2))).map((c) => c.id)[1]).toBe(cb.commit.id);
    expect((await must(vb.status())).changes).toEqual([{ path: 'dot_profile', kind: 'added' }]);
    expect(w.readRemote('dot_bashrc')).toContain('EDITOR=nvim');

    // The concurrent edit does not block: it can be published on a per-host bookmark.
    await must(vb.setBranch('sync/beta', cb.commit.id));
    await must(vb.push({ remote: 'origin', branch: 'sync/beta' }));
    expect(w.remoteBranches()).toEqual(['main', 'sync/beta']);
    expect(w.readRemote('dot_bashrc', 'sync/beta')).toContain('EDITOR=emacs');
    expect(w.readRemote('dot_bashrc')).toContain('EDITOR=nvim');
  });

  it('syncs despite a user jj config that would stall or break an unattended run', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const va = await cloneAs(w, a);
    const vb = await cloneAs(w, b);
    writeFileSync(
      b.env['JJ_CONFIG'] ?? '',
      [
        '[user]',
        'name = "User on beta"',
        'email = "user@beta.example"',
        '[revset-aliases]',
        '"immutable_heads()" = "all()"',
        '[snapshot]',
        'auto-track = "none()"',
        'max-new-file-size = "1KiB"',
        '[signing]',
        'behavior = "force"',
        'backend = "gpg"',
        '[git]',
        'sign-on-push = true',
        '[ui]',
        'paginate = "auto"',
        'editor = "sleep 600"',
        'pager = "sleep 600"',
        '',
      ].join('\n'),
    );
    w.writeSource(a, 'dot_bashrc', '# alpha\n');
    await publish(va, 'alpha');

    const big = `# ${'y'.repeat(4096)}\n`;
    w.writeSource(b, 'dot_zshrc', big);
    const c = await must(vb.commitAll('beta: zshrc'));
    expect(c.committed).toBe(true);
    await must(vb.fetch('origin'));
    const r = await must(vb.rebase({ remote: 'origin', branch: 'main' }));
    if (r.status !== 'rebased') throw new Error(`expected a rebase, got ${r.status}`);
    await must(vb.setBranch('main', r.head));
    await must(vb.push({ remote: 'origin', branch: 'main' }));
    expect(w.readRemote('dot_zshrc')).toBe(big);
    expect(w.readRemote('dot_bashrc')).toBe('# alpha\n');
  });

  it('rejects a push when the remote moved since the last fetch', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const va = await cloneAs(w, a);
    const vb = await cloneAs(w, b);
    w.writeSource(a, 'dot_bashrc', '# alpha\n');
    await publish(va, 'alpha');

    w.writeSource(b, 'dot_gitconfig', '[core]\n\tautocrlf = input\n');
    const e = await failure(
      (async () => {
        const c = await must(vb.commitAll('beta'));
        if (!c.committed) throw new Error('expected a commit');
        await must(vb.setBranch('main', c.commit.id));
        return vb.push({ remote: 'origin', branch: 'main' });
      })(),
    );
    expect(e.kind).toBe('rejected');
    expect(e).toMatchObject({ ref: 'main', exitCode: 1 });
    expect(e.stderr).toContain('stale info');
    expect(w.readRemote('dot_bashrc')).toBe('# alpha\n');
    expect(w.readRemote('dot_gitconfig')).toBe('[core]\n\tautocrlf = false\n');

    // The rejected push left the local main on beta's commit; the fetch makes it conflicted. The
    // rebase puts it where the remote has it first, so the repository stays usable, and the next
    // push publishes both.
    await must(vb.fetch('origin'));
    const r = await must(vb.rebase({ remote: 'origin', branch: 'main' }));
    if (r.status !== 'rebased') throw new Error(`expected a rebase, got ${r.status}`);
    const main = (await must(vb.branches())).find((x) => x.name === 'main');
    expect(main?.target).toBeDefined();
    expect(main?.target).toBe(main?.remoteTargets['origin']);
    await must(vb.setBranch('main', r.head));
    await must(vb.push({ remote: 'origin', branch: 'main' }));
    expect(w.readRemote('dot_bashrc')).toBe('# alpha\n');
    expect(w.readRemote('dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');
  });

  it('deletes a branch on the remote when it is deleted locally and pushed', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const va = await cloneAs(w, a);
    const [main] = (await must(va.branches())).filter((x) => x.name === 'main');
    expect(main).toEqual({ name: 'main', target: main?.remoteTargets['origin'], remoteTargets: { origin: main?.target } });
    await must(va.setBranch('sync/alpha', main?.target ?? ''));
    await must(va.push({ remote: 'origin', branch: 'sync/alpha' }));
    expect(w.remoteBranches()).toEqual(['main', 'sync/alpha']);
    expect((await must(va.branches())).map((x) => x.name)).toEqual(['main', 'sync/alpha']);

    await must(va.deleteBranch('sync/alpha'));
    const deleted = (await must(va.branches())).find((x) => x.name === 'sync/alpha');
    expect(deleted).toEqual({ name: 'sync/alpha', remoteTargets: { origin: main?.target } });
    await must(va.push({ remote: 'origin', branch: 'sync/alpha' }));
    expect(w.remoteBranches()).toEqual(['main']);
  });
});

describe('jj backend: init, checkpoints', () => {
  it('colocates with a plain git clone and tracks the trunk', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    const f = factoryFor(a);
    expect(await must(f.isRepo(a.source))).toBe(false);
    expect((await failure(f.open(a.source))).kind).toBe('not-a-repo');

    const vcs = await must(f.init(a.source));
    expect(await must(f.isRepo(a.source))).toBe(true);
    const info = await must(vcs.info());
    expect(info).toMatchObject({ root: a.source, colocated: true, trunk: 'main' });
    const main = (await must(vcs.branches())).find((x) => x.name === 'main');
    expect(main?.target).toBeDefined();
    expect(main?.remoteTargets['origin']).toBe(main?.target);

    w.writeSource(a, 'dot_bashrc', '# from an initialised repo\n');
    await publish(vcs, 'alpha: after init');
    expect(w.readRemote('dot_bashrc')).toBe('# from an initialised repo\n');
    // init on a repo that already is one just opens it.
    expect((await must(f.init(a.source))).root).toBe(a.source);
  });

  it('opens a non-colocated repo (git store inside .jj) from a subdirectory', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    w.run(a, 'jj', ['git', 'clone', '--no-colocate', w.remote, a.source]);
    const vcs = await must(factoryFor(a).open(join(a.source, 'dot_config')));
    expect(vcs.root).toBe(a.source);
    expect(await must(vcs.info())).toEqual({ root: a.source, backend: 'jj', colocated: false, remotes: [{ name: 'origin', url: w.remote }], trunk: 'main' });
    w.writeSource(a, 'dot_config/nvim/init.lua', '-- changed\n');
    expect((await must(vcs.status())).changes).toEqual([{ path: 'dot_config/nvim/init.lua', kind: 'modified' }]);
  });

  it('restores a checkpoint, and refuses when that would drop edits made since', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const vcs = await cloneAs(w, a);
    const [start] = await must(vcs.log(1));
    if (start === undefined) throw new Error('no commits');

    w.writeSource(a, 'dot_bashrc', '# edited before the checkpoint\n');
    const cp = await must(vcs.checkpoint());
    expect(cp.backend).toBe('jj');
    await must(vcs.commitAll('after checkpoint'));
    await must(vcs.restore(cp));
    // Back to "edit not yet committed": the commit is gone from the line, the edit is not.
    const line = await must(vcs.log(2));
    expect(line.map((c) => c.description)).not.toContain('after checkpoint');
    expect(line[1]?.id).toBe(start.id);
    expect((await must(vcs.status())).changes).toEqual([{ path: 'dot_bashrc', kind: 'modified' }]);
    expect(w.readSource(a, 'dot_bashrc')).toBe('# edited before the checkpoint\n');

    const cp2 = await must(vcs.checkpoint());
    w.writeSource(a, 'dot_vimrc', 'set number\n');
    const e = await failure(vcs.restore(cp2));
    expect(e).toMatchObject({ kind: 'unsafe-state', state: 'uncommitted-changes' });
    expect(w.readSource(a, 'dot_vimrc')).toBe('set number\n');

    // Also when the checkpoint's working-copy commit has since been rewritten (hidden).
    await must(vcs.commitAll('vimrc'));
    const cp3 = await must(vcs.checkpoint());
    await must(vcs.commitAll('nothing to commit'));
    w.writeSource(a, 'dot_vimrc', 'set number\nset ruler\n');
    await must(vcs.commitAll('ruler'));
    w.writeSource(a, 'dot_inputrc', 'set editing-mode vi\n');
    expect(await failure(vcs.restore(cp3))).toMatchObject({ kind: 'unsafe-state', state: 'uncommitted-changes' });
    expect(w.readSource(a, 'dot_inputrc')).toBe('set editing-mode vi\n');
  });
});

describe('jj backend: a checkpoint right after status', () => {
  it("is the operation status left, read without a jj process, and restoring it brings back what status saw", async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const { vcs, ran } = await countedClone(w, a);
    w.writeSource(a, 'dot_bashrc', '# edited before the status\n');
    expect((await must(vcs.status())).changes).toEqual([{ path: 'dot_bashrc', kind: 'modified' }]);
    ran.length = 0;
    const cp = await must(vcs.checkpoint({ afterStatus: true }));
    expect(ran).toEqual([]);
    const jjSays = w.run(a, 'jj', ['--repository', a.source, '--ignore-working-copy', 'operation', 'log', '--no-graph', '--limit=1', '--template=id']).stdout.trim();
    expect(cp).toEqual({ backend: 'jj', id: jjSays });

    await must(vcs.commitAll('after checkpoint'));
    await must(vcs.restore(cp));
    expect(w.readSource(a, 'dot_bashrc')).toBe('# edited before the status\n');
    expect((await must(vcs.status())).changes).toEqual([{ path: 'dot_bashrc', kind: 'modified' }]);
    expect((await must(vcs.log(1))).map((c) => c.description)).not.toContain('after checkpoint');

    // A save after the status is not in such a checkpoint: restoring it refuses to take the save off the disk.
    const cp2 = await must(vcs.checkpoint({ afterStatus: true }));
    w.writeSource(a, 'dot_vimrc', 'set number\n');
    expect(await failure(vcs.restore(cp2))).toMatchObject({ kind: 'unsafe-state', state: 'uncommitted-changes' });
    expect(w.readSource(a, 'dot_vimrc')).toBe('set number\n');
  });
});

describe('jj backend: failures', () => {
  it('classifies an unreachable remote as network and a missing one as not-a-repo', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const env = { ...a.env, GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o ConnectTimeout=5 -o StrictHostKeyChecking=no' };
    const f = jjFactory({ env });
    const vcs = await must(f.clone(w.remote, a.source));
    w.run(a, 'jj', ['git', 'remote', 'add', 'unreachable', 'ssh://127.0.0.1:9/x.git'], { cwd: a.source });
    w.run(a, 'jj', ['git', 'remote', 'add', 'gone', join(w.root, 'nowhere.git')], { cwd: a.source });

    const net = await failure(vcs.fetch('unreachable'));
    expect(net.kind).toBe('network');
    expect(net.stderr).toContain('Connection refused');
    expect(net.command).toContain('--remote=exact:unreachable');
    const gone = await failure(vcs.fetch('gone'));
    expect(gone.kind).toBe('not-a-repo');
    expect((await failure(vcs.fetch('nosuchremote'))).kind).toBe('not-a-repo');

    const cloneNet = await failure(f.clone('ssh://127.0.0.1:9/x.git', join(w.root, 'elsewhere')));
    expect(cloneNet.kind).toBe('network');
  });

  it('says not-a-repo for an empty directory, a plain git repo and a missing path', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const f = factoryFor(a);
    const empty = join(w.root, 'empty');
    mkdirSync(empty);
    expect(await failure(f.open(empty))).toMatchObject({ kind: 'not-a-repo', path: empty });
    w.cloneWithGit(a);
    expect(await failure(f.open(a.source))).toMatchObject({ kind: 'not-a-repo', path: a.source });
    expect(await must(f.isRepo(a.source))).toBe(false);
    expect((await failure(f.open(join(w.root, 'missing')))).kind).toBe('not-a-repo');
  });

  it('says tool-missing for a jj binary that does not exist', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const f = factoryFor(a, { binary: join(w.root, 'no-such-jj') });
    expect(await failure(f.check())).toMatchObject({ kind: 'tool-missing', tool: 'jj' });
    w.cloneWithGit(a);
    expect((await failure(f.open(a.source))).kind).toBe('tool-missing');
    const noGit = factoryFor(a, { gitBinary: join(w.root, 'no-such-git') });
    expect(await failure(noGit.check())).toMatchObject({ kind: 'tool-missing', tool: 'git' });
  });

  it('refuses hostile urls, refs, ids and messages before any process runs', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const calls: Command[] = [];
    const recording: Runner = (c) => {
      calls.push(c);
      return execaRunner(c);
    };
    const f = factoryFor(a, { runner: recording });
    const vcs = await must(f.clone(w.remote, a.source));
    calls.length = 0;

    const hostile: [string, () => Promise<SyncError>][] = [
      ['clone --upload-pack', () => failure(f.clone('--upload-pack=touch /tmp/pwned', join(w.root, 'x')))],
      ['clone ext::', () => failure(f.clone('ext::sh -c touch% /tmp/pwned', join(w.root, 'y')))],
      ['fetch option', () => failure(vcs.fetch('--all'))],
      ['push option branch', () => failure(vcs.push({ remote: 'origin', branch: '--force' }))],
      ['push revset branch', () => failure(vcs.push({ remote: 'origin', branch: 'main|all()' }))],
      ['push quoted branch', () => failure(vcs.push({ remote: 'origin', branch: 'a"b' }))],
      ['setBranch revset target', () => failure(vcs.setBranch('main', 'all()'))],
      ['setBranch option name', () => failure(vcs.setBranch('-r', 'abcdef12'))],
      ['divergence glob', () => failure(vcs.divergence('origin', 'ma*n'))],
      ['rebase remote', () => failure(vcs.rebase({ remote: 'origin;rm', branch: 'main' }))],
      ['changedPaths @', () => failure(vcs.changedPaths('@', 'abcdef12'))],
      ['deleteBranch glob', () => failure(vcs.deleteBranch('glob:*'))],
      ['empty message', () => failure(vcs.commitAll('  '))],
      ['restore foreign', () => failure(vcs.restore({ backend: 'git', id: 'abc' }))],
      ['restore non-hex', () => failure(vcs.restore({ backend: 'jj', id: '@-' }))],
      ['log limit', () => failure(vcs.log(-1))],
    ];
    for (const [label, run] of hostile) expect((await run()).kind, label).toBe('invalid-input');
    expect(calls).toEqual([]);
    expect(w.remoteBranches()).toEqual(['main']);
  });
});
