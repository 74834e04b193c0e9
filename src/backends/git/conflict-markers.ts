// Whether a file still holds the lines git writes around a conflict. Like jj, a conflicted file
// a person edited free of them counts as resolved, even before `git add` records it.
import { readFile } from 'node:fs/promises';
import { ResultAsync } from 'neverthrow';

/** Lines git writes around a conflict (`=======` alone is too common in real files to count). */
const MARKER = /^(<<<<<<<|>>>>>>>|\|\|\|\|\|\|\|)( |$)/m;

/** True when the file at `path` holds conflict markers; false when it does not, or cannot be read. */
export const hasMarkers = (path: string): ResultAsync<boolean, never> =>
  ResultAsync.fromSafePromise(readFile(path, 'utf8').then((t) => MARKER.test(t), () => false));
