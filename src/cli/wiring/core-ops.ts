// The bridge to core's guided resolution and undo (src/core/resolve.ts, src/core/undo.ts).
// The CLI only parses, calls one of these and renders the result.
import { errAsync, type ResultAsync } from 'neverthrow';
import { commandFailed, type SyncError } from '../../core/errors.js';
import type { SyncDeps, SyncOptions } from '../../core/sync/types.js';

/** What every core operation receives: the same ports and options as a sync. */
export interface CoreOpContext {
  readonly deps: SyncDeps;
  readonly options: SyncOptions;
}

/** What every core operation returns: one line for people, details for --json. */
export interface CoreOpResult {
  readonly summary: string;
  readonly details: Record<string, unknown>;
}

export type CoreOp = (ctx: CoreOpContext) => ResultAsync<CoreOpResult, SyncError>;

// Until core ships resolve.ts and undo.ts these report themselves unavailable; wiring them is
// replacing the bodies below with the imports (same signatures).
const unavailable = (what: string): CoreOp => () =>
  errAsync(commandFailed(`${what} is not available in this build`, { hint: 'see chezmoi-sync conflicts for the manual steps' }));

export const startResolve: CoreOp = unavailable('resolve');
export const continueResolve: CoreOp = unavailable('resolve --continue');
export const abortResolve: CoreOp = unavailable('resolve --abort');
export const undoLastSync: CoreOp = unavailable('undo');
