// Step 5, integrate: the local line rebased onto the remote trunk. A conflict changes nothing
// here: the preserve step keeps this host's work on its host branch.
import { err, ok, type Result } from 'neverthrow';
import type { SyncError } from '../../errors.js';
import type { CommitId } from '../../vcs.js';
import type { StepContext, StepFailure } from './context.js';

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

export const integrate = async (ctx: StepContext): Promise<Result<Integrated, StepFailure>> => {
  const { o, vcs, progress } = ctx;
  progress.start('integrate');
  const div = await vcs.divergence(o.remote, ctx.trunk);
  if (div.isErr()) return err({ step: 'integrate', error: div.error });
  const { head, behind, remoteHead, ahead } = div.value;
  const fail = (error: SyncError): Result<never, StepFailure> => err({ step: 'integrate', error, learned: { head } });
  if (remoteHead === undefined || behind.length === 0 || o.dryRun) {
    if (o.dryRun && behind.length > 0) progress.info(`dry run: ${behind.length} incoming commit(s) not integrated`);
    progress.end('integrate', 'ok', 'already up to date');
    return ok({ kind: 'clean', before: head, head, incoming: 0, ahead: ahead.length, remoteHead });
  }
  const cp = await ctx.checkpoint.ensure();
  if (cp.isErr()) return fail(cp.error);
  const rb = await vcs.rebase({ remote: o.remote, branch: ctx.trunk });
  if (rb.isErr()) return fail(rb.error);
  if (rb.value.status === 'conflict') return ok({ kind: 'conflict', paths: rb.value.paths, head });
  progress.end('integrate', 'ok', `rebased onto ${behind.length} incoming commit(s)`);
  return ok({ kind: 'clean', before: head, head: rb.value.head, incoming: behind.length, ahead: ahead.length, remoteHead });
};
