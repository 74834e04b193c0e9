// The repository's history sizes in one line, for `status` and `doctor`.
import type { RepoSizes } from '../../core/housekeeping.js';

const bytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;

/** `412 operations (1.2 MiB operation store), git objects 3.4 MiB`; only the parts the backend knows. */
export const describeSizes = (s: RepoSizes): string =>
  [
    s.operations !== undefined ? `${s.operations} operations${s.opStoreBytes !== undefined ? ` (${bytes(s.opStoreBytes)} operation store)` : ''}` : undefined,
    s.objectBytes !== undefined ? `git objects ${bytes(s.objectBytes)}` : undefined,
  ]
    .filter((x) => x !== undefined)
    .join(', ') || 'unknown';
