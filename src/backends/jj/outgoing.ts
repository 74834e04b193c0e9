// What a push would publish, for the secret guard: the files each unpublished commit adds or
// modifies (one `jj log`), and their content streamed out of the git store behind the repo.
import { okAsync, Result, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { validateRemoteName } from '../../core/validate.js';
import type { OutgoingFile } from '../../core/vcs.js';
import { readFilesAt } from '../git-objects/read-files.js';
import { execaStream } from '../process/stream.js';
import { OUTGOING_PATHS, type JjQuery } from './commands.js';
import type { DivergenceEntry } from './parse-divergence.js';
import { gitDirOf } from './locate.js';
import { isRecord, isString, isStringArray, parseJsonLines } from './parse-json-lines.js';
import * as rev from './revsets.js';
import { gitProcess, requireSuccess, runGit } from './runner.js';
import { type JjRepo } from './repo.js';

const OUTGOING_TEMPLATE = String.raw`"{\"commit\":" ++ json(commit_id) ++ ",\"paths\":" ++ ${OUTGOING_PATHS} ++ "}\n"`;

export const parseOutgoing = (stdout: string) =>
  parseJsonLines(
    stdout,
    (v) => (isRecord(v) && isString(v['commit']) && isStringArray(v['paths']) ? { commit: v['commit'], paths: v['paths'] } : undefined),
    'outgoing files',
  ).map((rows): OutgoingFile[] => rows.flatMap((r) => r.paths.map((path) => ({ commit: r.commit, path }))));

/** Commits of `head` not on any bookmark of `remote`, with their added/modified paths; no snapshot needed. */
export const outgoingCommand = (remote: string, head: string): JjQuery<OutgoingFile[]> => ({
  args: [
    '--ignore-working-copy',
    'log',
    '--no-graph',
    `--revisions=(::${rev.commitRev(head)}) ~ ::${rev.anyRemoteBookmark(remote)} ~ root()`,
    `--template=${OUTGOING_TEMPLATE}`,
  ],
  parse: parseOutgoing,
});

/**
 * What `outgoingCommand` would list, from the divergence just read (no command wrote since), when
 * `head` is the head of the working copy's line: every commit it lists outside the remote's
 * bookmarks is an ancestor of @ (of @- too, but for @ itself). Commits it leaves out are empty:
 * they add no file. Newest first, like the query. Undefined when it cannot tell.
 */
export const outgoingFromDivergence = (entries: readonly DivergenceEntry[], head: string): OutgoingFile[] | undefined => {
  const wc = entries.find((e) => e.wc)?.commit;
  if (wc === undefined) return undefined;
  const parents = wc.info.parents;
  const withWc = head === wc.info.id;
  if (!withWc && !(parents.length === 1 && parents[0] === head)) return undefined;
  return entries
    .filter((e) => e.outgoing !== undefined && (withWc || !e.wc))
    .reverse()
    .flatMap((e) => (e.outgoing ?? []).map((path) => ({ commit: e.commit.info.id, path })));
};

export const outgoingFiles = (s: JjRepo, remote: string, head: string): ResultAsync<readonly OutgoingFile[], SyncError> =>
  Result.combine([validateRemoteName(remote), rev.validateCommitId(head, 'head')]).asyncAndThen(([r, h]) => {
    const known = s.lastDivergence(r);
    const files = known !== undefined ? outgoingFromDivergence(known, h) : undefined;
    return files !== undefined ? okAsync(files) : s.query(outgoingCommand(r, h));
  });

/** jj's commits are git commits in the store behind the repo: read them there, in two processes. */
export const readFiles = (
  s: JjRepo,
  files: readonly OutgoingFile[],
  onChunk: (file: OutgoingFile, chunk: Uint8Array) => void,
): ResultAsync<void, SyncError> =>
  Result.combine(files.map((f) => rev.validateCommitId(f.commit))).asyncAndThen(() =>
    gitDirOf(s.root).andThen((gitDir) => {
      const at = (args: readonly string[]) => ({ args: [`--git-dir=${gitDir}`, ...args] });
      return readFilesAt(
        {
          query: (args) => {
            const c = at(args);
            return runGit(s.settings, c, s.root).andThen(requireSuccess(gitProcess(s.settings, c, s.root))).map((o) => o.stdout);
          },
          stream: (args, input, sink) => {
            const p = gitProcess(s.settings, at(args), s.root);
            return execaStream({ ...p, input }, sink)
              .andThen(requireSuccess(p))
              .map(() => undefined);
          },
        },
        files,
        onChunk,
      );
    }),
  );
