// Housekeeping after a sync, under the sync lock: the backend trims its history when due, keeping
// every checkpoint `undo` still promises (the runs in state.json), and the new ids of kept
// checkpoints (jj rewrites them) are written back into state.json at once. Never during a
// guided resolution (its checkpoint lives in the resolution record).
import { err, ok, type Result } from 'neverthrow';
import type { SyncError } from '../errors.js';
import type { Housekept } from '../housekeeping.js';
import type { OperationContext } from '../resolve.js';
import type { Checkpoint, Vcs } from '../vcs.js';
import type { EngineFs } from './fs.js';
import { resolveOptions } from './options.js';
import { acquireLock } from './lock.js';
import { recoverKilledRun, resolveLockPath, resolveSessionPath } from './repository.js';
import { readState, statePaths, type StateFile } from './state.js';

/** The checkpoints of `sourceDir` that the recorded runs still offer to `undo`. */
export const promisedCheckpoints = (state: StateFile, sourceDir: string): Checkpoint[] =>
  state.runs.flatMap((r) => (r.checkpoint !== undefined && r.sourceDir === sourceDir ? [r.checkpoint] : []));

/** The state with every renamed checkpoint id replaced (pure). */
export const renameCheckpoints = (state: StateFile, renamed: Readonly<Record<string, string>>): StateFile => {
  const swap = <T extends { readonly checkpoint?: Checkpoint }>(r: T): T => {
    const to = r.checkpoint !== undefined ? renamed[r.checkpoint.id] : undefined;
    return to !== undefined && r.checkpoint !== undefined ? { ...r, checkpoint: { ...r.checkpoint, id: to } } : r;
  };
  return { ...state, runs: state.runs.map(swap), ...(state.lastRun !== undefined ? { lastRun: swap(state.lastRun) } : {}) };
};

export interface HousekeepInput {
  readonly fs: EngineFs;
  readonly stateDir: string;
  readonly sourceDir: string;
  readonly vcs: Vcs;
  readonly now: Date;
  readonly force?: boolean;
}

/** One housekeeping pass (the caller holds the sync lock). Undefined when the backend has none or a resolution is open. */
export const housekeep = async (i: HousekeepInput): Promise<Result<Housekept | undefined, SyncError>> => {
  if (i.vcs.housekeep === undefined) return ok(undefined);
  const resolving = await i.fs.readText(resolveSessionPath(i.vcs.root));
  if (resolving.isErr()) return err(resolving.error);
  if (resolving.value !== undefined) return ok(undefined);
  // Read afresh: the run just recorded (and its checkpoint) is promised too.
  const st = await readState(i.fs, i.stateDir, i.now);
  if (st.isErr()) return err(st.error);
  const done = await i.vcs.housekeep(promisedCheckpoints(st.value.state, i.sourceDir), { force: i.force === true });
  if (done.isErr()) return err(done.error);
  if (Object.keys(done.value.renamed).length === 0) return ok(done.value);
  const next = renameCheckpoints(st.value.state, done.value.renamed);
  const saved = await i.fs.writeAtomic(statePaths(i.stateDir).state, `${JSON.stringify(next, null, 2)}\n`);
  return saved.isErr() ? err(saved.error) : ok(done.value);
};

/**
 * `housekeep` on its own, under the sync lock, for a source dir a sync has just used (the CLI after
 * a sync, tests; `force` ignores the due check). Opens the repository without reading its remotes
 * or trunk: when nothing is due this costs file reads only (jj) or one `rev-parse` (git).
 */
export const housekeepRepository = async (ctx: OperationContext, force = false): Promise<Result<Housekept | undefined, SyncError>> => {
  const o = resolveOptions(ctx.options);
  if (o.isErr()) return err(o.error);
  const sourceDir = o.value.sourceDir;
  if (sourceDir === undefined) return ok(undefined);
  const lockPath = await resolveLockPath(ctx.deps.fs, sourceDir);
  if (lockPath.isErr()) return err(lockPath.error);
  const now = o.value.now();
  const { deps } = ctx;
  const lock = await acquireLock(
    { fs: deps.fs, isAlive: deps.isAlive, sleep: deps.sleep, now: o.value.now },
    { path: lockPath.value, holder: { pid: deps.pid, host: o.value.host, startedAt: now.toISOString(), token: `${deps.pid}-${now.getTime()}-housekeep` }, timeoutMs: o.value.lockTimeoutMs },
  );
  if (lock.isErr()) return err(lock.error);
  try {
    const vcs = await deps.vcs.open(sourceDir);
    if (vcs.isErr()) return err(vcs.error);
    // Under the lock, like a sync: what a killed run left half-done is put back before anything writes.
    const recovered = await recoverKilledRun(vcs.value, (message) => o.value.onEvent({ type: 'info', message }));
    if (recovered.isErr()) return err(recovered.error);
    return await housekeep({ fs: deps.fs, stateDir: o.value.stateDir, sourceDir, vcs: vcs.value, now, force });
  } finally {
    const released = await lock.value();
    if (released.isErr()) o.value.onEvent({ type: 'info', message: `could not release the lock: ${released.error.message}` });
  }
};
