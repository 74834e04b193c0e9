// Step 8, state: the report, `state.json`, `last-sync-status` and the synced record. Periodic
// upkeep that should run "when due" after a run belongs here, after the state is written.
import { err, okAsync, ResultAsync, type Result } from 'neverthrow';
import type { SyncError } from '../../errors.js';
import type { CommitId } from '../../vcs.js';
import { KEPT_BOTH } from '../capture.js';
import type { ResolvedOptions } from '../options.js';
import { readState, syncedRecordPath, writeRun, writeSynced, type StateFile, type SyncedRecord } from '../state.js';
import type { SyncDeps, SyncReport } from '../types.js';
import type { Checkpoint, Vcs } from '../../vcs.js';
import { upkeep } from './upkeep.js';
import { dropRecordsBefore, keepRecordBefore, recordBeforePath } from '../undo-record.js';
import type { Ended, Ledger, Progress, RunFacts, StepFailure } from './context.js';

/** What the state step needs: the run's options, its start and its events. */
export interface RunInfo {
  readonly deps: SyncDeps;
  readonly o: ResolvedOptions;
  readonly started: Date;
  readonly progress: Progress;
}

/** The report of a run from its facts. */
export const reportOf = (run: RunInfo, facts: RunFacts, end: Ended, checkpoint: Checkpoint | undefined): SyncReport => ({
  status: end.status,
  startedAt: run.started.toISOString(),
  durationMs: run.o.now().getTime() - run.started.getTime(),
  backend: facts.backend,
  host: run.o.host,
  sourceDir: facts.sourceDir,
  committed: facts.committed,
  published: facts.published,
  applied: facts.applied,
  keptLocal: facts.keptLocal,
  skippedReAdd: facts.skippedReAdd,
  pendingPushes: facts.pendingPushes,
  ...(facts.conflicts !== undefined ? { conflicts: facts.conflicts } : {}),
  ...(end.error !== undefined
    ? { error: { kind: end.error.kind, message: end.error.message, ...(end.error.hint !== undefined ? { hint: end.error.hint } : {}) } }
    : {}),
  dryRun: run.o.dryRun,
  ...(facts.held !== undefined ? { held: facts.held } : {}),
  ...(checkpoint !== undefined ? { checkpoint } : {}),
  ...(facts.head !== undefined ? { head: facts.head } : {}),
});

/** The record to save: hashes, and fingerprints only where they still vouch for the hash. */
const recordToSave = (ledger: Ledger, head: CommitId | undefined): SyncedRecord => {
  const { files, fingerprints } = ledger;
  const stats: Record<string, string> = {};
  for (const t of Object.keys(fingerprints)) {
    const fp = fingerprints[t];
    if (fp !== undefined && files[t] !== undefined && files[t] !== KEPT_BOTH) stats[t] = fp;
  }
  const at = head ?? (ledger.leftLine ? undefined : ledger.recordHead);
  return { schema: 1, files, stats, ...(at !== undefined ? { head: at } : {}) };
};

/**
 * Saves the record. The quiet digest (quiet-record.ts) only from a run that ended without a hard
 * failure, on a record made against a line (`homeWins` and a left line are compared in full).
 */
const saveLedger = (run: RunInfo, facts: RunFacts, ledger: Ledger, o: { readonly quiet: boolean }): ResultAsync<void, SyncError> => {
  const record = recordToSave(ledger, facts.head);
  const now = o.quiet && !ledger.homeWins && !ledger.leftLine && record.head !== undefined ? ledger.quiet : undefined;
  return writeSynced(run.deps.fs, syncedRecordPath(run.o.stateDir, facts.sourceDir), record, ledger.saved, {
    ...(now !== undefined ? { now } : {}),
    ...(ledger.savedQuiet !== undefined ? { was: ledger.savedQuiet } : {}),
  });
};

/**
 * For `undo`: what HOME and the source agreed on when this run began (its capture's judgement,
 * else the record it read), kept for its checkpoint (undo-record.ts), and the copies of runs that
 * leave the history dropped. Best effort: without its copy, `undo` falls back to "HOME wins".
 */
const keepForUndo = (run: RunInfo, facts: RunFacts, end: Partial<Ending>, report: SyncReport): ResultAsync<void, never> => {
  const { fs } = run.deps;
  const { stateDir } = run.o;
  const base = end.ledger?.undoBase;
  const before = base !== undefined ? { schema: 1 as const, files: base } : end.ledger?.saved;
  const kept = end.checkpoint === undefined ? okAsync(undefined) : keepRecordBefore(fs, recordBeforePath(stateDir, facts.sourceDir, report.startedAt), before);
  const leaving = [report, ...(end.state?.runs ?? [])].slice(Math.max(1, run.o.historySize)).flatMap((r) => (r.checkpoint !== undefined ? [recordBeforePath(stateDir, r.sourceDir, r.startedAt)] : []));
  return kept
    .andThen(() => dropRecordsBefore(fs, leaving))
    .orElse((e) => {
      run.progress.info(`could not keep what undo needs: ${e.message}`);
      return okAsync(undefined);
    });
};

/** Everything a run ends with. */
export interface Ending {
  readonly facts: RunFacts;
  readonly state: StateFile;
  /** Undefined when this run learnt nothing about HOME and source: the record on disk stays. */
  readonly ledger?: Ledger | undefined;
  readonly checkpoint?: Checkpoint | undefined;
  /** The open repository, for housekeeping after a clean run. */
  readonly vcs?: Vcs | undefined;
}

/** The end of a run that was not a hard failure: the report, saved with the record. */
export const finishRun = (run: RunInfo, ended: Ended, end: Ending): ResultAsync<SyncReport, SyncError> => {
  // A repository synced while chezmoi failed its part is not a success: say what chezmoi could not do.
  const late = end.facts.chezmoiError ?? end.facts.notSynced;
  const held = end.facts.secretsHeld;
  // A secret held back in HOME is said whatever else the run ended (offline too): only a person can act on it.
  const final: Ended =
    held !== undefined && ended.status !== 'error' ? { status: 'error', error: held } : ended.status === 'success' && late !== undefined ? { status: 'error', error: late } : ended;
  const r = reportOf(run, end.facts, final, end.checkpoint);
  if (run.o.dryRun) return okAsync(r);
  run.progress.start('state');
  // Independent files, each written atomically: written at once (each write waits for its fsync).
  return ResultAsync.combine([
    end.ledger === undefined ? okAsync(undefined) : saveLedger(run, end.facts, end.ledger, { quiet: true }),
    writeRun(run.deps.fs, run.o.stateDir, end.state, r, run.o.historySize),
    keepForUndo(run, end.facts, end, r),
  ] as const)
    .map(() => {
      run.progress.end('state', 'ok', `last-sync-status: ${r.status}`);
      return r;
    })
    .mapErr((e) => {
      run.progress.end('state', 'failed', e.message);
      return e;
    })
    .andThen((saved) => upkeep(run, end.vcs, saved));
};

/** A hard failure: recorded in the state (when it can be), then returned as Err. */
export const failRun = async (run: RunInfo, f: StepFailure, end: Partial<Ending> & { facts: RunFacts }): Promise<Result<never, SyncError>> => {
  const { o, deps, progress } = run;
  const e = f.error;
  const facts = { ...end.facts, ...f.learned };
  progress.end(f.step, 'failed', e.message);
  if (!o.dryRun && e.kind !== 'invalid-input') {
    // What this run learnt still holds after a later failure: a re-add or an apply made HOME and source agree.
    if (end.ledger !== undefined) {
      const kept = await saveLedger(run, facts, end.ledger, { quiet: false });
      if (kept.isErr()) progress.info(`could not save what HOME and the source agree on: ${kept.error.message}`);
    }
    const prev = end.state ?? (await readState(deps.fs, o.stateDir, o.now())).map((s) => s.state).unwrapOr(undefined);
    if (prev !== undefined) {
      const report = reportOf(run, facts, { status: 'error', error: e }, end.checkpoint);
      (await keepForUndo(run, facts, { ...end, state: prev }, report)).unwrapOr(undefined);
      const saved = await writeRun(deps.fs, o.stateDir, prev, report, o.historySize);
      // Best effort: the error itself is what the caller must see.
      if (saved.isErr()) progress.info(`could not record the error in the state: ${saved.error.message}`);
    }
  }
  return err(e);
};

