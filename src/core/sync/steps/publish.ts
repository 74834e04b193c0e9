// Step 7, publish: the trunk moved to the integrated head and pushed (after the secret guard);
// then a host branch whose work is now on trunk is removed. Anything else to publish after a
// successful sync (a per-host record, say) goes after `publish`, beside `cleanUpHostBranch`.
import { okAsync, ResultAsync } from 'neverthrow';
import type { SyncError } from '../../errors.js';
import type { CommitId } from '../../vcs.js';
import { hostBranchStates } from '../host-branches.js';
import { guardOutgoing } from '../outgoing-guard.js';
import { hostBranchOf, type RunFacts, type StepContext } from './context.js';

export interface PublishInput {
  readonly head: CommitId;
  /** Local commits the remote trunk lacks (integrate counted them). */
  readonly ahead: number;
  readonly remoteHead: CommitId | undefined;
}

/** Moves the trunk to `head` and pushes it; the number of commits published. */
export const publish = (ctx: StepContext, input: PublishInput): ResultAsync<number, SyncError> => {
  const { o, vcs } = ctx;
  if (input.ahead === 0 && input.remoteHead !== undefined) return okAsync(0);
  return new ResultAsync(guardOutgoing(vcs, o.remote, input.head))
    .andThen(() => ctx.checkpoint.ensure())
    .andThen(() => vcs.setBranch(ctx.trunk, input.head))
    .andThen(() => vcs.push({ remote: o.remote, branch: ctx.trunk }))
    .map(() => input.ahead);
};

/**
 * After a clean publish: each host branch of this host (`sync/<host>`, `sync/<host>-2`…) whose work
 * is now on trunk is removed; one holding work the trunk lacks stays (host-branch.ts) and the
 * conflict stays reported — returned as `conflicts`, naming the first branch that stays.
 */
export const cleanUpHostBranch = async (
  ctx: StepContext,
  head: CommitId,
  paths: readonly string[] | undefined,
): Promise<Pick<RunFacts, 'conflicts'>> => {
  const { o, vcs, progress } = ctx;
  const base = hostBranchOf(o);
  const states = await hostBranchStates(vcs, o.remote, base, head);
  if (states.isErr()) {
    progress.info(`could not check ${base} (${states.error.message}); it stays`);
    return { conflicts: { paths: paths ?? [], branch: base } };
  }
  const kept: { branch: string; missing: readonly string[] }[] = [];
  for (const { name, state } of states.value) {
    if (state === undefined || state.kind === 'pending') {
      const missing = state?.kind === 'pending' ? state.paths : (paths ?? []);
      progress.info(
        state === undefined ? `could not check ${name}; it stays` : `${name} holds work the trunk does not (${missing.join(', ')}): it stays until the conflict is resolved`,
      );
      kept.push({ branch: name, missing });
    } else if (state.kind === 'integrated') await removeHostBranch(ctx, name);
  }
  const first = kept[0];
  if (first === undefined) return {};
  return { conflicts: { paths: paths !== undefined && paths.length > 0 ? paths : [...new Set(kept.flatMap((k) => k.missing))].sort(), branch: first.branch } };
};

/** Deletes a host branch whose work is integrated, locally and on the remote. */
const removeHostBranch = async (ctx: StepContext, branch: string): Promise<void> => {
  const { o, vcs, progress } = ctx;
  const branches = await vcs.branches();
  const onRemote = branches.isOk() && branches.value.some((x) => x.name === branch && x.remoteTargets[o.remote] !== undefined);
  const removed = await vcs.deleteBranch(branch).andThen(() => (onRemote ? vcs.push({ remote: o.remote, branch }) : okAsync(undefined)));
  progress.info(removed.isOk() ? `conflict resolved: removed ${branch}` : `could not remove ${branch}: ${removed.error.message}`);
};
