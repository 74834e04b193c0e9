// The shape every core operation command shares (undo, apply): wire the backend of the existing
// repository (never colocating jj), run the operation with progress, print its one-line summary.
import { err, ok, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { progressRenderer } from '../output/progress.js';
import type { OperationContext, OperationResult } from '../wiring/core-ops.js';
import { syncOptionsFrom } from '../wiring/deps.js';
import { wireExisting } from '../wiring/wire-existing.js';
import type { CommandContext, CommandResult } from './types.js';

export const runCoreOperation = async (ctx: CommandContext, op: (c: OperationContext) => ResultAsync<OperationResult, SyncError>): CommandResult => {
  const v = ctx.config.values;
  const wired = await wireExisting(v);
  if (wired.isErr()) return err(wired.error);
  const progress = progressRenderer(ctx.out);
  const r = await op({ deps: wired.value.deps, options: syncOptionsFrom(v, progress.onEvent) });
  progress.done();
  if (r.isErr()) return err(r.error);
  ctx.out.line(r.value.summary);
  return ok({ exitCode: 0, data: { summary: r.value.summary, details: r.value.details } });
};
