// The git runner bound to one repository root, with the small queries several operations share.
import { dirname } from 'node:path';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { redactArgv, type SyncError } from '../../core/errors.js';
import type { CommitId } from '../../core/vcs.js';
import * as cmd from './commands.js';
import { nonUtf8Names } from '../fs/byte-names.js';
import { withoutByteNames } from '../fs/syncable-status.js';
import { writingMarkerKeeper } from '../fs/interrupted-write.js';
import type { GitCommand, GitOutput, GitRunner } from './runner.js';
import type { CommitInfo, FileChange } from '../../core/vcs.js';
import type { ChunkSink } from '../process/stream.js';
import type { GitStreamer } from './stream.js';
import type { GitWorkTree } from './parse-status.js';
import { makeRefMemo } from './ref-memo.js';
import type { GitLocation, RefFile, StateFile } from './location.js';

/** One repository: where it is and how to run git in it. */
export interface GitRepo {
  readonly root: string;
  /** Absolute paths of the git-dir files the state checks read (located once, at open). */
  readonly paths: Readonly<Record<StateFile | RefFile, string>>;
  /** The argv a command runs as, for errors. */
  argv(c: GitCommand): readonly string[];
  /** Runs a command in the root (accepted exit codes are Ok). */
  run(c: GitCommand): ResultAsync<GitOutput, SyncError>;
  /** Runs a query and parses its stdout with the query's parser; a parse error names the command. */
  query<T>(q: cmd.GitQuery<T>): ResultAsync<T, SyncError>;
  /** The commit `rev` names, or undefined when it names none (e.g. an absent remote-tracking ref). */
  commitOf(rev: string): ResultAsync<CommitId | undefined, SyncError>;
  /** The checked-out branch as a full ref (`refs/heads/main`), or undefined on a detached HEAD. */
  headRef(): ResultAsync<string | undefined, SyncError>;
  commits(revs: readonly string[], opts?: cmd.LogOptions): ResultAsync<CommitInfo[], SyncError>;
  /** HEAD's commit (undefined without one); its id is remembered as `commitOf('HEAD')`'s answer too. */
  headCommit(): ResultAsync<CommitInfo | undefined, SyncError>;
  /** What a commit would record (no submodule out of step, no name that is not UTF-8). */
  status(): ResultAsync<FileChange[], SyncError>;
  /** `status`, and the submodules out of step (`parseWorkTree`). */
  workTree(): ResultAsync<GitWorkTree, SyncError>;
  /** How many commands that may change the repository ran so far: a value read holds while this stays the same. */
  writes(): number;
  /** Runs a command with `input` on stdin, streaming stdout to `sink`. */
  stream(c: GitCommand, input: string, sink: ChunkSink): ResultAsync<void, SyncError>;
}

export const makeGitRepo = ({ root, paths }: GitLocation, runner: GitRunner, argvOf: (c: GitCommand) => readonly string[], streamer: GitStreamer): GitRepo => {
  const memo = makeRefMemo(paths);
  const marker = writingMarkerKeeper(() => Promise.resolve(dirname(paths.HEAD)));
  let writes = 0;
  const run = (c: GitCommand): ResultAsync<GitOutput, SyncError> => {
    if (c.readOnly === true) return runner(root, c);
    writes++;
    const forget = c.remoteRefsOnly === true ? memo.forgetRefs : memo.clear;
    forget();
    // The marker (interrupted.ts) stands while the command runs: a kill leaves it for the next sync.
    return new ResultAsync(
      marker.start().then(async () => {
        const r = await runner(root, c);
        forget();
        await marker.end();
        return r;
      }),
    );
  };
  // A commit id given in hex is looked up each time; names (HEAD, refs/…) are remembered while unchanged.
  const commitOf = (rev: string): ResultAsync<CommitId | undefined, SyncError> => {
    const ask = () => run(cmd.revParseCommit(rev)).map((o) => (o.exitCode === 0 ? o.stdout.trim() : undefined));
    return rev === 'HEAD' || rev.startsWith('refs/') ? memo.get(`commit ${rev}`, ask) : ask();
  };
  const query: GitRepo['query'] = (q) =>
    run(q).andThen((o) => {
      const r = q.parse(o.stdout);
      return r.isOk() ? okAsync(r.value) : errAsync({ ...r.error, command: redactArgv(argvOf(q)) });
    });
  // A name that is not valid UTF-8 is never committed (see leave-out.ts): not a pending change.
  const workTree = (): ResultAsync<GitWorkTree, SyncError> =>
    query(cmd.workTree()).andThen((w) => nonUtf8Names(root).map((names) => ({ ...w, changes: withoutByteNames(w.changes, names) })));
  return {
    root,
    paths,
    argv: argvOf,
    run,
    query,
    commitOf,
    headRef: () => memo.get('HEAD', () => run(cmd.headRef()).map((o) => (o.exitCode === 0 ? o.stdout.trim() : undefined))),
    commits: (revs, opts) => query(cmd.log(revs, opts)),
    headCommit: () =>
      memo.get(
        'commit-info HEAD',
        () => query(cmd.log(['HEAD'], { limit: 1 })).map(([c]) => c),
        (c) => (c !== undefined ? { 'commit HEAD': c.id } : {}),
      ),
    status: () => workTree().map((w) => w.changes),
    workTree,
    stream: (c, input, sink) => streamer(root, c, input, sink),
    writes: () => writes,
  };
};
