// doctor: how big the repository's history is, and whether housekeeping keeps it bounded.
import type { Vcs } from '../../core/vcs.js';
import { describeSizes } from '../output/sizes.js';
import type { Finding } from './checks.js';

/** Far more operations than housekeeping leaves behind (it trims once the store grew by 200). */
const OPS_WARN = 2000;

export const checkRepoSize = async (vcs: Vcs): Promise<Finding> => {
  if (vcs.sizes === undefined) return { id: 'repo.size', status: 'skip', detail: `the ${vcs.kind} backend does not report sizes` };
  const r = await vcs.sizes();
  if (r.isErr()) return { id: 'repo.size', status: 'warn', detail: `could not measure the repository: ${r.error.message}` };
  const detail = describeSizes(r.value);
  return (r.value.operations ?? 0) > OPS_WARN
    ? { id: 'repo.size', status: 'warn', detail: `${detail}: more than housekeeping should leave`, fix: 'run a sync (it trims the history when due); if it keeps growing, run `jj op abandon` / `jj util gc` by hand' }
    : { id: 'repo.size', status: 'ok', detail };
};
