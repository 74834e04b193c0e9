// `chezmoi-sync [sync]`: wires the real adapters and runs the engine, rendering its events.
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import { nodeFs } from '../../backends/fs/node-fs.js';
import { notARepo, type SyncError } from '../../core/errors.js';
import { runSync } from '../../core/sync/engine.js';
import type { SyncEvent, SyncReport } from '../../core/sync/types.js';
import type { ConfigValues } from '../config/load.js';
import { progressRenderer } from '../output/progress.js';
import { exitCodeForReport, summarize } from '../output/summary.js';
import { settingsFrom, syncOptionsFrom, wire, type Wired } from '../wiring/deps.js';
import type { CommandContext, CommandResult } from './types.js';

/** The wired adapters and one sync run with them: what `sync` runs once and `watch` runs again and again. */
export interface PreparedSync {
  readonly wired: Wired;
  readonly sync: (onEvent: (e: SyncEvent) => void) => ResultAsync<SyncReport, SyncError>;
}

/** Checks the source dir and wires the adapters (picking the backend once). */
export const prepareSync = async (v: ConfigValues): Promise<Result<PreparedSync, SyncError>> => {
  // Checked before the engine runs: it takes its lock beside the source dir, creating the parent.
  if (v.source !== undefined && v.repoUrl === undefined) {
    const probe = await nodeFs.probe(v.source);
    if (probe.isErr()) return err(probe.error);
    if (probe.value !== 'dir') {
      return err(notARepo(v.source, { hint: `the source directory ${probe.value === 'file' ? 'is a file' : probe.value === 'empty-dir' ? 'is empty' : 'does not exist'}: pass --repo-url URL to clone it there, or fix --source` }));
    }
  }
  const wired = await wire(v.backend, settingsFrom(v));
  if (wired.isErr()) return err(wired.error);
  return ok({ wired: wired.value, sync: (onEvent) => runSync(wired.value.deps, syncOptionsFrom(v, onEvent)) });
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

  const report = result.value;
  const exitCode = exitCodeForReport(report, v.strict);
  if (!ctx.out.quiet || report.status !== 'success') ctx.out.line(summarize(report));
  return ok({ exitCode, data: { status: report.status, report, backend: { kind: backend.factory.kind, reason: backend.reason } } });
};
