// Step 2, repository — and the one way into a repository for every command (sync, resolve,
// undo, apply): find the source dir → check it exists → take the lock → read the state → open.
import { okAsync, type Result, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../errors.js';
import type { Vcs } from '../../vcs.js';
import type { ResolvedOptions } from '../options.js';
import { checkSourceDir, openRepository, recoverKilledRun, type OpenedRepository } from '../repository.js';
import { readState, type StateFile } from '../state.js';
import type { SyncDeps } from '../types.js';
import type { Progress, StepFailure } from './context.js';
import { takeLock } from './lock.js';

/** What an operation on the repository works with, under the sync lock. */
export interface RepoSession {
  readonly o: ResolvedOptions;
  readonly vcs: Vcs;
  readonly trunk: string;
  readonly sourceDir: string;
  readonly state: StateFile;
  readonly action: OpenedRepository['action'];
}

/** How to enter: a sync may clone (`repoUrl`) and reports progress; an operation only opens. */
export interface Entry {
  readonly repoUrl?: string;
  readonly dryRun: boolean;
  /** Put back what a run killed half-way left, before `fn` (it writes: never for a dry-run sync). */
  readonly recover: boolean;
  readonly at: Date;
  readonly token: string;
  readonly progress?: Progress;
}

/** A failure on the way in; `state` once it was read (the run's error is recorded into it). */
export type EntryFailure = StepFailure & { readonly state?: StateFile };

const silent: Progress = { start: () => undefined, end: () => undefined, info: () => undefined };

/** The source dir: configured, else chezmoi's (`chezmoi source-path`). */
export const findSourceDir = (deps: Pick<SyncDeps, 'chezmoi'>, o: Pick<ResolvedOptions, 'sourceDir'>): ResultAsync<string, SyncError> =>
  o.sourceDir !== undefined ? okAsync(o.sourceDir) : deps.chezmoi.sourcePath();

/**
 * Runs `fn` on the opened repository while holding the same lock as a sync, so that a timer
 * firing meanwhile waits (or reports `locked`) instead of interleaving. A failure on the way in
 * goes to `failed` — under the lock when it is held — and the lock is released whatever happens.
 */
export const withRepository = async <T, E>(
  deps: SyncDeps,
  o: ResolvedOptions,
  entry: Entry,
  fn: (s: RepoSession) => Promise<Result<T, E>>,
  failed: (f: EntryFailure) => Promise<Result<T, E>>,
): Promise<Result<T, E>> => {
  const progress = entry.progress ?? silent;
  progress.start('repository');
  // Source dir first: the lock is keyed by it, and is created beside it.
  const found = await findSourceDir(deps, o);
  if (found.isErr()) return failed({ step: 'repository', error: found.error });
  const sourceDir = found.value;
  const exists = await checkSourceDir(deps.fs, sourceDir, entry.repoUrl);
  if (exists.isErr()) return failed({ step: 'repository', error: exists.error, learned: { sourceDir } });
  progress.start('lock');
  const lock = await takeLock(deps, o, sourceDir, entry.at, entry.token);
  if (lock.isErr()) return failed({ step: 'lock', error: lock.error, learned: { sourceDir } });
  progress.end('lock', 'ok', 'lock acquired');
  try {
    // Independent: the state file is read while the repository opens (and asks for its trunk).
    const [st, repo] = await Promise.all([
      readState(deps.fs, o.stateDir, entry.at),
      openRepository(deps, { sourceDir, remote: o.remote, dryRun: entry.dryRun, ...(entry.repoUrl !== undefined ? { repoUrl: entry.repoUrl } : {}) }),
    ]);
    if (st.isErr()) return await failed({ step: 'state', error: st.error, learned: { sourceDir } });
    const state = st.value.state;
    if (st.value.recovered !== undefined) progress.info(`state.json was unreadable; moved aside to ${st.value.recovered} and started afresh`);
    if (repo.isErr()) return await failed({ step: 'repository', error: repo.error, learned: { sourceDir }, state });
    const { vcs, action } = repo.value;
    // What a run of ours killed half-way left (lock files, a rebase, a stale working copy): put
    // back under the lock, before anything else runs a tool that would stop at it.
    if (entry.recover) {
      const recovered = await recoverKilledRun(vcs, (m) => progress.info(m));
      if (recovered.isErr()) return await failed({ step: 'repository', error: recovered.error, learned: { sourceDir }, state });
    }
    const trunk = o.trunk ?? repo.value.trunk ?? 'main';
    progress.end('repository', 'ok', `${action} ${vcs.kind} repository at ${vcs.root} (trunk ${o.remote}/${trunk})`);
    return await fn({ o, vcs, trunk, sourceDir, state, action });
  } finally {
    const released = await lock.value();
    // Only fails if the lock file vanished; the next run recovers either way.
    if (released.isErr()) o.onEvent({ type: 'info', message: `could not release the lock: ${released.error.message}` });
  }
};
