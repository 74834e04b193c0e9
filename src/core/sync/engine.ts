import { err, errAsync, ok, okAsync, ResultAsync, type Result } from 'neverthrow';
import type { ManagedFile } from '../chezmoi.js';
import { invalidInput, notARepo, secretsFound, unsafeState, type SyncError } from '../errors.js';
import { validateHostName, validateRefName, validateRemoteName, validateRepoUrl } from '../validate.js';
import type { Checkpoint, CommitId, Vcs } from '../vcs.js';
import { IO_CONCURRENCY, mapLimit } from '../util/limit.js';
import { isPlainSource, KEPT_BOTH, planCapture, type CaptureInput } from './capture.js';
import { hostBranchState } from './host-branch.js';
import { checkLine } from './line-guard.js';
import { acquireLock } from './lock.js';
import { DEFAULT_MESSAGE_TEMPLATE, renderMessage } from './message.js';
import { openRepository, resolveLockPath, resolveSessionPath } from './repository.js';
import { unsyncableNames } from './unsyncable.js';
export { lockPathFor, resolveLockPath } from './repository.js';
import { holdBackCode, type HeldTarget } from './hold-code.js';
import { guardOutgoing } from './outgoing-guard.js';
import { scanForSecrets, SECRET_SCAN_BYTES } from './secrets.js';
import { recordOnLine, withoutRecord } from './record-line.js';
import { readState, readSynced, syncedRecordPath, writeRun, writeSynced, type StateFile, type SyncedRecord } from './state.js';
import type { SyncDeps, SyncEvent, SyncOptions, SyncReport, SyncStatusWord, SyncStep } from './types.js';
import { committedSources, guardApplies, overwriteLoses } from './unique-copy.js';

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly sourceDir?: string;
  readonly repoUrl?: string;
  readonly remote: string;
  readonly trunk?: string;
  readonly host: string;
  readonly autoCommit: boolean;
  readonly autoPush: boolean;
  readonly apply: boolean;
  readonly applyScripts: boolean;
  readonly holdCode: boolean;
  readonly dryRun: boolean;
  readonly messageTemplate: string;
  readonly branchPrefix: string;
  readonly notifyCommand?: readonly string[];
  readonly stateDir: string;
  readonly lockTimeoutMs: number;
  readonly pushRetries: number;
  readonly historySize: number;
  readonly now: () => Date;
  readonly onEvent: (e: SyncEvent) => void;
}

/** Fills defaults and validates every user value before anything runs. */
export const resolveOptions = (o: SyncOptions): Result<ResolvedOptions, SyncError> => {
  const remote = o.remote ?? 'origin';
  const branchPrefix = o.branchPrefix ?? 'sync/';
  const checks: Result<unknown, SyncError>[] = [
    validateHostName(o.host),
    validateRemoteName(remote),
    validateRefName(`${branchPrefix}${o.host}`, 'branchPrefix'),
    ...(o.trunk !== undefined ? [validateRefName(o.trunk, 'trunk')] : []),
    ...(o.repoUrl !== undefined ? [validateRepoUrl(o.repoUrl)] : []),
    renderMessage(o.messageTemplate ?? DEFAULT_MESSAGE_TEMPLATE, o.host, new Date(0)),
  ];
  if (o.notifyCommand !== undefined && o.notifyCommand.length === 0) {
    checks.push(err(invalidInput('notifyCommand', '', 'the notify command is empty')));
  }
  const failed = checks.find((c) => c.isErr());
  if (failed !== undefined && failed.isErr()) return err(failed.error);
  return ok({
    ...(o.sourceDir !== undefined ? { sourceDir: o.sourceDir } : {}),
    ...(o.repoUrl !== undefined ? { repoUrl: o.repoUrl } : {}),
    ...(o.trunk !== undefined ? { trunk: o.trunk } : {}),
    ...(o.notifyCommand !== undefined ? { notifyCommand: o.notifyCommand } : {}),
    remote,
    host: o.host,
    autoCommit: o.autoCommit ?? true,
    autoPush: o.autoPush ?? true,
    apply: o.apply ?? true,
    applyScripts: o.applyScripts ?? false,
    holdCode: o.holdCode ?? false,
    dryRun: o.dryRun ?? false,
    messageTemplate: o.messageTemplate ?? DEFAULT_MESSAGE_TEMPLATE,
    branchPrefix,
    stateDir: o.stateDir,
    lockTimeoutMs: o.lockTimeoutMs ?? 30_000,
    pushRetries: o.pushRetries ?? 3,
    historySize: o.historySize ?? 20,
    now: o.now ?? (() => new Date()),
    onEvent: o.onEvent ?? (() => undefined),
  });
};

let runCounter = 0;

/** Mutable facts gathered during one run; turned into the report at the end. */
interface RunFacts {
  backend: SyncReport['backend'];
  sourceDir: string;
  committed: number;
  published: number;
  applied: string[];
  keptLocal: string[];
  skippedReAdd: string[];
  pendingPushes: number;
  conflicts?: { paths: readonly string[]; branch: string };
  checkpoint?: Checkpoint;
  /**
   * chezmoi could not do its part (read the source state, re-add, apply): the repository is still
   * synced — a broken template must not block other machines' edits — and the run ends `error`.
   */
  chezmoiError?: SyncError;
  /** Files left out of every commit (names not valid UTF-8): the rest syncs, the run ends `error`. */
  notSynced?: SyncError;
  /** Source paths (absolute) this run committed: applied to HOME too (a template edited in the source dir). */
  committedSources: string[];
  /** Incoming targets held back because applying them runs code (`holdCode`); undefined = apply did not run. */
  held?: HeldTarget[];
  /** Head of the local line as last seen this run: the synced record is saved against it. */
  head?: CommitId;
  /** The synced record was made against a line this repository no longer holds (re-clone, reset, switch). */
  recordLeftLine?: boolean;
}

type Ended = { readonly status: SyncStatusWord; readonly error?: SyncError };

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
  const started = o.now();
  const emit = (e: SyncEvent): void => o.onEvent(e);
  const stepStart = (step: SyncStep): void => emit({ type: 'step-started', step, at: o.now().toISOString() });
  const stepEnd = (step: SyncStep, outcome: 'ok' | 'skipped' | 'degraded' | 'failed', detail: string): void =>
    emit({ type: 'step-finished', step, outcome, detail, at: o.now().toISOString() });

  const facts: RunFacts = {
    backend: deps.vcs.kind,
    sourceDir: o.sourceDir ?? '',
    committed: 0,
    published: 0,
    applied: [],
    keptLocal: [],
    skippedReAdd: [],
    pendingPushes: 0,
    committedSources: [],
  };

  const report = (end: Ended): SyncReport => ({
    status: end.status,
    startedAt: started.toISOString(),
    durationMs: o.now().getTime() - started.getTime(),
    backend: facts.backend,
    host: o.host,
    sourceDir: facts.sourceDir,
    committed: facts.committed,
    published: facts.published,
    applied: facts.applied,
    keptLocal: facts.keptLocal,
    skippedReAdd: facts.skippedReAdd,
    pendingPushes: facts.pendingPushes,
    ...(facts.conflicts !== undefined ? { conflicts: facts.conflicts } : {}),
    ...(end.error !== undefined
      ? { error: { kind: end.error.kind, message: end.error.message, ...(end.error.hint !== undefined ? { hint: end.error.hint } : {}) } }
      : {}),
    dryRun: o.dryRun,
    ...(facts.held !== undefined ? { held: facts.held } : {}),
    ...(facts.checkpoint !== undefined ? { checkpoint: facts.checkpoint } : {}),
  });

  const run = async (): Promise<Result<SyncReport, SyncError>> => {
    // Source dir first: the lock is keyed by it.
    stepStart('repository');
    let sourceDir = o.sourceDir;
    if (sourceDir === undefined) {
      const sp = await deps.chezmoi.sourcePath();
      if (sp.isErr()) return finishError(sp.error, 'repository', undefined);
      sourceDir = sp.value;
    }
    facts.sourceDir = sourceDir;
    if (o.repoUrl === undefined) {
      // Nothing to clone: a missing source dir is an error before the lock creates anything beside it.
      const where = await deps.fs.probe(sourceDir);
      if (where.isErr()) return finishError(where.error, 'repository', undefined);
      if (where.value === 'missing' || where.value === 'empty-dir') {
        return finishError(notARepo(sourceDir, { hint: 'the source directory does not exist: pass --repo-url to clone it, or run `chezmoi init URL`' }), 'repository', undefined);
      }
    }

    stepStart('lock');
    const lockPath = await resolveLockPath(deps.fs, sourceDir);
    if (lockPath.isErr()) return finishError(lockPath.error, 'lock', undefined);
    const lock = await acquireLock(
      { fs: deps.fs, isAlive: deps.isAlive, sleep: deps.sleep, now: o.now },
      {
        path: lockPath.value,
        holder: { pid: deps.pid, host: o.host, startedAt: started.toISOString(), token: `${deps.pid}-${started.getTime()}-${++runCounter}` },
        timeoutMs: o.lockTimeoutMs,
      },
    );
    if (lock.isErr()) {
      if (lock.error.kind === 'locked') {
        // "Touching nothing": no state is written either; the holder writes its own.
        stepEnd('lock', 'degraded', lock.error.message);
        return ok(report({ status: 'locked', error: lock.error }));
      }
      return finishError(lock.error, 'lock', undefined);
    }
    stepEnd('lock', 'ok', 'lock acquired');
    try {
      return await locked(sourceDir);
    } finally {
      const released = await lock.value();
      // Only fails if the lock file vanished; the next run recovers either way.
      if (released.isErr()) emit({ type: 'info', message: `could not release the lock: ${released.error.message}` });
    }
  };

  const locked = async (sourceDir: string): Promise<Result<SyncReport, SyncError>> => {
    const st = await readState(deps.fs, o.stateDir, o.now());
    if (st.isErr()) return finishError(st.error, 'state', undefined);
    const state = st.value.state;
    previousHeld = state.held ?? [];
    if (st.value.recovered !== undefined) {
      emit({ type: 'info', message: `state.json was unreadable; moved aside to ${st.value.recovered} and started afresh` });
    }

    const repo = await openRepository(deps, { sourceDir, remote: o.remote, dryRun: o.dryRun, ...(o.repoUrl !== undefined ? { repoUrl: o.repoUrl } : {}) });
    if (repo.isErr()) return finishError(repo.error, 'repository', state);
    const { vcs, trunk: detectedTrunk, action } = repo.value;
    const trunk = o.trunk ?? detectedTrunk ?? 'main';
    facts.backend = vcs.kind;
    stepEnd('repository', 'ok', `${action} ${vcs.kind} repository at ${vcs.root} (trunk ${o.remote}/${trunk})`);

    // A guided resolution in progress owns the working copy: touch nothing until it ends.
    const resolving = await deps.fs.probe(resolveSessionPath(vcs.root));
    if (resolving.isErr()) return finishError(resolving.error, 'repository', state);
    if (resolving.value !== 'missing') {
      facts.conflicts = state.conflicts !== undefined ? { paths: state.conflicts.paths, branch: state.conflicts.branch } : { paths: [], branch: hostBranch() };
      emit({ type: 'info', message: 'a resolution is in progress: finish it with `chezmoi-sync resolve --continue` (or --abort); nothing was synced' });
      return finish({ status: 'conflicts-preserved' }, state, undefined);
    }

    // A person's own branch is theirs: never captured into, never published (line-guard.ts).
    const onTrunk = await checkLine(vcs, trunk, o.remote, (message) => emit({ type: 'info', message }));
    if (onTrunk.isErr()) return finishError(onTrunk.error, 'repository', state);

    // The checkpoint for undo is taken lazily, before the first change: a no-op sync costs no process for it.
    checkpointOf = vcs;

    const recordPath = syncedRecordPath(o.stateDir, sourceDir);
    const recordR = await readSynced(deps.fs, recordPath);
    if (recordR.isErr()) return finishError(recordR.error, 'state', state);
    const record = { ...recordR.value.files };
    knownStats = recordR.value.stats ?? {};
    recordHead = recordR.value.head;

    // 3. Capture.
    stepStart('capture');
    const cap = await capture(vcs, record, recordR.value.homeWins === true);
    if (cap.isErr()) return finishError(cap.error, 'capture', state, record);
    const { pendingApply } = cap.value;

    // 4. Fetch, 5. integrate, 7. publish — retried when the remote moves under us.
    let attempts = 0;
    for (;;) {
      stepStart('fetch');
      const fetched = await vcs.fetch(o.remote);
      if (fetched.isErr()) {
        const e = fetched.error;
        await countPending(vcs, trunk);
        if (e.kind === 'network' || e.kind === 'auth') {
          stepEnd('fetch', 'degraded', `${e.message}; local commits kept for the next run`);
          return finish({ status: e.kind === 'network' ? 'fetch-failed' : 'auth-failed', error: e }, state, record);
        }
        return finishError(e, 'fetch', state, record);
      }
      stepEnd('fetch', 'ok', `fetched ${o.remote}`);

      stepStart('integrate');
      const integ = await integrate(vcs, trunk);
      if (integ.isErr()) return finishError(integ.error, 'integrate', state, record);
      if (integ.value.kind === 'conflict') {
        const preserved = await preserve(vcs, trunk, integ.value.paths);
        if (preserved.isErr()) return finishError(preserved.error, 'integrate', state, record);
        return finish({ status: 'conflicts-preserved' }, state, record);
      }
      const { before, head, incoming, ahead, remoteHead } = integ.value;
      stepEnd('integrate', 'ok', incoming > 0 ? `rebased onto ${incoming} incoming commit(s)` : 'already up to date');

      // 6. Apply what came in (and what a previous run left unapplied).
      stepStart('apply');
      if (!o.apply || o.dryRun) {
        stepEnd('apply', 'skipped', o.dryRun ? 'dry run' : 'apply is off');
      } else {
        if (facts.chezmoiError !== undefined) {
          stepEnd('apply', 'degraded', 'skipped: chezmoi cannot read the source state');
        } else {
          // With holdCode off, targets held by earlier runs are applied now.
          const pending = o.holdCode ? pendingApply : [...pendingApply, ...previousHeld.map((h) => h.target)];
          const applied = await applyIncoming(vcs, before, head, pending, record);
          if (applied.isErr()) {
            // The repository is integrated: publish it anyway; the next run applies again.
            facts.chezmoiError = applied.error;
            stepEnd('apply', 'failed', `${applied.error.message}; publishing anyway, the next run applies again`);
          }
        }
      }

      // 7. Publish.
      stepStart('publish');
      if (!o.autoPush || o.dryRun) {
        facts.pendingPushes = ahead;
        stepEnd('publish', 'skipped', o.dryRun ? 'dry run' : 'push is off');
        return finish({ status: 'success' }, state, record);
      }
      const pub = await publish(vcs, trunk, head, ahead, remoteHead);
      if (pub.isOk()) {
        stepEnd('publish', 'ok', pub.value > 0 ? `pushed ${pub.value} commit(s) to ${o.remote}/${trunk}` : 'nothing to push');
        // Only a run after a preserved conflict (or on a re-cloned or reset line) can have a host branch to remove.
        if (state.conflicts !== undefined || facts.recordLeftLine === true) {
          const kept = await cleanupHostBranch(vcs, head, state.conflicts?.paths);
          if (kept) return finish({ status: 'conflicts-preserved' }, state, record);
        }
        return finish({ status: 'success' }, state, record);
      }
      const e = pub.error;
      if (e.kind === 'rejected' && attempts < o.pushRetries) {
        attempts++;
        stepEnd('publish', 'degraded', `the remote moved; integrating again (attempt ${attempts + 1} of ${o.pushRetries + 1})`);
        await deps.sleep(250 * 2 ** (attempts - 1));
        continue;
      }
      facts.pendingPushes = ahead;
      if (e.kind === 'network' || e.kind === 'auth' || e.kind === 'rejected') {
        stepEnd('publish', 'degraded', `${e.message}; commits kept and pushed by the next run`);
        return finish({ status: e.kind === 'auth' ? 'auth-failed' : 'push-failed', error: e }, state, record);
      }
      return finishError(e, 'publish', state, record);
    }
  };

  // ---- capture -------------------------------------------------------------------------
  const capture = async (
    vcs: Vcs,
    record: Record<string, string>,
    homeWins: boolean,
  ): Promise<Result<{ pendingApply: readonly string[] }, SyncError>> => {
    const managedR = await deps.chezmoi.managed();
    if (managedR.isErr() && managedR.error.kind === 'tool-missing') return err(managedR.error);
    if (managedR.isErr()) {
      facts.chezmoiError = managedR.error;
      emit({ type: 'info', message: `chezmoi cannot read the source state (${managedR.error.message}): HOME is neither captured nor applied this run; the repository is still synced` });
    }
    const managed = managedR.isOk() ? managedR : ok<readonly ManagedFile[], SyncError>([]);
    const wc = await vcs.status();
    if (wc.isErr()) return err(wc.error);
    if (wc.value.unsyncable !== undefined) facts.notSynced = unsyncableNames(wc.value.unsyncable);
    // A modified source file was edited in the source dir; a new one was just added (`chezmoi add`
    // copies HOME as chezmoi last saw it), so a HOME edit since then is the newer side.
    const dirty = new Set(wc.value.changes.filter((c) => c.kind !== 'added').map((c) => `${vcs.root}/${c.path}`));

    const raw = await captureInputs(managed.value, dirty, record);
    if (raw.isErr()) return err(raw.error);
    const onLine = await recordOnLine(vcs, recordHead, raw.value);
    if (onLine.isErr()) return err(onLine.error);
    if (!onLine.value) {
      // Re-cloned, reset or switched: what the record says HOME and the source agreed on is about another line.
      facts.recordLeftLine = true;
      for (const k of Object.keys(record)) delete record[k];
      emit({ type: 'info', message: 'the repository no longer holds the line the last sync recorded (re-cloned, reset or switched): HOME and the source are compared afresh' });
    }
    const inputs = await withHomeHints(onLine.value ? raw.value : withoutRecord(raw.value), homeWins);
    if (inputs.isErr()) return err(inputs.error);
    const plan = planCapture(inputs.value);
    storedSources = committedSources(inputs.value, o.autoCommit && !o.dryRun);
    Object.assign(record, plan.agreed, plan.keptRecord);
    facts.keptLocal.push(...plan.keptLocal);
    // `chezmoi status` renders templates and runs modify_ scripts: never on a target held back for that.
    const heldNow = new Set(o.holdCode ? previousHeld.map((h) => h.target) : []);
    await reportUncapturable(managed.value.filter((m) => !heldNow.has(m.target)));
    const refreshed = await refreshAgreed(inputs.value);
    if (refreshed.isErr()) facts.chezmoiError = refreshed.error;

    if (!o.autoCommit) {
      stepEnd('capture', 'skipped', 'auto-commit is off');
      return ok({ pendingApply: plan.pendingApply });
    }
    // Something to commit needs a name and email: without one, stop before the source dir changes.
    const who = (plan.reAdd.length > 0 || wc.value.changes.length > 0) && !o.dryRun && vcs.identity !== undefined ? await vcs.identity() : ok(undefined);
    if (who.isErr()) return err(who.error);
    const reAdding = plan.reAdd.length > 0 && !o.dryRun;
    if (reAdding) {
      // Look at what re-add would copy before copying it: a refused secret never lands in the source dir.
      const sourceOf = new Map(managed.value.map((m) => [m.target, m.source]));
      const guarded = await scanFiles(
        plan.reAdd.flatMap((target) => {
          const source = sourceOf.get(target);
          return source === undefined ? [] : [{ path: source.startsWith(`${vcs.root}/`) ? source.slice(vcs.root.length + 1) : source, file: target }];
        }),
      );
      if (guarded.isErr()) return err(guarded.error);
      const cpr = await ensureCheckpoint();
      if (cpr.isErr()) return err(cpr.error);
      const ra = await deps.chezmoi.reAdd(plan.reAdd);
      if (ra.isErr()) {
        // HOME edits stay in HOME (captured by a later run); what the source dir holds still syncs.
        facts.chezmoiError = ra.error;
        emit({ type: 'info', message: `chezmoi re-add failed (${ra.error.message}); HOME edits stay in HOME for the next run` });
      } else {
        facts.skippedReAdd.push(...ra.value.skipped.map((s) => s.target));
        // What was re-added now agrees with HOME as we hashed it.
        for (const i of inputs.value) if (plan.reAdd.includes(i.target) && i.homeHash !== undefined) record[i.target] = i.homeHash;
      }
    }

    // Status again only when re-add changed the source dir.
    const after = reAdding ? await vcs.status() : wc;
    if (after.isErr()) return err(after.error);
    const changes = after.value.changes;
    if (changes.length === 0 && o.dryRun && plan.reAdd.length > 0) {
      stepEnd('capture', 'skipped', `dry run: would re-add ${plan.reAdd.join(', ')} and commit`);
      return ok({ pendingApply: plan.pendingApply });
    }
    if (changes.length === 0) {
      stepEnd('capture', 'ok', plan.keptLocal.length > 0 ? `nothing to commit; kept local: ${plan.keptLocal.join(', ')}` : 'nothing to commit');
      return ok({ pendingApply: plan.pendingApply });
    }
    const secrets = await scanChanges(vcs, changes.filter((c) => c.kind !== 'deleted').map((c) => c.path));
    if (secrets.isErr()) return err(secrets.error);

    if (o.dryRun) {
      const would = [...plan.reAdd.map((t) => `re-add ${t}`), ...changes.map((c) => c.path)];
      stepEnd('capture', 'skipped', `dry run: would capture ${would.join(', ')}`);
      return ok({ pendingApply: plan.pendingApply });
    }
    const message = renderMessage(o.messageTemplate, o.host, o.now());
    if (message.isErr()) return err(message.error);
    const cpc = await ensureCheckpoint();
    if (cpc.isErr()) return err(cpc.error);
    const c = await vcs.commitAll(message.value);
    if (c.isErr()) return err(c.error);
    facts.committed = c.value.committed ? 1 : 0;
    if (c.value.committed) facts.head = c.value.commit.id;
    // Plain files are brought to HOME by the capture plan; a template edited in the source dir needs an apply.
    facts.committedSources = changes.filter((x) => x.kind !== 'deleted' && x.path.endsWith('.tmpl')).map((x) => `${vcs.root}/${x.path}`);
    stepEnd('capture', 'ok', c.value.committed ? `committed ${changes.length} changed file(s)` : 'nothing to commit');
    return ok({ pendingApply: plan.pendingApply });
  };

  /** Fingerprints of files whose hashes are known this run (see SyncedRecord.stats). */
  const fingerprints: Record<string, string> = {};
  let knownStats: Readonly<Record<string, string>> = {};
  /** The head the synced record was made against (see record-line.ts). */
  let recordHead: CommitId | undefined;
  /** Per target, the source content committed on the line once capture is done (see unique-copy.ts). */
  let storedSources: ReadonlyMap<string, string> = new Map();

  /** HOME's and the source's hashes — from the record when neither file changed since it was taken. */
  const hashPair = (home: string, source: string, recorded: string | undefined): ResultAsync<[string | undefined, string | undefined], SyncError> =>
    ResultAsync.combine([deps.fs.fingerprint(home), deps.fs.fingerprint(source)]).andThen(([hf, sf]) => {
      const fp = hf !== undefined && sf !== undefined ? `${hf}|${sf}` : undefined;
      if (fp !== undefined && recorded !== undefined && knownStats[home] === fp) {
        fingerprints[home] = fp;
        return okAsync<[string | undefined, string | undefined], SyncError>([recorded, recorded]);
      }
      return ResultAsync.combine([deps.fs.hash(home), deps.fs.hash(source)]).map((pair): [string | undefined, string | undefined] => {
        if (fp !== undefined && pair[0] !== undefined && pair[0] === pair[1]) fingerprints[home] = fp;
        return [pair[0], pair[1]];
      });
    });

  /** The record to save: hashes, and fingerprints only where they still vouch for the hash. */
  const recordToSave = (record: Readonly<Record<string, string>>): SyncedRecord => {
    const stats = Object.fromEntries(Object.entries(fingerprints).filter(([t]) => record[t] !== undefined && record[t] !== KEPT_BOTH));
    const head = facts.head ?? (facts.recordLeftLine === true ? undefined : recordHead);
    return { schema: 1, files: record, stats, ...(head !== undefined ? { head } : {}) };
  };

  const captureInputs = async (
    managed: readonly ManagedFile[],
    dirty: ReadonlySet<string>,
    record: Readonly<Record<string, string>>,
  ): Promise<Result<CaptureInput[], SyncError>> => {
    const plain = managed.filter((m) => m.type === 'file' && m.source !== undefined && isPlainSource(m.source));
    const hashed = await mapLimit(plain, IO_CONCURRENCY, (m) => hashPair(m.target, m.source ?? '', record[m.target]));
    if (hashed.isErr()) return err(hashed.error);
    return ok(
      plain.map((m, i) => {
        const [homeHash, sourceHash] = hashed.value[i] ?? [undefined, undefined];
        return { target: m.target, homeHash, sourceHash, recorded: record[m.target], sourceDirty: dirty.has(m.source ?? '') };
      }),
    );
  };

  /**
   * HOME and source agree on content no sync recorded (a person made them equal by hand, or no
   * record yet): chezmoi may still remember older content it wrote, and would then refuse every
   * later apply of the file as a HOME edit. A no-op apply of just those targets updates its memory.
   */
  const refreshAgreed = async (inputs: readonly CaptureInput[]): Promise<Result<void, SyncError>> => {
    if (!o.apply || o.dryRun) return ok(undefined);
    const targets = inputs.filter((i) => i.homeHash !== undefined && i.homeHash === i.sourceHash && i.recorded !== i.homeHash).map((i) => i.target);
    if (targets.length === 0) return ok(undefined);
    const applied = await deps.chezmoi.apply({ targets, scripts: false });
    return applied.map(() => undefined);
  };

  /**
   * HOME edits chezmoi cannot re-add (templates, encrypted files, modify_ scripts' targets): never
   * captured, never overwritten — reported, so that nobody believes they were synced.
   */
  const reportUncapturable = async (managed: readonly ManagedFile[]): Promise<void> => {
    const others = managed.filter((m) => m.type === 'file' && m.source !== undefined && !isPlainSource(m.source)).map((m) => m.target);
    if (others.length === 0) return;
    const status = await deps.chezmoi.status(others);
    if (status.isErr()) {
      // A template chezmoi cannot render (missing data, no key) blocks nothing else, but must be said.
      facts.chezmoiError ??= status.error;
      emit({ type: 'info', message: `could not check templates and encrypted files for HOME edits: ${status.error.message}` });
      return;
    }
    const edited = status.value.filter((e) => e.lastWritten !== ' ' && e.apply !== ' ').map((e) => e.target);
    if (edited.length > 0) {
      facts.skippedReAdd.push(...edited.filter((t) => !facts.skippedReAdd.includes(t)));
      emit({ type: 'info', message: `edited in HOME but generated by chezmoi (template, encrypted or modify_), so not captured: ${edited.join(', ')} — edit the source with \`chezmoi edit\`` });
    }
  };

  /**
   * Files with no synced record that differ between HOME and source (first run, or a run killed
   * before it recorded anything): chezmoi's own state says whether HOME was edited since chezmoi
   * wrote it — a stale HOME must be applied, never re-added over newer source. One `chezmoi
   * status`, only when needed.
   */
  const withHomeHints = async (inputs: readonly CaptureInput[], homeWins: boolean): Promise<Result<readonly CaptureInput[], SyncError>> => {
    const differing = inputs.filter((i) => i.recorded === undefined && i.homeHash !== undefined && i.homeHash !== i.sourceHash);
    if (differing.length === 0 || homeWins) return ok(inputs);
    // Best base: what chezmoi last wrote, compared with both sides (tells a HOME edit from a source edit).
    const base = deps.chezmoi.lastWritten !== undefined ? await deps.chezmoi.lastWritten() : ok<ReadonlyMap<string, string>, SyncError>(new Map());
    const written = base.isOk() ? base.value : new Map<string, string>();
    const hinted = inputs.map((i) => {
      const b = differing.includes(i) ? written.get(i.target) : undefined;
      return b === undefined ? i : { ...i, homeEditedHint: i.homeHash !== b, sourceEditedHint: i.sourceHash !== b };
    });
    const unknown = hinted.filter((i) => differing.some((d) => d.target === i.target) && i.homeEditedHint === undefined);
    if (unknown.length === 0) return ok(hinted);
    inputs = hinted;
    const status = await deps.chezmoi.status(unknown.map((i) => i.target));
    if (status.isErr()) {
      // Unsure whether HOME or the source is newer: keep both this run, ask again next run.
      emit({ type: 'info', message: `chezmoi status failed (${status.error.message}); ${unknown.length} file(s) kept as they are` });
      return ok(inputs.map((i) => (unknown.some((u) => u.target === i.target) ? { ...i, recorded: KEPT_BOTH } : i)));
    }
    const edited = new Map(status.value.map((e) => [e.target, e.lastWritten !== ' ']));
    return ok(inputs.map((i) => (unknown.some((u) => u.target === i.target) ? { ...i, homeEditedHint: edited.get(i.target) ?? false } : i)));
  };

  /** The secret guard over files: `path` (source-relative) names them and feeds the name rules, `file` is read. */
  const scanFiles = async (files: readonly { path: string; file: string }[]): Promise<Result<void, SyncError>> => {
    const heads = await mapLimit(files, IO_CONCURRENCY, (f) => deps.fs.readHead(f.file, SECRET_SCAN_BYTES).orElse(() => okAsync(undefined)));
    if (heads.isErr()) return err(heads.error);
    const found = files.flatMap((f, i) => scanForSecrets(f.path, heads.value[i]));
    if (found.length === 0) return ok(undefined);
    return err(secretsFound(found));
  };

  const scanChanges = (vcs: Vcs, paths: readonly string[]): Promise<Result<void, SyncError>> =>
    scanFiles(paths.map((p) => ({ path: p, file: `${vcs.root}/${p}` })));

  // ---- integrate -----------------------------------------------------------------------
  type Integrated =
    | { kind: 'clean'; before: CommitId; head: CommitId; incoming: number; ahead: number; remoteHead: CommitId | undefined }
    | { kind: 'conflict'; paths: readonly string[] };

  const integrate = async (vcs: Vcs, trunk: string): Promise<Result<Integrated, SyncError>> => {
    const div = await vcs.divergence(o.remote, trunk);
    if (div.isErr()) return err(div.error);
    const { head, behind, remoteHead, ahead } = div.value;
    facts.head = head;
    if (remoteHead === undefined || behind.length === 0 || o.dryRun) {
      if (o.dryRun && behind.length > 0) emit({ type: 'info', message: `dry run: ${behind.length} incoming commit(s) not integrated` });
      return ok({ kind: 'clean', before: head, head, incoming: 0, ahead: ahead.length, remoteHead });
    }
    const cp = await ensureCheckpoint();
    if (cp.isErr()) return err(cp.error);
    const rb = await vcs.rebase({ remote: o.remote, branch: trunk });
    if (rb.isErr()) return err(rb.error);
    if (rb.value.status === 'conflict') return ok({ kind: 'conflict', paths: rb.value.paths });
    facts.head = rb.value.head;
    return ok({ kind: 'clean', before: head, head: rb.value.head, incoming: behind.length, ahead: ahead.length, remoteHead });
  };

  const hostBranch = (): string => `${o.branchPrefix}${o.host}`;

  let checkpointOf: Vcs | undefined;
  /** Targets earlier runs held back (state.json). */
  let previousHeld: readonly HeldTarget[] = [];
  /** Records where the repository was before this run's first change (what undo returns to). */
  const ensureCheckpoint = async (): Promise<Result<void, SyncError>> => {
    if (facts.checkpoint !== undefined || checkpointOf === undefined || o.dryRun) return ok(undefined);
    const cp = await checkpointOf.checkpoint();
    if (cp.isErr()) return err(cp.error);
    facts.checkpoint = cp.value;
    return ok(undefined);
  };

  /** A conflict: the local line goes to the host branch on the remote, nothing else changes. */
  const preserve = async (vcs: Vcs, trunk: string, paths: readonly string[]): Promise<Result<void, SyncError>> => {
    const branch = hostBranch();
    facts.conflicts = { paths, branch };
    stepEnd('integrate', 'degraded', `conflict in ${paths.join(', ')}; this host's work is kept on ${branch}`);
    stepStart('publish');
    const div = await vcs.divergence(o.remote, trunk);
    const head = div.isOk() ? div.value.head : undefined;
    if (head !== undefined) facts.head = head;
    if (div.isOk()) facts.pendingPushes = div.value.ahead.length;
    const cp = await ensureCheckpoint();
    if (cp.isErr()) return err(cp.error);
    if (head === undefined || !o.autoPush || o.dryRun) {
      stepEnd('publish', 'skipped', `${branch} not pushed (${o.dryRun ? 'dry run' : 'push is off'})`);
    } else {
      // Whatever leaves the machine is scanned first; refused → nothing pushed, the work stays local.
      const guarded = await guardOutgoing(vcs, o.remote, head);
      if (guarded.isErr()) return err(guarded.error);
      const pushed = await vcs.setBranch(branch, head).andThen(() => vcs.push({ remote: o.remote, branch }));
      if (pushed.isErr()) {
        // The work is still safe locally; the next run pushes the host branch again.
        stepEnd('publish', 'degraded', `could not push ${branch}: ${pushed.error.message}`);
      } else {
        stepEnd('publish', 'ok', `pushed this host's work to ${o.remote}/${branch}`);
      }
    }
    if (o.notifyCommand !== undefined && deps.notify !== undefined && !o.dryRun) {
      const n = await deps.notify(o.notifyCommand, {
        CHEZMOI_SYNC_STATUS: 'conflicts-preserved',
        CHEZMOI_SYNC_BRANCH: branch,
        CHEZMOI_SYNC_CONFLICTS: paths.join('\n'),
        CHEZMOI_SYNC_HOST: o.host,
      });
      if (n.isErr()) emit({ type: 'info', message: `notify command failed: ${n.error.message}` });
    }
    return ok(undefined);
  };

  // ---- apply ---------------------------------------------------------------------------
  const applyIncoming = async (
    vcs: Vcs,
    before: CommitId,
    head: CommitId,
    pendingApply: readonly string[],
    record: Record<string, string>,
  ): Promise<Result<void, SyncError>> => {
    let changedSources = new Set<string>();
    if (before !== head) {
      const changed = await vcs.changedPaths(before, head);
      if (changed.isErr()) return err(changed.error);
      changedSources = new Set(changed.value.map((c) => `${vcs.root}/${c.path}`));
    }
    const incoming = new Set(changedSources);
    for (const p of facts.committedSources) changedSources.add(p);
    if (changedSources.size === 0 && pendingApply.length === 0) {
      stepEnd('apply', 'ok', 'nothing incoming');
      return ok(undefined);
    }
    const managed = await deps.chezmoi.managed();
    if (managed.isErr()) return err(managed.error);
    const pending = new Set(pendingApply);
    const candidates = managed.value.filter(
      (m) => m.type !== 'dir' && (pending.has(m.target) || (m.source !== undefined && changedSources.has(m.source))),
    );
    // A plain HOME file is overwritten only when its content is stored in the repository (unique-copy.ts).
    let targets: string[] = [];
    for (const m of candidates) {
      if (m.source !== undefined && m.type === 'file' && isPlainSource(m.source)) {
        const h = await deps.fs.hash(m.target);
        if (h.isErr()) return err(h.error);
        const judged = guardApplies(record[m.target], facts.recordLeftLine === true);
        const incoming = judged && overwriteLoses(h.value, [record[m.target], storedSources.get(m.target)]) ? await deps.fs.hash(m.source) : undefined;
        if (incoming?.isErr() === true) return err(incoming.error);
        if (incoming !== undefined && overwriteLoses(h.value, [incoming.unwrapOr(undefined)])) {
          if (!facts.keptLocal.includes(m.target)) facts.keptLocal.push(m.target);
          // Kept with nothing recorded: later runs go on keeping both until HOME and source agree.
          record[m.target] ??= KEPT_BOTH;
          continue;
        }
      }
      targets.push(m.target);
    }
    const split = await holdBackCode(deps.fs, vcs.root, o.holdCode ? candidates.filter((m) => targets.includes(m.target)) : [], incoming, o.holdCode ? previousHeld : [], o.now().toISOString());
    if (split.isErr()) return err(split.error);
    facts.held = [...split.value.held];
    if (o.holdCode) targets = [...split.value.apply];
    if (facts.held.length > 0) emit({ type: 'info', message: `held back (they run code on apply; \`chezmoi-sync apply\` applies them): ${facts.held.map((h) => `${h.target} (${h.reason})`).join(', ')}` });
    if (targets.length === 0) {
      stepEnd('apply', 'ok', facts.keptLocal.length > 0 ? `kept local: ${facts.keptLocal.join(', ')}` : 'nothing to apply');
      return ok(undefined);
    }
    // A conflicted file in the working copy holds markers (an operation cut short): never let it reach HOME.
    const conflicted = await vcs.conflicts();
    if (conflicted.isErr()) return err(conflicted.error);
    if (conflicted.value.length > 0) {
      return err(
        unsafeState('conflicted-working-copy', `${vcs.root} has conflicted files (${conflicted.value.join(', ')}); nothing was applied to HOME`, {
          hint: 'an earlier operation was cut short: inspect the repository (`jj status` / `git status`) and resolve or restore it',
        }),
      );
    }
    const applied = await deps.chezmoi.apply({ targets, scripts: o.applyScripts });
    if (applied.isErr()) return err(applied.error);
    facts.applied.push(...applied.value.applied);
    facts.keptLocal.push(...applied.value.keptLocal.filter((t) => !facts.keptLocal.includes(t)));
    // Applied files now agree with the source.
    const appliedSet = new Set(applied.value.applied);
    for (const m of candidates) {
      if (!appliedSet.has(m.target) || m.source === undefined || !isPlainSource(m.source)) continue;
      const h = await deps.fs.hash(m.target);
      if (h.isOk() && h.value !== undefined) record[m.target] = h.value;
    }
    const kept = applied.value.keptLocal.length > 0 ? `; kept local: ${applied.value.keptLocal.join(', ')}` : '';
    stepEnd('apply', 'ok', `applied ${applied.value.applied.length} file(s)${kept}`);
    return ok(undefined);
  };

  // ---- publish -------------------------------------------------------------------------
  /** Moves the trunk to `head` and pushes it; `ahead` local commits go out (the integrate step counted them). */
  const publish = async (vcs: Vcs, trunk: string, head: CommitId, ahead: number, remoteHead: CommitId | undefined): Promise<Result<number, SyncError>> => {
    if (ahead === 0 && remoteHead !== undefined) return ok(0);
    const guarded = await guardOutgoing(vcs, o.remote, head);
    if (guarded.isErr()) return err(guarded.error);
    const cp = await ensureCheckpoint();
    if (cp.isErr()) return err(cp.error);
    const pushed = await vcs.setBranch(trunk, head).andThen(() => vcs.push({ remote: o.remote, branch: trunk }));
    if (pushed.isErr()) return err(pushed.error);
    facts.published = ahead;
    return ok(ahead);
  };

  /**
   * After a clean publish: a host branch whose work is now on trunk is removed; one holding work the
   * trunk lacks stays (host-branch.ts) and the conflict stays reported. True when it stays.
   */
  const cleanupHostBranch = async (vcs: Vcs, head: CommitId, paths: readonly string[] | undefined): Promise<boolean> => {
    const branch = hostBranch();
    const where = await hostBranchState(vcs, o.remote, branch, head);
    if (where.isErr() || where.value.kind === 'pending') {
      const missing = where.isOk() && where.value.kind === 'pending' ? where.value.paths : (paths ?? []);
      facts.conflicts = { paths: paths !== undefined && paths.length > 0 ? paths : missing, branch };
      emit({
        type: 'info',
        message: where.isErr()
          ? `could not check ${branch} (${where.error.message}); it stays`
          : `${branch} holds work the trunk does not (${missing.join(', ')}): it stays until the conflict is resolved`,
      });
      return true;
    }
    if (where.value.kind === 'absent') return false;
    const branches = await vcs.branches();
    const onRemote = branches.isOk() && branches.value.some((x) => x.name === branch && x.remoteTargets[o.remote] !== undefined);
    const removed = await vcs.deleteBranch(branch).andThen(() => (onRemote ? vcs.push({ remote: o.remote, branch }) : okAsync(undefined)));
    emit({
      type: 'info',
      message: removed.isOk() ? `conflict resolved: removed ${branch}` : `could not remove ${branch}: ${removed.error.message}`,
    });
    return false;
  };

  const countPending = async (vcs: Vcs, trunk: string): Promise<void> => {
    const div = await vcs.divergence(o.remote, trunk);
    if (div.isOk()) {
      facts.pendingPushes = div.value.ahead.length;
      facts.head = div.value.head;
    }
  };

  // ---- end -----------------------------------------------------------------------------
  const finish = async (ended: Ended, state: StateFile, record: Record<string, string> | undefined): Promise<Result<SyncReport, SyncError>> => {
    // A repository synced while chezmoi failed its part is not a success: say what chezmoi could not do.
    const late = facts.chezmoiError ?? facts.notSynced;
    const end: Ended = ended.status === 'success' && late !== undefined ? { status: 'error', error: late } : ended;
    const r = report(end);
    if (o.dryRun) return ok(r);
    stepStart('state');
    // No record means this run learnt nothing about HOME and source: keep the one on disk.
    const saved = await (record === undefined
      ? okAsync(undefined)
      : writeSynced(deps.fs, syncedRecordPath(o.stateDir, facts.sourceDir), recordToSave(record))
    ).andThen(() => writeRun(deps.fs, o.stateDir, state, r, o.historySize));
    if (saved.isErr()) {
      stepEnd('state', 'failed', saved.error.message);
      return err(saved.error);
    }
    stepEnd('state', 'ok', `last-sync-status: ${r.status}`);
    return ok(r);
  };

  /** A hard failure: recorded in the state (when we can), then returned as Err. */
  const finishError = async (
    e: SyncError,
    step: SyncStep,
    state: StateFile | undefined,
    record?: Readonly<Record<string, string>>,
  ): Promise<Result<SyncReport, SyncError>> => {
    stepEnd(step, 'failed', e.message);
    if (!o.dryRun && e.kind !== 'invalid-input') {
      // What this run learnt still holds after a later failure: a re-add or an apply made HOME and source agree.
      if (record !== undefined) {
        const kept = await writeSynced(deps.fs, syncedRecordPath(o.stateDir, facts.sourceDir), recordToSave(record));
        if (kept.isErr()) emit({ type: 'info', message: `could not save what HOME and the source agree on: ${kept.error.message}` });
      }
      const prev = state ?? (await readState(deps.fs, o.stateDir, o.now())).map((s) => s.state).unwrapOr(undefined);
      if (prev !== undefined) {
        const saved = await writeRun(deps.fs, o.stateDir, prev, report({ status: 'error', error: e }), o.historySize);
        // Best effort: the error itself is what the caller must see.
        if (saved.isErr()) emit({ type: 'info', message: `could not record the error in the state: ${saved.error.message}` });
      }
    }
    return err(e);
  };

  return new ResultAsync(run());
};
