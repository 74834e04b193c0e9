// Details of the memory backend that the shared VCS contract does not pin down: determinism,
// fault injection, URL rules, init, carried uncommitted work, restore keeping work, test hooks.
import type { Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { SyncError } from '../../../src/core/errors.js';
import type { Vcs } from '../../../src/core/vcs.js';
import { MemoryFs, MemoryRemote, memoryFactory, tickingClock } from '../../../src/testing.js';

const SEED = { dot_bashrc: 'a\nb\nc\n', dot_vimrc: 'set nu\n' };

const value = <T>(r: Result<T, SyncError>): T => {
  if (r.isErr()) throw new Error(`expected Ok, got ${JSON.stringify(r.error)}`);
  return r.value;
};
const failure = <T>(r: Result<T, SyncError>): SyncError => {
  if (r.isOk()) throw new Error(`expected an error, got Ok(${JSON.stringify(r.value)})`);
  return r.error;
};

const world = (host = 'alpha') => {
  const fs = new MemoryFs();
  const remote = new MemoryRemote({ files: SEED });
  const factory = memoryFactory({ fs, remotes: { origin: remote }, host });
  return { fs, remote, factory, path: `/${host}/src` };
};

const cloned = async (host = 'alpha') => {
  const w = world(host);
  const vcs = value(await w.factory.clone('memory://origin', w.path));
  return { ...w, vcs };
};

const commit = async (vcs: Vcs, message: string): Promise<string> => {
  const o = value(await vcs.commitAll(message));
  if (!o.committed) throw new Error('nothing committed');
  return o.commit.id;
};

describe('memory backend: determinism', () => {
  it('gives the same commit ids and timestamps in two identical runs', async () => {
    const run = async (): Promise<unknown> => {
      const { fs, vcs, path } = await cloned();
      fs.write(`${path}/dot_bashrc`, 'x\n');
      value(await vcs.commitAll('edit'));
      return value(await vcs.log(5));
    };
    expect(await run()).toEqual(await run());
  });

  it('stamps commits with the injected clock and author', async () => {
    const fs = new MemoryFs();
    const remote = new MemoryRemote({ files: SEED });
    const factory = memoryFactory({
      fs,
      remotes: { origin: remote },
      host: 'laptop',
      author: { name: 'Ada', email: 'ada@example.org' },
      clock: () => new Date('2030-05-06T07:08:09Z'),
    });
    const vcs = value(await factory.clone('memory://origin', '/src'));
    fs.write('/src/new', 'n\n');
    const o = value(await vcs.commitAll('add\n\n'));
    expect(o).toMatchObject({ committed: true, commit: { description: 'add', author: { name: 'Ada', email: 'ada@example.org', timestamp: '2030-05-06T07:08:09.000Z' } } });
  });

  it('ticks its default clock one second per call', () => {
    const clock = tickingClock('2025-01-01T00:00:00Z');
    expect([clock(), clock()].map((d) => d.toISOString())).toEqual(['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:01.000Z']);
  });
});

describe('memory backend: fault injection', () => {
  it('fails the next N fetches, then recovers', async () => {
    const { vcs, remote } = await cloned();
    remote.faults.inject({ kind: 'network', op: 'fetch', times: 2 });
    expect(failure(await vcs.fetch('origin')).kind).toBe('network');
    expect(failure(await vcs.fetch('origin')).kind).toBe('network');
    value(await vcs.fetch('origin'));
    expect(remote.faults.pending).toBe(0);
    expect(remote.stats.fetches).toBe(4); // the clone and three fetches
  });

  it('fails every operation with `always` until cleared, per host and per operation', async () => {
    const a = await cloned('alpha');
    const fsB = new MemoryFs();
    const beta = memoryFactory({ fs: fsB, remotes: { origin: a.remote }, host: 'beta' });
    const vb = value(await beta.clone('memory://origin', '/beta/src'));
    a.remote.faults.inject({ kind: 'auth', times: 'always', host: 'alpha', op: 'push' });
    value(await a.vcs.fetch('origin'));
    a.fs.write(`${a.path}/x`, 'x\n');
    value(await a.vcs.setBranch('main', await commit(a.vcs, 'x')));
    expect(failure(await a.vcs.push({ remote: 'origin', branch: 'main' })).kind).toBe('auth');
    expect(failure(await a.vcs.push({ remote: 'origin', branch: 'main' })).kind).toBe('auth');
    value(await vb.fetch('origin'));
    a.remote.faults.clear('alpha');
    value(await a.vcs.push({ remote: 'origin', branch: 'main' }));
    expect(a.remote.read('main', 'x')).toBe('x\n');
  });

  it('counts a clone as a fetch', async () => {
    const { factory, remote } = world();
    remote.faults.inject({ kind: 'network', op: 'fetch' });
    expect(failure(await factory.clone('memory://origin', '/c'))).toMatchObject({ kind: 'network', command: ['memory', 'fetch', 'memory://origin'] });
    expect(value(await factory.isRepo('/c'))).toBe(false);
  });

  it('is unreachable for everyone or for one host', async () => {
    const { vcs, remote } = await cloned('alpha');
    remote.setReachable(false, 'beta');
    value(await vcs.fetch('origin'));
    remote.setReachable(false);
    expect(failure(await vcs.fetch('origin')).kind).toBe('network');
    remote.setReachable(true);
    value(await vcs.fetch('origin'));
  });

  it('rejects the next push without moving, as if another host had pushed first', async () => {
    const { vcs, remote, fs, path } = await cloned();
    const before = remote.head('main');
    fs.write(`${path}/x`, 'x\n');
    value(await vcs.setBranch('main', await commit(vcs, 'x')));
    remote.rejectNextPush();
    expect(failure(await vcs.push({ remote: 'origin', branch: 'main' }))).toMatchObject({ kind: 'rejected', ref: 'main' });
    expect(remote.head('main')).toBe(before);
    value(await vcs.push({ remote: 'origin', branch: 'main' }));
    expect(remote.read('main', 'x')).toBe('x\n');
  });
});

describe('memory backend: URLs and repositories', () => {
  it('clones by memory:// name or by a registered URL key, and refuses the rest', async () => {
    const fs = new MemoryFs();
    const remote = new MemoryRemote({ files: SEED });
    const f = memoryFactory({ fs, remotes: { origin: remote, 'git@github.com:me/dotfiles.git': remote } });
    value(await f.clone('git@github.com:me/dotfiles.git', '/one'));
    expect(fs.read('/one/dot_vimrc')).toBe('set nu\n');
    expect(failure(await f.clone('memory://-oProxyCommand=x', '/two')).kind).toBe('invalid-input');
    expect(failure(await f.clone('ext::sh -c id', '/two')).kind).toBe('invalid-input');
    expect(failure(await f.clone('memory://nowhere', '/two')).kind).toBe('not-a-repo');
    expect(failure(await f.clone('memory://origin', '/one')).kind).toBe('invalid-input');
    expect(failure(await f.clone('memory://constructor', '/two')).kind).toBe('not-a-repo');
  });

  it('init makes a repository of existing files, which show as added', async () => {
    const fs = new MemoryFs();
    fs.write('/repo/a', 'a\n');
    const f = memoryFactory({ fs });
    const vcs = value(await f.init('/repo'));
    expect(value(await vcs.status()).changes).toEqual([{ path: 'a', kind: 'added' }]);
    expect(value(await vcs.log(5))).toEqual([]);
    const id = await commit(vcs, 'first');
    expect(value(await vcs.log(5))).toMatchObject([{ id, parents: [] }]);
    expect(value(await vcs.info())).toEqual({ root: '/repo', backend: 'memory', colocated: false, remotes: [] });
    expect(failure(await vcs.fetch('origin'))).toMatchObject({ kind: 'invalid-input', field: 'remote' });
    expect(value(await f.init('/repo')).root).toBe('/repo');
  });

  it('opens from a subdirectory; isRepo answers for the root only', async () => {
    const { factory, path } = await cloned();
    expect(value(await factory.open(`${path}/deep/er/`)).root).toBe(path);
    expect(value(await factory.isRepo(path))).toBe(true);
    expect(value(await factory.isRepo(`${path}/deep`))).toBe(false);
  });

  it('shares repositories between factories over the same MemoryFs', async () => {
    const { fs, remote, path } = await cloned();
    const again = memoryFactory({ fs, remotes: { origin: remote }, host: 'alpha' });
    expect(value(await again.open(path)).root).toBe(path);
    expect(failure(await memoryFactory({ fs: new MemoryFs() }).open(path)).kind).toBe('not-a-repo');
  });
});

describe('memory backend: rebase details', () => {
  it('replays several local commits in order, keeping messages and authors', async () => {
    const a = await cloned('alpha');
    a.remote.commitDirect('main', { dot_vimrc: 'set nonu\n' }, 'web edit');
    a.fs.write(`${a.path}/one`, '1\n');
    await commit(a.vcs, 'one');
    a.fs.write(`${a.path}/two`, '2\n');
    await commit(a.vcs, 'two');
    value(await a.vcs.fetch('origin'));
    const r = value(await a.vcs.rebase({ remote: 'origin', branch: 'main' }));
    expect(r.status).toBe('rebased');
    const log = value(await a.vcs.log(4));
    expect(log.map((c) => c.description)).toEqual(['two', 'one', 'web edit', 'seed dotfiles']);
    expect(log.map((c) => c.author.name)).toEqual(['User on alpha', 'User on alpha', 'Another Tool', 'Another Tool']);
    expect(a.fs.read(`${a.path}/dot_vimrc`)).toBe('set nonu\n');
  });

  it('carries uncommitted work along, as jj does with the working-copy commit', async () => {
    const a = await cloned();
    a.remote.commitDirect('main', { dot_bashrc: 'A\nb\nc\n' }, 'web edit');
    a.fs.write(`${a.path}/dot_bashrc`, 'a\nb\nC\n');
    value(await a.vcs.fetch('origin'));
    expect(value(await a.vcs.rebase({ remote: 'origin', branch: 'main' })).status).toBe('rebased');
    expect(a.fs.read(`${a.path}/dot_bashrc`)).toBe('A\nb\nC\n');
    expect(value(await a.vcs.status()).changes).toEqual([{ path: 'dot_bashrc', kind: 'modified' }]);
  });

  it('reports a conflict with uncommitted work and leaves the working copy untouched', async () => {
    const a = await cloned();
    a.remote.commitDirect('main', { dot_bashrc: 'X\nb\nc\n' }, 'web edit');
    a.fs.write(`${a.path}/dot_bashrc`, 'Y\nb\nc\n');
    value(await a.vcs.fetch('origin'));
    expect(value(await a.vcs.rebase({ remote: 'origin', branch: 'main' }))).toEqual({ status: 'conflict', paths: ['dot_bashrc'], commits: [], restored: true });
    expect(a.fs.read(`${a.path}/dot_bashrc`)).toBe('Y\nb\nc\n');
  });

  it('is up to date against a branch the remote does not have', async () => {
    const a = await cloned();
    const head = a.remote.head('main') ?? '';
    expect(value(await a.vcs.rebase({ remote: 'origin', branch: 'nope' }))).toEqual({ status: 'up-to-date', head });
  });
});

describe('memory backend: branches, restore and test hooks', () => {
  it('restores over uncommitted edits only where the checkpoint has the same content', async () => {
    const a = await cloned();
    a.fs.write(`${a.path}/draft`, 'keep me\n');
    const cp = value(await a.vcs.checkpoint());
    a.fs.write(`${a.path}/x`, 'x\n');
    await commit(a.vcs, 'x');
    value(await a.vcs.restore(cp));
    expect(a.fs.read(`${a.path}/draft`)).toBe('keep me\n');
    expect(a.fs.read(`${a.path}/x`)).toBeUndefined();
  });

  it('refuses a checkpoint it does not know', async () => {
    const a = await cloned();
    expect(failure(await a.vcs.restore({ backend: 'jj', id: 'abc' })).kind).toBe('invalid-input');
  });

  it('reports conflicts a test put in the working copy, until a restore', async () => {
    const a = await cloned();
    const cp = value(await a.vcs.checkpoint());
    a.factory.inspect(a.path)?.setConflicted(['dot_bashrc']);
    expect(value(await a.vcs.conflicts())).toEqual(['dot_bashrc']);
    value(await a.vcs.restore(cp));
    expect(value(await a.vcs.conflicts())).toEqual([]);
  });

  it('refuses to delete or push a branch that exists nowhere', async () => {
    const a = await cloned();
    expect(failure(await a.vcs.deleteBranch('nope')).kind).toBe('invalid-input');
    expect(failure(await a.vcs.push({ remote: 'origin', branch: 'nope' })).kind).toBe('invalid-input');
    expect(failure(await a.vcs.setBranch('x', '0'.repeat(40))).kind).toBe('invalid-input');
  });

  it('deletes a remote-only branch on push once deleted locally', async () => {
    const a = await cloned();
    a.remote.commitDirect('old', { f: 'f\n' }, 'old branch');
    value(await a.vcs.fetch('origin'));
    value(await a.vcs.deleteBranch('old'));
    expect(value(await a.vcs.branches()).find((b) => b.name === 'old')).toEqual({ name: 'old', remoteTargets: { origin: a.remote.head('old') } });
    value(await a.vcs.push({ remote: 'origin', branch: 'old' }));
    expect(a.remote.branches()).toEqual(['main']);
  });

  it('validates the log limit and stops at the first commit', async () => {
    const a = await cloned();
    expect(failure(await a.vcs.log(-1)).kind).toBe('invalid-input');
    expect(failure(await a.vcs.log(0)).kind).toBe('invalid-input');
    expect(failure(await a.vcs.log(1.5)).kind).toBe('invalid-input');
    expect(value(await a.vcs.log(10)).map((c) => c.description)).toEqual(['seed dotfiles']);
  });

  it('lets another tool delete files and branches on the remote', () => {
    const remote = new MemoryRemote({ files: SEED });
    remote.commitDirect('main', { dot_vimrc: null, 'dot_config/x': 'x\n' }, 'rework');
    expect(remote.files('main')).toEqual({ dot_bashrc: 'a\nb\nc\n', 'dot_config/x': 'x\n' });
    remote.deleteDirect('main');
    expect(remote.branches()).toEqual([]);
    expect(remote.read('main', 'dot_bashrc')).toBeUndefined();
  });
});

describe('memory backend: guided merge details', () => {
  const conflicted = async () => {
    const a = await cloned();
    a.remote.commitDirect('main', { dot_bashrc: 'X\nb\nc\n', dot_vimrc: null }, 'web edit');
    a.fs.write(`${a.path}/dot_bashrc`, 'Y\nb\nc\n');
    a.fs.write(`${a.path}/dot_vimrc`, 'set nonu\n');
    await commit(a.vcs, 'local edit');
    value(await a.vcs.fetch('origin'));
    const begin = a.vcs.beginMerge?.bind(a.vcs);
    const finish = a.vcs.finishMerge?.bind(a.vcs);
    if (begin === undefined || finish === undefined) throw new Error('no guided merge');
    return { ...a, begin, finish };
  };

  it('marks both sides, and a deleted-versus-edited file too', async () => {
    const a = await conflicted();
    expect(value(await a.begin({ remote: 'origin', branch: 'main' }, 'merge'))).toEqual({ status: 'conflicted', paths: ['dot_bashrc', 'dot_vimrc'] });
    expect(a.fs.read(`${a.path}/dot_bashrc`)).toBe('<<<<<<< local\nY\n=======\nX\n>>>>>>> main@origin\nb\nc\n');
    expect(a.fs.read(`${a.path}/dot_vimrc`)).toBe('<<<<<<< local\nset nonu\n=======\n>>>>>>> main@origin\n');
    expect(value(await a.vcs.status()).changes).toEqual([]);
  });

  it('refuses to commit, rebase or merge again while a merge waits', async () => {
    const a = await conflicted();
    value(await a.begin({ remote: 'origin', branch: 'main' }, 'merge'));
    expect(failure(await a.vcs.commitAll('x'))).toMatchObject({ kind: 'unsafe-state', state: 'merge-in-progress' });
    expect(failure(await a.vcs.rebase({ remote: 'origin', branch: 'main' }))).toMatchObject({ kind: 'unsafe-state' });
    expect(failure(await a.begin({ remote: 'origin', branch: 'main' }, 'merge'))).toMatchObject({ kind: 'unsafe-state' });
  });

  it('finishes only a merge that exists, onto a branch that exists', async () => {
    const a = await conflicted();
    expect(failure(await a.finish('done'))).toMatchObject({ kind: 'invalid-input' });
    expect(failure(await a.begin({ remote: 'origin', branch: 'nope' }, 'merge'))).toMatchObject({ kind: 'invalid-input' });
    expect(failure(await a.begin({ remote: 'origin', branch: '-x' }, 'merge'))).toMatchObject({ kind: 'invalid-input', field: 'branch' });
  });

  it('accepts a resolution that deletes the file', async () => {
    const a = await conflicted();
    value(await a.begin({ remote: 'origin', branch: 'main' }, 'merge'));
    a.fs.write(`${a.path}/dot_bashrc`, 'XY\nb\nc\n');
    a.fs.remove(`${a.path}/dot_vimrc`);
    const { head } = value(await a.finish('resolved'));
    expect(value(await a.vcs.log(1))).toMatchObject([{ id: head, description: 'resolved' }]);
    expect(value(await a.vcs.conflicts())).toEqual([]);
    value(await a.vcs.setBranch('main', head));
    value(await a.vcs.push({ remote: 'origin', branch: 'main' }));
    expect(a.remote.files('main')).toEqual({ dot_bashrc: 'XY\nb\nc\n' });
  });
});
