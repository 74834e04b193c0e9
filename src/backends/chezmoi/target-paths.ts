import { okAsync, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { managedEntries } from './managed.js';
import { matchTargets } from './match-targets.js';
import type { ChezmoiExec } from './run.js';

// `chezmoi target-path SRC…` maps any path (`.chezmoiignore`, `.git/config`, README.md) to a
// would-be target, prints plain lines, and fails the whole call for a source file that no
// longer exists (deleted by an incoming commit). One `managed -p all -f json` answers
// exactly the question instead: which of these source paths are managed, and as what target.

/** Processes: 0 for no paths, else 1 (`managed`). */
export const targetPaths = (x: ChezmoiExec, sourceRelative: readonly string[], sourceRoot?: string): ResultAsync<readonly string[], SyncError> =>
  sourceRelative.length === 0 ? okAsync([]) : managedEntries(x).map((entries) => matchTargets(entries, sourceRelative, sourceRoot));
