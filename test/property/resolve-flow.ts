// The guided resolution as a person runs it (`resolve`, edit, `resolve --continue`), for both drivers.
import { continueResolve, startResolve, type OperationContext } from '../../src/core/resolve.js';
import type { SyncReport } from '../../src/core/sync/types.js';
import type { ResolveOutcome, SyncOutcome } from './driver.js';

const asOutcome = (v: unknown): SyncOutcome | undefined =>
  v !== null && typeof v === 'object' && 'status' in v ? { kind: 'report', report: JSON.parse(JSON.stringify(v)) as SyncReport, via: 'sdk' } : undefined;

export const resolveFlow = async (ctx: OperationContext, decide: (paths: readonly string[]) => Promise<void>): Promise<ResolveOutcome> => {
  const started = await startResolve(ctx);
  if (started.isErr()) return { kind: 'error', error: started.error };
  const paths = (started.value.details['paths'] as readonly string[] | undefined) ?? [];
  const first = asOutcome(started.value.details['sync']);
  if (paths.length === 0) return first !== undefined ? { kind: 'nothing', sync: first } : { kind: 'nothing' };
  await decide(paths);
  const done = await continueResolve(ctx);
  if (done.isErr()) return { kind: 'error', error: done.error };
  const sync = asOutcome(done.value.details['sync']);
  if (sync === undefined) return { kind: 'error', error: { kind: 'parse', message: 'resolve --continue reported no sync' } };
  return { kind: 'resolved', paths, sync };
};
