// Step 7, publish: the trunk moved to the integrated head and pushed (after the secret guard);
// then a host branch whose work is now on trunk is removed. Anything else to publish after a
// successful sync (a per-host record, say) goes after `publish`, beside `cleanUpHostBranch`.
import { err, ok, okAsync, type Result } from 'neverthrow';
import type { SyncError } from '../../errors.js';
import type { CommitId } from '../../vcs.js';
import { hostBranchState } from '../host-branch.js';
import { guardOutgoing } from '../outgoing-guard.js';
import { hostBranchOf, type RunFacts, type StepContext } from './context.js';

export interface PublishInput {
  readonly head: CommitId;
  /** Local commits the remote trunk lacks (integrate counted them). */
  readonly ahead: number;
  readonly remoteHead: CommitId | undefined;
}

/** Moves the trunk to `head` and pushes it; the number of commits published. */
export const publish = async (ctx: StepContext, input: PublishInput): Promise<Result<number, SyncError>> => {
  const { o, vcs } = ctx;
  if (input.ahead === 0 && input.remoteHead !== undefined) return ok(0);
  const guarded = await guardOutgoing(vcs, o.remote, input.head);
  if (guarded.isErr()) return err(guarded.error);
  const cp = await ctx.checkpoint.ensure();
  if (cp.isErr()) return err(cp.error);
  const pushed = await vcs.setBranch(ctx.trunk, input.head).andThen(() => vcs.push({ remote: o.remote, branch: ctx.trunk }));
  return pushed.map(() => input.ahead);
};

/**
 * After a clean publish: a host branch whose work is now on trunk is removed; one holding work the
 * trunk lacks stays (host-branch.ts) and the conflict stays reported — returned as `conflicts`.
 */
export const cleanUpHostBranch = async (
  ctx: StepContext,
  head: CommitId,
  paths: readonly string[] | undefined,
): Promise<Pick<RunFacts, 'conflicts'>> => {
  const { o, vcs, progress } = ctx;
  const branch = hostBranchOf(o);
  const where = await hostBranchState(vcs, o.remote, branch, head);
  if (where.isErr() || where.value.kind === 'pending') {
    const missing = where.isOk() && where.value.kind === 'pending' ? where.value.paths : (paths ?? []);
    progress.info(
      where.isErr()
        ? `could not check ${branch} (${where.error.message}); it stays`
        : `${branch} holds work the trunk does not (${missing.join(', ')}): it stays until the conflict is resolved`,
    );
    return { conflicts: { paths: paths !== undefined && paths.length > 0 ? paths : missing, branch } };
  }
  if (where.value.kind === 'absent') return {};
  const branches = await vcs.branches();
  const onRemote = branches.isOk() && branches.value.some((x) => x.name === branch && x.remoteTargets[o.remote] !== undefined);
  const removed = await vcs.deleteBranch(branch).andThen(() => (onRemote ? vcs.push({ remote: o.remote, branch }) : okAsync(undefined)));
  progress.info(removed.isOk() ? `conflict resolved: removed ${branch}` : `could not remove ${branch}: ${removed.error.message}`);
  return {};
};
