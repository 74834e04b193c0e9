// Step 3, capture: HOME edits into the source dir (`chezmoi re-add`, only where safe: capture.ts
// decides) and everything changed in the source dir into one commit — after the secret guard.
import { err, ok, okAsync, safeTry, type Result, type ResultAsync } from 'neverthrow';
import type { ManagedFile } from '../../chezmoi.js';
import { secretsFound, type SyncError } from '../../errors.js';
import { planCapture, undoBaseOf } from '../capture.js';
import { mergeBothEdited, type HeldSecret } from './merge-both-edited.js';
import { keepAgreed } from '../agreed-contents.js';
import { IO_CONCURRENCY, promiseMapLimit } from '../../util/limit.js';
import { generatedKind } from '../capture-generated.js';
import { renderMessage } from '../message.js';
import { recordOnLine, withoutRecord } from '../record-line.js';
import { committedSources } from '../unique-copy.js';
import { repositoriesNotSynced, unsyncableNames } from '../unsyncable.js';
import type { Ledger, RunFacts, StepContext, StepFailure } from './context.js';
import { emptiedSource } from '../emptied-source.js';
import { conflictedLine } from '../conflicted-line.js';
import { captureInputs, generatedEdits, plainPrints, refreshAgreed, withHomeHints } from './capture-inputs.js';
import { isQuiet, quietDigest, type QuietCapture } from '../quiet-record.js';
import { captureGeneratedEdits } from './capture-generated.js';
import { scanSourceFiles } from './secret-scan.js';
import { relativeTo } from '../../util/paths.js';

export interface CaptureContext extends StepContext {
  /** The synced record: capture adds what HOME and source agree on, and re-added files. */
  readonly ledger: Ledger;
  /** Targets earlier runs held back (`holdCode`): `chezmoi status` must not run their code. */
  readonly previousHeld: readonly string[];
}

/** What capture starts from: the record's quiet digest, and the record itself, read when needed. */
export interface CaptureStart extends Omit<CaptureContext, 'ledger'> {
  /** The quiet digest at the record's end (quiet-record.ts); undefined: the record is read at once. */
  readonly quiet: string | undefined;
  /** The synced record as a ledger (read once, on the first call). */
  readonly ledger: () => ResultAsync<Ledger, SyncError>;
}

type Learned = Pick<RunFacts, 'committed' | 'keptLocal' | 'skippedReAdd' | 'committedSources'> &
  Partial<Pick<RunFacts, 'chezmoiError' | 'notSynced' | 'secretsHeld' | 'head'>>;

export interface Captured {
  readonly learned: Learned;
  /** Source newer than an unedited HOME: for apply to bring to HOME. */
  readonly pendingApply: readonly string[];
  /** Per target, the source content committed on the line once capture is done (unique-copy.ts). */
  readonly storedSources: ReadonlyMap<string, string>;
  /** Targets merged with an edit from elsewhere (merge-both-edited.ts): the sha256 of the HOME content the merge holds. */
  readonly merged: ReadonlyMap<string, string>;
  /** chezmoi's managed list, read at the start of capture (capture changes only file contents). */
  readonly managed?: readonly ManagedFile[];
  /** Set when capture found every plain file as the record has it (quiet-record.ts) and did not read the record. */
  readonly quiet?: QuietCapture;
}

/** Runs the capture step; a hard failure carries what was learnt before it (for the state). */
export const capture = (start: CaptureStart): ResultAsync<Captured, StepFailure> => {
  const { deps, o, vcs, progress } = start;
  progress.start('capture');
  const learned: { -readonly [K in keyof Learned]: Learned[K] } = { committed: 0, keptLocal: [], skippedReAdd: [], committedSources: [] };
  const fail = (error: SyncError): StepFailure => ({ step: 'capture', error, learned: { ...learned } });
  let pendingApply: readonly string[] = [];
  let storedSources: ReadonlyMap<string, string> = new Map();
  let managedList: readonly ManagedFile[] | undefined;
  let merged: ReadonlyMap<string, string> = new Map();
  const done = (): Result<Captured, StepFailure> => ok({ learned, pendingApply, storedSources, merged, ...(managedList !== undefined ? { managed: managedList } : {}) });

  return safeTry(async function* () {
    // Both read only (a jj snapshot writes under .jj, which chezmoi never reads): run them together.
    const line = { remote: o.remote, branch: start.trunk };
    // The plain files' fingerprints (stats of HOME and the source, 20,000 at 10,000 files) are taken
    // as soon as the managed list is known, while the status is still running.
    const managedP = deps.chezmoi.managed();
    const printsP = Promise.resolve(managedP).then((m) => plainPrints(deps, m.unwrapOr([])));
    const [managedR, statusR, printsR] = await Promise.all([managedP, vcs.status(line), printsP]);
    if (managedR.isErr() && managedR.error.kind === 'tool-missing') return err(fail(managedR.error));
    if (managedR.isErr()) {
      learned.chezmoiError = managedR.error;
      progress.info(`chezmoi cannot read the source state (${managedR.error.message}): HOME is neither captured nor applied this run; the repository is still synced`);
    }
    const managed: readonly ManagedFile[] = managedR.unwrapOr([]);
    if (managedR.isOk()) managedList = managed;
    const wc = yield* statusR.mapErr(fail);
    // Nothing of a conflicted line can be published, and re-add would write over its markers.
    if (wc.conflicted !== undefined) return err(fail(conflictedLine(wc.conflicted, vcs.root)));
    if (wc.embedded !== undefined) {
      learned.notSynced = repositoriesNotSynced(wc.embedded, vcs.root);
      progress.info(learned.notSynced.message);
    }
    if (wc.unsyncable !== undefined) learned.notSynced = unsyncableNames(wc.unsyncable);
    // A modified source file was edited in the source dir; a new one was just added (`chezmoi add`
    // copies HOME as chezmoi last saw it), so a HOME edit since then is the newer side.
    const dirty = new Set(wc.changes.filter((c) => c.kind !== 'added').map((c) => `${vcs.root}/${c.path}`));

    const prints = yield* printsR.mapErr(fail);
    // `chezmoi status` renders templates and runs modify_ scripts: never on a target held back for that.
    const heldNow = new Set(o.holdCode ? start.previousHeld : []);
    const generatedNow = () => generatedEdits(deps, progress, managed.filter((m) => !heldNow.has(m.target)));
    const digest = quietDigest(prints);
    let early: Awaited<ReturnType<typeof generatedNow>> | undefined;
    if (managedR.isOk() && isQuiet(start.quiet, digest, wc, start.previousHeld) && digest !== undefined) {
      // Every plain file as recorded: only what chezmoi generates can hold a HOME edit.
      early = await generatedNow();
      if (early.error === undefined && early.edited.length === 0 && early.absent.length === 0) {
        progress.end('capture', o.autoCommit ? 'ok' : 'skipped', o.autoCommit ? 'nothing to commit' : 'auto-commit is off');
        return ok({ learned, pendingApply, storedSources, merged, ...(managedList !== undefined ? { managed: managedList } : {}), quiet: { digest, targets: prints.plain.map((m) => m.target), fps: prints.fps } });
      }
    }
    const ledger = yield* start.ledger().mapErr(fail);
    const ctx: CaptureContext = { ...start, ledger };
    const record = ledger.files;
    const raw = yield* (await captureInputs(deps, ledger, prints, dirty)).mapErr(fail);
    // Every plain file agreed with its record at the fingerprints taken: the record may say so (quiet-record.ts).
    if (digest !== undefined && prints.plain.every((m, i) => ledger.fingerprints[m.target] === prints.fps[i])) ledger.quiet = digest;
    const onLine = yield* (await recordOnLine(vcs, ledger.recordHead, raw)).mapErr(fail);
    if (!onLine) {
      // Re-cloned, reset or switched: what the record says HOME and the source agreed on is about another line.
      ledger.leftLine = true;
      for (const k of Object.keys(record)) delete record[k];
      progress.info('the repository no longer holds the line the last sync recorded (re-cloned, reset or switched): HOME and the source are compared afresh');
    }
    // Source files the repository never held (new in the working copy).
    const added = new Set(wc.changes.filter((c) => c.kind === 'added').map((c) => `${vcs.root}/${c.path}`));
    const addedTargets = new Set(managed.filter((m) => m.source !== undefined && added.has(m.source)).map((m) => m.target));
    const inputs = yield* (await withHomeHints(deps, progress, onLine ? raw : withoutRecord(raw), ledger.homeWins, addedTargets)).mapErr(fail);
    // The decision per file. A new kind of capture (e.g. of templates) decides here, beside planCapture.
    const plan = planCapture(inputs);
    pendingApply = plan.pendingApply;
    storedSources = committedSources(inputs, o.autoCommit && !o.dryRun);
    Object.assign(record, plan.agreed, plan.keptRecord);
    // For `undo` of this run: a re-added file agreed on the source's side, one to apply on HOME's.
    ledger.undoBase = undoBaseOf(record, inputs, plan);
    // A new agreement (made by hand, or applied last run unrecorded): its content is kept as a merge's base.
    // (All of them on a first run: read IO_CONCURRENCY at a time, like the hashes.)
    await promiseMapLimit(Object.entries(plan.agreed).filter(([t, h]) => ledger.saved?.files[t] !== h), IO_CONCURRENCY, ([t]) => keepAgreed(deps.fs, ledger, t, t));
    learned.keptLocal = [...plan.keptLocal];
    const generated = early ?? (await generatedNow());
    if (generated.error !== undefined) learned.chezmoiError ??= generated.error;
    // Templates and encrypted files missing from HOME come with the plain files the plan brings.
    pendingApply = [...pendingApply, ...generated.absent.filter((t) => !pendingApply.includes(t))];
    // Templates mapped onto their source, encrypted files re-added; the rest stays local, reported.
    const gen = yield* (await captureGeneratedEdits(ctx, generated.edited)).mapErr(fail);
    if (gen.error !== undefined) learned.chezmoiError ??= gen.error;
    learned.skippedReAdd = [...new Set(gen.kept.map((k) => k.target))];
    const refreshed = o.apply && !o.dryRun ? await refreshAgreed(deps, inputs) : ok(undefined);
    if (refreshed.isErr()) learned.chezmoiError = refreshed.error;

    if (!o.autoCommit) {
      progress.end('capture', 'skipped', 'auto-commit is off');
      return done();
    }
    // Something to commit needs a name and email: without one, stop before the source dir changes.
    // Looked up beside the reads below; it must be there before the source dir changes.
    const identity = (plan.reAdd.length > 0 || plan.keptLocal.length > 0 || wc.changes.length > 0) && !o.dryRun && vcs.identity !== undefined ? vcs.identity().mapErr(fail) : okAsync(undefined);
    let reAdding = plan.reAdd.length > 0 && !o.dryRun;
    const held: HeldSecret[] = [];
    let reAdd = plan.reAdd;
    const sourceOf = new Map(managed.map((m) => [m.target, m.source]));
    if (reAdding) {
      // Look at what re-add would copy before copying it: a refused secret never lands in the source dir.
      const toScan = plan.reAdd.flatMap((target) => {
        const source = sourceOf.get(target);
        return source === undefined ? [] : [{ path: relativeTo(vcs.root, source), file: target }];
      });
      const [scanned, checkpointed] = await Promise.all([scanSourceFiles(deps.fs, toScan, { inHome: true }), ctx.checkpoint.ensure()]);
      yield* identity;
      // A HOME edit that looks like a secret stays in HOME, and only it: the rest syncs.
      const found = yield* heldSecrets(scanned, toScan).mapErr(fail);
      if (found.length > 0) {
        held.push(...found);
        learned.secretsHeld = heldError(held);
        // Reported kept local too: HOME's version stays, the source's is not applied over it.
        learned.keptLocal = [...new Set([...learned.keptLocal, ...found.map((f) => f.target)])];
        reAdd = plan.reAdd.filter((t) => !found.some((f) => f.target === t));
        reAdding = reAdd.length > 0;
        progress.info(learned.secretsHeld.message);
      }
      yield* checkpointed.mapErr(fail);
    }
    if (reAdding) {
      const ra = await deps.chezmoi.reAdd(reAdd, managed);
      if (ra.isErr()) {
        // HOME edits stay in HOME (captured by a later run); what the source dir holds still syncs.
        learned.chezmoiError = ra.error;
        progress.info(`chezmoi re-add failed (${ra.error.message}); HOME edits stay in HOME for the next run`);
      } else {
        learned.skippedReAdd = [...learned.skippedReAdd, ...ra.value.skipped.map((x) => x.target)];
        // What was re-added now agrees with HOME as we hashed it.
        for (const i of inputs) if (reAdd.includes(i.target) && i.homeHash !== undefined) record[i.target] = i.homeHash;
        // What was just agreed on is the base of a later merge: a copy is kept (agreed-contents.ts).
        await promiseMapLimit(reAdd, IO_CONCURRENCY, async (t) => {
          const source = sourceOf.get(t);
          if (source !== undefined) await keepAgreed(deps.fs, ledger, t, source);
        });
      }
    }

    // Edited in HOME and in the source since they last agreed: merged where the edits do not overlap.
    if (plan.keptLocal.length > 0 && !o.dryRun) yield* ctx.checkpoint.ensure().mapErr(fail);
    const both = yield* (await mergeBothEdited(ctx, plan.keptLocal, inputs, managed)).mapErr(fail);
    if (both.secrets.length > 0) {
      held.push(...both.secrets);
      learned.secretsHeld = heldError(held);
      progress.info(learned.secretsHeld.message);
    }
    learned.keptLocal = learned.keptLocal.filter((t) => !both.merged.has(t));
    pendingApply = [...pendingApply, ...both.merged.keys()];
    merged = both.merged;

    yield* identity;
    // Status again only when re-add, a merge or a template patch changed the source dir.
    const changes = reAdding || gen.changed || both.merged.size > 0 ? (yield* vcs.status().mapErr(fail)).changes : wc.changes;
    if (changes.length === 0 && o.dryRun && plan.reAdd.length > 0) {
      progress.end('capture', 'skipped', `dry run: would re-add ${plan.reAdd.join(', ')} and commit`);
      return done();
    }
    if (changes.length === 0) {
      progress.end('capture', 'ok', plan.keptLocal.length > 0 ? `nothing to commit; kept local: ${plan.keptLocal.join(', ')}` : 'nothing to commit');
      return done();
    }
    // The source dir emptied under its repository: the deletion of every dotfile is never published for it.
    const emptied = emptiedSource(vcs.root, changes, managedList);
    if (emptied !== undefined) return err(fail(emptied));
    yield* scanSourceFiles(deps.fs, changes.filter((c) => c.kind !== 'deleted').map((c) => ({ path: c.path, file: `${vcs.root}/${c.path}` }))).mapErr(fail);

    if (o.dryRun) {
      const would = [...plan.reAdd.map((t) => `re-add ${t}`), ...changes.map((c) => c.path)];
      progress.end('capture', 'skipped', `dry run: would capture ${would.join(', ')}`);
      return done();
    }
    const message = yield* renderMessage(o.messageTemplate, o.host, o.now()).mapErr(fail);
    yield* ctx.checkpoint.ensure().mapErr(fail);
    const c = yield* vcs.commitAll(message, line).mapErr(fail);
    learned.committed = c.committed ? 1 : 0;
    if (c.committed) learned.head = c.commit.id;
    // Plain files are brought to HOME by the capture plan; a template or encrypted file edited in the source dir needs an apply.
    learned.committedSources = changes
      .filter((x) => x.kind !== 'deleted' && (x.path.endsWith('.tmpl') || generatedKind(x.path) === 'encrypted'))
      .map((x) => `${vcs.root}/${x.path}`);
    progress.end('capture', 'ok', c.committed ? `committed ${changes.length} changed file(s)` : 'nothing to commit');
    return done();
  });
};

/**
 * The HOME edits the secret scan refused (to be left out of re-add); empty when it refused none.
 * Any other failure of the scan stays a failure.
 */
const heldSecrets = (scanned: Result<void, SyncError>, scannedFiles: readonly { readonly path: string; readonly file: string }[]): Result<readonly HeldSecret[], SyncError> => {
  if (scanned.isOk()) return ok([]);
  const e = scanned.error;
  if (e.kind !== 'secrets-found') return err(e);
  const targetOf = new Map(scannedFiles.map((f) => [f.path, f.file]));
  return ok(e.files.flatMap((f) => {
    const target = targetOf.get(f.path);
    return target === undefined ? [] : [{ target, path: f.path, reason: f.reason }];
  }));
};

/** The run's error for HOME edits held back as secrets: it names each HOME file. */
const heldError = (held: readonly HeldSecret[]): SyncError => {
  const e = secretsFound(held.map(({ path, reason }) => ({ path, reason })), { inHome: held.map((h) => h.target) });
  return { ...e, message: `${e.message}; the rest of the sync went on` };
};
