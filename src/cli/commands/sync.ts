// `chezmoi-sync [sync]`: wires the real adapters and runs the engine, rendering its events.
import { err, ok, type Result } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import type { FleetPublishOutcome } from '../../core/fleet/publish.js';
import { runSync } from '../../core/sync/engine.js';
import type { SyncEvent, SyncReport } from '../../core/sync/types.js';
import type { ConfigValues } from '../config/load.js';
import { progressRenderer } from '../output/progress.js';
import { exitCodeForReport, summarize } from '../output/summary.js';
import { settingsFrom, syncOptionsFrom, wire, type Wired } from '../wiring/deps.js';
import { publishAfterSync } from '../wiring/fleet.js';
import { keepHeapSmall } from '../small-heap.js';
import type { CommandContext, CommandResult } from './types.js';

/** One finished sync: the engine's report and this host's fleet record (which never changes the outcome). */
export interface SyncRun {
  readonly report: SyncReport;
  readonly fleet: Result<FleetPublishOutcome, SyncError>;
}

/** The wired adapters and one sync run with them: what `sync` runs once and `watch` runs again and again. */
export interface PreparedSync {
  readonly wired: Wired;
  readonly sync: (onEvent: (e: SyncEvent) => void) => Promise<Result<SyncRun, SyncError>>;
}

/** Wires the adapters (picking the backend once). */
export const prepareSync = async (v: ConfigValues): Promise<Result<PreparedSync, SyncError>> => {
  // A lower memory peak for the many-file syncs (small-heap.ts).
  keepHeapSmall();
  const wired = await wire(v.backend, settingsFrom(v));
  if (wired.isErr()) return err(wired.error);
  const sync = async (onEvent: (e: SyncEvent) => void): Promise<Result<SyncRun, SyncError>> => {
    const result = await runSync(wired.value.deps, syncOptionsFrom(v, onEvent));
    if (result.isErr()) return err(result.error);
    return ok({ report: result.value, fleet: await publishAfterSync(v, result.value) });
  };
  return ok({ wired: wired.value, sync });
};

export const runSyncCommand = async (ctx: CommandContext): CommandResult => {
  const v = ctx.config.values;
  const prepared = await prepareSync(v);
  if (prepared.isErr()) return err(prepared.error);
  const { backend } = prepared.value.wired;
  if (ctx.out.verbose) ctx.out.note(`backend: ${backend.factory.kind} (${backend.reason})`);

  const progress = progressRenderer(ctx.out);
  const result = await prepared.value.sync(progress.onEvent);
  progress.done();
  if (result.isErr()) return err(result.error);

  const { report, fleet } = result.value;
  if (fleet.isErr()) ctx.out.problem(`warning: this host's fleet record was not published: ${fleet.error.message}`);
  else if (ctx.out.verbose) ctx.out.note(`fleet record: ${fleet.value.outcome === 'skipped' ? `not published (${fleet.value.reason})` : fleet.value.outcome}`);
  const exitCode = exitCodeForReport(report, v.strict);
  if (!ctx.out.quiet || report.status !== 'success') ctx.out.line(summarize(report));
  return ok({ exitCode, data: { status: report.status, report, backend: { kind: backend.factory.kind, reason: backend.reason }, fleet: fleet.isOk() ? { outcome: fleet.value.outcome } : { outcome: 'failed', error: fleet.error.message } } });
};
