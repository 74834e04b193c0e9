// Step 7 after a conflict: the local line goes to this host's branch on the remote (after the
// secret guard), nothing else changes, and the notify command is told.
import { err, ok, type Result } from 'neverthrow';
import type { SyncError } from '../../errors.js';
import { preserveTarget } from '../host-branches.js';
import { guardOutgoing } from '../outgoing-guard.js';
import { hostBranchOf, type RunFacts, type StepContext, type StepFailure } from './context.js';

type Preserved = Pick<RunFacts, 'conflicts'> & Partial<Pick<RunFacts, 'head' | 'pendingPushes'>>;

export const preserve = async (ctx: StepContext, paths: readonly string[]): Promise<Result<Preserved, StepFailure>> => {
  const { deps, o, vcs, progress } = ctx;
  const base = hostBranchOf(o);
  const div = await vcs.divergence(o.remote, ctx.trunk);
  const head = div.isOk() ? div.value.head : undefined;
  // A host branch holding work this line lacks (an earlier side, the line since re-cloned or
  // reset) is never moved off it: this line goes to the next free name (host-branches.ts).
  const target = head !== undefined ? await preserveTarget(vcs, o.remote, base, head) : undefined;
  const branch = target?.isOk() === true ? target.value.branch : base;
  const learned: { -readonly [K in keyof Preserved]: Preserved[K] } = { conflicts: { paths, branch } };
  const fail = (error: SyncError): Result<never, StepFailure> => err({ step: 'integrate', error, learned });
  progress.end('integrate', 'degraded', `conflict in ${paths.join(', ')}; this host's work is kept on ${branch}`);
  if (target?.isOk() === true && target.value.kept.length > 0) {
    progress.info(`${target.value.kept.join(', ')} still hold${target.value.kept.length === 1 ? 's' : ''} an earlier side this line lacks: kept as is`);
  }
  progress.start('publish');
  if (div.isOk()) Object.assign(learned, { head: div.value.head, pendingPushes: div.value.ahead.length });
  const cp = await ctx.checkpoint.ensure();
  if (cp.isErr()) return fail(cp.error);
  if (head === undefined || !o.autoPush || o.dryRun) {
    progress.end('publish', 'skipped', `${branch} not pushed (${o.dryRun ? 'dry run' : 'push is off'})`);
  } else if (target?.isErr() === true) {
    // Cannot tell which host branch is free to move: move none; the next run tries again.
    progress.end('publish', 'degraded', `could not push ${branch}: ${target.error.message}`);
  } else {
    // Whatever leaves the machine is scanned first; refused → nothing pushed, the work stays local.
    const guarded = await guardOutgoing(vcs, o.remote, head);
    if (guarded.isErr()) return fail(guarded.error);
    const pushed = await vcs.setBranch(branch, head).andThen(() => vcs.push({ remote: o.remote, branch }));
    // The work is still safe locally; the next run pushes the host branch again.
    if (pushed.isErr()) progress.end('publish', 'degraded', `could not push ${branch}: ${pushed.error.message}`);
    else progress.end('publish', 'ok', `pushed this host's work to ${o.remote}/${branch}`);
  }
  if (o.notifyCommand !== undefined && deps.notify !== undefined && !o.dryRun) {
    const n = await deps.notify(o.notifyCommand, {
      CHEZMOI_SYNC_STATUS: 'conflicts-preserved',
      CHEZMOI_SYNC_BRANCH: branch,
      CHEZMOI_SYNC_CONFLICTS: paths.join('\n'),
      CHEZMOI_SYNC_HOST: o.host,
    });
    if (n.isErr()) progress.info(`notify command failed: ${n.error.message}`);
  }
  return ok(learned);
};
