// Asks the remote where its HEAD points, with the git behind the jj repo (one network call, only
// when the trunk is missing on the remote).
import type { ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { lsRemoteHeadArgs, parseLsRemoteHead } from '../remote-default.js';
import { gitDirOf } from './locate.js';
import { runGit } from './runner.js';
import type { JjRepo } from './repo.js';

/** The remote's default branch; undefined when unknown (unborn, or the remote cannot be reached). */
export const remoteDefaultBranch = (s: JjRepo, remote: string): ResultAsync<string | undefined, SyncError> =>
  gitDirOf(s.root).andThen((gitDir) =>
    runGit(s.settings, { args: [`--git-dir=${gitDir}`, ...lsRemoteHeadArgs(remote)] }, s.root).map((o) =>
      // Offline (a status, a count of pending pushes): nothing can be published then anyway.
      o.exitCode === 0 ? parseLsRemoteHead(o.stdout) : undefined,
    ),
  );
