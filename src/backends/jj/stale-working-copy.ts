// A stale working copy: jj records an operation that moves the working-copy commit (`jj commit`,
// `jj rebase`, `jj op restore`) and only then rewrites the files to match. Killed in between, the
// working copy stays behind that operation and every later command that snapshots refuses to run
// ("The working copy is stale"). `jj workspace update-stale` brings it up to date: it snapshots
// what is on disk first (as an operation beside the one the working copy missed), so nothing on
// disk is lost.
// Whether it may be stale is read from two files, without a process: the operation the working
// copy was last updated to (`.jj/working_copy/checkout`) against the repository's operation heads.
// They differ only when something ran jj without updating the working copy (a kill, or a command
// with `--ignore-working-copy`, which may have left its files as they were): then one jj command
// tells.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { okAsync, ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import * as cmd from './commands.js';
import { repoDir } from './locate.js';
import type { JjRepo } from './repo.js';

/**
 * The operation id (hex) in jj's `checkout` file: a protobuf message whose field 2 holds the
 * operation's bytes. Undefined for anything else (pure).
 */
export const checkoutOperation = (bytes: Uint8Array): string | undefined => {
  let i = 0;
  const varint = (): number | undefined => {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = bytes[i++];
      if (b === undefined) return undefined;
      v += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return v;
    }
    return undefined;
  };
  while (i < bytes.length) {
    const key = varint();
    if (key === undefined) return undefined;
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) {
      if (varint() === undefined) return undefined;
    } else if (wire === 2) {
      const len = varint();
      if (len === undefined || i + len > bytes.length) return undefined;
      if (field === 2) return len > 0 ? Buffer.from(bytes.subarray(i, i + len)).toString('hex') : undefined;
      i += len;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else return undefined;
  }
  return undefined;
};

/**
 * Whether the working copy may be behind the repository's operation (reads two files; no
 * process). True when they cannot be read as expected: a jj command then tells.
 */
export const workingCopyBehind = async (root: string): Promise<boolean> => {
  const repo = await repoDir(root);
  if (repo.isErr()) return true;
  try {
    const [checkout, heads] = await Promise.all([readFile(join(root, '.jj', 'working_copy', 'checkout')), readdir(join(repo.value, 'op_heads', 'heads'))]);
    const op = checkoutOperation(checkout);
    return op === undefined || heads.length !== 1 || heads[0] !== op;
  } catch {
    return true;
  }
};

/**
 * Whether the working copy is stale: when it may be behind, a query that snapshots says (it
 * answers from the recorded state instead, `JjRepo.stale`). Reads only — but for the snapshot
 * any jj command takes of a working copy that is not stale.
 */
export const staleWorkingCopy = (s: JjRepo): ResultAsync<boolean, SyncError> =>
  ResultAsync.fromSafePromise(workingCopyBehind(s.root)).andThen((behind) => (behind ? s.workingCopy().map(() => s.stale()) : okAsync(false)));

/**
 * Edits on disk that `jj workspace update-stale` (ours, or a person's following jj's hint) put in a
 * divergent sibling of the line, taking them off the disk, are moved back into @. Without this
 * they were never published, and a restore of the operation before a killed rebase hid them.
 */
export const foldDivergentSideHeads = (s: JjRepo): ResultAsync<boolean, SyncError> =>
  s.commits(cmd.DIVERGENT_SIDE_HEADS).andThen((side) => (side.length === 0 ? okAsync(false) : s.run(cmd.squashInto(cmd.DIVERGENT_SIDE_HEADS)).map(() => true)));

/** Brings a stale working copy up to date (`jj workspace update-stale`), edits on disk kept in @; true when it was stale. */
export const recoverStaleWorkingCopy = (s: JjRepo): ResultAsync<boolean, SyncError> =>
  staleWorkingCopy(s).andThen((stale) => (stale ? s.run(cmd.workspaceUpdateStale()).andThen(() => foldDivergentSideHeads(s)).map(() => true) : okAsync(false)));

/** How `interrupted`/`recoverInterrupted` name it. */
export const staleWorkingCopyLine = (root: string): string => `a stale working copy in ${root}`;
