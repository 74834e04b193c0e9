// One sync run, composed from its steps (steps/): lock → repository → capture → fetch →
// integrate → apply → publish → state. Each step gets an explicit context and returns what it
// learned; this file only decides the order, the retries and how the run ends.
import { err, errAsync, ok, okAsync, ResultAsync, safeTry, type Result } from 'neverthrow';
import type { SyncError } from '../errors.js';
import { fetchAhead, type FetchAhead } from './fetch-ahead.js';
import { checkLine } from './line-guard.js';
import { resolveOptions } from './options.js';
import { resolveSessionPath } from './repository.js';
import { readSyncedFile, readSyncedTail, syncedRecordPath, type SyncedRecord } from './state.js';
import { ledgerAfterQuiet } from './quiet-record.js';
import { agreedContentsDir } from './agreed-contents.js';
import { applyStep } from './steps/apply.js';
import { capture } from './steps/capture.js';
import {
  checkpointer,
  failedAt,
  hostBranchOf,
  initialFacts,
  progressOf,
  type Ended,
  type Ledger,
  type RunFacts,
  type StepContext,
  type StepFailure,
} from './steps/context.js';
import { fetchStep } from './steps/fetch.js';
import { integrate } from './steps/integrate.js';
import { lockToken } from './steps/lock.js';
import { preserve } from './steps/preserve.js';
import { checkSubmodules } from './steps/submodules.js';
import { cleanUpHostBranch, publish } from './steps/publish.js';
import { withRepository, type EntryFailure, type RepoSession } from './steps/repository.js';
import { failRun, finishRun, reportOf, type RunInfo } from './steps/state.js';
import type { SyncDeps, SyncOptions, SyncReport } from './types.js';

export { lockPathFor, resolveLockPath } from './repository.js';
export { resolveOptions, type ResolvedOptions } from './options.js';

/**
 * One sync run: lock → repository → capture → fetch → integrate → apply → publish → state.
 * Degraded outcomes (offline, push failed, conflicts preserved, locked) are Ok reports;
 * hard failures are Err after the state file records them.
 *
 * @example
 * const r = await runSync(deps, { host: 'laptop', stateDir: '/home/me/.local/state/chezmoi-sync' });
 * r.match((report) => console.log(report.status), (e) => console.error(e.message));
 */
export const runSync = (deps: SyncDeps, options: SyncOptions): ResultAsync<SyncReport, SyncError> => {
  const resolved = resolveOptions(options);
  if (resolved.isErr()) return errAsync(resolved.error);
  const o = resolved.value;
  const run: RunInfo = { deps, o, started: o.now(), progress: progressOf(o) };
  const entry = {
    ...(o.repoUrl !== undefined ? { repoUrl: o.repoUrl } : {}),
    dryRun: o.dryRun,
    recover: !o.dryRun,
    at: run.started,
    token: lockToken(deps.pid, run.started, 'run'),
    progress: run.progress,
  };
  return new ResultAsync(withRepository(deps, o, entry, (s) => synced(run, s), (f) => entryFailed(run, f)));
};

/** A failure before the repository was open; `locked` is a degraded run that touches nothing. */
const entryFailed = (run: RunInfo, f: EntryFailure): Promise<Result<SyncReport, SyncError>> => {
  const facts = { ...initialFacts(run.deps.vcs.kind, run.o.sourceDir ?? ''), ...f.learned };
  if (f.step === 'lock' && f.error.kind === 'locked') {
    // "Touching nothing": no state is written either; the holder writes its own.
    run.progress.end('lock', 'degraded', f.error.message);
    return Promise.resolve(ok(reportOf(run, facts, { status: 'locked', error: f.error }, undefined)));
  }
  return failRun(run, f, { facts, ...(f.state !== undefined ? { state: f.state } : {}) });
};

/** The run on the open repository, under the lock. */
const synced = async (run: RunInfo, s: RepoSession): Promise<Result<SyncReport, SyncError>> => {
  const { deps, o, progress } = run;
  let ctx: StepContext = { deps, o, vcs: s.vcs, trunk: s.trunk, progress, checkpoint: checkpointer(s.vcs, o.dryRun) };
  let ahead: FetchAhead | undefined;
  let facts: RunFacts = initialFacts(s.vcs.kind, s.sourceDir);
  let ledger: Ledger | undefined;
  const learn = (l: Partial<RunFacts>): void => {
    facts = { ...facts, ...l };
  };
  const previousHeld = s.state.held ?? [];
  let settleQuiet = (): ResultAsync<void, SyncError> => okAsync(undefined);

  const ended = await safeTry<Ended, StepFailure>(async function* () {
    // A guided resolution in progress owns the working copy: touch nothing until it ends.
    const resolving = yield* deps.fs.probe(resolveSessionPath(s.vcs.root)).mapErr(failedAt('repository'));
    if (resolving !== 'missing') {
      learn({ conflicts: s.state.conflicts !== undefined ? { paths: s.state.conflicts.paths, branch: s.state.conflicts.branch } : { paths: [], branch: hostBranchOf(o) } });
      progress.info('a resolution is in progress: finish it with `chezmoi-sync resolve --continue` (or --abort); nothing was synced');
      return ok({ status: 'conflicts-preserved' as const });
    }
    // A person's own branch is theirs: never captured into, never published (line-guard.ts).
    yield* (await checkLine(s.vcs, s.trunk, o.remote, progress.info)).mapErr(failedAt('repository'));

    // The fetch runs beside capture's reads (and the synced record's, a large file at 10,000 files);
    // the repository changes only after it (fetch-ahead.ts).
    ahead = fetchAhead(s.vcs, o.remote);
    ctx = { ...ctx, vcs: ahead.vcs, checkpoint: checkpointer(ahead.vcs, o.dryRun) };
    // The record's end first: with a quiet digest, a no-op run never reads the rest (quiet-record.ts).
    const recordPath = syncedRecordPath(o.stateDir, s.sourceDir);
    const tail = yield* readSyncedTail(deps.fs, recordPath).mapErr(failedAt('state'));
    const loadLedger = (): ResultAsync<Ledger, SyncError> =>
      ledger !== undefined
        ? okAsync(ledger)
        : readSyncedFile(deps.fs, recordPath).map((read) => (ledger = ledgerOf(read.found ? read.record : undefined, tail.quiet, agreedContentsDir(o.stateDir, s.sourceDir))));
    if (tail.quiet === undefined) yield* loadLedger().mapErr(failedAt('state'));

    const captured = yield* await capture({ ...ctx, ledger: loadLedger, quiet: tail.quiet, previousHeld: previousHeld.map((h) => h.target) });
    const { learned, pendingApply, merged, managed: captureManaged, quiet } = captured;
    let { storedSources } = captured;
    // A quiet capture left the record unread: read it when a later step needs it, as the full capture would have left it.
    settleQuiet = () => (ledger !== undefined || quiet === undefined ? okAsync(undefined) : loadLedger().map((l) => void (storedSources = ledgerAfterQuiet(l, quiet))));
    // chezmoi's managed list while it still holds (apply reads it afresh when incoming changes need it).
    let managed = captureManaged;
    learn(learned);

    // Fetch, integrate, apply, publish — again when the remote moves under us.
    for (let attempt = 0; ; attempt++) {
      const fetched = yield* await fetchStep(ctx, attempt === 0 ? ahead.fetched : undefined);
      if (fetched.kind === 'unreachable') {
        learn(fetched.learned);
        return ok(fetched.ended);
      }
      const integ = yield* await integrate(ctx);
      learn({ head: integ.head });
      if (integ.kind === 'conflict') {
        learn(yield* await preserve(ctx, integ.paths));
        return ok({ status: 'conflicts-preserved' as const });
      }

      // Something came in (or the line moved): apply looks at the record.
      if (integ.before !== integ.head) yield* settleQuiet().mapErr(failedAt('apply'));
      const applied = await applyStep({ ...ctx, ledger }, {
        before: integ.before,
        head: integ.head,
        pendingApply,
        committedSources: facts.committedSources,
        storedSources,
        merged,
        previousHeld,
        keptLocal: facts.keptLocal,
        chezmoiFailed: facts.chezmoiError !== undefined,
        ...(managed !== undefined ? { managed } : {}),
      });
      managed = applied.managed;
      learn({
        applied: [...facts.applied, ...applied.applied],
        keptLocal: applied.keptLocal,
        ...(applied.held !== undefined ? { held: applied.held } : {}),
        ...(applied.error !== undefined ? { chezmoiError: applied.error } : {}),
      });

      progress.start('publish');
      if (!o.autoPush || o.dryRun) {
        learn({ pendingPushes: integ.ahead });
        progress.end('publish', 'skipped', o.dryRun ? 'dry run' : 'push is off');
        return ok({ status: 'success' as const });
      }
      const pub = await publish(ctx, integ);
      if (pub.isOk()) {
        learn({ published: pub.value });
        progress.end('publish', 'ok', pub.value > 0 ? `pushed ${pub.value} commit(s) to ${o.remote}/${s.trunk}` : 'nothing to push');
        // Only a run after a preserved conflict (or on a re-cloned or reset line) can have a host branch to remove.
        if (s.state.conflicts === undefined && ledger?.leftLine !== true) return ok({ status: 'success' as const });
        const kept = await cleanUpHostBranch(ctx, integ.head, s.state.conflicts?.paths);
        learn(kept);
        return ok({ status: kept.conflicts !== undefined ? ('conflicts-preserved' as const) : ('success' as const) });
      }
      const e = pub.error;
      if (e.kind === 'rejected' && attempt < o.pushRetries) {
        progress.end('publish', 'degraded', `the remote moved; integrating again (attempt ${attempt + 2} of ${o.pushRetries + 1})`);
        await deps.sleep(250 * 2 ** attempt);
        continue;
      }
      learn({ pendingPushes: integ.ahead });
      if (e.kind !== 'network' && e.kind !== 'auth' && e.kind !== 'rejected') return err(failedAt('publish')(e));
      progress.end('publish', 'degraded', `${e.message}; commits kept and pushed by the next run`);
      return ok({ status: e.kind === 'auth' ? ('auth-failed' as const) : ('push-failed' as const), error: e });
    }
  });

  // Never leave (and release the lock) with the fetch still running. Its outcome was reported by
  // the fetch step; a run that ended before that step leaves it to the next run's fetch.
  if (ahead !== undefined) await ahead.fetched.then(() => undefined);
  // What the run leaves out of step in a submodule (a name that is not UTF-8, a repository inside, is said first).
  if (ended.isOk() && facts.notSynced === undefined) learn((await checkSubmodules(s.vcs, progress)) ?? {});
  // A checkpoint taken after a quiet capture: `undo` keeps the record as it stood.
  if (ctx.checkpoint.taken() !== undefined) {
    const settled = await settleQuiet();
    if (settled.isErr()) progress.info(`could not read the synced record: ${settled.error.message}`);
  }
  const ending = { facts, state: s.state, checkpoint: ctx.checkpoint.taken(), ledger, vcs: s.vcs };
  return ended.isOk() ? finishRun(run, ended.value, ending) : failRun(run, ended.error, ending);
};

/** The ledger of a run from the record as read (undefined: there was none). */
const ledgerOf = (record: SyncedRecord | undefined, savedQuiet: string | undefined, agreedDir: string): Ledger => ({
  ...(record !== undefined ? { saved: record } : {}),
  ...(savedQuiet !== undefined ? { savedQuiet } : {}),
  files: { ...record?.files },
  fingerprints: {},
  knownStats: record?.stats ?? {},
  ...(record?.head !== undefined ? { recordHead: record.head } : {}),
  agreedDir,
  homeWins: record?.homeWins === true,
  leftLine: false,
});
