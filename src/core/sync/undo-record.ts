// What HOME and the source agreed on when a run began, kept beside the state for `undo`. A run
// that changes the repository takes a checkpoint; `undo` returns the repository to it, and must
// return the synced record (state.ts) to the same moment: HOME did not go back, so what HOME and
// the source agreed on then tells, file by file, which side moved since —
// - a HOME edit the undone sync had captured differs from it on the HOME side: re-added again;
// - a source edit (one the sync committed and `undo` gave back, or one made by hand afterwards)
//   differs from it on the source side: applied to HOME, or merged with a HOME edit;
// - incoming work the sync applied to HOME differs on the HOME side: re-added, and identical to
//   what the next fetch brings.
// The run's capture judges that agreement (capture.ts `undoBaseOf`), also on a first sync, which
// has no record yet. Without a kept copy (a run that failed before capture, or a copy lost in a
// crash) `undo` falls back to "HOME wins" for every file that differs, which keeps every HOME edit.
import { createHash } from 'node:crypto';
import { okAsync, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../errors.js';
import { writeAtomicPieces, type EngineFs } from './fs.js';
import { recordPieces, syncedRecordPath, type SyncedRecord } from './state.js';

/**
 * Where the agreement a run began with is kept, by the run's start (a checkpoint's id can change:
 * jj's housekeeping rewrites the operations it keeps).
 */
export const recordBeforePath = (stateDir: string, sourceDir: string, runStartedAt: string): string =>
  `${syncedRecordPath(stateDir, sourceDir)}.before-${createHash('sha256').update(runStartedAt).digest('hex').slice(0, 16)}`;

/**
 * Keeps `record` (undefined: the run found none) for the run's checkpoint. Not flushed to disk:
 * a copy lost in a crash makes `undo` fall back to "HOME wins", and it is written where the
 * state is written anyway.
 */
export const keepRecordBefore = (fs: EngineFs, path: string, record: SyncedRecord | undefined): ResultAsync<void, SyncError> =>
  writeAtomicPieces(fs, path, keptPieces(record), { durable: false });

/** `{"schema":1,"record":…}` and a newline, the record in pieces (recordPieces). */
function* keptPieces(record: SyncedRecord | undefined): Generator<string> {
  yield '{"schema":1,"record":';
  if (record === undefined) yield 'null';
  else yield* recordPieces(record);
  yield '}\n';
}

/** The record `undo` leaves for the repository back at `cp` (see the file comment). */
export const recordForUndo = (fs: EngineFs, path: string): ResultAsync<SyncedRecord, SyncError> =>
  fs.readText(path).map((text): SyncedRecord => {
    const homeWins: SyncedRecord = { schema: 1, files: {}, homeWins: true };
    if (text === undefined) return homeWins;
    try {
      const v = JSON.parse(text) as { schema?: unknown; record?: Partial<SyncedRecord> | null };
      const r = v.record;
      if (v.schema !== 1 || r === null || r === undefined || r.schema !== 1 || typeof r.files !== 'object' || r.files === null) return homeWins;
      return r as SyncedRecord;
    } catch {
      return homeWins;
    }
  });

/** Drops the kept records of runs that no longer offer `undo` (best effort). */
export const dropRecordsBefore = (fs: EngineFs, paths: readonly string[]): ResultAsync<void, SyncError> =>
  paths.reduce<ResultAsync<void, SyncError>>((acc, p) => acc.andThen(() => fs.remove(p).orElse(() => okAsync(undefined))), okAsync(undefined));
