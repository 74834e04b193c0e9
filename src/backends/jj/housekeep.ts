// Housekeeping of a jj repository: jj keeps every operation forever, so the op log and op store
// grow with every sync. When the op store holds OPS_DUE more operations than right after the last
// housekeeping (a marker file in .jj records that count: files only, no process), the operations
// older than the oldest checkpoint still promised (and older than the last KEEP_RECENT) are
// abandoned, then `jj util gc` collects what nothing reaches any more (jj's default expiry).
import { readFile, writeFile } from 'node:fs/promises';
import { err, ok, okAsync, ResultAsync, safeTry } from 'neverthrow';
import { commandFailed, type SyncError } from '../../core/errors.js';
import type { Housekept, RepoSizes } from '../../core/housekeeping.js';
import type { Checkpoint } from '../../core/vcs.js';
import { dirSize, entryCount } from '../fs/dir-size.js';
import * as cmd from './commands.js';
import { gitDirOf, repoDir } from './locate.js';
import type { OperationEntry } from './parse-operation-list.js';
import type { JjRepo } from './repo.js';

/** Housekeeping is due when the op store holds this many more operations than after the last one. */
export const OPS_DUE = 200;
/** Operations always kept (the user's own `jj undo` / `jj op log` keep some depth). */
export const KEEP_RECENT = 20;

const join2 = (a: string, b: string): string => `${a}/${b}`;

/** Operations in the op store, its bytes, and the git objects' bytes: files only, no process. */
export const jjSizes = (root: string): ResultAsync<RepoSizes, SyncError> =>
  repoDir(root).andThen((repo) =>
    gitDirOf(root).andThen((gitDir) =>
      ResultAsync.fromSafePromise(
        Promise.all([entryCount(join2(repo, 'op_store/operations')), dirSize(join2(repo, 'op_store')), dirSize(join2(gitDir, 'objects'))]).then(
          ([operations, store, objects]) => ({ operations, opStoreBytes: store.bytes, objectBytes: objects.bytes }),
        ),
      ),
    ),
  );

/**
 * Maps the kept operations before → after an abandon of everything older: the kept part of a
 * linear log keeps its order and start times, only the ids change. Undefined when they do not line up.
 */
export const matchKept = (before: readonly OperationEntry[], after: readonly OperationEntry[], kept: number): Map<string, string> | undefined => {
  if (after.length !== kept + 1) return undefined;
  const m = new Map<string, string>();
  for (let i = 0; i < kept; i++) {
    const b = before[i];
    const a = after[i];
    if (b === undefined || a === undefined || b.started !== a.started) return undefined;
    m.set(b.id, a.id);
  }
  return m;
};

const notRun = (note: string): ResultAsync<Housekept, SyncError> => okAsync({ ran: false, renamed: {}, note });

/** See the file comment. `keep`: checkpoints whose operations must stay restorable. */
export const jjHousekeep = (s: JjRepo, keep: readonly Checkpoint[], force: boolean): ResultAsync<Housekept, SyncError> =>
  repoDir(s.root).andThen((repo) => {
    const ops = join2(repo, 'op_store/operations');
    const marker = join2(s.root, '.jj/chezmoi-sync-housekept');
    return ResultAsync.fromSafePromise(Promise.all([entryCount(ops), readFile(marker, 'utf8').then(Number, () => 0)])).andThen(([count, last]) =>
      !force && count <= (Number.isFinite(last) ? last : 0) + OPS_DUE
        ? notRun(`${count} stored operations: not due`)
        : trim(s, keep).andThen((h) =>
            // The count after this pass is the base of the next due check (abandoned operations stay until they expire).
            ResultAsync.fromSafePromise(entryCount(ops).then((n) => writeFile(marker, `${n}\n`).catch(() => undefined))).map(() => h),
          ),
    );
  });

const trim = (s: JjRepo, keep: readonly Checkpoint[]): ResultAsync<Housekept, SyncError> =>
  safeTry(async function* () {
    const before = yield* s.query(cmd.operationList());
    const wanted = new Set(keep.filter((c) => c.backend === 'jj').map((c) => c.id));
    // The oldest operation to keep: the oldest promised checkpoint, and never fewer than KEEP_RECENT.
    let oldest = Math.min(KEEP_RECENT, before.length) - 1;
    before.forEach((op, i) => {
      if (wanted.has(op.id)) oldest = Math.max(oldest, i);
    });
    const cut = before[oldest + 1];
    // Only the root (or nothing) below the kept part: nothing to abandon.
    if (cut === undefined || cut.parents === 0) return ok(yield* gc(s, 'nothing old enough to abandon'));
    // A merged (concurrent) history cannot be matched up afterwards: leave it alone.
    if (before.slice(0, oldest + 1).some((op) => op.parents !== 1)) return ok({ ran: false, renamed: {}, note: 'the operation log is not linear' });
    yield* s.run(cmd.operationAbandonUpTo(cut.id));
    const after = yield* s.query(cmd.operationList());
    const map = matchKept(before, after, oldest + 1);
    if (map === undefined) {
      // Nothing is collected: every commit stays, only the recorded ids may be stale.
      return err(commandFailed('the operation log after `jj op abandon` does not match the one before; garbage collection skipped'));
    }
    const renamed = Object.fromEntries([...wanted].flatMap((id) => (map.has(id) ? [[id, map.get(id) ?? id] as const] : [])));
    const collected = yield* gc(s, `abandoned ${before.length - oldest - 2} operations`);
    return ok({ ...collected, renamed });
  });

const gc = (s: JjRepo, note: string): ResultAsync<Housekept, SyncError> => s.run(cmd.utilGc()).map(() => ({ ran: true, renamed: {}, note }));
