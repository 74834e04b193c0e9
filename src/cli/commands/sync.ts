// `chezmoi-sync [sync]`: wires the real adapters and runs the engine, rendering its events.
import { err, ok } from 'neverthrow';
import { runSync } from '../../core/sync/engine.js';
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
  const result = await runSync(deps, syncOptionsFrom(v, progress.onEvent));
  progress.done();
  if (result.isErr()) return err(result.error);

  const report = result.value;
  const exitCode = exitCodeForReport(report, v.strict);
  if (!ctx.out.quiet || report.status !== 'success') ctx.out.line(summarize(report));
  return ok({ exitCode, data: { status: report.status, report, backend: { kind: backend.factory.kind, reason: backend.reason } } });
};
