// A working-copy status with the names that cannot be synced set apart (both backends).
import { ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import type { FileChange, WorkingCopyStatus } from '../../core/vcs.js';
import { nonUtf8Names, type ByteName } from './byte-names.js';

/** Changes minus those under a non-UTF-8 name (as the tool printed them, lossily). Pure. */
export const withoutByteNames = (changes: readonly FileChange[], names: readonly ByteName[]): FileChange[] =>
  changes.filter((c) => !names.some((n) => c.path === n.lossy || c.path.startsWith(`${n.lossy}/`)));

/**
 * `changes` as the backend saw them, with non-UTF-8 names moved to `unsyncable`. The tree is
 * walked while the tool's status runs (its process is already started).
 */
export const syncableStatus = (root: string, changes: ResultAsync<readonly FileChange[], SyncError>): ResultAsync<WorkingCopyStatus, SyncError> =>
  ResultAsync.combine([changes, nonUtf8Names(root)] as const).map(([cs, names]): WorkingCopyStatus =>
    names.length === 0 ? { changes: cs } : { changes: withoutByteNames(cs, names), unsyncable: names.map((n) => n.escaped) },
  );
