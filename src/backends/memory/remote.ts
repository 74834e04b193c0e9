// The remote of the memory backend: named branches pointing into a commit store, with the
// failures of a real remote on demand and helpers for tests to look inside or act as another tool.
import { err, ok, type Result } from 'neverthrow';
import { rejected, type SyncError } from '../../core/errors.js';
import type { CommitId } from '../../core/vcs.js';
import { tickingClock } from './clock.js';
import { faultError, MemoryFaults, type FaultOp } from './faults.js';
import { copyCommits, makeCommit, treeOf, type Author, type CommitStore, type MemoryCommit } from './model.js';

/**
 * Options of a MemoryRemote.
 *
 * @example
 * new MemoryRemote({ files: { dot_bashrc: '# bashrc\n' }, branch: 'trunk' });
 */
export interface MemoryRemoteOptions {
  /** Files committed to `branch` when the remote is created; none: the remote starts empty. */
  readonly files?: Readonly<Record<string, string>>;
  /** The default branch (what a clone checks out): 'main'. */
  readonly branch?: string;
  /** Clock of commits made with `commitDirect` (a deterministic ticking clock by default). */
  readonly clock?: () => Date;
  /** Author of commits made with `commitDirect`. */
  readonly author?: Author;
}

/** What a fetch hands over (internal to the memory backend, exported for its tests). */
export interface RemoteSnapshot {
  readonly refs: ReadonlyMap<string, CommitId>;
  readonly commits: CommitStore;
  readonly defaultBranch: string;
}

/**
 * An in-memory remote repository: what `memoryFactory` clones, fetches from and pushes to.
 *
 * @example
 * const remote = new MemoryRemote({ files: { dot_bashrc: 'export EDITOR=vi\n' } });
 * remote.commitDirect('main', { dot_bashrc: 'export EDITOR=nvim\n' }, 'edit on the web');
 * remote.faults.inject({ kind: 'network', op: 'fetch' }); // the next fetch fails
 * remote.read('main', 'dot_bashrc'); // 'export EDITOR=nvim\n'
 */
export class MemoryRemote {
  /** Faults injected into the next fetches and pushes. */
  readonly faults = new MemoryFaults();
  /** How often the remote was contacted (failed attempts included). */
  readonly stats = { fetches: 0, pushes: 0 };
  readonly defaultBranch: string;
  private readonly commits: CommitStore = new Map();
  private readonly refs = new Map<string, CommitId>();
  private readonly clock: () => Date;
  private readonly author: Author;
  private allDown = false;
  private readonly downHosts = new Set<string>();
  private rejections = 0;

  constructor(options: MemoryRemoteOptions = {}) {
    this.defaultBranch = options.branch ?? 'main';
    this.clock = options.clock ?? tickingClock('2024-12-31T00:00:00Z');
    this.author = options.author ?? { name: 'Another Tool', email: 'tool@memory.invalid' };
    if (options.files !== undefined) this.commitDirect(this.defaultBranch, options.files, 'seed dotfiles');
  }

  /** Branch names, sorted. */
  branches(): string[] {
    return [...this.refs.keys()].sort();
  }

  /** The commit a branch points to, or undefined when the branch does not exist. */
  head(branch: string): CommitId | undefined {
    return this.refs.get(branch);
  }

  /** A file as `branch` holds it, or undefined. */
  read(branch: string, path: string): string | undefined {
    const id = this.refs.get(branch);
    return id === undefined ? undefined : treeOf(this.commits, id).get(path);
  }

  /** Every file on `branch` (path → content); empty when the branch does not exist. */
  files(branch: string): Record<string, string> {
    const id = this.refs.get(branch);
    return Object.fromEntries(id === undefined ? [] : treeOf(this.commits, id));
  }

  /** A commit by id, if the remote has it. */
  commit(id: CommitId): MemoryCommit | undefined {
    return this.commits.get(id);
  }

  /**
   * Acts as another tool pushing straight to the remote: a commit on top of `branch` (created
   * when missing) that writes `files` (`null` deletes a file). Returns the new commit id.
   */
  commitDirect(branch: string, files: Readonly<Record<string, string | null>>, message: string): CommitId {
    const parent = this.refs.get(branch);
    const tree = new Map(parent === undefined ? [] : treeOf(this.commits, parent));
    for (const [path, content] of Object.entries(files)) {
      if (content === null) tree.delete(path);
      else tree.set(path, content);
    }
    const c = makeCommit({
      parents: parent === undefined ? [] : [parent],
      tree,
      message,
      author: { ...this.author, timestamp: this.clock().toISOString() },
    });
    this.commits.set(c.id, c);
    this.refs.set(branch, c.id);
    return c.id;
  }

  /** Deletes a branch as another tool would. */
  deleteDirect(branch: string): void {
    this.refs.delete(branch);
  }

  /**
   * Makes the remote unreachable (network errors) for every host, or only for `host`.
   * `setReachable(true)` without a host makes it reachable for everyone again.
   */
  setReachable(reachable: boolean, host?: string): void {
    if (host !== undefined) {
      if (reachable) this.downHosts.delete(host);
      else this.downHosts.add(host);
      return;
    }
    this.allDown = !reachable;
    if (reachable) this.downHosts.clear();
  }

  /** The next push is rejected as if another host had pushed first (the remote does not change). */
  rejectNextPush(times = 1): void {
    this.rejections += times;
  }

  /** @internal Used by the memory backend: serves a fetch or clone. */
  serveFetch(host: string, label: string): Result<RemoteSnapshot, SyncError> {
    this.stats.fetches++;
    const fault = this.fault('fetch', host, label);
    if (fault !== undefined) return err(fault);
    return ok({ refs: new Map(this.refs), commits: new Map(this.commits), defaultBranch: this.defaultBranch });
  }

  /**
   * @internal Used by the memory backend: moves (or, with `target` undefined, deletes) `branch`
   * if it is still at `expected` (undefined: absent) — a push with lease.
   */
  servePush(
    host: string,
    label: string,
    push: { branch: string; expected: CommitId | undefined; target: CommitId | undefined; commits: CommitStore },
  ): Result<void, SyncError> {
    this.stats.pushes++;
    const fault = this.fault('push', host, label);
    if (fault !== undefined) return err(fault);
    const stale = (): Result<void, SyncError> =>
      err(rejected(`push of ${push.branch} to ${label} was rejected: the remote branch moved (stale info)`, push.branch, { command: ['memory', 'push', label, push.branch], exitCode: 1 }));
    if (this.rejections > 0) {
      this.rejections--;
      return stale();
    }
    if (this.refs.get(push.branch) !== push.expected) return stale();
    if (push.target === undefined) this.refs.delete(push.branch);
    else {
      copyCommits(push.commits, this.commits, push.target);
      this.refs.set(push.branch, push.target);
    }
    return ok(undefined);
  }

  private fault(op: FaultOp, host: string, label: string): SyncError | undefined {
    if (this.allDown || this.downHosts.has(host)) return faultError('network', op, label);
    return this.faults.take(op, host, label);
  }
}
