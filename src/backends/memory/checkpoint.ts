// Checkpoints of a memory repository: a copy of its refs, working copy and merge state, and a
// restore that, like the jj backend's, refuses to overwrite an uncommitted edit.
import { err, ok, type Result } from 'neverthrow';
import { invalidInput, unsafeState, type SyncError } from '../../core/errors.js';
import type { Checkpoint } from '../../core/vcs.js';
import type { MemoryFs } from './fs.js';
import { readWorkingCopy, workingChanges, writeWorkingCopy, type RepoState } from './state.js';

const copyTracking = (t: ReadonlyMap<string, ReadonlyMap<string, string>>): Map<string, Map<string, string>> =>
  new Map([...t].map(([remote, refs]) => [remote, new Map(refs)]));

/** Records the repository as it is now. */
export const takeCheckpoint = (fs: MemoryFs, s: RepoState): Checkpoint => {
  // Housekeeping drops checkpoints: the next id is past every one still kept.
  let n = s.checkpoints.size + 1;
  while (s.checkpoints.has(`op-${n}`)) n += 1;
  const id = `op-${n}`;
  s.checkpoints.set(id, {
    head: s.head,
    branches: new Map(s.branches),
    tracking: copyTracking(s.tracking),
    pendingDeletes: new Set(s.pendingDeletes),
    files: readWorkingCopy(fs, s.root),
    merging: s.merging,
  });
  return { backend: 'memory', id };
};

/** Returns the repository to a checkpoint, unless that would overwrite an uncommitted edit. */
export const restoreCheckpoint = (fs: MemoryFs, s: RepoState, checkpoint: Checkpoint): Result<void, SyncError> => {
  const snap = checkpoint.backend === 'memory' ? s.checkpoints.get(checkpoint.id) : undefined;
  if (snap === undefined) {
    return err(invalidInput('checkpoint', checkpoint.id, `unknown checkpoint ${JSON.stringify(checkpoint.id)} for ${s.root}`));
  }
  const files = readWorkingCopy(fs, s.root);
  const lost = workingChanges(fs, s)
    .filter((c) => files.get(c.path) !== snap.files.get(c.path))
    .map((c) => c.path);
  if (lost.length > 0) {
    return err(
      unsafeState('uncommitted-changes', `restoring would discard uncommitted edits to ${lost.join(', ')}`, {
        hint: 'commit or sync the edits first, then restore',
      }),
    );
  }
  s.head = snap.head;
  s.branches = new Map(snap.branches);
  s.tracking = copyTracking(snap.tracking);
  s.pendingDeletes = new Set(snap.pendingDeletes);
  s.merging = snap.merging;
  s.conflicted = [];
  writeWorkingCopy(fs, s.root, snap.files);
  return ok(undefined);
};
