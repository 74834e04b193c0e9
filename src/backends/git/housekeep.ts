// Housekeeping of a git repository: every command runs with `gc.auto=0` (no background gc holding
// locks after we return), so the sync packs and prunes itself when git's own thresholds say so.
// Due check from the files only, as `git gc --auto` estimates: loose objects in objects/17 × 256,
// or the number of packs. Checkpoints name commits the reflog keeps; `gc --auto` prunes nothing
// younger than gc.pruneExpire (two weeks) and no reflog entry younger than 30/90 days.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { okAsync, ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import type { Housekept, RepoSizes } from '../../core/housekeeping.js';
import { dirSize, entryCount } from '../fs/dir-size.js';
import * as cmd from './commands.js';
import type { GitRepo } from './repo.js';

/** git's default `gc.auto` and `gc.autoPackLimit`. */
export const LOOSE_DUE = 6700;
export const PACKS_DUE = 50;

const packCount = (objects: string): Promise<number> =>
  readdir(join(objects, 'pack')).then((n) => n.filter((f) => f.endsWith('.pack')).length, () => 0);

/** Bytes of the objects (loose and packed) under `.git/objects`. */
export const gitSizes = (root: string): ResultAsync<RepoSizes, SyncError> =>
  ResultAsync.fromSafePromise(dirSize(join(root, '.git', 'objects')).then((d) => ({ objectBytes: d.bytes })));

export const gitHousekeep = (repo: GitRepo, force: boolean): ResultAsync<Housekept, SyncError> => {
  const objects = join(repo.root, '.git', 'objects');
  return ResultAsync.fromSafePromise(Promise.all([entryCount(join(objects, '17')), packCount(objects)])).andThen(([loose17, packs]) => {
    const due = force || loose17 * 256 > LOOSE_DUE || packs > PACKS_DUE;
    if (!due) return okAsync<Housekept, SyncError>({ ran: false, renamed: {}, note: `about ${loose17 * 256} loose objects, ${packs} packs: not due` });
    return repo.run(force ? cmd.gcAuto(1, 1) : cmd.gcAuto(LOOSE_DUE, PACKS_DUE)).map((): Housekept => ({ ran: true, renamed: {}, note: 'git gc --auto' }));
  });
};
