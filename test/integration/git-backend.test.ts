// The git backend against real git on throwaway worlds: two hosts syncing through one bare
// remote, conflicts backed out, refusals of unsafe repositories and hostile input.
// CHEZMOI_SYNC_TEST_GIT=/usr/bin/git runs the backend with another git (the world keeps PATH's).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Result, ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { gitFactory, type GitOptions } from '../../src/backends/git/index.js';
import { execaRunner, type Runner } from '../../src/backends/process/runner.js';
import type { SyncError } from '../../src/core/errors.js';
import type { Vcs } from '../../src/core/vcs.js';
import { useWorld, type Host, type World } from '../support/world.js';

const testBinary = process.env['CHEZMOI_SYNC_TEST_GIT'];
const factoryFor = (h: Host, more: Partial<GitOptions> = {}) =>
  gitFactory({ env: h.env, ...(testBinary !== undefined ? { binary: testBinary } : {}), ...more });

const value = <T>(r: Result<T, SyncError>): T => {
  if (r.isErr()) throw new Error(`expected Ok, got ${JSON.stringify(r.error, null, 2)}`);
  return r.value;
};
const failure = <T>(r: Result<T, SyncError>): SyncError => {
  if (r.isOk()) throw new Error(`expected an error, got Ok(${JSON.stringify(r.value)})`);
  return r.error;
};

const ORIGIN_MAIN = { remote: 'origin', branch: 'main' } as const;
const BASHRC = '# bashrc\nexport EDITOR=vi\nalias ll="ls -l"\n';

/** Clones the world's remote on a host with plain git, then opens it with the backend. */
const openClone = async (w: World, h: Host): Promise<Vcs> => {
  w.cloneWithGit(h);
  return value(await factoryFor(h).open(h.source));
};

const git = (w: World, h: Host, ...args: string[]): string => w.run(h, 'git', args, { cwd: h.source }).stdout.trim();

/** What a sync does after committing: fetch, rebase, move main, push. */
const publish = async (vcs: Vcs): Promise<void> => {
  value(await vcs.fetch('origin'));
  const r = value(await vcs.rebase(ORIGIN_MAIN));
  if (r.status === 'conflict') throw new Error(`unexpected conflict on ${r.paths.join(', ')}`);
  value(await vcs.setBranch('main', r.head));
  value(await vcs.push(ORIGIN_MAIN));
};

describe('git backend', () => {
  it('syncs two hosts: commit, fetch, clean rebase and push put both changes on the remote', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const [va, vb] = [await openClone(w, a), await openClone(w, b)];
    expect(value(await va.info())).toEqual({ root: a.source, backend: 'git', colocated: false, remotes: [{ name: 'origin', url: w.remoteUrl }], trunk: 'main' });

    w.writeSource(a, 'dot_bashrc', '# bashrc (alpha)\nexport EDITOR=vi\nalias ll="ls -l"\n');
    const ca = value(await va.commitAll('alpha: title'));
    expect(ca).toMatchObject({ committed: true, commit: { description: 'alpha: title', author: { name: 'User on alpha' } } });
    await publish(va);

    w.writeSource(b, 'dot_bashrc', '# bashrc\nexport EDITOR=vi\nalias ll="ls -la"\n');
    w.writeSource(b, 'dot_zshrc', 'bindkey -v\n');
    value(await vb.commitAll('beta: ll and zshrc'));
    value(await vb.fetch('origin'));
    const d = value(await vb.divergence('origin', 'main'));
    expect([d.ahead.map((c) => c.description), d.behind.map((c) => c.description)]).toEqual([['beta: ll and zshrc'], ['alpha: title']]);
    const r = value(await vb.rebase(ORIGIN_MAIN));
    expect(r.status).toBe('rebased');
    if (r.status === 'conflict') return;
    value(await vb.setBranch('main', r.head));
    value(await vb.push(ORIGIN_MAIN));

    expect(w.readRemote('dot_bashrc')).toBe('# bashrc (alpha)\nexport EDITOR=vi\nalias ll="ls -la"\n');
    expect(w.readRemote('dot_zshrc')).toBe('bindkey -v\n');
    expect(value(await vb.log(3)).map((c) => c.description)).toEqual(['beta: ll and zshrc', 'alpha: title', 'seed dotfiles']);
    expect(value(await vb.divergence('origin', 'main'))).toEqual({ ahead: [], behind: [], head: r.head, remoteHead: r.head });
  });

  it('backs out a same-line conflict: path reported, no markers, no rebase in progress, local commit kept, nothing pushed', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const [va, vb] = [await openClone(w, a), await openClone(w, b)];
    const alphaText = '# bashrc\nexport EDITOR=nano\nalias ll="ls -l"\n';
    const betaText = '# bashrc\nexport EDITOR=emacs\nalias ll="ls -l"\n';
    w.writeSource(a, 'dot_bashrc', alphaText);
    value(await va.commitAll('alpha: nano'));
    await publish(va);

    w.writeSource(b, 'dot_bashrc', betaText);
    const local = value(await vb.commitAll('beta: emacs'));
    if (!local.committed) throw new Error('expected a commit');
    value(await vb.fetch('origin'));
    const outcome = value(await vb.rebase(ORIGIN_MAIN));

    expect(outcome).toEqual({ status: 'conflict', paths: ['dot_bashrc'], commits: [local.commit.id], restored: true });
    expect(w.readSource(b, 'dot_bashrc')).toBe(betaText);
    expect(git(w, b, 'status', '--porcelain')).toBe('');
    expect(git(w, b, 'symbolic-ref', 'HEAD')).toBe('refs/heads/main');
    expect(git(w, b, 'rev-parse', 'HEAD')).toBe(local.commit.id);
    for (const p of ['rebase-merge', 'rebase-apply', 'REBASE_HEAD']) expect(existsSync(join(b.source, git(w, b, 'rev-parse', '--git-path', p)))).toBe(false);
    expect(value(await vb.conflicts())).toEqual([]);
    expect(w.readRemote('dot_bashrc')).toBe(alphaText);
    // The backend still works on the restored repository.
    expect(value(await factoryFor(b).open(b.source)).root).toBe(b.source);
  });

  it('rejects a push after the remote moved, and publishes once fetched and rebased', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const [va, vb] = [await openClone(w, a), await openClone(w, b)];
    w.writeSource(a, 'dot_gitconfig', '[core]\n\tautocrlf = input\n');
    value(await va.commitAll('alpha: gitconfig'));
    await publish(va);

    w.writeSource(b, 'dot_zshrc', 'bindkey -v\n');
    value(await vb.commitAll('beta: zshrc'));
    expect(failure(await vb.push(ORIGIN_MAIN))).toMatchObject({ kind: 'rejected', ref: 'main' });
    expect(w.readRemote('dot_zshrc')).toBeUndefined();
    expect(w.readRemote('dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');

    await publish(vb);
    expect(w.readRemote('dot_zshrc')).toBe('bindkey -v\n');
    expect(w.readRemote('dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');
  });

  it('pushes a new branch and deletes it on the remote after a local delete', async () => {
    const w = await useWorld();
    const a = w.host('alpha');
    const va = await openClone(w, a);
    w.writeSource(a, 'dot_zshrc', 'bindkey -v\n');
    const c = value(await va.commitAll('alpha: zshrc'));
    if (!c.committed) throw new Error('expected a commit');
    value(await va.setBranch('sync/alpha', c.commit.id));
    value(await va.push({ remote: 'origin', branch: 'sync/alpha' }));
    expect(w.remoteBranches()).toEqual(['main', 'sync/alpha']);
    expect(w.readRemote('dot_zshrc', 'sync/alpha')).toBe('bindkey -v\n');
    expect(failure(await va.deleteBranch('main'))).toMatchObject({ kind: 'unsafe-state', state: 'checked-out' });
    value(await va.deleteBranch('sync/alpha'));
    value(await va.push({ remote: 'origin', branch: 'sync/alpha' }));
    expect(w.remoteBranches()).toEqual(['main']);
    expect(value(await va.branches()).map((x) => x.name)).toEqual(['main']);
  });

  it('reports an unreachable remote as network and keeps local work', async () => {
    const w = await useWorld();
    const a = w.host('alpha');
    w.cloneWithGit(a);
    git(w, a, 'remote', 'add', 'nowhere', 'ssh://127.0.0.1:9/x.git');
    // Real ssh, failing fast: nothing listens on port 9.
    const vcs = value(await factoryFor(a, { env: { ...a.env, GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o ConnectTimeout=3' } }).open(a.source));
    w.writeSource(a, 'dot_zshrc', 'bindkey -v\n');
    const c = value(await vcs.commitAll('alpha: zshrc'));
    if (!c.committed) throw new Error('expected a commit');
    const e = failure(await vcs.fetch('nowhere'));
    expect(e).toMatchObject({ kind: 'network', exitCode: 128 });
    expect(e.stderr).toContain('Connection refused');
    expect(failure(await vcs.push({ remote: 'nowhere', branch: 'main' }))).toMatchObject({ kind: 'network' });
    expect(value(await vcs.log(1))[0]?.id).toBe(c.commit.id);

    w.setNetwork(a, 'auth');
    expect(failure(await value(await factoryFor(a).open(a.source)).fetch('origin'))).toMatchObject({ kind: 'auth' });
  });

  it('answers not-a-repo for a plain directory and for a remote that is not a repository', async () => {
    const w = await useWorld();
    const a = w.host('alpha');
    const f = factoryFor(a);
    expect(failure(await f.open(a.home))).toMatchObject({ kind: 'not-a-repo', path: a.home });
    expect(failure(await f.open(join(a.home, 'missing')))).toMatchObject({ kind: 'not-a-repo' });
    expect(value(await f.isRepo(a.home))).toBe(false);
    const vcs = await openClone(w, a);
    expect(value(await f.isRepo(a.source))).toBe(true);
    expect(value(await f.isRepo(join(a.source, 'dot_config')))).toBe(false);
    git(w, a, 'remote', 'add', 'gone', join(w.root, 'no-such-remote.git'));
    expect(failure(await vcs.fetch('gone'))).toMatchObject({ kind: 'not-a-repo', path: 'gone' });
  });

  it('reports a missing git as tool-missing, from check and from open', async () => {
    const w = await useWorld();
    const a = w.host('alpha');
    w.cloneWithGit(a);
    const missing = gitFactory({ env: a.env, binary: join(w.root, 'no', 'git') });
    expect(failure(await missing.check())).toMatchObject({ kind: 'tool-missing', tool: 'git' });
    expect(failure(await missing.open(a.source))).toMatchObject({ kind: 'tool-missing' });
    expect(value(await factoryFor(a).check())).toEqual([{ tool: 'git', version: expect.stringMatching(/^2\.\d+\.\d+$/), path: testBinary ?? 'git' }]);
  });

  it('refuses a repository in the middle of a rebase, and one on a detached HEAD', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const [va, vb] = [await openClone(w, a), await openClone(w, b)];
    w.writeSource(a, 'dot_bashrc', BASHRC.replace('vi', 'nano'));
    value(await va.commitAll('alpha: nano'));
    await publish(va);
    w.writeSource(b, 'dot_bashrc', BASHRC.replace('vi', 'emacs'));
    git(w, b, 'commit', '-qam', 'beta: emacs');
    git(w, b, 'fetch', '-q', 'origin');
    expect(w.run(b, 'git', ['rebase', 'origin/main'], { cwd: b.source, allowFail: true }).status).not.toBe(0);

    expect(failure(await factoryFor(b).open(b.source))).toMatchObject({ kind: 'unsafe-state', state: 'rebase', hint: expect.stringContaining('git rebase --abort') });
    // A handle opened before refuses too, and touches nothing.
    expect(failure(await vb.commitAll('beta: more'))).toMatchObject({ kind: 'unsafe-state', state: 'rebase' });
    expect(failure(await vb.rebase(ORIGIN_MAIN))).toMatchObject({ kind: 'unsafe-state', state: 'rebase' });
    expect(w.readSource(b, 'dot_bashrc')).toContain('<<<<<<<');

    git(w, b, 'rebase', '--abort');
    git(w, b, 'checkout', '-q', '--detach', 'HEAD');
    expect(failure(await factoryFor(b).open(b.source))).toMatchObject({ kind: 'unsafe-state', state: 'detached-head' });
  });

  it.each(['files', 'reftable'])('a handle opened before sees what a person did since (%s refs): a commit, a branch switch, a detached HEAD', async (format) => {
    const w = await useWorld();
    const a = w.host('alpha');
    w.run(a, 'git', ['clone', '-q', `--ref-format=${format}`, w.remoteUrl, a.source]);
    const va = value(await factoryFor(a).open(a.source));
    const lineBranch = async () => {
      const r = await va.lineBranch?.();
      return r === undefined ? undefined : value(r);
    };
    expect(await lineBranch()).toBe('main');
    const before = value(await va.divergence('origin', 'main'));
    expect(before).toMatchObject({ ahead: [], behind: [] });

    w.writeSource(a, 'dot_bashrc', BASHRC.replace('vi', 'nano'));
    git(w, a, 'commit', '-qam', 'alpha: by hand');
    const after = value(await va.divergence('origin', 'main'));
    expect(after.head).toBe(git(w, a, 'rev-parse', 'HEAD'));
    expect(after.ahead.map((c) => c.description)).toEqual(['alpha: by hand']);

    git(w, a, 'switch', '-q', '-c', 'elsewhere');
    expect(await lineBranch()).toBe('elsewhere');
    git(w, a, 'checkout', '-q', '--detach', 'HEAD');
    w.writeSource(a, 'dot_bashrc', BASHRC.replace('vi', 'emacs'));
    expect(failure(await va.commitAll('alpha: detached'))).toMatchObject({ kind: 'unsafe-state', state: 'detached-head' });
    expect(git(w, a, 'log', '-1', '--format=%s')).toBe('alpha: by hand');
  });

  it('lists unmerged paths left by a conflicted stash pop, and refuses to commit their markers', async () => {
    const w = await useWorld();
    const a = w.host('alpha');
    const vcs = await openClone(w, a);
    w.writeSource(a, 'dot_bashrc', BASHRC.replace('vi', 'nano'));
    git(w, a, 'stash', '-q');
    w.writeSource(a, 'dot_bashrc', BASHRC.replace('vi', 'emacs'));
    git(w, a, 'commit', '-qam', 'alpha: emacs');
    expect(w.run(a, 'git', ['stash', 'pop'], { cwd: a.source, allowFail: true }).status).not.toBe(0);

    expect(value(await vcs.conflicts())).toEqual(['dot_bashrc']);
    expect(failure(await vcs.commitAll('alpha: sync'))).toMatchObject({ kind: 'unsafe-state', state: 'unmerged-paths' });
    expect(git(w, a, 'log', '-1', '--format=%s')).toBe('alpha: emacs');
    expect(w.readSource(a, 'dot_bashrc')).toContain('<<<<<<<');
  });

  it('guided resolution: a merge left for a person, recognised as ours, finished or aborted; a hand-made merge is refused', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const [va, vb] = [await openClone(w, a), await openClone(w, b)];
    w.writeSource(a, 'dot_bashrc', BASHRC.replace('vi', 'nano'));
    value(await va.commitAll('alpha: nano'));
    await publish(va);
    w.writeSource(b, 'dot_bashrc', BASHRC.replace('vi', 'emacs'));
    const local = value(await vb.commitAll('beta: emacs'));
    if (!local.committed) throw new Error('expected a commit');
    value(await vb.fetch('origin'));
    const cp = value(await vb.checkpoint());

    const merge = vb.beginMerge?.bind(vb);
    const finish = vb.finishMerge?.bind(vb);
    if (merge === undefined || finish === undefined) throw new Error('the git backend offers guided resolution');
    expect(value(await merge(ORIGIN_MAIN, 'beta: resolve'))).toEqual({ status: 'conflicted', paths: ['dot_bashrc'] });
    expect(w.readSource(b, 'dot_bashrc')).toContain('<<<<<<<');
    // Ours: opening works (a timer's sync must see the repository), acting does not.
    const reopened = value(await factoryFor(b).open(b.source));
    expect(failure(await reopened.commitAll('beta: sync'))).toMatchObject({ kind: 'unsafe-state', state: 'resolving' });
    expect(failure(await finish('beta: resolve'))).toMatchObject({ kind: 'conflict', paths: ['dot_bashrc'] });

    // Abort: back where it started.
    value(await vb.restore(cp));
    expect(w.readSource(b, 'dot_bashrc')).toBe(BASHRC.replace('vi', 'emacs'));
    expect(existsSync(join(b.source, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(existsSync(join(b.source, '.git', 'chezmoi-sync-merge'))).toBe(false);

    // Again, resolved this time.
    expect(value(await merge(ORIGIN_MAIN, 'beta: resolve'))).toMatchObject({ status: 'conflicted' });
    const resolved = '# bashrc\nexport EDITOR=nano\nexport VISUAL=emacs\nalias ll="ls -l"\n';
    w.writeSource(b, 'dot_bashrc', resolved);
    const { head } = value(await finish('beta: resolve'));
    expect(value(await vb.log(1))[0]).toMatchObject({ id: head, description: 'beta: resolve', parents: [local.commit.id, expect.any(String)] });
    expect(value(await vb.status()).changes).toEqual([]);
    value(await vb.push(ORIGIN_MAIN));
    expect(w.readRemote('dot_bashrc')).toBe(resolved);

    // A merge a person started by hand is theirs to finish.
    w.writeSource(a, 'dot_bashrc', BASHRC);
    git(w, a, 'commit', '-qam', 'alpha: back to vi');
    git(w, a, 'fetch', '-q', 'origin');
    expect(w.run(a, 'git', ['merge', 'origin/main'], { cwd: a.source, allowFail: true }).status).not.toBe(0);
    expect(failure(await factoryFor(a).open(a.source))).toMatchObject({ kind: 'unsafe-state', state: 'merge' });
  });

  it('refuses a rebase over uncommitted changes', async () => {
    const w = await useWorld();
    const [a, b] = [w.host('alpha'), w.host('beta')];
    const [va, vb] = [await openClone(w, a), await openClone(w, b)];
    w.writeSource(a, 'dot_gitconfig', '[core]\n\tautocrlf = input\n');
    value(await va.commitAll('alpha: gitconfig'));
    await publish(va);
    w.writeSource(b, 'dot_bashrc', 'edited, not committed\n');
    value(await vb.fetch('origin'));
    expect(failure(await vb.rebase(ORIGIN_MAIN))).toMatchObject({ kind: 'unsafe-state', state: 'uncommitted-changes' });
    expect(w.readSource(b, 'dot_bashrc')).toBe('edited, not committed\n');
    expect(w.readSource(b, 'dot_gitconfig')).toBe('[core]\n\tautocrlf = false\n');
  });

  it('commits right after a status that saw changes without asking again, and an edit made in between lands too', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    const ran: string[][] = [];
    const counting: Runner = (command) => {
      ran.push(command.args.filter((x, i, all) => x !== '-c' && all[i - 1] !== '-c'));
      return execaRunner(command);
    };
    const vcs = value(await factoryFor(a, { runner: counting }).open(a.source));
    w.writeSource(a, 'dot_zshrc', 'bindkey -v\n');
    expect(value(await vcs.status()).changes.map((c) => c.path)).toEqual(['dot_zshrc']);
    w.writeSource(a, 'dot_profile', '# profile\n');
    ran.length = 0;
    const c = value(await vcs.commitAll('alpha: shells'));
    expect(c.committed).toBe(true);
    expect(ran.filter((x) => x[0] === 'status')).toEqual([]);
    // A commit that succeeds asks nothing first (no `diff --cached`), and HEAD is then known.
    expect(ran.filter((x) => x[0] === 'diff')).toEqual([]);
    expect(git(w, a, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual(['dot_profile', 'dot_zshrc']);
    ran.length = 0;
    expect(value(await vcs.divergence('origin', 'main')).head).toBe(c.committed ? c.commit.id : '');
    expect(ran.filter((x) => x[0] === 'rev-parse' && x.some((y) => y.startsWith('HEAD')))).toEqual([]);
    // Nothing left: the next commit asks git (the status it saw is gone with the commit) and makes none.
    ran.length = 0;
    expect(value(await vcs.commitAll('alpha: nothing'))).toEqual({ committed: false });
    expect(ran.filter((x) => x[0] === 'status')).toHaveLength(1);
    // An edit the status saw, undone before the commit: git's "nothing to commit" is no error.
    w.writeSource(a, 'dot_zshrc', 'bindkey -e\n');
    expect(value(await vcs.status()).changes.map((x) => x.path)).toEqual(['dot_zshrc']);
    w.writeSource(a, 'dot_zshrc', 'bindkey -v\n');
    ran.length = 0;
    expect(value(await vcs.commitAll('alpha: undone'))).toEqual({ committed: false });
    expect(ran.map((x) => x[0])).toEqual(['add', 'commit', 'diff']);
    expect(git(w, a, 'log', '-1', '--format=%s')).toBe('alpha: shells');
    // A fetch moves remote-tracking refs only: HEAD, known before it, is not asked again after it;
    // the remote-tracking branch is.
    const head = value(await vcs.divergence('origin', 'main')).head;
    ran.length = 0;
    value(await vcs.fetch('origin'));
    expect(value(await vcs.divergence('origin', 'main')).head).toBe(head);
    expect(ran.filter((x) => x[0] === 'rev-parse').map((x) => x.at(-1))).toEqual(['refs/remotes/origin/main^{commit}']);
    // A commit made by hand meanwhile is seen (the ref files git rewrote tell it).
    git(w, a, 'commit', '-q', '--allow-empty', '-m', 'alpha: by hand');
    expect(value(await vcs.divergence('origin', 'main')).head).toBe(git(w, a, 'rev-parse', 'HEAD'));
  });

  it('refuses hostile URLs, names and ids with invalid-input without starting a process', async () => {
    const w = await useWorld();
    const a = w.host('alpha');
    w.cloneWithGit(a);
    let calls = 0;
    const counting: Runner = (command) => {
      calls++;
      return execaRunner(command);
    };
    const f = factoryFor(a, { runner: counting });
    const vcs = value(await f.open(a.source));
    const head = value(await vcs.log(1))[0]?.id ?? '';
    const before = calls;
    expect(before).toBeGreaterThan(0);
    const pwned = join(w.root, 'pwned');
    const attempts: (() => ResultAsync<unknown, SyncError>)[] = [
      () => f.clone(`ext::sh -c touch% ${pwned}`, join(w.root, 'c1')),
      () => f.clone(`--upload-pack=touch ${pwned}`, join(w.root, 'c2')),
      () => f.clone('ssh://-oProxyCommand=touch%20x/r', join(w.root, 'c3')),
      () => vcs.fetch(`--upload-pack=touch ${pwned}`),
      () => vcs.push({ remote: 'origin', branch: '--delete' }),
      () => vcs.push({ remote: 'ext::sh', branch: 'main' }),
      () => vcs.setBranch('-f', head),
      () => vcs.setBranch('sync/ok', 'HEAD~1'),
      () => vcs.deleteBranch('--all'),
      () => vcs.rebase({ remote: 'origin', branch: '@{-1}' }),
      () => vcs.divergence('origin', 'main..x'),
      () => vcs.changedPaths(`--output=${pwned}`, head),
      () => vcs.commitAll(''),
      () => vcs.log(0),
      () => vcs.restore({ backend: 'git', id: JSON.stringify({ branch: 'refs/heads/main', head: '--hard', branches: {} }) }),
    ];
    for (const attempt of attempts) expect(failure(await attempt())).toMatchObject({ kind: 'invalid-input' });
    expect(calls).toBe(before);
    expect(existsSync(pwned)).toBe(false);
    expect(w.remoteBranches()).toEqual(['main']);
  });

  it('restores a checkpoint: head, files and branches as they were; refuses over an uncommitted edit', async () => {
    const w = await useWorld();
    const a = w.host('alpha');
    const vcs = await openClone(w, a);
    const before = value(await vcs.log(1))[0]?.id;
    const cp = value(await vcs.checkpoint());
    expect(cp.backend).toBe('git');
    w.writeSource(a, 'dot_zshrc', 'bindkey -v\n');
    const c = value(await vcs.commitAll('alpha: zshrc'));
    if (!c.committed) throw new Error('expected a commit');
    value(await vcs.setBranch('sync/alpha', c.commit.id));

    w.writeSource(a, 'dot_bashrc', 'uncommitted\n');
    expect(failure(await vcs.restore(cp))).toMatchObject({ kind: 'unsafe-state', state: 'uncommitted-changes' });
    expect(w.readSource(a, 'dot_bashrc')).toBe('uncommitted\n');
    value(await vcs.commitAll('alpha: bashrc'));

    value(await vcs.restore(cp));
    expect(value(await vcs.log(1))[0]?.id).toBe(before);
    expect(w.readSource(a, 'dot_zshrc')).toBeUndefined();
    expect(w.readSource(a, 'dot_bashrc')).toBe(BASHRC);
    expect(value(await vcs.status()).changes).toEqual([]);
    expect(value(await vcs.branches()).map((x) => x.name)).toEqual(['main']);
    // The undone commits stay reachable through the reflog, as git keeps them.
    expect(git(w, a, 'cat-file', '-t', c.commit.id)).toBe('commit');
  });

  it('inits a repository that can commit (again: a no-op), and clones with a relative local path', async () => {
    const w = await useWorld();
    const a = w.host('alpha');
    const f = factoryFor(a);
    const dir = join(w.root, 'fresh', 'repo');
    const vcs = value(await f.init(dir));
    expect(vcs.root).toBe(dir);
    expect(value(await vcs.log(5))).toEqual([]);
    expect(value(await vcs.info())).toEqual({ root: dir, backend: 'git', colocated: false, remotes: [] });
    writeFileSync(join(dir, 'dot_zshrc'), 'bindkey -v\n');
    const first = value(await vcs.commitAll('first'));
    expect(first).toMatchObject({ committed: true, commit: { description: 'first', parents: [] } });
    expect(value(await factoryFor(a).init(dir)).root).toBe(dir);
    const cwdBefore = process.cwd();
    process.chdir(w.root);
    try {
      const cloned = value(await f.clone('remote.git', join(w.root, 'clone')));
      expect(value(await cloned.info()).remotes).toEqual([{ name: 'origin', url: w.remote }]);
    } finally {
      process.chdir(cwdBefore);
    }
    // Into a directory that is not empty: refused before anything is fetched, nothing changed there.
    expect(failure(await f.clone(w.remoteUrl, join(w.root, 'clone')))).toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('not an empty directory') });
    expect(readdirSync(w.root).filter((n) => n.includes('chezmoi-sync-clone'))).toEqual([]);
  });
});
