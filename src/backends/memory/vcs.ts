// The Vcs port over a memory repository. Each method validates its inputs exactly as the real
// backends do, then works on the RepoState and the MemoryFs; results arrive asynchronously,
// like a real tool's, and nothing throws across the port.
import { err, errAsync, ok, okAsync, ResultAsync, type Result } from 'neverthrow';
import { commandFailed, invalidInput, type SyncError } from '../../core/errors.js';
import { validateMessage, validateRefName, validateRemoteName } from '../../core/validate.js';
import type {
  BranchInfo,
  Checkpoint,
  CommitId,
  CommitInfo,
  CommitOutcome,
  Divergence,
  FileChange,
  MergeOutcome,
  OutgoingFile,
  PushOptions,
  RebaseOutcome,
  RepoInfo,
  Vcs,
  WorkingCopyStatus,
} from '../../core/vcs.js';
import type { MemoryFs } from './fs.js';
import { restoreCheckpoint, takeCheckpoint } from './checkpoint.js';
import { beginMerge, finishMerge, mergeConflicts, notMerging } from './merge.js';
import { ancestors, commitsBetween, copyCommits, diffTrees, makeCommit, ROOT_ID, toCommitInfo, treeOf } from './model.js';
import { planRebase } from './rebase.js';
import { readWorkingCopy, workingChanges, writeWorkingCopy, type Actor, type RemoteLink, type RepoState } from './state.js';

const MEMORY_CHUNK = 16 * 1024;

/** Runs a synchronous step as a ResultAsync; a bug that throws becomes an error, never a rejection. */
export const deferred = <T>(step: () => Result<T, SyncError>): ResultAsync<T, SyncError> =>
  ResultAsync.fromSafePromise(Promise.resolve()).andThen(() => {
    try {
      return step();
    } catch (e) {
      return err(commandFailed(`memory backend failed: ${String(e)}`));
    }
  });

const fromResult = <T>(r: Result<T, SyncError>): ResultAsync<T, SyncError> => (r.isOk() ? okAsync(r.value) : errAsync(r.error));

/**
 * A Vcs over one memory repository. Create it with `memoryFactory`, never directly.
 *
 * @example
 * const vcs = (await memoryFactory({ fs, remotes: { origin: remote } }).clone('memory://origin', '/src'))._unsafeUnwrap();
 * await vcs.status(); // ok({ changes: [] })
 */
export class MemoryVcs implements Vcs {
  readonly kind = 'memory' as const;
  /** A fetch changes the state in one step: reads never see half of it. */
  readonly readsDuringFetch = true;
  readonly root: string;

  constructor(
    private readonly fs: MemoryFs,
    private readonly state: RepoState,
    private readonly actor: Actor,
  ) {
    this.root = state.root;
  }

  info(): ResultAsync<RepoInfo, SyncError> {
    return deferred(() => {
      const remotes = [...this.state.remotes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, l]) => ({ name, url: l.url }));
      const trunk = this.state.trunk;
      return ok({ root: this.root, backend: 'memory', colocated: false, remotes, ...(trunk !== undefined ? { trunk } : {}) });
    });
  }

  status(): ResultAsync<WorkingCopyStatus, SyncError> {
    return deferred(() => ok({ changes: this.workingChanges() }));
  }

  commitAll(message: string): ResultAsync<CommitOutcome, SyncError> {
    return fromResult(validateMessage(message)).andThen(() =>
      deferred((): Result<CommitOutcome, SyncError> => {
        const busy = notMerging(this.state, 'commit');
        if (busy.isErr()) return err(busy.error);
        if (this.workingChanges().length === 0) return ok({ committed: false });
        const c = makeCommit({
          parents: this.state.head === ROOT_ID ? [] : [this.state.head],
          tree: readWorkingCopy(this.fs, this.root),
          message,
          author: { ...this.actor.author, timestamp: this.actor.clock().toISOString() },
        });
        this.state.commits.set(c.id, c);
        this.state.head = c.id;
        return ok({ committed: true, commit: toCommitInfo(c) });
      }),
    );
  }

  fetch(remote: string): ResultAsync<void, SyncError> {
    return fromResult(this.remoteLink(remote)).andThen(([name, link]) =>
      deferred(() =>
        link.remote.serveFetch(this.actor.host, link.url).map((snap) => {
          for (const id of snap.refs.values()) copyCommits(snap.commits, this.state.commits, id);
          this.state.tracking.set(name, new Map(snap.refs));
        }),
      ),
    );
  }

  divergence(remote: string, branch: string): ResultAsync<Divergence, SyncError> {
    return fromResult(this.remoteBranch(remote, branch)).andThen((remoteHead) =>
      deferred(() => {
        const { commits, head } = this.state;
        // A branch the remote does not have yet: local work is what no remote branch holds (as jj reports it).
        const base = remoteHead ?? [...(this.state.tracking.get(remote)?.values() ?? [])];
        const ahead = commitsBetween(commits, base, head).map(toCommitInfo);
        const behind = remoteHead === undefined ? [] : commitsBetween(commits, head, remoteHead).map(toCommitInfo);
        return ok({ ahead, behind, head, ...(remoteHead !== undefined ? { remoteHead } : {}) });
      }),
    );
  }

  rebase(onto: { remote: string; branch: string }): ResultAsync<RebaseOutcome, SyncError> {
    return fromResult(this.remoteBranch(onto.remote, onto.branch)).andThen((remoteHead) =>
      deferred((): Result<RebaseOutcome, SyncError> => {
        const busy = notMerging(this.state, 'rebase');
        if (busy.isErr()) return err(busy.error);
        const plan = planRebase(this.state.commits, this.state.head, remoteHead, readWorkingCopy(this.fs, this.root));
        if (plan.kind === 'up-to-date') return ok({ status: 'up-to-date', head: this.state.head });
        if (plan.kind === 'conflict') return ok({ status: 'conflict', paths: plan.paths, commits: plan.commits, restored: true });
        for (const c of plan.created) this.state.commits.set(c.id, c);
        this.state.head = plan.head;
        writeWorkingCopy(this.fs, this.root, plan.files);
        return ok({ status: 'rebased', head: plan.head });
      }),
    );
  }

  checkpoint(): ResultAsync<Checkpoint, SyncError> {
    return deferred(() => ok(takeCheckpoint(this.fs, this.state)));
  }

  restore(checkpoint: Checkpoint): ResultAsync<void, SyncError> {
    return deferred(() => restoreCheckpoint(this.fs, this.state, checkpoint));
  }

  conflicts(): ResultAsync<readonly string[], SyncError> {
    return deferred(() => ok([...new Set([...this.state.conflicted, ...mergeConflicts(this.fs, this.state)])].sort()));
  }

  inLine(commit: CommitId): ResultAsync<boolean, SyncError> {
    return deferred(() => ok(ancestors(this.state.commits, this.state.head).has(commit)));
  }

  changedPaths(from: CommitId, to: CommitId): ResultAsync<readonly FileChange[], SyncError> {
    return fromResult(this.commitId(from, 'from').andThen(() => this.commitId(to, 'to'))).andThen(() =>
      deferred(() => ok(diffTrees(treeOf(this.state.commits, from), treeOf(this.state.commits, to)))),
    );
  }

  outgoingFiles(remote: string, head: CommitId): ResultAsync<readonly OutgoingFile[], SyncError> {
    return fromResult(validateRemoteName(remote).andThen(() => this.commitId(head, 'head'))).andThen(() =>
      deferred(() => {
        const published = [...(this.state.tracking.get(remote)?.values() ?? [])];
        const store = this.state.commits;
        return ok(
          commitsBetween(store, published, head).flatMap((c) =>
            diffTrees(treeOf(store, c.parents[0] ?? ROOT_ID), c.tree)
              .filter((f) => f.kind !== 'deleted')
              .map((f) => ({ commit: c.id, path: f.path })),
          ),
        );
      }),
    );
  }

  readFiles(files: readonly OutgoingFile[], onChunk: (file: OutgoingFile, chunk: Uint8Array) => void): ResultAsync<void, SyncError> {
    return deferred(() => {
      for (const f of files) {
        const known = this.commitId(f.commit, 'commit');
        if (known.isErr()) return err(known.error);
        const content = treeOf(this.state.commits, f.commit).get(f.path);
        if (content === undefined) return err(invalidInput('path', f.path, `${f.path} does not exist in ${f.commit}`));
        const bytes = Buffer.from(content, 'utf8');
        // Chunked like a real stream, so that a scanner's window across chunks is exercised here too.
        for (let i = 0; i < bytes.length; i += MEMORY_CHUNK) onChunk(f, bytes.subarray(i, i + MEMORY_CHUNK));
      }
      return ok(undefined);
    });
  }

  branches(): ResultAsync<readonly BranchInfo[], SyncError> {
    return deferred(() => {
      const names = new Set(this.state.branches.keys());
      for (const refs of this.state.tracking.values()) for (const n of refs.keys()) names.add(n);
      return ok(
        [...names].sort().map((name): BranchInfo => {
          const target = this.state.branches.get(name);
          const remoteTargets: Record<string, CommitId> = {};
          for (const [remote, refs] of this.state.tracking) {
            const t = refs.get(name);
            if (t !== undefined) remoteTargets[remote] = t;
          }
          return { name, ...(target !== undefined ? { target } : {}), remoteTargets };
        }),
      );
    });
  }

  setBranch(name: string, target: CommitId): ResultAsync<void, SyncError> {
    return fromResult(validateRefName(name).andThen(() => this.commitId(target, 'target', false))).andThen(() =>
      deferred(() => {
        this.state.branches.set(name, target);
        this.state.pendingDeletes.delete(name);
        return ok(undefined);
      }),
    );
  }

  deleteBranch(name: string): ResultAsync<void, SyncError> {
    return fromResult(validateRefName(name)).andThen(() =>
      deferred(() => {
        const s = this.state;
        const onRemote = [...s.tracking.values()].some((refs) => refs.has(name));
        if (!s.branches.has(name) && !(onRemote && !s.pendingDeletes.has(name))) {
          return err(invalidInput('branch', name, `no branch named ${JSON.stringify(name)}`));
        }
        s.branches.delete(name);
        if (onRemote) s.pendingDeletes.add(name);
        return ok(undefined);
      }),
    );
  }

  push(options: PushOptions): ResultAsync<void, SyncError> {
    return fromResult(validateRefName(options.branch).andThen(() => this.remoteLink(options.remote))).andThen(([remote, link]) =>
      deferred(() => {
        const { branch } = options;
        const s = this.state;
        const tracking = s.tracking.get(remote) ?? new Map<string, CommitId>();
        const expected = tracking.get(branch);
        const target = s.branches.get(branch);
        if (target === undefined && !(s.pendingDeletes.has(branch) && expected !== undefined)) {
          return err(invalidInput('branch', branch, `no branch named ${JSON.stringify(branch)} to push`));
        }
        // Like jj: nothing to send means the remote is not contacted at all.
        if (target === expected) return ok(undefined);
        return link.remote.servePush(this.actor.host, link.url, { branch, expected, target, commits: s.commits }).map(() => {
          if (target === undefined) {
            tracking.delete(branch);
            s.pendingDeletes.delete(branch);
          } else tracking.set(branch, target);
          s.tracking.set(remote, tracking);
        });
      }),
    );
  }

  beginMerge(onto: { remote: string; branch: string }, message: string): ResultAsync<MergeOutcome, SyncError> {
    return fromResult(validateMessage(message).andThen(() => this.remoteBranch(onto.remote, onto.branch))).andThen((theirs) =>
      deferred(() => beginMerge(this.fs, this.state, this.actor, { ...onto, theirs }, message)),
    );
  }

  finishMerge(message: string): ResultAsync<{ readonly head: CommitId }, SyncError> {
    return fromResult(validateMessage(message)).andThen(() => deferred(() => finishMerge(this.fs, this.state, this.actor, message)));
  }

  log(limit: number): ResultAsync<readonly CommitInfo[], SyncError> {
    if (!Number.isInteger(limit) || limit <= 0) return errAsync(invalidInput('limit', String(limit), 'the log limit must be a positive integer'));
    return deferred(() => {
      const out: CommitInfo[] = [];
      for (let id = this.state.head; id !== ROOT_ID && out.length < limit; ) {
        const c = this.state.commits.get(id);
        if (c === undefined) break;
        out.push(toCommitInfo(c));
        id = c.parents[0] ?? ROOT_ID;
      }
      return ok(out);
    });
  }

  private workingChanges(): FileChange[] {
    return workingChanges(this.fs, this.state);
  }

  private remoteLink(name: string): Result<[string, RemoteLink], SyncError> {
    return validateRemoteName(name).andThen((n): Result<[string, RemoteLink], SyncError> => {
      const link = this.state.remotes.get(n);
      return link === undefined ? err(invalidInput('remote', n, `no remote named ${JSON.stringify(n)} in ${this.root}`)) : ok([n, link]);
    });
  }

  private remoteBranch(remote: string, branch: string): Result<CommitId | undefined, SyncError> {
    return validateRefName(branch).andThen(() => this.remoteLink(remote)).map(([name]) => this.state.tracking.get(name)?.get(branch));
  }

  /** A commit of this repository; the root stands for the empty tree where a diff allows it. */
  private commitId(id: CommitId, field: string, rootAllowed = true): Result<CommitId, SyncError> {
    return this.state.commits.has(id) || (rootAllowed && id === ROOT_ID) ? ok(id) : err(invalidInput(field, id, `no commit ${JSON.stringify(id)} in ${this.root}`));
  }
}
