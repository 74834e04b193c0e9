import { errAsync, okAsync, ResultAsync, type Result } from 'neverthrow';
import { redactArgv, unsafeState, type SyncError } from '../../core/errors.js';
import type { CommitIdentity } from '../../core/identity.js';
import type { CommitId } from '../../core/vcs.js';
import * as cmd from './commands.js';
import type { ClassifyContext } from './classify.js';
import { lookUpJjIdentity, type JjIdentity, type SeenUser } from './identity.js';
import type { DivergenceEntry } from './parse-divergence.js';
import type { JjCommit } from './parse-log.js';
import { jjProcess, runJj } from './runner.js';
import { writingMarkerKeeper } from '../fs/interrupted-write.js';
import { gitDirOf } from './locate.js';
import type { JjSettings } from './settings.js';

/** The jj runner bound to one workspace root, with the queries several operations share. */
export interface JjRepo {
  readonly root: string;
  readonly settings: JjSettings;
  /** Runs a command in the root; Err for a non-zero exit, classified. */
  run(c: cmd.JjCommand, ctx?: ClassifyContext): ResultAsync<string, SyncError>;
  /** Runs a query and parses its stdout with the query's parser; a parse error names the command. */
  query<T>(q: cmd.JjQuery<T>): ResultAsync<T, SyncError>;
  /**
   * Whether the last query that snapshots found the working copy stale (a jj command was stopped
   * after recording an operation and before updating the files): it then answered from the
   * recorded state, without a snapshot. Commands that write are refused until it is brought up to
   * date (`recoverInterrupted`).
   */
  stale(): boolean;
  /** How many commands went through `run` so far: a value read by a query holds while this stays the same. */
  writes(): number;
  /** The git directory behind the repository (`gitDirOf`), looked up once. */
  gitDir(): ResultAsync<string, SyncError>;
  /**
   * Where the local line stands against `base` (one `jj log`, `logDivergence`). Asked again before
   * any `run`, the answer is the same one: a snapshot (the only change a query makes) rewrites @'s
   * contents, never its ancestors or a remote bookmark. `fresh`: ask jj anyway (the working copy's
   * changes, which a snapshot does change, are wanted), and remember that answer.
   */
  divergence(base: string, branch: string, remote: string, opts?: { readonly fresh?: boolean; readonly conflicts?: boolean }): ResultAsync<DivergenceEntry[], SyncError>;
  /** The last `divergence` answer against `remote` while no command wrote since, else undefined. */
  lastDivergence(remote: string): DivergenceEntry[] | undefined;
  /** The working-copy commit (snapshotting first). */
  workingCopy(): ResultAsync<JjCommit, SyncError>;
  /**
   * @ as the last query that read it saw it (`workingCopy` or `divergence`), while no command
   * wrote since; else undefined. A snapshot since may change its files, never make it conflicted.
   */
  lastWorkingCopy(): JjCommit | undefined;
  /** Commits of a revset, newest first unless `reversed`. */
  commits(revset: string, opts?: { limit?: number; reversed?: boolean }): ResultAsync<JjCommit[], SyncError>;
  /** Where a remote bookmark points; undefined when it does not exist. */
  remoteHead(revset: string, name: string): ResultAsync<CommitId | undefined, SyncError>;
  /**
   * The identity commits are made with, lookedUp on first call (before anything that commits);
   * every later command of this repository handle carries it. Error `invalid-input` when there is none.
   */
  identity(): ResultAsync<CommitIdentity, SyncError>;
}

/**
 * Head of the local line of work: the parent of the working-copy commit @ (after a commit @ is
 * jj's fresh empty commit; before one, @ holds uncommitted changes that are not published).
 */
export const headOf = (wc: JjCommit): CommitId => {
  const [parent] = wc.info.parents;
  // Uncommitted changes in @ are not part of the line of work: its head is the last commit.
  return wc.info.parents.length === 1 && parent !== undefined ? parent : wc.info.id;
};

/** The remote bookmark `name` points to several commits (both sides moved it): settle it first. */
export const conflictedRemoteBookmark = (name: string, commits: number): SyncError =>
  unsafeState('conflicted-remote-bookmark', `the remote bookmark ${name} points to ${commits} commits`, {
    hint: 'fetch again; if it stays conflicted, settle it by hand with `jj bookmark set`',
  });

export const makeJjRepo = (settings: JjSettings, root: string): JjRepo => {
  // The identity jj lacks goes into the environment of every command after it is known.
  let current = settings;
  let lookedUp: Promise<Result<JjIdentity, SyncError>> | undefined;
  // What a divergence query read of jj's user config (the identity then needs no `jj config list`).
  let seenUser: SeenUser | undefined;
  const identity = (): ResultAsync<CommitIdentity, SyncError> => {
    const p = (lookedUp ??= Promise.resolve(lookUpJjIdentity(settings, root, seenUser)).then((r) => {
      if (r.isErr()) lookedUp = undefined;
      else current = { ...settings, env: { ...settings.env, ...r.value.env } };
      return r;
    }));
    return new ResultAsync(p).andThen((r) => r.identity);
  };
  let writes = 0;
  // Every jj command may write (a snapshot, refs exported to git, git run for fetch and push): a
  // marker in the git dir stands while one runs, for the next sync to know a kill's lock files.
  let gitDirFound: Promise<Result<string, SyncError>> | undefined;
  const gitDir = (): ResultAsync<string, SyncError> => new ResultAsync((gitDirFound ??= Promise.resolve(gitDirOf(root))));
  const marker = writingMarkerKeeper(() => gitDir().unwrapOr(undefined));
  const exec = (c: cmd.JjCommand, ctx?: ClassifyContext): ResultAsync<string, SyncError> =>
    new ResultAsync(
      marker.start().then(async () => {
        const r = await runJj(current, c, root, ctx);
        await marker.end();
        return r;
      }),
    ).map((o) => o.stdout);
  const run: JjRepo['run'] = (c, ctx) => {
    writes++;
    return exec(c, ctx);
  };
  let stale = false;
  // A stale working copy cannot be snapshotted; what the repository recorded can still be read.
  const read = <T>(q: cmd.JjQuery<T>): ResultAsync<string, SyncError> =>
    q.args.includes('--ignore-working-copy')
      ? exec(q)
      : exec(q)
          .map((stdout) => {
            stale = false;
            return stdout;
          })
          .orElse((e) => {
            if (e.kind !== 'unsafe-state' || e.state !== 'stale-working-copy') return errAsync(e);
            stale = true;
            return exec(cmd.withoutSnapshot(q));
          });
  const query: JjRepo['query'] = (q) =>
    read(q).andThen((stdout) => {
      const r = q.parse(stdout);
      if (r.isOk()) return okAsync(r.value);
      const p = jjProcess(current, q, root);
      return errAsync({ ...r.error, command: redactArgv([p.file, ...p.args]) });
    });
  const commits: JjRepo['commits'] = (revset, opts = {}) => query(cmd.logCommits(revset, opts));
  let lastWc: { readonly commit: JjCommit; readonly writes: number } | undefined;
  let known: { readonly key: string; readonly remote: string; readonly writes: number; readonly entries: DivergenceEntry[] } | undefined;
  const divergence: JjRepo['divergence'] = (base, branch, remote, opts = {}) => {
    const key = `${base}\n${branch}\n${remote}`;
    if (opts.fresh !== true && known !== undefined && known.key === key && known.writes === writes) return okAsync(known.entries);
    const at = writes;
    return query(cmd.logDivergence(base, branch, remote, { conflicts: opts.conflicts === true })).map((entries) => {
      known = { key, remote, writes: at, entries };
      const wc = entries.find((e) => e.wc);
      if (wc !== undefined) {
        lastWc = { commit: wc.commit, writes: at };
        seenUser = wc.user ?? seenUser;
      }
      return entries;
    });
  };
  return {
    root,
    settings,
    run,
    query,
    stale: () => stale,
    writes: () => writes,
    gitDir,
    divergence,
    lastDivergence: (remote) => (known !== undefined && known.remote === remote && known.writes === writes ? known.entries : undefined),
    commits,
    identity,
    workingCopy: () => {
      const at = writes;
      return query(cmd.logCommit('@')).map((commit) => {
        lastWc = { commit, writes: at };
        return commit;
      });
    },
    lastWorkingCopy: () => (lastWc !== undefined && lastWc.writes === writes ? lastWc.commit : undefined),
    remoteHead: (revset, name) =>
      commits(revset).andThen((cs) => {
        const [first] = cs;
        if (cs.length > 1) return errAsync(conflictedRemoteBookmark(name, cs.length));
        return okAsync(first?.info.id);
      }),
  };
};
