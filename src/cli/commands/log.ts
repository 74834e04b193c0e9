// `chezmoi-sync log [-n N]`: the last runs recorded in state.json, newest first.
import { err, ok } from 'neverthrow';
import { usage } from '../errors.js';
import { summarize } from '../output/summary.js';
import { parseCount, readStateView } from '../state-file.js';
import type { CommandContext, CommandResult } from './types.js';

export const runLog = async (ctx: CommandContext): CommandResult => {
  const limit = parseCount(ctx.invocation.flags['limit'], 10);
  if (limit === undefined) return err(usage(`--limit must be a positive whole number (got ${JSON.stringify(ctx.invocation.flags['limit'])})`));
  const view = await readStateView(ctx.config.values.stateDir);
  if (view.isErr()) return err(view.error);
  const { path, state, corrupt } = view.value;
  const runs = (state?.runs ?? []).slice(0, limit);
  if (corrupt) ctx.out.problem(`warning: ${path} is not a state file this version understands; the next sync moves it aside`);
  if (runs.length === 0) ctx.out.line(`no runs recorded yet (${path})`);
  for (const r of runs) ctx.out.line(`${r.startedAt}  ${r.host}  ${summarize(r)}`);
  return ok({ exitCode: 0, data: { stateFile: path, corrupt, runs } });
};
