// What the repository cannot carry — names that are not valid UTF-8, submodules out of step, git
// repositories inside the source dir: reported, never published, never silently dropped;
// everything else syncs.
import { invalidInput, unsafeState, type InvalidInputError, type UnsafeStateError } from '../errors.js';

/**
 * The run's error for such names: everything else syncs, and the run says which files did not.
 *
 * @example unsyncableNames(['dot_caf\\xE9rc']).message // "1 file name is not valid UTF-8 …: dot_caf\xE9rc"
 */
export const unsyncableNames = (names: readonly string[]): InvalidInputError => ({
  ...invalidInput(
    'path',
    names.join(', '),
    `${names.length} file name${names.length === 1 ? ' is' : 's are'} not valid UTF-8 and ${names.length === 1 ? 'is' : 'are'} not synced (everything else is): ${names.join(', ')}`,
  ),
  hint: 'rename the file in the source dir and in HOME to a UTF-8 name (e.g. `chezmoi forget` it, rename it, `chezmoi add` it again)',
});

/**
 * The run's error for submodules out of step (`Vcs.submodules`): what they hold is
 * another repository's, and a sync never changes a submodule; everything else syncs.
 *
 * @example submodulesNotSynced(['dot_zsh/plugins/zsh-z'], '/home/me/.local/share/chezmoi').state // "submodule-out-of-step"
 */
export const submodulesNotSynced = (paths: readonly string[], root: string): UnsafeStateError => {
  const one = paths.length === 1;
  return {
    ...unsafeState(
      'submodule-out-of-step',
      `${paths.length} submodule${one ? '' : 's'} in ${root} ${one ? 'holds' : 'hold'} another commit or edits than the dotfiles repository records, and ${one ? 'is' : 'are'} not synced (everything else is): ${paths.join(', ')}`,
    ),
    hint: `chezmoi-sync never changes a submodule: to take what the repository records, \`git -C ${root} submodule update -- PATH\`; to publish yours, commit it in the submodule's own repository, then commit the new pointer (\`git -C ${root} commit -m MESSAGE -- PATH\`) — the next sync publishes that commit`,
  };
};

/**
 * The run's error for git repositories inside the source dir that are no submodule
 * (`WorkingCopyStatus.embedded`): what they hold is another repository's; everything else syncs.
 *
 * @example repositoriesNotSynced(['dot_zsh/plugins/zsh-z'], '/home/me/.local/share/chezmoi').state // "repository-inside"
 */
export const repositoriesNotSynced = (paths: readonly string[], root: string): UnsafeStateError => {
  const one = paths.length === 1;
  return {
    ...unsafeState(
      'repository-inside',
      `${paths.length} git ${one ? 'repository' : 'repositories'} inside ${root} ${one ? 'is' : 'are'} no submodule, and what ${one ? 'it holds is' : 'they hold is'} not synced (everything else is): ${paths.join(', ')}`,
    ),
    hint: `make ${one ? 'it' : 'each'} a submodule (\`git -C ${root} submodule add URL PATH\`, then commit), fetch it with a chezmoi external (.chezmoiexternal) instead, or keep its files as plain dotfiles (move its .git away); to keep it out, list it in .gitignore`,
  };
};
