// Step 5, integrate: the local line rebased onto the remote trunk. A conflict changes nothing
// here: the preserve step keeps this host's work on its host branch.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import type { CommitId } from '../../vcs.js';
import { failedAt, type StepContext, type StepFailure } from './context.js';

export type Integrated =
  | {
      readonly kind: 'clean';
      readonly before: CommitId;
      readonly head: CommitId;
      readonly incoming: number;
      readonly ahead: number;
      readonly remoteHead: CommitId | undefined;
    }
  | { readonly kind: 'conflict'; readonly paths: readonly string[]; readonly head: CommitId };

export const integrate = (ctx: StepContext): ResultAsync<Integrated, StepFailure> => {
  const { o, vcs, progress } = ctx;
  progress.start('integrate');
  return safeTry(async function* () {
    const { head, behind, remoteHead, ahead } = yield* vcs.divergence(o.remote, ctx.trunk).mapErr(failedAt('integrate'));
    const fail = failedAt('integrate', { head });
    if (remoteHead === undefined || behind.length === 0 || o.dryRun) {
      if (o.dryRun && behind.length > 0) progress.info(`dry run: ${behind.length} incoming commit(s) not integrated`);
      progress.end('integrate', 'ok', 'already up to date');
      return ok({ kind: 'clean' as const, before: head, head, incoming: 0, ahead: ahead.length, remoteHead });
    }
    yield* ctx.checkpoint.ensure().mapErr(fail);
    const rb = yield* vcs.rebase({ remote: o.remote, branch: ctx.trunk }).mapErr(fail);
    if (rb.status === 'conflict') return ok({ kind: 'conflict' as const, paths: rb.paths, head });
    progress.end('integrate', 'ok', `rebased onto ${behind.length} incoming commit(s)`);
    // The rebase drops a local commit whose change the trunk already has (the same edit made on
    // another host, a sync that undo took back and the next one made again): landing on the
    // remote's head, nothing is left to publish. (Some dropped and some not: the count stays an
    // upper bound, and the push sends what is left.)
    const stillAhead = rb.head === remoteHead ? 0 : ahead.length;
    return ok({ kind: 'clean' as const, before: head, head: rb.head, incoming: behind.length, ahead: stillAhead, remoteHead });
  });
};
