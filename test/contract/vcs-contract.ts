// The VCS contract: one set of scenarios, with the same expected Results, for every backend
// (jj, git, memory). A backend that passes it can stand in for any other under the sync engine.
// Each scenario builds a fresh environment: a remote whose main holds CONTRACT_SEED, two hosts.
import type { Result, ResultAsync } from 'neverthrow';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { SyncError } from '../../src/core/errors.js';
import type { BackendKind, CommitId, FileChange, Vcs, VcsFactory } from '../../src/core/vcs.js';

/** What the remote's main holds when an environment is made. */
export const CONTRACT_SEED: Readonly<Record<string, string>> = {
  dot_bashrc: '# bashrc\nexport EDITOR=vi\nalias ll="ls -l"\n',
  dot_gitconfig: '[core]\n\tautocrlf = false\n',
  'dot_config/nvim/init.lua': '-- nvim\nvim.o.number = true\n',
};

export type NetworkMode = 'online' | 'offline' | 'auth';

/** One simulated machine. */
export interface ContractHost {
  readonly name: string;
  /** The backend as this host runs it (its identity, config and network). */
  readonly factory: VcsFactory;
  /** Absolute path of this host's clone; absent until a scenario clones into it. */
  readonly path: string;
  /** Writes, reads, removes a file in the working copy (path relative to `path`). */
  write(rel: string, content: string): void;
  read(rel: string): string | undefined;
  remove(rel: string): void;
  /** Cuts this host off the remote ('offline': network errors, 'auth': the key is refused). */
  setNetwork(mode: NetworkMode): void;
  /**
   * A factory for this host that counts what the backend did outside itself: processes
   * started for a real backend, remote contacts for the memory backend.
   */
  probe(): { readonly factory: VcsFactory; calls(): number };
}

/** A throwaway world for one scenario. */
export interface ContractEnv {
  readonly kind: BackendKind;
  /** URL of the remote, as hosts clone it. */
  readonly url: string;
  readonly hosts: readonly [ContractHost, ContractHost];
  /** A file on a remote branch (default main), or undefined. */
  readRemote(rel: string, branch?: string): string | undefined;
  remoteBranches(): readonly string[];
  /** Another tool pushes one commit writing `files` to `branch` (default main); returns its id. */
  pushDirect(files: Readonly<Record<string, string>>, message: string, branch?: string): CommitId;
  /** An existing directory that is not a repository. */
  notARepo(): string;
  /** For backends that run a tool (capability `tool`): the same backend pointed at a binary that does not exist. */
  missingTool?(): VcsFactory;
  cleanup(): void;
}

export interface ContractCapabilities {
  /** The backend runs an external binary, so it can be missing (jj, git; not memory). */
  readonly tool: boolean;
  /** The backend offers guided resolution (`beginMerge` / `finishMerge`). */
  readonly guidedMerge: boolean;
}

export interface ContractOptions {
  readonly name: string;
  readonly capabilities: ContractCapabilities;
  readonly makeEnv: () => ContractEnv | Promise<ContractEnv>;
}

/** The value of an Ok, or a failure that shows the error. */
const value = <T>(r: Result<T, SyncError>): T => {
  if (r.isErr()) throw new Error(`expected Ok, got ${JSON.stringify(r.error, null, 2)}`);
  return r.value;
};

/** The error of an Err, or a failure that shows the value. */
const failure = <T>(r: Result<T, SyncError>): SyncError => {
  if (r.isOk()) throw new Error(`expected an error, got Ok(${JSON.stringify(r.value)})`);
  return r.error;
};

const byPath = (changes: readonly FileChange[]): FileChange[] => [...changes].sort((a, b) => (a.path < b.path ? -1 : 1));

const ORIGIN_MAIN = { remote: 'origin', branch: 'main' } as const;

/** What the sync does: commit, fetch, rebase onto origin/main, move main, push. Returns the new head. */
const publish = async (vcs: Vcs, message: string): Promise<CommitId> => {
  value(await vcs.commitAll(message));
  value(await vcs.fetch('origin'));
  const r = value(await vcs.rebase(ORIGIN_MAIN));
  if (r.status === 'conflict') throw new Error(`unexpected conflict on ${r.paths.join(', ')}`);
  value(await vcs.setBranch('main', r.head));
  value(await vcs.push(ORIGIN_MAIN));
  return r.head;
};

const headOf = async (vcs: Vcs): Promise<CommitId> => {
  const [head] = value(await vcs.log(1));
  if (head === undefined) throw new Error('the local line has no commit');
  return head.id;
};

/**
 * Registers the contract scenarios for one backend.
 *
 * @example
 * describeVcsContract({ name: 'memory', capabilities: { tool: false, guidedMerge: true }, makeEnv: memoryEnv });
 */
export const describeVcsContract = ({ name, capabilities, makeEnv }: ContractOptions): void => {
  const setup = async (): Promise<ContractEnv> => {
    const env = await makeEnv();
    onTestFinished(() => env.cleanup());
    return env;
  };
  const cloneBoth = async (env: ContractEnv): Promise<[Vcs, Vcs]> => {
    const [a, b] = env.hosts;
    return [value(await a.factory.clone(env.url, a.path)), value(await b.factory.clone(env.url, b.path))];
  };

  describe(`VCS contract: ${name}`, () => {
    it('clones the default branch into a clean working copy and reports the repository', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const vcs = value(await a.factory.clone(env.url, a.path));
      for (const [rel, content] of Object.entries(CONTRACT_SEED)) expect(a.read(rel)).toBe(content);
      expect(value(await vcs.status()).changes).toEqual([]);
      expect(value(await a.factory.isRepo(a.path))).toBe(true);
      const info = value(await vcs.info());
      expect(info).toMatchObject({ root: a.path, backend: env.kind, trunk: 'main' });
      expect(info.remotes).toEqual([{ name: 'origin', url: env.url }]);
      const opened = value(await a.factory.open(`${a.path}/dot_config/nvim`));
      expect(opened.root).toBe(a.path);
      const head = await headOf(vcs);
      expect(value(await vcs.branches()).find((b) => b.name === 'main')).toEqual({ name: 'main', target: head, remoteTargets: { origin: head } });
      value(await vcs.fetch('origin'));
      expect(value(await vcs.divergence('origin', 'main'))).toEqual({ ahead: [], behind: [], head, remoteHead: head });
    });

    it('reports uncommitted changes, commits them all, and then has nothing to commit', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const vcs = value(await a.factory.clone(env.url, a.path));
      const before = await headOf(vcs);
      a.write('dot_bashrc', '# bashrc\nexport EDITOR=nvim\n');
      a.write('dot_zshrc', 'bindkey -v\n');
      a.remove('dot_gitconfig');
      const expected: FileChange[] = [
        { path: 'dot_bashrc', kind: 'modified' },
        { path: 'dot_gitconfig', kind: 'deleted' },
        { path: 'dot_zshrc', kind: 'added' },
      ];
      expect(byPath(value(await vcs.status()).changes)).toEqual(expected);
      // Told the line whose divergence comes next, the same answer.
      expect(byPath(value(await vcs.status({ remote: 'origin', branch: 'main' })).changes)).toEqual(expected);

      const outcome = value(await vcs.commitAll('alpha: edit dotfiles', { remote: 'origin', branch: 'main' }));
      if (!outcome.committed) throw new Error('expected a commit');
      expect(outcome.commit).toMatchObject({ description: 'alpha: edit dotfiles', parents: [before] });
      expect(value(await vcs.status()).changes).toEqual([]);
      expect(value(await vcs.log(2)).map((c) => c.id)).toEqual([outcome.commit.id, before]);
      expect(a.read('dot_bashrc')).toBe('# bashrc\nexport EDITOR=nvim\n');

      expect(value(await vcs.commitAll('nothing'))).toEqual({ committed: false });
      expect(await headOf(vcs)).toBe(outcome.commit.id);
    });

    it('lists the paths changed between two commits', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const vcs = value(await a.factory.clone(env.url, a.path));
      const before = await headOf(vcs);
      a.write('dot_bashrc', '# bashrc\nexport EDITOR=nvim\n');
      a.write('dot_zshrc', 'bindkey -v\n');
      a.remove('dot_gitconfig');
      const outcome = value(await vcs.commitAll('alpha: edit dotfiles'));
      if (!outcome.committed) throw new Error('expected a commit');
      expect(byPath(value(await vcs.changedPaths(before, outcome.commit.id)))).toEqual([
        { path: 'dot_bashrc', kind: 'modified' },
        { path: 'dot_gitconfig', kind: 'deleted' },
        { path: 'dot_zshrc', kind: 'added' },
      ]);
      expect(byPath(value(await vcs.changedPaths(outcome.commit.id, before)))).toEqual([
        { path: 'dot_bashrc', kind: 'modified' },
        { path: 'dot_gitconfig', kind: 'added' },
        { path: 'dot_zshrc', kind: 'deleted' },
      ]);
      expect(value(await vcs.changedPaths(before, before))).toEqual([]);
    });

    it('lists every file version a push would publish and streams each whole, in order', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const vcs = value(await a.factory.clone(env.url, a.path));
      const published = await headOf(vcs);
      // Nothing local yet: nothing outgoing.
      expect(value(await vcs.outgoingFiles('origin', published))).toEqual([]);
      const big = `${'filler line\n'.repeat(20_000)}the end\n`;
      a.write('dot_big', big);
      a.write('dot_config/odd name [1].txt', 'first\n');
      const first = value(await vcs.commitAll('alpha: add two'));
      a.write('dot_config/odd name [1].txt', 'second\n');
      a.remove('dot_gitconfig');
      const second = value(await vcs.commitAll('alpha: edit one, delete one'));
      if (!first.committed || !second.committed) throw new Error('expected two commits');
      const files = value(await vcs.outgoingFiles('origin', second.commit.id));
      const key = (f: { commit: string; path: string }): string => `${f.commit === first.commit.id ? 1 : f.commit === second.commit.id ? 2 : '?'}:${f.path}`;
      expect(files.map(key).sort()).toEqual(['1:dot_big', '1:dot_config/odd name [1].txt', '2:dot_config/odd name [1].txt']);
      const read = new Map<string, Buffer[]>();
      value(await vcs.readFiles(files, (f, chunk) => read.set(key(f), [...(read.get(key(f)) ?? []), Buffer.from(chunk)])));
      expect(Buffer.concat(read.get('1:dot_big') ?? []).toString('utf8')).toBe(big);
      expect(Buffer.concat(read.get('1:dot_config/odd name [1].txt') ?? []).toString('utf8')).toBe('first\n');
      expect(Buffer.concat(read.get('2:dot_config/odd name [1].txt') ?? []).toString('utf8')).toBe('second\n');
      // Once published, nothing is outgoing any more; a commit id that is not hex never reaches a tool.
      value(await vcs.fetch('origin'));
      value(await vcs.setBranch('main', second.commit.id));
      value(await vcs.push(ORIGIN_MAIN));
      expect(value(await vcs.outgoingFiles('origin', second.commit.id))).toEqual([]);
      expect(failure(await vcs.outgoingFiles('origin', '--output=/tmp/x'))).toMatchObject({ kind: 'invalid-input' });
      expect(failure(await vcs.readFiles([{ commit: 'HEAD;id', path: 'x' }], () => undefined))).toMatchObject({ kind: 'invalid-input' });
    });

    it('two hosts changing different files both end up on the remote', async () => {
      const env = await setup();
      const [a, b] = env.hosts;
      const [va, vb] = await cloneBoth(env);
      a.write('dot_gitconfig', '[core]\n\tautocrlf = input\n');
      await publish(va, 'alpha: gitconfig');
      b.write('dot_config/nvim/init.lua', '-- nvim\nvim.o.number = false\n');
      value(await vb.commitAll('beta: nvim'));
      b.write('dot_zshrc', 'bindkey -v\n');
      value(await vb.commitAll('beta: zshrc'));
      value(await vb.fetch('origin'));
      const r = value(await vb.rebase(ORIGIN_MAIN));
      expect(r.status).toBe('rebased');
      expect(b.read('dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');
      expect(b.read('dot_config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
      expect(b.read('dot_zshrc')).toBe('bindkey -v\n');
      expect(value(await vb.log(3)).map((c) => c.description)).toEqual(['beta: zshrc', 'beta: nvim', 'alpha: gitconfig']);
      if (r.status === 'conflict') return;
      value(await vb.setBranch('main', r.head));
      value(await vb.push(ORIGIN_MAIN));
      expect(env.readRemote('dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');
      expect(env.readRemote('dot_config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
      expect(env.readRemote('dot_zshrc')).toBe('bindkey -v\n');

      value(await va.fetch('origin'));
      expect(value(await va.rebase(ORIGIN_MAIN))).toEqual({ status: 'rebased', head: r.head });
      expect(a.read('dot_config/nvim/init.lua')).toBe('-- nvim\nvim.o.number = false\n');
    });

    it('two hosts changing different lines of one file merge cleanly', async () => {
      const env = await setup();
      const [a, b] = env.hosts;
      const [va, vb] = await cloneBoth(env);
      a.write('dot_bashrc', '# bashrc (alpha)\nexport EDITOR=vi\nalias ll="ls -l"\n');
      await publish(va, 'alpha: bashrc title');
      b.write('dot_bashrc', '# bashrc\nexport EDITOR=vi\nalias ll="ls -la"\n');
      await publish(vb, 'beta: ll alias');
      const merged = '# bashrc (alpha)\nexport EDITOR=vi\nalias ll="ls -la"\n';
      expect(env.readRemote('dot_bashrc')).toBe(merged);
      expect(b.read('dot_bashrc')).toBe(merged);
    });

    it('two hosts changing the same line conflict: reported, restored, nothing lost or pushed', async () => {
      const env = await setup();
      const [a, b] = env.hosts;
      const [va, vb] = await cloneBoth(env);
      const alphaText = '# bashrc\nexport EDITOR=nano\nalias ll="ls -l"\n';
      const betaText = '# bashrc\nexport EDITOR=emacs\nalias ll="ls -l"\n';
      a.write('dot_bashrc', alphaText);
      const alphaHead = await publish(va, 'alpha: nano');
      b.write('dot_bashrc', betaText);
      const outcome = value(await vb.commitAll('beta: emacs'));
      if (!outcome.committed) throw new Error('expected a commit');
      value(await vb.fetch('origin'));

      expect(value(await vb.rebase(ORIGIN_MAIN))).toEqual({
        status: 'conflict',
        paths: ['dot_bashrc'],
        commits: [outcome.commit.id],
        restored: true,
      });
      expect(b.read('dot_bashrc')).toBe(betaText);
      expect(value(await vb.conflicts())).toEqual([]);
      expect(value(await vb.status()).changes).toEqual([]);
      expect(await headOf(vb)).toBe(outcome.commit.id);
      const d = value(await vb.divergence('origin', 'main'));
      expect(d.ahead.map((c) => c.id)).toEqual([outcome.commit.id]);
      expect(d.behind.map((c) => c.id)).toEqual([alphaHead]);
      expect(env.readRemote('dot_bashrc')).toBe(alphaText);

      // The sync then preserves the local side on a branch of its own.
      value(await vb.setBranch(`sync/${b.name}`, outcome.commit.id));
      value(await vb.push({ remote: 'origin', branch: `sync/${b.name}` }));
      expect(env.readRemote('dot_bashrc', `sync/${b.name}`)).toBe(betaText);
      expect(env.readRemote('dot_bashrc')).toBe(alphaText);
    });

    it('a file deleted on one host and edited on another conflicts; the edit is kept', async () => {
      const env = await setup();
      const [a, b] = env.hosts;
      const [va, vb] = await cloneBoth(env);
      a.remove('dot_gitconfig');
      await publish(va, 'alpha: drop gitconfig');
      b.write('dot_gitconfig', '[core]\n\tautocrlf = input\n');
      const outcome = value(await vb.commitAll('beta: gitconfig'));
      if (!outcome.committed) throw new Error('expected a commit');
      value(await vb.fetch('origin'));
      expect(value(await vb.rebase(ORIGIN_MAIN))).toEqual({
        status: 'conflict',
        paths: ['dot_gitconfig'],
        commits: [outcome.commit.id],
        restored: true,
      });
      expect(b.read('dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');
      expect(await headOf(vb)).toBe(outcome.commit.id);
      expect(env.readRemote('dot_gitconfig')).toBeUndefined();
    });

    it('the same edit made on two hosts leaves nothing to push after the rebase', async () => {
      const env = await setup();
      const [a, b] = env.hosts;
      const [va, vb] = await cloneBoth(env);
      const text = '# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n';
      a.write('dot_bashrc', text);
      const alphaHead = await publish(va, 'alpha: nvim');
      b.write('dot_bashrc', text);
      value(await vb.commitAll('beta: nvim too'));
      value(await vb.fetch('origin'));
      expect(value(await vb.rebase(ORIGIN_MAIN))).toEqual({ status: 'rebased', head: alphaHead });
      expect(value(await vb.divergence('origin', 'main'))).toMatchObject({ ahead: [], behind: [], head: alphaHead });
      expect(b.read('dot_bashrc')).toBe(text);
    });

    it('a host without local commits catches up by rebasing; then it is up to date', async () => {
      const env = await setup();
      const [a, b] = env.hosts;
      const [va, vb] = await cloneBoth(env);
      value(await vb.fetch('origin'));
      const before = await headOf(vb);
      expect(value(await vb.rebase(ORIGIN_MAIN))).toEqual({ status: 'up-to-date', head: before });
      a.write('dot_gitconfig', '[core]\n\tautocrlf = input\n');
      const alphaHead = await publish(va, 'alpha: gitconfig');
      value(await vb.fetch('origin'));
      expect(value(await vb.rebase(ORIGIN_MAIN))).toEqual({ status: 'rebased', head: alphaHead });
      expect(b.read('dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');
      expect(value(await vb.status()).changes).toEqual([]);
      expect(value(await vb.rebase(ORIGIN_MAIN))).toEqual({ status: 'up-to-date', head: alphaHead });
    });

    it('counts local commits ahead and remote commits behind, oldest first', async () => {
      const env = await setup();
      const [a, b] = env.hosts;
      const [va, vb] = await cloneBoth(env);
      const seedHead = await headOf(vb);
      a.write('dot_gitconfig', '[core]\n\tautocrlf = input\n');
      const a1 = value(await va.commitAll('alpha: one'));
      a.write('dot_zshrc', 'bindkey -v\n');
      const a2 = await publish(va, 'alpha: two');
      if (!a1.committed) throw new Error('expected a commit');
      b.write('dot_bashrc', '# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
      const b1 = value(await vb.commitAll('beta: one'));
      if (!b1.committed) throw new Error('expected a commit');

      const stale = value(await vb.divergence('origin', 'main'));
      expect(stale.ahead.map((c) => c.id)).toEqual([b1.commit.id]);
      expect(stale).toMatchObject({ behind: [], head: b1.commit.id, remoteHead: seedHead });

      value(await vb.fetch('origin'));
      const d = value(await vb.divergence('origin', 'main'));
      expect(d.ahead.map((c) => [c.id, c.description])).toEqual([[b1.commit.id, 'beta: one']]);
      expect(d.behind.map((c) => [c.id, c.description])).toEqual([
        [a1.commit.id, 'alpha: one'],
        [a2, 'alpha: two'],
      ]);
      expect(d).toMatchObject({ head: b1.commit.id, remoteHead: a2 });
      expect(value(await va.divergence('origin', 'main'))).toEqual({ ahead: [], behind: [], head: a2, remoteHead: a2 });
    });

    it('tells whether a commit is in the local line: its head and ancestors yes, other lines and unknown commits no', async () => {
      const env = await setup();
      const [a, b] = env.hosts;
      const [va, vb] = await cloneBoth(env);
      const seedHead = await headOf(vb);
      a.write('dot_gitconfig', '[core]\n\tautocrlf = input\n');
      const alphaHead = await publish(va, 'alpha: gitconfig');
      b.write('dot_bashrc', '# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
      const b1 = value(await vb.commitAll('beta: bashrc'));
      if (!b1.committed) throw new Error('expected a commit');
      const inLine = (vcs: Vcs, id: CommitId) => {
        if (vcs.inLine === undefined) throw new Error(`${name} lacks inLine`);
        return vcs.inLine(id);
      };
      expect(value(await inLine(vb, b1.commit.id))).toBe(true);
      expect(value(await inLine(vb, seedHead))).toBe(true);
      value(await vb.fetch('origin'));
      // Fetched but not integrated: another line.
      expect(value(await inLine(vb, alphaHead))).toBe(false);
      expect(value(await inLine(va, b1.commit.id))).toBe(false);
      expect(value(await inLine(vb, 'abcdef0123456789abcdef0123456789abcdef01'))).toBe(false);
    });

    it('a push after the remote moved is rejected; fetch, rebase and push again succeed', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const va = value(await a.factory.clone(env.url, a.path));
      env.pushDirect({ dot_gitconfig: '[core]\n\tautocrlf = true\n' }, 'edited on the web');
      a.write('dot_bashrc', '# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
      const c = value(await va.commitAll('alpha: nvim'));
      if (!c.committed) throw new Error('expected a commit');
      value(await va.setBranch('main', c.commit.id));
      expect(failure(await va.push(ORIGIN_MAIN))).toMatchObject({ kind: 'rejected' });
      expect(env.readRemote('dot_bashrc')).toBe(CONTRACT_SEED['dot_bashrc']);
      expect(env.readRemote('dot_gitconfig')).toBe('[core]\n\tautocrlf = true\n');

      const head = await publish(va, 'alpha: retry');
      expect(env.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
      expect(env.readRemote('dot_gitconfig')).toBe('[core]\n\tautocrlf = true\n');
      // A push with nothing new to send succeeds and changes nothing.
      value(await va.push(ORIGIN_MAIN));
      expect(value(await va.divergence('origin', 'main'))).toEqual({ ahead: [], behind: [], head, remoteHead: head });
    });

    it('an unreachable remote fails fetch and push with `network`, keeping local work', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const va = value(await a.factory.clone(env.url, a.path));
      a.write('dot_bashrc', '# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
      const c = value(await va.commitAll('alpha: nvim'));
      if (!c.committed) throw new Error('expected a commit');
      value(await va.setBranch('main', c.commit.id));
      a.setNetwork('offline');
      expect(failure(await va.fetch('origin'))).toMatchObject({ kind: 'network' });
      expect(failure(await va.push(ORIGIN_MAIN))).toMatchObject({ kind: 'network' });
      expect(await headOf(va)).toBe(c.commit.id);
      expect(env.readRemote('dot_bashrc')).toBe(CONTRACT_SEED['dot_bashrc']);

      a.setNetwork('online');
      value(await va.fetch('origin'));
      value(await va.push(ORIGIN_MAIN));
      expect(env.readRemote('dot_bashrc')).toBe('# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
    });

    it('a refused key fails fetch with `auth`', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const va = value(await a.factory.clone(env.url, a.path));
      a.setNetwork('auth');
      expect(failure(await va.fetch('origin'))).toMatchObject({ kind: 'auth' });
    });

    it('a directory that is not a repository is `not-a-repo`', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const dir = env.notARepo();
      expect(value(await a.factory.isRepo(dir))).toBe(false);
      expect(failure(await a.factory.open(dir))).toMatchObject({ kind: 'not-a-repo' });
      expect(failure(await a.factory.open(a.path))).toMatchObject({ kind: 'not-a-repo' });
    });

    if (capabilities.tool) {
      it('a missing binary is `tool-missing`', async () => {
        const env = await setup();
        const [a] = env.hosts;
        value(await a.factory.clone(env.url, a.path));
        const missing = env.missingTool?.();
        if (missing === undefined) throw new Error('a backend with the `tool` capability must provide missingTool()');
        expect(failure(await missing.check())).toMatchObject({ kind: 'tool-missing' });
        expect(failure(await missing.open(a.path))).toMatchObject({ kind: 'tool-missing' });
      });
    }

    it('refuses hostile URLs with `invalid-input` before doing anything', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const probe = a.probe();
      for (const url of ['ext::sh -c touch% /tmp/pwned', '--upload-pack=touch /tmp/pwned', '-oProxyCommand=id', 'ssh://-oProxyCommand=id/x', '']) {
        expect(failure(await probe.factory.clone(url, a.path))).toMatchObject({ kind: 'invalid-input' });
      }
      expect(probe.calls()).toBe(0);
      expect(value(await a.factory.isRepo(a.path))).toBe(false);
    });

    it('refuses to clone into a directory that is not empty, and leaves what is there as it is', async () => {
      const env = await setup();
      const [a] = env.hosts;
      a.write('notes.txt', 'mine\n');
      expect(failure(await a.factory.clone(env.url, a.path))).toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('not an empty directory') });
      expect(a.read('notes.txt')).toBe('mine\n');
      expect(value(await a.factory.isRepo(a.path))).toBe(false);
    });

    it('refuses hostile branch, remote and commit names with `invalid-input` before doing anything', async () => {
      const env = await setup();
      const [a] = env.hosts;
      value(await a.factory.clone(env.url, a.path));
      const probe = a.probe();
      const vcs = value(await probe.factory.open(a.path));
      const head = await headOf(vcs);
      const calls = probe.calls();
      const attempts: (() => ResultAsync<unknown, SyncError>)[] = [
        () => vcs.setBranch('-f', head),
        () => vcs.setBranch('main..evil', head),
        () => vcs.setBranch('a b', head),
        () => vcs.setBranch('x@{1}', head),
        () => vcs.setBranch('sync/ok', '--all'),
        () => vcs.deleteBranch('--all'),
        () => vcs.push({ remote: 'origin', branch: '--force' }),
        () => vcs.push({ remote: '--mirror', branch: 'main' }),
        () => vcs.push({ remote: 'ext::sh', branch: 'main' }),
        () => vcs.fetch('--upload-pack=touch /tmp/pwned'),
        () => vcs.divergence('origin', '-x'),
        () => vcs.rebase({ remote: 'origin', branch: '@{-1}' }),
        () => vcs.changedPaths('--output=/tmp/pwned', head),
        () => vcs.changedPaths(head, 'HEAD;rm -rf ~'),
        () => vcs.commitAll('   '),
      ];
      // One at a time: a backend that did spawn must not race itself.
      for (const attempt of attempts) expect(failure(await attempt())).toMatchObject({ kind: 'invalid-input' });
      expect(probe.calls()).toBe(calls);
      expect(env.remoteBranches()).toEqual(['main']);
    });

    it('a new branch is pushed to the remote, and deleting it and pushing removes it there', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const va = value(await a.factory.clone(env.url, a.path));
      a.write('dot_bashrc', '# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
      const c = value(await va.commitAll('alpha: nvim'));
      if (!c.committed) throw new Error('expected a commit');
      const branch = `sync/${a.name}`;
      value(await va.setBranch(branch, c.commit.id));
      value(await va.push({ remote: 'origin', branch }));
      expect(env.remoteBranches()).toEqual(['main', branch]);
      expect(env.readRemote('dot_bashrc', branch)).toBe('# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
      expect(env.readRemote('dot_bashrc')).toBe(CONTRACT_SEED['dot_bashrc']);
      expect(value(await va.branches()).find((x) => x.name === branch)).toEqual({
        name: branch,
        target: c.commit.id,
        remoteTargets: { origin: c.commit.id },
      });

      value(await va.deleteBranch(branch));
      value(await va.push({ remote: 'origin', branch }));
      expect(env.remoteBranches()).toEqual(['main']);
      expect(value(await va.branches()).map((x) => x.name)).toEqual(['main']);
    });

    it('a fetch shows a branch another tool created, on the remote only', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const va = value(await a.factory.clone(env.url, a.path));
      const id = env.pushDirect({ 'dot_config/fish/config.fish': 'set -g fish_greeting\n' }, 'fish config', 'feature');
      value(await va.fetch('origin'));
      expect(value(await va.branches()).find((x) => x.name === 'feature')).toEqual({ name: 'feature', remoteTargets: { origin: id } });
    });

    it('restores a checkpoint: commits, branches and files as they were', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const va = value(await a.factory.clone(env.url, a.path));
      const before = await headOf(va);
      const cp = value(await va.checkpoint());
      expect(cp.backend).toBe(env.kind);
      a.write('dot_bashrc', '# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
      a.write('dot_zshrc', 'bindkey -v\n');
      const c = value(await va.commitAll('alpha: nvim'));
      if (!c.committed) throw new Error('expected a commit');
      value(await va.setBranch('sync/checkpoint', c.commit.id));

      value(await va.restore(cp));
      expect(await headOf(va)).toBe(before);
      expect(a.read('dot_bashrc')).toBe(CONTRACT_SEED['dot_bashrc']);
      expect(a.read('dot_zshrc')).toBeUndefined();
      expect(value(await va.status()).changes).toEqual([]);
      expect(value(await va.branches()).map((x) => x.name)).toEqual(['main']);
    });

    it('restores a checkpoint taken right after status: the edits it saw are edits again, a save made after it is never dropped', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const va = value(await a.factory.clone(env.url, a.path));
      a.write('dot_zshrc', 'bindkey -v\n');
      a.write('dot_bashrc', '# bashrc, edited in the source dir\n');
      expect(value(await va.status()).changes).toEqual([
        { path: 'dot_bashrc', kind: 'modified' },
        { path: 'dot_zshrc', kind: 'added' },
      ]);
      const cp = value(await va.checkpoint({ afterStatus: true }));
      expect(cp.backend).toBe(env.kind);
      value(await va.commitAll('alpha: zshrc'));
      value(await va.restore(cp));
      expect(value(await va.log(3)).map((c) => c.description)).not.toContain('alpha: zshrc');
      // Committed by the undone commit, yet edits of the person: back on disk, uncommitted.
      expect(a.read('dot_zshrc')).toBe('bindkey -v\n');
      expect(a.read('dot_bashrc')).toBe('# bashrc, edited in the source dir\n');
      expect(value(await va.status()).changes).toEqual([
        { path: 'dot_bashrc', kind: 'modified' },
        { path: 'dot_zshrc', kind: 'added' },
      ]);

      const cp2 = value(await va.checkpoint({ afterStatus: true }));
      a.write('dot_bashrc', '# bashrc\nexport EDITOR=nvim\n');
      // Refused (jj, memory) or kept in place (git's `reset --keep` with nothing to move): never dropped.
      const r = await va.restore(cp2);
      if (r.isErr()) expect(r.error).toMatchObject({ kind: 'unsafe-state' });
      expect(a.read('dot_bashrc')).toBe('# bashrc\nexport EDITOR=nvim\n');
    });

    it('refuses to restore over an uncommitted edit the checkpoint lacks', async () => {
      const env = await setup();
      const [a] = env.hosts;
      const va = value(await a.factory.clone(env.url, a.path));
      const cp = value(await va.checkpoint());
      a.write('dot_zshrc', 'bindkey -v\n');
      value(await va.commitAll('alpha: zshrc'));
      a.write('dot_bashrc', '# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
      expect(failure(await va.restore(cp))).toMatchObject({ kind: 'unsafe-state' });
      expect(a.read('dot_bashrc')).toBe('# bashrc\nexport EDITOR=nvim\nalias ll="ls -l"\n');
      expect(a.read('dot_zshrc')).toBe('bindkey -v\n');
    });

    it('restores a checkpoint taken before a rebase: local line and files as they were', async () => {
      const env = await setup();
      const [a, b] = env.hosts;
      const [va, vb] = await cloneBoth(env);
      a.write('dot_gitconfig', '[core]\n\tautocrlf = input\n');
      await publish(va, 'alpha: gitconfig');
      b.write('dot_zshrc', 'bindkey -v\n');
      const c = value(await vb.commitAll('beta: zshrc'));
      if (!c.committed) throw new Error('expected a commit');
      const cp = value(await vb.checkpoint());
      value(await vb.fetch('origin'));
      expect(value(await vb.rebase(ORIGIN_MAIN)).status).toBe('rebased');
      expect(b.read('dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');

      value(await vb.restore(cp));
      expect(await headOf(vb)).toBe(c.commit.id);
      expect(b.read('dot_gitconfig')).toBe(CONTRACT_SEED['dot_gitconfig']);
      expect(b.read('dot_zshrc')).toBe('bindkey -v\n');
      expect(value(await vb.status()).changes).toEqual([]);
    });

    if (capabilities.guidedMerge) {
      const merging = (vcs: Vcs): Required<Pick<Vcs, 'beginMerge' | 'finishMerge'>> => {
        const { beginMerge, finishMerge } = vcs;
        if (beginMerge === undefined || finishMerge === undefined) throw new Error('the backend claims guidedMerge but lacks beginMerge/finishMerge');
        return { beginMerge: beginMerge.bind(vcs), finishMerge: finishMerge.bind(vcs) };
      };
      const conflicting = async (env: ContractEnv) => {
        const [a, b] = env.hosts;
        const [va, vb] = await cloneBoth(env);
        a.write('dot_bashrc', '# bashrc\nexport EDITOR=nano\nalias ll="ls -l"\n');
        const alphaHead = await publish(va, 'alpha: nano');
        b.write('dot_bashrc', '# bashrc\nexport EDITOR=emacs\nalias ll="ls -l"\n');
        const c = value(await vb.commitAll('beta: emacs'));
        if (!c.committed) throw new Error('expected a commit');
        value(await vb.fetch('origin'));
        return { b, vb, alphaHead, betaHead: c.commit.id };
      };

      it('guided merge: a clean merge is committed at once and can be pushed', async () => {
        const env = await setup();
        const [a, b] = env.hosts;
        const [va, vb] = await cloneBoth(env);
        a.write('dot_gitconfig', '[core]\n\tautocrlf = input\n');
        const alphaHead = await publish(va, 'alpha: gitconfig');
        b.write('dot_zshrc', 'bindkey -v\n');
        expect(failure(await merging(vb).beginMerge(ORIGIN_MAIN, 'beta: merge'))).toMatchObject({ kind: 'unsafe-state' });
        const c = value(await vb.commitAll('beta: zshrc'));
        if (!c.committed) throw new Error('expected a commit');
        value(await vb.fetch('origin'));
        const r = value(await merging(vb).beginMerge(ORIGIN_MAIN, 'beta: merge'));
        if (r.status !== 'merged') throw new Error(`expected a clean merge, got ${JSON.stringify(r)}`);
        const [top] = value(await vb.log(1));
        expect(top?.id).toBe(r.head);
        expect([...(top?.parents ?? [])].sort()).toEqual([alphaHead, c.commit.id].sort());
        expect(b.read('dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');
        expect(value(await vb.status()).changes).toEqual([]);
        value(await vb.setBranch('main', r.head));
        value(await vb.push(ORIGIN_MAIN));
        expect(env.readRemote('dot_gitconfig')).toBe('[core]\n\tautocrlf = input\n');
        expect(env.readRemote('dot_zshrc')).toBe('bindkey -v\n');
      });

      it('guided merge: conflicts wait in the files until a person resolves them; then it pushes', async () => {
        const env = await setup();
        const { b, vb, alphaHead, betaHead } = await conflicting(env);
        expect(value(await merging(vb).beginMerge(ORIGIN_MAIN, 'beta: merge main'))).toEqual({ status: 'conflicted', paths: ['dot_bashrc'] });
        expect(b.read('dot_bashrc')).toContain('<<<<<<<');
        expect(value(await vb.conflicts())).toEqual(['dot_bashrc']);
        expect(failure(await merging(vb).finishMerge('beta: resolved'))).toMatchObject({ kind: 'conflict', paths: ['dot_bashrc'] });

        const resolved = '# bashrc\nexport EDITOR=emacs # was nano on alpha\nalias ll="ls -l"\n';
        b.write('dot_bashrc', resolved);
        expect(value(await vb.conflicts())).toEqual([]);
        const { head } = value(await merging(vb).finishMerge('beta: resolved'));
        const [top] = value(await vb.log(1));
        expect(top?.id).toBe(head);
        expect([...(top?.parents ?? [])].sort()).toEqual([alphaHead, betaHead].sort());
        expect(value(await vb.status()).changes).toEqual([]);
        value(await vb.setBranch('main', head));
        value(await vb.push(ORIGIN_MAIN));
        expect(env.readRemote('dot_bashrc')).toBe(resolved);
      });

      it('guided merge: restoring the checkpoint aborts it without markers', async () => {
        const env = await setup();
        const { b, vb, betaHead } = await conflicting(env);
        const cp = value(await vb.checkpoint());
        expect(value(await merging(vb).beginMerge(ORIGIN_MAIN, 'beta: merge main'))).toMatchObject({ status: 'conflicted' });
        value(await vb.restore(cp));
        expect(b.read('dot_bashrc')).toBe('# bashrc\nexport EDITOR=emacs\nalias ll="ls -l"\n');
        expect(value(await vb.conflicts())).toEqual([]);
        expect(await headOf(vb)).toBe(betaHead);
        expect(value(await vb.status()).changes).toEqual([]);
      });
    }
  });
};
