// memoryFactory: a VcsFactory over a MemoryFs and named MemoryRemotes, for tests of code that
// drives the VCS port. Same validation and outcomes as the jj and git backends, no processes.
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import { invalidInput, notARepo, type SyncError } from '../../core/errors.js';
import { validatePath, validateRepoUrl } from '../../core/validate.js';
import type { CommitId, ToolVersion, Vcs, VcsFactory } from '../../core/vcs.js';
import { VERSION } from '../../version.js';
import { tickingClock } from './clock.js';
import type { MemoryFs } from './fs.js';
import { copyCommits, ROOT_ID, type Author } from './model.js';
import type { MemoryRemote } from './remote.js';
import { addRepo, findRepo, normalizePath, repoAt, writeWorkingCopy, type Actor, type RepoState } from './state.js';
import { deferred, MemoryVcs } from './vcs.js';

/**
 * Options of `memoryFactory`.
 *
 * @example
 * memoryFactory({ fs, remotes: { origin: remote }, host: 'laptop', clock: () => new Date('2030-01-01') });
 */
export interface MemoryFactoryOptions {
  /** Holds the working copies (share it with the chezmoi fake for HOME and the source dir). */
  readonly fs: MemoryFs;
  /**
   * Remotes that `clone` can reach: `memory://<key>` or the key itself as the URL
   * (so a test may register `'git@github.com:me/dotfiles.git'`).
   */
  readonly remotes?: Readonly<Record<string, MemoryRemote>>;
  /** The simulated machine: the author of its commits and the target of host-specific faults. */
  readonly host?: string;
  /** Commit author (default `User on <host> <user@<host>.example>`). */
  readonly author?: Author;
  /** Clock for commit timestamps (default: a deterministic clock ticking one second per commit). */
  readonly clock?: () => Date;
}

/**
 * What `inspect` shows of a memory repository, for assertions a port cannot make.
 *
 * @example
 * factory.inspect('/laptop/src')?.setConflicted(['dot_bashrc']); // as if a person left a conflict
 */
export interface MemoryRepoView {
  readonly root: string;
  readonly head: CommitId;
  readonly branches: Readonly<Record<string, CommitId>>;
  /** Puts the working copy in a conflicted state (as a person might leave it), or clears it with []. */
  setConflicted(paths: readonly string[]): void;
}

/**
 * A VcsFactory of kind `memory`, plus a look inside its repositories.
 *
 * @example
 * const factory: MemoryVcsFactory = memoryFactory({ fs, remotes: { origin: remote } });
 * factory.inspect('/laptop/src')?.head; // the commit id of the local line's head
 */
export interface MemoryVcsFactory extends VcsFactory {
  readonly kind: 'memory';
  /** The repository at (or above) `path`, if any. */
  inspect(path: string): MemoryRepoView | undefined;
}

const REMOTE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Finds the remote a URL names, after the same safety checks as the real backends.
 * @example remoteAtUrl('memory://origin', { origin: remote }) // ok(remote)
 */
export const remoteAtUrl = (url: string, remotes: Readonly<Record<string, MemoryRemote>>): Result<MemoryRemote, SyncError> => {
  const key = /^memory:\/\/(.*)$/i.exec(url)?.[1];
  if (key !== undefined && !REMOTE_KEY.test(key)) {
    return err(invalidInput('url', url, `invalid repository URL ${JSON.stringify(url)}: the remote name must be a plain word`));
  }
  const checked: Result<string, SyncError> = key !== undefined ? ok(key) : validateRepoUrl(url);
  return checked.andThen((k) => {
    const remote = Object.hasOwn(remotes, k) ? remotes[k] : undefined;
    return remote === undefined ? err(notARepo(url, { hint: 'register the remote in memoryFactory({ remotes })' })) : ok(remote);
  });
};

const emptyState = (root: string): RepoState => ({
  root,
  commits: new Map(),
  head: ROOT_ID,
  branches: new Map(),
  tracking: new Map(),
  pendingDeletes: new Set(),
  remotes: new Map(),
  trunk: undefined,
  checkpoints: new Map(),
  conflicted: [],
  merging: undefined,
});

/**
 * Creates the in-memory VCS backend: deterministic repositories whose working copies live in a
 * MemoryFs, cloned from and pushed to MemoryRemotes. Use one factory per simulated host.
 *
 * @example
 * const fs = new MemoryFs();
 * const remote = new MemoryRemote({ files: { dot_bashrc: '# bashrc\n' } });
 * const laptop = memoryFactory({ fs, remotes: { origin: remote }, host: 'laptop' });
 * const vcs = (await laptop.clone('memory://origin', '/laptop/src'))._unsafeUnwrap();
 * fs.write('/laptop/src/dot_bashrc', '# edited\n');
 * await vcs.commitAll('edit');
 */
export const memoryFactory = (options: MemoryFactoryOptions): MemoryVcsFactory => {
  const { fs } = options;
  const host = options.host ?? 'memory';
  const actor: Actor = {
    host,
    author: options.author ?? { name: `User on ${host}`, email: `user@${host}.example` },
    clock: options.clock ?? tickingClock(),
  };
  const remotes = options.remotes ?? {};
  const handle = (state: RepoState): Vcs => new MemoryVcs(fs, state, actor);
  const path = (p: string): Result<string, SyncError> => validatePath(p).map(normalizePath);

  const clone = (url: string, dest: string): ResultAsync<Vcs, SyncError> =>
    deferred(() =>
      path(dest).andThen((root) =>
        remoteAtUrl(url, remotes).andThen((remote) => {
          if (repoAt(fs, root) !== undefined || fs.exists(root) || fs.list(root).length > 0) {
            return err(invalidInput('path', dest, `${dest} exists and is not an empty directory`));
          }
          return remote.serveFetch(host, url).map((snap) => {
            const state = emptyState(root);
            for (const id of snap.refs.values()) copyCommits(snap.commits, state.commits, id);
            state.tracking.set('origin', new Map(snap.refs));
            state.remotes.set('origin', { url, remote });
            state.trunk = snap.defaultBranch;
            const head = snap.refs.get(snap.defaultBranch);
            if (head !== undefined) {
              state.head = head;
              state.branches.set(snap.defaultBranch, head);
            }
            addRepo(fs, state);
            writeWorkingCopy(fs, root, state.commits.get(state.head)?.tree ?? new Map());
            return handle(state);
          });
        }),
      ),
    );

  return {
    kind: 'memory',
    check: () => deferred(() => ok<readonly ToolVersion[]>([{ tool: 'memory', version: VERSION, path: 'memory' }])),
    open: (p) =>
      deferred(() =>
        path(p).andThen((root) => {
          const state = findRepo(fs, root);
          return state === undefined ? err(notARepo(p)) : ok(handle(state));
        }),
      ),
    init: (p) =>
      deferred(() =>
        path(p).map((root) => {
          const state = repoAt(fs, root) ?? emptyState(root);
          addRepo(fs, state);
          return handle(state);
        }),
      ),
    clone,
    isRepo: (p) => deferred(() => path(p).map((root) => repoAt(fs, root) !== undefined)),
    inspect: (p) => {
      const state = findRepo(fs, p);
      if (state === undefined) return undefined;
      return {
        root: state.root,
        head: state.head,
        branches: Object.fromEntries(state.branches),
        setConflicted: (paths) => {
          state.conflicted = [...paths];
        },
      };
    },
  };
};
