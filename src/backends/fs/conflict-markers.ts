// Whether a file still holds the lines git and jj write around a conflict (jj's three styles open
// and close with the same lines as git's). A conflicted file a person edited free of them counts
// as resolved; one that holds them is never kept across a back-out nor written back.
import { readFile } from 'node:fs/promises';
import { ResultAsync } from 'neverthrow';

/** Lines git and jj write around a conflict (`=======` alone is too common in real files to count). */
const MARKER = /^(<<<<<<<|>>>>>>>|\|\|\|\|\|\|\|)( |$)/m;

/** True when `text` holds conflict markers. */
export const holdsMarkers = (text: string): boolean => MARKER.test(text);

/** True when the file at `path` holds conflict markers; false when it does not, or cannot be read. */
export const hasMarkers = (path: string): ResultAsync<boolean, never> =>
  ResultAsync.fromSafePromise(readFile(path, 'utf8').then(holdsMarkers, () => false));
