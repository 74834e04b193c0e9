// Push one bookmark, adopting a repository colocated by hand on the way.
import { errAsync, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import * as cmd from './commands.js';
import type { JjSession } from './session.js';

/**
 * True when jj refused the push because `branch@remote` exists but is not tracked: what a person's
 * own `jj git init --colocate` on a git clone leaves behind (jj only prints a hint).
 */
export const isUntrackedRemote = (e: SyncError, branch: string, remote: string): boolean =>
  e.kind === 'command-failed' && (e.stderr ?? e.message).includes(`Non-tracking remote bookmark ${branch}@${remote} exists`);

/**
 * `jj git push` of one bookmark. An untracked remote bookmark of that name is tracked (adopted,
 * as `jj git clone` would have left it) and the push tried once more; this costs nothing when the
 * repository was set up by jj or by us.
 */
export const pushBookmark = (s: JjSession, remote: string, branch: string): ResultAsync<void, SyncError> => {
  const push = (): ResultAsync<void, SyncError> => s.run(cmd.gitPush(remote, branch), { remote, ref: branch }).map(() => undefined);
  return push().orElse((e) =>
    isUntrackedRemote(e, branch, remote) ? s.run(cmd.bookmarkTrack(branch, remote)).andThen(push) : errAsync(e),
  );
};
