// Reads files as of given commits out of a git object store — the git backend's repository or the
// one behind a jj repo — with two kinds of process whatever the number of files: one `ls-tree`
// per commit (paths → blob ids) and one `cat-file --batch` streaming every blob once.
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { commandFailed, type SyncError } from '../../core/errors.js';
import type { OutgoingFile } from '../../core/vcs.js';
import type { ChunkSink } from '../process/stream.js';
import { batchParser } from './batch-stream.js';
import { parseLsTree } from './parse-ls-tree.js';

/** How this module runs git: a buffered query, and a streamed one with stdin. Args follow `git`. */
export interface GitObjectIo {
  query(args: readonly string[]): ResultAsync<string, SyncError>;
  stream(args: readonly string[], input: string, sink: ChunkSink): ResultAsync<void, SyncError>;
}

const lsTreeArgs = (commit: string, paths: readonly string[]): string[] => [
  // Paths are literal: `*` or `:(glob)` in a file name means itself.
  '--literal-pathspecs',
  'ls-tree',
  '-r',
  '-z',
  '--full-tree',
  commit,
  '--',
  ...paths,
];

/** Streams the content of each file (its version in its commit) to `onChunk`; a blob shared by several files is read once. */
export const readFilesAt = (
  io: GitObjectIo,
  files: readonly OutgoingFile[],
  onChunk: (file: OutgoingFile, chunk: Uint8Array) => void,
): ResultAsync<void, SyncError> => {
  const byCommit = new Map<string, OutgoingFile[]>();
  for (const f of files) byCommit.set(f.commit, [...(byCommit.get(f.commit) ?? []), f]);
  const readers = new Map<string, OutgoingFile[]>();
  const resolveAll = [...byCommit].reduce(
    (chain, [commit, fs]) =>
      chain.andThen(() =>
        io.query(lsTreeArgs(commit, fs.map((f) => f.path))).andThen((stdout) => {
          const parsed = parseLsTree(stdout);
          if (parsed.isErr()) return errAsync(parsed.error);
          for (const f of fs) {
            const blob = parsed.value.get(f.path);
            if (blob !== undefined) readers.set(blob, [...(readers.get(blob) ?? []), f]);
          }
          return okAsync(undefined);
        }),
      ),
    okAsync<undefined, SyncError>(undefined),
  );
  return resolveAll.andThen(() => {
    if (readers.size === 0) return okAsync(undefined);
    const parser = batchParser((id, chunk) => {
      for (const f of readers.get(id) ?? []) onChunk(f, chunk);
    });
    return io
      .stream(['cat-file', '--batch'], `${[...readers.keys()].join('\n')}\n`, (chunk) => {
        parser.push(chunk);
        return true;
      })
      .andThen(() => {
        const end = parser.end();
        if (end.missing.length > 0 || end.truncated) {
          return errAsync(commandFailed(`git cat-file could not read ${end.missing.length > 0 ? end.missing.join(', ') : 'every object'}`));
        }
        return okAsync(undefined);
      });
  });
};
