// Asks the remote where its HEAD points (one network call, only when the trunk is missing there).
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { lsRemoteHeadArgs, parseLsRemoteHead } from '../remote-default.js';
import type { GitRepo } from './repo.js';

/** The remote's default branch; undefined when unknown (unborn, or the remote cannot be reached). */
export const remoteDefaultBranch = (repo: GitRepo, remote: string): ResultAsync<string | undefined, SyncError> =>
  repo
    .run({ args: lsRemoteHeadArgs(remote), network: true, remote })
    .map((o) => parseLsRemoteHead(o.stdout))
    // Offline (a status, a count of pending pushes): nothing can be published then anyway.
    .orElse((e) => (e.kind === 'network' || e.kind === 'auth' ? okAsync(undefined) : errAsync(e)));
