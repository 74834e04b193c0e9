// `chezmoi-sync [sync]`: wires the real adapters and runs the engine, rendering its events.
import { err, ok } from 'neverthrow';
import { runSync } from '../../core/sync/engine.js';
import { housekeepRepository } from '../../core/sync/housekeep.js';
import { progressRenderer } from '../output/progress.js';
import { exitCodeForReport, summarize } from '../output/summary.js';
import { settingsFrom, syncOptionsFrom, wire } from '../wiring/deps.js';
import type { CommandContext, CommandResult } from './types.js';

export const runSyncCommand = async (ctx: CommandContext): CommandResult => {
  const v = ctx.config.values;
  const wired = await wire(v.backend, settingsFrom(v));
  if (wired.isErr()) return err(wired.error);
  const { deps, backend } = wired.value;
  if (ctx.out.verbose) ctx.out.note(`backend: ${backend.factory.kind} (${backend.reason})`);

  const progress = progressRenderer(ctx.out);
  const options = syncOptionsFrom(v, progress.onEvent);
  const result = await runSync(deps, options);
  progress.done();
  if (result.isErr()) return err(result.error);

  const report = result.value;
  // Only after a clean run, and never failing it: trimming history is for the next run's sake.
  if (report.status === 'success' && !v.dryRun) {
    const kept = await housekeepRepository({ deps, options: { ...options, sourceDir: report.sourceDir } });
    if (kept.isErr()) ctx.out.problem(`warning: housekeeping failed (the sync itself succeeded): ${kept.error.message}`);
    else if (kept.value?.ran === true && ctx.out.verbose) ctx.out.note(`housekeeping: ${kept.value.note ?? 'done'}`);
  }
  const exitCode = exitCodeForReport(report, v.strict);
  if (!ctx.out.quiet || report.status !== 'success') ctx.out.line(summarize(report));
  return ok({ exitCode, data: { status: report.status, report, backend: { kind: backend.factory.kind, reason: backend.reason } } });
};
