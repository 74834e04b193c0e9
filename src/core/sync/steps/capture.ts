// Step 3, capture: HOME edits into the source dir (`chezmoi re-add`, only where safe: capture.ts
// decides) and everything changed in the source dir into one commit — after the secret guard.
import { err, ok, type Result } from 'neverthrow';
import type { ManagedFile } from '../../chezmoi.js';
import type { SyncError } from '../../errors.js';
import { planCapture } from '../capture.js';
import { generatedKind } from '../capture-generated.js';
import { renderMessage } from '../message.js';
import { recordOnLine, withoutRecord } from '../record-line.js';
import { committedSources } from '../unique-copy.js';
import { unsyncableNames } from '../unsyncable.js';
import type { Ledger, RunFacts, StepContext, StepFailure } from './context.js';
import { captureInputs, generatedEdits, refreshAgreed, withHomeHints } from './capture-inputs.js';
import { captureGeneratedEdits } from './capture-generated.js';
import { scanSourceFiles } from './secret-scan.js';

export interface CaptureContext extends StepContext {
  /** The synced record: capture adds what HOME and source agree on, and re-added files. */
  readonly ledger: Ledger;
  /** Targets earlier runs held back (`holdCode`): `chezmoi status` must not run their code. */
  readonly previousHeld: readonly string[];
}

type Learned = Pick<RunFacts, 'committed' | 'keptLocal' | 'skippedReAdd' | 'committedSources'> &
  Partial<Pick<RunFacts, 'chezmoiError' | 'notSynced' | 'head'>>;

export interface Captured {
  readonly learned: Learned;
  /** Source newer than an unedited HOME: for apply to bring to HOME. */
  readonly pendingApply: readonly string[];
  /** Per target, the source content committed on the line once capture is done (unique-copy.ts). */
  readonly storedSources: ReadonlyMap<string, string>;
}

/** Runs the capture step; a hard failure carries what was learnt before it (for the state). */
export const capture = async (ctx: CaptureContext): Promise<Result<Captured, StepFailure>> => {
  const { deps, o, vcs, ledger, progress } = ctx;
  progress.start('capture');
  const record = ledger.files;
  const learned: { -readonly [K in keyof Learned]: Learned[K] } = { committed: 0, keptLocal: [], skippedReAdd: [], committedSources: [] };
  const fail = (error: SyncError): Result<never, StepFailure> => err({ step: 'capture', error, learned: { ...learned } });
  let pendingApply: readonly string[] = [];
  let storedSources: ReadonlyMap<string, string> = new Map();
  const done = (): Result<Captured, StepFailure> => ok({ learned, pendingApply, storedSources });

  const managedR = await deps.chezmoi.managed();
  if (managedR.isErr() && managedR.error.kind === 'tool-missing') return fail(managedR.error);
  if (managedR.isErr()) {
    learned.chezmoiError = managedR.error;
    progress.info(`chezmoi cannot read the source state (${managedR.error.message}): HOME is neither captured nor applied this run; the repository is still synced`);
  }
  const managed: readonly ManagedFile[] = managedR.isOk() ? managedR.value : [];
  const wc = await vcs.status();
  if (wc.isErr()) return fail(wc.error);
  if (wc.value.unsyncable !== undefined) learned.notSynced = unsyncableNames(wc.value.unsyncable);
  // A modified source file was edited in the source dir; a new one was just added (`chezmoi add`
  // copies HOME as chezmoi last saw it), so a HOME edit since then is the newer side.
  const dirty = new Set(wc.value.changes.filter((c) => c.kind !== 'added').map((c) => `${vcs.root}/${c.path}`));

  const raw = await captureInputs(deps, ledger, managed, dirty);
  if (raw.isErr()) return fail(raw.error);
  const onLine = await recordOnLine(vcs, ledger.recordHead, raw.value);
  if (onLine.isErr()) return fail(onLine.error);
  if (!onLine.value) {
    // Re-cloned, reset or switched: what the record says HOME and the source agreed on is about another line.
    ledger.leftLine = true;
    for (const k of Object.keys(record)) delete record[k];
    progress.info('the repository no longer holds the line the last sync recorded (re-cloned, reset or switched): HOME and the source are compared afresh');
  }
  const inputs = await withHomeHints(deps, progress, onLine.value ? raw.value : withoutRecord(raw.value), ledger.homeWins);
  if (inputs.isErr()) return fail(inputs.error);
  // The decision per file. A new kind of capture (e.g. of templates) decides here, beside planCapture.
  const plan = planCapture(inputs.value);
  pendingApply = plan.pendingApply;
  storedSources = committedSources(inputs.value, o.autoCommit && !o.dryRun);
  Object.assign(record, plan.agreed, plan.keptRecord);
  learned.keptLocal = [...plan.keptLocal];
  // `chezmoi status` renders templates and runs modify_ scripts: never on a target held back for that.
  const heldNow = new Set(o.holdCode ? ctx.previousHeld : []);
  const generated = await generatedEdits(deps, progress, managed.filter((m) => !heldNow.has(m.target)));
  if (generated.error !== undefined) learned.chezmoiError ??= generated.error;
  // Templates mapped onto their source, encrypted files re-added; the rest stays local, reported.
  const gen = await captureGeneratedEdits(ctx, generated.edited);
  if (gen.isErr()) return fail(gen.error);
  if (gen.value.error !== undefined) learned.chezmoiError ??= gen.value.error;
  learned.skippedReAdd = [...new Set(gen.value.kept.map((k) => k.target))];
  const refreshed = o.apply && !o.dryRun ? await refreshAgreed(deps, inputs.value) : ok(undefined);
  if (refreshed.isErr()) learned.chezmoiError = refreshed.error;

  if (!o.autoCommit) {
    progress.end('capture', 'skipped', 'auto-commit is off');
    return done();
  }
  // Something to commit needs a name and email: without one, stop before the source dir changes.
  const who = (plan.reAdd.length > 0 || wc.value.changes.length > 0) && !o.dryRun && vcs.identity !== undefined ? await vcs.identity() : ok(undefined);
  if (who.isErr()) return fail(who.error);
  const reAdding = plan.reAdd.length > 0 && !o.dryRun;
  if (reAdding) {
    // Look at what re-add would copy before copying it: a refused secret never lands in the source dir.
    const sourceOf = new Map(managed.map((m) => [m.target, m.source]));
    const guarded = await scanSourceFiles(
      deps.fs,
      plan.reAdd.flatMap((target) => {
        const source = sourceOf.get(target);
        return source === undefined ? [] : [{ path: source.startsWith(`${vcs.root}/`) ? source.slice(vcs.root.length + 1) : source, file: target }];
      }),
    );
    if (guarded.isErr()) return fail(guarded.error);
    const cpr = await ctx.checkpoint.ensure();
    if (cpr.isErr()) return fail(cpr.error);
    const ra = await deps.chezmoi.reAdd(plan.reAdd);
    if (ra.isErr()) {
      // HOME edits stay in HOME (captured by a later run); what the source dir holds still syncs.
      learned.chezmoiError = ra.error;
      progress.info(`chezmoi re-add failed (${ra.error.message}); HOME edits stay in HOME for the next run`);
    } else {
      learned.skippedReAdd = [...learned.skippedReAdd, ...ra.value.skipped.map((s) => s.target)];
      // What was re-added now agrees with HOME as we hashed it.
      for (const i of inputs.value) if (plan.reAdd.includes(i.target) && i.homeHash !== undefined) record[i.target] = i.homeHash;
    }
  }

  // Status again only when re-add changed the source dir.
  const after = reAdding || gen.value.changed ? await vcs.status() : wc;
  if (after.isErr()) return fail(after.error);
  const changes = after.value.changes;
  if (changes.length === 0 && o.dryRun && plan.reAdd.length > 0) {
    progress.end('capture', 'skipped', `dry run: would re-add ${plan.reAdd.join(', ')} and commit`);
    return done();
  }
  if (changes.length === 0) {
    progress.end('capture', 'ok', plan.keptLocal.length > 0 ? `nothing to commit; kept local: ${plan.keptLocal.join(', ')}` : 'nothing to commit');
    return done();
  }
  const secrets = await scanSourceFiles(deps.fs, changes.filter((c) => c.kind !== 'deleted').map((c) => ({ path: c.path, file: `${vcs.root}/${c.path}` })));
  if (secrets.isErr()) return fail(secrets.error);

  if (o.dryRun) {
    const would = [...plan.reAdd.map((t) => `re-add ${t}`), ...changes.map((c) => c.path)];
    progress.end('capture', 'skipped', `dry run: would capture ${would.join(', ')}`);
    return done();
  }
  const message = renderMessage(o.messageTemplate, o.host, o.now());
  if (message.isErr()) return fail(message.error);
  const cpc = await ctx.checkpoint.ensure();
  if (cpc.isErr()) return fail(cpc.error);
  const c = await vcs.commitAll(message.value);
  if (c.isErr()) return fail(c.error);
  learned.committed = c.value.committed ? 1 : 0;
  if (c.value.committed) learned.head = c.value.commit.id;
  // Plain files are brought to HOME by the capture plan; a template or encrypted file edited in the source dir needs an apply.
  learned.committedSources = changes
    .filter((x) => x.kind !== 'deleted' && (x.path.endsWith('.tmpl') || generatedKind(x.path) === 'encrypted'))
    .map((x) => `${vcs.root}/${x.path}`);
  progress.end('capture', 'ok', c.value.committed ? `committed ${changes.length} changed file(s)` : 'nothing to commit');
  return done();
};
