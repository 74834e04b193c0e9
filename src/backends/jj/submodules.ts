// The submodules of a colocated repository whose checkout is not what @'s parent holds. jj
// leaves submodules alone (it never snapshots, checks out or commits one), so its status says
// nothing of them; git's does, from the index jj keeps in step with @'s parent. Asked only when
// the repository has a `.gitmodules` (one stat otherwise).
import { join } from 'node:path';
import { okAsync, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { workTree } from '../git/commands.js';
import { exists } from './locate.js';
import type { JjRepo } from './repo.js';
import { gitProcess, requireSuccess, runGit } from './runner.js';

/** Root-relative paths of the submodules out of step (`parseWorkTree`); none without `.gitmodules` or when not colocated. */
export const submodulesOutOfStep = (s: JjRepo): ResultAsync<readonly string[], SyncError> =>
  exists(join(s.root, '.gitmodules')).andThen((has) =>
    !has
      ? okAsync([])
      : s.gitDir().andThen((gitDir) => {
          // Not colocated: git keeps no index for this work tree, and nothing checked a submodule out.
          if (gitDir !== join(s.root, '.git')) return okAsync([]);
          const q = workTree({ untracked: false });
          // Never git's optional index refresh: jj may write beside it.
          const c = { args: ['--no-optional-locks', `--git-dir=${gitDir}`, `--work-tree=${s.root}`, ...q.args] };
          return runGit(s.settings, c, s.root)
            .andThen(requireSuccess(gitProcess(s.settings, c, s.root)))
            .andThen((o) => q.parse(o.stdout))
            .map((w) => w.submodules);
        }),
  );
