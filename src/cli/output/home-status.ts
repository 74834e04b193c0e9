// `chezmoi status` for `status`, leaving out targets a sync held back: chezmoi renders templates
// and runs modify_ scripts to compute a status, which is exactly the code that was held.
import { okAsync, type ResultAsync } from 'neverthrow';
import type { Chezmoi, StatusEntry } from '../../core/chezmoi.js';
import type { SyncError } from '../../core/errors.js';
import type { HeldTarget } from '../../core/sync/hold-code.js';

export const homeStatus = (chezmoi: Chezmoi, held: readonly HeldTarget[]): ResultAsync<readonly StatusEntry[], SyncError> => {
  if (held.length === 0) return chezmoi.status();
  const skip = new Set(held.map((h) => h.target));
  return chezmoi.managed().andThen((managed) => {
    const targets = managed.filter((m) => m.type !== 'dir' && !skip.has(m.target)).map((m) => m.target);
    return targets.length === 0 ? okAsync([]) : chezmoi.status(targets);
  });
};
