// `chezmoi-sync undo`: back to the repository as it was before the last sync (core decides how).
import { err, ok } from 'neverthrow';
import { progressRenderer } from '../output/progress.js';
import { undoLastSync } from '../wiring/core-ops.js';
import { syncOptionsFrom } from '../wiring/deps.js';
import { wireExisting } from '../wiring/wire-existing.js';
import type { CommandContext, CommandResult } from './types.js';

export const runUndo = async (ctx: CommandContext): CommandResult => {
  const v = ctx.config.values;
  const wired = await wireExisting(v);
  if (wired.isErr()) return err(wired.error);
  const progress = progressRenderer(ctx.out);
  const r = await undoLastSync({ deps: wired.value.deps, options: syncOptionsFrom(v, progress.onEvent) });
  progress.done();
  if (r.isErr()) return err(r.error);
  ctx.out.line(r.value.summary);
  return ok({ exitCode: 0, data: { summary: r.value.summary, details: r.value.details } });
};
