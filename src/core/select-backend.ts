import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { invalidInput, type SyncError } from './errors.js';
import type { VcsFactory } from './vcs.js';

export type BackendChoice = 'auto' | 'jj' | 'git';

export interface SelectedBackend {
  readonly factory: VcsFactory;
  /** Why this backend: shown by `doctor` and `--verbose`. */
  readonly reason: string;
}

/**
 * Picks the VCS backend. `auto`: jj when a usable jj (and a git >= 2.42 for its fetch/push)
 * is installed, else git. An explicit choice is checked and its error returned as is.
 *
 * @example
 * const sel = await selectBackend('auto', { jj: jjFactory(), git: gitFactory() });
 */
export const selectBackend = (
  choice: BackendChoice,
  factories: { readonly jj: VcsFactory; readonly git: VcsFactory },
): ResultAsync<SelectedBackend, SyncError> => {
  if (choice === 'jj') return factories.jj.check().map(() => ({ factory: factories.jj, reason: 'jj was asked for' }));
  if (choice === 'git') return factories.git.check().map(() => ({ factory: factories.git, reason: 'git was asked for' }));
  if (choice !== 'auto') return errAsync(invalidInput('backend', String(choice), `unknown backend ${JSON.stringify(choice)}: use auto, jj or git`));
  return factories.jj
    .check()
    .map((tools): SelectedBackend => ({
      factory: factories.jj,
      reason: `auto: ${tools.map((t) => `${t.tool} ${t.version}`).join(', ')} usable`,
    }))
    .orElse((jjProblem) =>
      factories.git.check().andThen((tools) =>
        okAsync<SelectedBackend, SyncError>({
          factory: factories.git,
          reason: `auto: jj not usable (${jjProblem.message}); using ${tools.map((t) => `${t.tool} ${t.version}`).join(', ')}`,
        }),
      ),
    );
};
