// The remote's default branch, asked of the remote itself (`git ls-remote --symref REMOTE HEAD`),
// for both backends: a fetch does not update a clone's `origin/HEAD`. Pure parts only.
import { unsafeState, type UnsafeStateError } from '../core/errors.js';

/** argv (after `git` and any repository option) asking a remote where its HEAD points. */
export const lsRemoteHeadArgs = (remote: string): readonly string[] => ['ls-remote', '--symref', '--', remote, 'HEAD'];

/**
 * The branch the remote's HEAD names, when that branch exists (an unborn HEAD prints no commit).
 *
 * @example parseLsRemoteHead('ref: refs/heads/trunk\tHEAD\n1a2b…\tHEAD\n') // 'trunk'
 */
export const parseLsRemoteHead = (stdout: string): string | undefined => {
  const lines = stdout.split('\n');
  const sym = lines.map((l) => /^ref: refs\/heads\/(\S+)\tHEAD$/.exec(l)).find((m) => m !== null);
  const born = lines.some((l) => /^[0-9a-f]{40,64}\tHEAD$/.test(l));
  return sym?.[1] !== undefined && born ? sym[1] : undefined;
};

/**
 * The error for a trunk the remote deleted while its HEAD names another branch (a default-branch
 * rename): publishing would recreate the old branch and split the fleet.
 */
export const trunkMoved = (remote: string, branch: string, head: string, root: string): UnsafeStateError => ({
  ...unsafeState('trunk-renamed', `${remote} has no branch ${branch} any more and its default branch is now ${head}: nothing was published, local commits are kept`),
  hint: `to follow it, run \`git -C ${root} remote set-head ${remote} --auto\` (or sync with --trunk ${head}) on each machine; to start ${branch} anew, push it to ${remote} by hand`,
});
