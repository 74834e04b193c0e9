import { errAsync, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import * as cmd from './commands.js';
import { repairAuthorless } from './identity.js';
import type { JjSession } from './session.js';

const refusedForIdentity = (e: SyncError): boolean => e.kind === 'unsafe-state' && e.state === 'missing-identity';

/**
 * Pushes one bookmark. When jj refuses commits without an author or committer (made by an earlier
 * version while jj had no identity), gives them the identity in use and pushes once more. The
 * common case costs nothing extra: jj checks this itself before it contacts the remote.
 */
export const pushRepairing = (s: JjSession, remote: string, branch: string): ResultAsync<void, SyncError> => {
  const push = (): ResultAsync<void, SyncError> => s.run(cmd.gitPush(remote, branch), { remote, ref: branch }).map(() => undefined);
  return push().orElse((e) =>
    refusedForIdentity(e)
      ? s
          .identity()
          .andThen(() => repairAuthorless((c) => s.run(c), branch, remote))
          .andThen(push)
      : errAsync(e),
  );
};
