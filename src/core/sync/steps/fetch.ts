// Step 4, fetch. Offline or refused (network, auth) is a degraded run, not a failure: local
// commits stay and the next run pushes them.
import { err, ok, okAsync, type Result, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../errors.js';
import type { RunFacts, StepContext, StepFailure, Ended } from './context.js';

export type Fetched = { readonly kind: 'fetched' } | { readonly kind: 'unreachable'; readonly ended: Ended; readonly learned: Partial<RunFacts> };

/** Local commits not on the remote trunk, and the local head (for the report and the record). */
export const pendingOf = (ctx: Pick<StepContext, 'vcs' | 'o' | 'trunk'>): ResultAsync<Partial<RunFacts>, never> =>
  ctx.vcs
    .divergence(ctx.o.remote, ctx.trunk)
    .map((d): Partial<RunFacts> => ({ pendingPushes: d.ahead.length, head: d.head }))
    .orElse(() => okAsync({}));

/** The fetch, or the outcome of one already started (`pending`, fetch-ahead.ts), reported as this step. */
export const fetchStep = async (ctx: StepContext, pending?: PromiseLike<Result<void, SyncError>>): Promise<Result<Fetched, StepFailure>> => {
  const { o, progress } = ctx;
  progress.start('fetch');
  const fetched = await (pending ?? ctx.vcs.fetch(o.remote));
  if (fetched.isOk()) {
    progress.end('fetch', 'ok', `fetched ${o.remote}`);
    return ok({ kind: 'fetched' });
  }
  const e = fetched.error;
  const learned = (await pendingOf(ctx)).unwrapOr({});
  if (e.kind === 'network' || e.kind === 'auth') {
    progress.end('fetch', 'degraded', `${e.message}; local commits kept for the next run`);
    return ok({ kind: 'unreachable', ended: { status: e.kind === 'network' ? 'fetch-failed' : 'auth-failed', error: e }, learned });
  }
  return err({ step: 'fetch', error: e, learned });
};
