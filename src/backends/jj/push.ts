// Push one bookmark, adopting a repository colocated by hand and repairing commits an earlier
// version made without an identity on the way.
import { errAsync, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import * as cmd from './commands.js';
import { repairAuthorless } from './identity.js';
import type { JjRepo } from './repo.js';

/**
 * True when jj refused the push because `branch@remote` exists but is not tracked: what a person's
 * own `jj git init --colocate` on a git clone leaves behind (jj only prints a hint).
 */
export const isUntrackedRemote = (e: SyncError, branch: string, remote: string): boolean =>
  e.kind === 'command-failed' && (e.stderr ?? e.message).includes(`Non-tracking remote bookmark ${branch}@${remote} exists`);

/** True when jj refused commits without an author or committer (made while jj had no identity). */
const refusedForIdentity = (e: SyncError): boolean => e.kind === 'unsafe-state' && e.state === 'missing-identity';

/**
 * `jj git push` of one bookmark. An untracked remote bookmark of that name is tracked (adopted,
 * as `jj git clone` would have left it); commits without an author or committer are given the
 * identity in use; after each the push is tried once more. Both cost nothing when the repository
 * needs neither: jj checks them itself before it contacts the remote.
 */
export const pushBookmark = (s: JjRepo, remote: string, branch: string): ResultAsync<void, SyncError> => {
  const push = (): ResultAsync<void, SyncError> => s.run(cmd.gitPush(remote, branch), { remote, ref: branch }).map(() => undefined);
  const attempt = (tracked: boolean, repaired: boolean): ResultAsync<void, SyncError> =>
    push().orElse((e) => {
      if (!tracked && isUntrackedRemote(e, branch, remote)) return s.run(cmd.bookmarkTrack(branch, remote)).andThen(() => attempt(true, repaired));
      if (!repaired && refusedForIdentity(e)) {
        return s
          .identity()
          .andThen(() => repairAuthorless((c) => s.run(c), branch, remote))
          .andThen(() => attempt(tracked, true));
      }
      return errAsync(e);
    });
  return attempt(false, false);
};
