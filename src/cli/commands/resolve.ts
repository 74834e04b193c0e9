// `chezmoi-sync resolve [--continue|--abort]`: guided resolution; the logic lives in core.
import { err, ok } from 'neverthrow';
import { usage } from '../errors.js';
import { progressRenderer } from '../output/progress.js';
import { abortResolve, continueResolve, startResolve } from '../wiring/core-ops.js';
import { syncOptionsFrom } from '../wiring/deps.js';
import { wireExisting } from '../wiring/wire-existing.js';
import type { CommandContext, CommandResult } from './types.js';

export const runResolve = async (ctx: CommandContext): CommandResult => {
  const { flags } = ctx.invocation;
  if (flags['continue'] === true && flags['abort'] === true) return err(usage('--continue and --abort exclude each other'));
  const action = flags['continue'] === true ? 'continue' : flags['abort'] === true ? 'abort' : 'start';
  const v = ctx.config.values;
  const wired = await wireExisting(v);
  if (wired.isErr()) return err(wired.error);
  const progress = progressRenderer(ctx.out);
  const op = action === 'continue' ? continueResolve : action === 'abort' ? abortResolve : startResolve;
  const r = await op({ deps: wired.value.deps, options: syncOptionsFrom(v, progress.onEvent) });
  progress.done();
  if (r.isErr()) return err(r.error);
  ctx.out.line(r.value.summary);
  return ok({ exitCode: 0, data: { action, summary: r.value.summary, details: r.value.details } });
};
