// The submodules of a colocated repository whose checkout is not what @'s parent holds, and the
// repositories inside it that are no submodule. jj leaves both alone (it never snapshots, checks
// out or commits them), so its status says nothing of them; git's does, from the index jj keeps
// in step with @'s parent. Asked only when there can be any: a `.gitmodules` (one stat
// otherwise), a directory with a `.git` of its own (the status's walk finds them).
import { join } from 'node:path';
import { okAsync, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { workTree } from '../git/commands.js';
import { exists } from './locate.js';
import type { JjRepo } from './repo.js';
import { gitProcess, requireSuccess, runGit } from './runner.js';

/** Whether git keeps an index for this work tree (the repository is colocated). */
const colocatedGitDir = (s: JjRepo): ResultAsync<string | undefined, SyncError> => s.gitDir().map((gitDir) => (gitDir === join(s.root, '.git') ? gitDir : undefined));

/**
 * Of `candidates` (directories with a `.git` of their own), those git sees as untracked
 * repositories: no submodule, not ignored. None when not colocated (nothing but jj looks there).
 */
export const embeddedRepositories = (s: JjRepo, candidates: readonly string[]): ResultAsync<readonly string[], SyncError> =>
  colocatedGitDir(s).andThen((gitDir) => {
    if (gitDir === undefined) return okAsync([]);
    const q = workTree();
    const c = { args: ['--no-optional-locks', `--git-dir=${gitDir}`, `--work-tree=${s.root}`, ...q.args, '--ignore-submodules=all', '--', ...candidates.map((p) => `:(top,literal)${p}`)] };
    return runGit(s.settings, c, s.root)
      .andThen(requireSuccess(gitProcess(s.settings, c, s.root)))
      .andThen((o) => q.parse(o.stdout))
      .map((w) => w.embedded);
  });

/** Root-relative paths of the submodules out of step (`parseWorkTree`); none without `.gitmodules` or when not colocated. */
export const submodulesOutOfStep = (s: JjRepo): ResultAsync<readonly string[], SyncError> =>
  exists(join(s.root, '.gitmodules')).andThen((has) =>
    !has
      ? okAsync([])
      : colocatedGitDir(s).andThen((gitDir) => {
          // Not colocated: git keeps no index for this work tree, and nothing checked a submodule out.
          if (gitDir === undefined) return okAsync([]);
          const q = workTree({ untracked: false });
          // Never git's optional index refresh: jj may write beside it.
          const c = { args: ['--no-optional-locks', `--git-dir=${gitDir}`, `--work-tree=${s.root}`, ...q.args] };
          return runGit(s.settings, c, s.root)
            .andThen(requireSuccess(gitProcess(s.settings, c, s.root)))
            .andThen((o) => q.parse(o.stdout))
            .map((w) => w.submodules);
        }),
  );
