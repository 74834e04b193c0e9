// A source dir that lost its files while its repository stayed: `rm -rf ~/.local/share/chezmoi/*`
// (which spares `.git`), a `git clone --no-checkout`, a half-restored backup, a clone an older
// version's killed first sync left without its checkout. Committing what the working copy shows
// would publish the deletion of every dotfile. The capture refuses it; a person who means it
// commits the deletion by hand, which the sync then publishes like any commit of theirs. Pure.
import type { ManagedFile } from '../chezmoi.js';
import { unsafeState, type UnsafeStateError } from '../errors.js';
import type { FileChange } from '../vcs.js';

/** Fewer deletions than this are a person tidying up, whatever is left. */
const AT_LEAST = 2;

/**
 * The refusal when the changes to commit are all deletions (at least two) and chezmoi manages no
 * file from what is left (`managed` read after them; undefined when chezmoi could not tell).
 */
export const emptiedSource = (root: string, changes: readonly FileChange[], managed: readonly ManagedFile[] | undefined): UnsafeStateError | undefined => {
  if (managed === undefined || changes.length < AT_LEAST || !changes.every((c) => c.kind === 'deleted')) return undefined;
  if (managed.some((m) => m.type !== 'dir' && m.source !== undefined)) return undefined;
  return unsafeState('source-emptied', `${root} lost every file (${changes.length} deleted) while its repository stayed: nothing was committed or published`, {
    hint: 'bring them back (`git checkout HEAD -- .`, or `jj restore`); to remove every dotfile, commit the deletion yourself and sync',
  });
};
