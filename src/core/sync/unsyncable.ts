// Names that cannot be synced (not valid UTF-8): reported, never published, never silently dropped.
import { invalidInput, type InvalidInputError } from '../errors.js';

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
