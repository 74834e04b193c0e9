// After a run's steps: the submodules whose checkout is not what the line holds (vcs.ts,
// `submodules`). A sync never changes a submodule, so what they hold does not sync: the run says
// so and ends `error` — after everything else synced (sync.md, submodules).
import type { Vcs } from '../../vcs.js';
import { submodulesNotSynced } from '../unsyncable.js';
import type { Progress, RunFacts } from './context.js';

/** What the run learns: `notSynced` when a submodule is out of step (a failed look is only said). */
export const checkSubmodules = async (vcs: Vcs, progress: Progress): Promise<Pick<RunFacts, 'notSynced'> | undefined> => {
  if (vcs.submodules === undefined) return undefined;
  const found = await vcs.submodules();
  if (found.isErr()) {
    progress.info(`could not look at the submodules: ${found.error.message}`);
    return undefined;
  }
  if (found.value.length === 0) return undefined;
  const notSynced = submodulesNotSynced(found.value, vcs.root);
  progress.info(notSynced.message);
  return { notSynced };
};
