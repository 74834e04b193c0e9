// What every step of a run is given, and what it gives back. A step is a function from a small,
// explicit context to a Result; it returns the facts it learned and the engine merges them.
import { okAsync, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../errors.js';
import type { Checkpoint, CommitId, Vcs } from '../../vcs.js';
import type { ResolvedOptions } from '../options.js';
import type { SyncedRecord } from '../state.js';
import type { SyncDeps, SyncReport, SyncStep } from '../types.js';

/** Step events for the caller's `onEvent`. */
export interface Progress {
  start(step: SyncStep): void;
  end(step: SyncStep, outcome: 'ok' | 'skipped' | 'degraded' | 'failed', detail: string): void;
  info(message: string): void;
}

export const progressOf = (o: Pick<ResolvedOptions, 'now' | 'onEvent'>): Progress => ({
  start: (step) => o.onEvent({ type: 'step-started', step, at: o.now().toISOString() }),
  end: (step, outcome, detail) => o.onEvent({ type: 'step-finished', step, outcome, detail, at: o.now().toISOString() }),
  info: (message) => o.onEvent({ type: 'info', message }),
});

/** Where the repository was before this run's first change (what undo returns to), taken lazily. */
export interface Checkpointer {
  /**
   * Takes the checkpoint if not taken yet (never in a dry run); call before any change. Every
   * run asks the status before its first change, so the state that status saw is the one kept.
   */
  ensure(): ResultAsync<void, SyncError>;
  taken(): Checkpoint | undefined;
}

export const checkpointer = (vcs: Vcs, dryRun: boolean): Checkpointer => {
  let cp: Checkpoint | undefined;
  return {
    ensure: () => (cp !== undefined || dryRun ? okAsync(undefined) : vcs.checkpoint({ afterStatus: true }).map((c) => void (cp = c))),
    taken: () => cp,
  };
};

/** The context of every step after the repository is open. */
export interface StepContext {
  readonly deps: SyncDeps;
  readonly o: ResolvedOptions;
  readonly vcs: Vcs;
  readonly trunk: string;
  readonly progress: Progress;
  readonly checkpoint: Checkpointer;
}

/**
 * What HOME and the source agree on (the synced record, state.ts), built up by capture and apply
 * and saved by the state step — also when a later step fails, since what was learnt still holds.
 */
export interface Ledger {
  /** Target → the hash HOME and source agree on (or KEPT_BOTH). */
  readonly files: Record<string, string>;
  /** Fingerprints of files whose hashes are known this run (see SyncedRecord.stats). */
  readonly fingerprints: Record<string, string>;
  /** Fingerprints saved by the last run. */
  readonly knownStats: Readonly<Record<string, string>>;
  /** The record as read from its file (when there was one): an unchanged record is not written again. */
  readonly saved?: SyncedRecord;
  /** The quiet digest the record ended with (quiet-record.ts). */
  readonly savedQuiet?: string;
  /**
   * The quiet digest to save with the record (set by capture when every plain file agreed with
   * it, fingerprints as taken at the start of the run).
   */
  quiet?: string;
  /** The head the record was made against (record-line.ts). */
  readonly recordHead?: CommitId;
  /** Where copies of the agreed contents are kept (agreed-contents.ts); none: not kept. */
  readonly agreedDir?: string;
  /** A resolution recorded HOME as the winning side (resolve-home.ts). */
  readonly homeWins: boolean;
  /** The record was made against a line this repository no longer holds (re-clone, reset, switch). */
  leftLine: boolean;
  /**
   * What HOME and the source agreed on when this run began, as its capture judged it (set by
   * capture): the record `undo` of this run puts back (undo-record.ts).
   */
  undoBase?: Readonly<Record<string, string>>;
}

/** Facts gathered during one run; turned into the report at the end. */
export interface RunFacts
  extends Pick<
    SyncReport,
    'backend' | 'sourceDir' | 'committed' | 'published' | 'applied' | 'keptLocal' | 'skippedReAdd' | 'pendingPushes' | 'conflicts' | 'held'
  > {
  /**
   * chezmoi could not do its part (read the source state, re-add, apply): the repository is still
   * synced — a broken template must not block other machines' edits — and the run ends `error`.
   */
  readonly chezmoiError?: SyncError;
  /** Files left out of every commit (names not valid UTF-8): the rest syncs, the run ends `error`. */
  readonly notSynced?: SyncError;
  /**
   * HOME edits that look like secrets (`secrets-found`), left in HOME and never copied into the
   * source dir: the rest syncs, and the run ends `error` whatever else it ended.
   */
  readonly secretsHeld?: SyncError;
  /** Source paths (absolute) this run committed: applied to HOME too (a template edited in the source dir). */
  readonly committedSources: readonly string[];
  /** Head of the local line as last seen this run: the synced record is saved against it. */
  readonly head?: CommitId;
}

export const initialFacts = (backend: RunFacts['backend'], sourceDir: string): RunFacts => ({
  backend,
  sourceDir,
  committed: 0,
  published: 0,
  applied: [],
  keptLocal: [],
  skippedReAdd: [],
  pendingPushes: 0,
  committedSources: [],
});

/** A step that failed hard: which one, why, and what it had learnt before failing. */
export interface StepFailure {
  readonly step: SyncStep;
  readonly error: SyncError;
  readonly learned?: Partial<RunFacts>;
}

export const failedAt =
  (step: SyncStep, learned?: Partial<RunFacts>) =>
  (error: SyncError): StepFailure => ({ step, error, ...(learned !== undefined ? { learned } : {}) });

/** How a run ended, before chezmoi's late failures are folded in. */
export type Ended = { readonly status: SyncReport['status']; readonly error?: SyncError };

/** The host branch that keeps this host's work when a conflict is preserved. */
export const hostBranchOf = (o: Pick<ResolvedOptions, 'branchPrefix' | 'host'>): string => `${o.branchPrefix}${o.host}`;
