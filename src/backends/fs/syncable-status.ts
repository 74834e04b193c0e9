// A working-copy status with the names that cannot be synced set apart (both backends).
import { okAsync, ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import type { FileChange, WorkingCopyStatus } from '../../core/vcs.js';
import { scanTree, type ByteName } from './byte-names.js';

/** Changes minus those under a non-UTF-8 name (as the tool printed them, lossily). Pure. */
export const withoutByteNames = (changes: readonly FileChange[], names: readonly ByteName[]): FileChange[] =>
  changes.filter((c) => !names.some((n) => c.path === n.lossy || c.path.startsWith(`${n.lossy}/`)));

/**
 * `changes` as the backend saw them, with non-UTF-8 names moved to `unsyncable`, and the
 * repositories inside the tree that are no submodule (`embedded`: the backend tells them from the
 * directories with a `.git` of their own the walk found). The tree is walked while the tool's
 * status runs (its process is already started).
 */
export const syncableStatus = (
  root: string,
  changes: ResultAsync<readonly FileChange[], SyncError>,
  embedded: (repositories: readonly string[]) => ResultAsync<readonly string[], SyncError>,
): ResultAsync<WorkingCopyStatus, SyncError> =>
  ResultAsync.combine([changes, scanTree(root)] as const).andThen(([cs, scan]) =>
    (scan.repositories.length === 0 ? okAsync<readonly string[], SyncError>([]) : embedded(scan.repositories)).map((inside): WorkingCopyStatus => {
      const names = scan.byteNames;
      return {
        changes: names.length === 0 ? cs : withoutByteNames(cs, names),
        ...(names.length > 0 ? { unsyncable: names.map((n) => n.escaped) } : {}),
        ...(inside.length > 0 ? { embedded: inside } : {}),
      };
    }),
  );
