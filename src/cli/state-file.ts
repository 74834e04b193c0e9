// Reading state.json for the read-only commands (status, log, conflicts). Unlike the
// engine's readState, a corrupt file is reported and left where it is: reading changes nothing.
import { okAsync, type ResultAsync } from 'neverthrow';
import { nodeFs } from '../backends/fs/node-fs.js';
import type { SyncError } from '../core/errors.js';
import { parseState, statePaths, type StateFile } from '../core/sync/state.js';

export interface StateView {
  readonly path: string;
  /** undefined when no run was recorded yet (or the file is unreadable). */
  readonly state?: StateFile;
  /** The file exists but is not a state file this version understands. */
  readonly corrupt: boolean;
}

export const readStateView = (stateDir: string): ResultAsync<StateView, SyncError> => {
  const path = statePaths(stateDir).state;
  return nodeFs.readText(path).andThen((text) => {
    if (text === undefined) return okAsync({ path, corrupt: false });
    const state = parseState(text);
    return okAsync(state !== undefined ? { path, state, corrupt: false } : { path, corrupt: true });
  });
};

/** A positive whole number from a flag like --limit. */
export const parseCount = (raw: string | boolean | undefined, fallback: number): number | undefined => {
  if (raw === undefined || typeof raw === 'boolean') return fallback;
  return /^\d{1,6}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;
};
