// Step 6, apply: what came in (and what an earlier run left unapplied) goes to HOME. A plain HOME
// file is overwritten only when its content is stored in the repository (unique-copy.ts): an edit
// made since capture is kept local, never lost. A failure here never stops the run: the
// repository is integrated, so it is published anyway and the next run applies again.
import { err, ok, okAsync, safeTry, type ResultAsync } from 'neverthrow';
import type { ManagedFile } from '../../chezmoi.js';
import { unsafeState, type SyncError } from '../../errors.js';
import type { CommitId } from '../../vcs.js';
import { isPlainFile, KEPT_BOTH } from '../capture.js';
import { keepAgreed } from '../agreed-contents.js';
import { IO_CONCURRENCY, promiseMapLimit } from '../../util/limit.js';
import { holdBackCode, type HeldTarget } from '../hold-code.js';
import { keepsManagedList } from '../managed-list.js';
import { guardApplies, overwriteLoses } from '../unique-copy.js';
import type { Ledger, StepContext } from './context.js';

export interface ApplyContext extends StepContext {
  /**
   * The synced record: kept-local files and applied files are recorded in it. Undefined only
   * after a quiet capture (quiet-record.ts) with the line where it was: nothing came in, so
   * nothing here reads it.
   */
  readonly ledger: Ledger | undefined;
}

export interface ApplyInput {
  /** The local line before and after integrate: what changed between them came in. */
  readonly before: CommitId;
  readonly head: CommitId;
  /** Capture's targets whose source is newer than an unedited HOME. */
  readonly pendingApply: readonly string[];
  /** Source paths capture committed (templates edited in the source dir). */
  readonly committedSources: readonly string[];
  /** Per target, the source content committed on the line (unique-copy.ts). */
  readonly storedSources: ReadonlyMap<string, string>;
  /** Targets capture merged with an edit from elsewhere: the sha256 of the HOME content the merge holds. */
  readonly merged?: ReadonlyMap<string, string>;
  /** Targets earlier runs held back (state.json). */
  readonly previousHeld: readonly HeldTarget[];
  /** Files kept local so far this run. */
  readonly keptLocal: readonly string[];
  /** chezmoi already failed this run (it cannot read the source state): nothing is applied. */
  readonly chezmoiFailed: boolean;
  /** chezmoi's managed list as it was at `before`, when known (capture read it). */
  readonly managed?: readonly ManagedFile[];
}

export interface Applied {
  readonly applied: readonly string[];
  /** Every file kept local this run (the input's, and this step's). */
  readonly keptLocal: readonly string[];
  /** Undefined when apply did not run. */
  readonly held?: readonly HeldTarget[];
  /** Why apply failed: the run ends `error` after publishing. */
  readonly error?: SyncError;
  /** chezmoi's managed list as it is at `head`, when known (for the next attempt). */
  readonly managed?: readonly ManagedFile[];
}

export const applyStep = async (ctx: ApplyContext, input: ApplyInput): Promise<Applied> => {
  const { o, progress } = ctx;
  progress.start('apply');
  const unchanged: Applied = { applied: [], keptLocal: input.keptLocal };
  if (!o.apply || o.dryRun) {
    progress.end('apply', 'skipped', o.dryRun ? 'dry run' : 'apply is off');
    return unchanged;
  }
  if (input.chezmoiFailed) {
    progress.end('apply', 'degraded', 'skipped: chezmoi cannot read the source state');
    return unchanged;
  }
  // With holdCode off, targets held by earlier runs are applied now.
  const pending = o.holdCode ? input.pendingApply : [...input.pendingApply, ...input.previousHeld.map((h) => h.target)];
  const out: Out = { applied: [], keptLocal: [...input.keptLocal], held: undefined, managed: undefined };
  const r = await applyIncoming(ctx, { ...input, pendingApply: pending }, out);
  const facts: Applied = {
    applied: out.applied,
    keptLocal: out.keptLocal,
    ...(out.held !== undefined ? { held: out.held } : {}),
    ...(out.managed !== undefined ? { managed: out.managed } : {}),
  };
  if (r.isOk()) return facts;
  progress.end('apply', 'failed', `${r.error.message}; publishing anyway, the next run applies again`);
  return { ...facts, error: r.error };
};

/** Plain files whose HOME content would be lost by applying (kept local, recorded as such), and the rest. */
const keepLocal = (ctx: ApplyContext, ledger: Ledger, input: ApplyInput, candidates: readonly ManagedFile[], keptLocal: string[]): ResultAsync<string[], SyncError> =>
  safeTry(async function* () {
    const { deps } = ctx;
    const record = ledger.files;
    const targets: string[] = [];
    for (const m of candidates) {
      if (isPlainFile(m)) {
        const home = yield* deps.fs.hash(m.target);
        const judged = guardApplies(record[m.target], ledger.leftLine) && overwriteLoses(home, [record[m.target], input.storedSources.get(m.target)]);
        if (judged && overwriteLoses(home, [yield* deps.fs.hash(m.source)])) {
          if (!keptLocal.includes(m.target)) keptLocal.push(m.target);
          // Kept with nothing recorded: later runs go on keeping both until HOME and source agree.
          record[m.target] ??= KEPT_BOTH;
          continue;
        }
      }
      targets.push(m.target);
    }
    return ok(targets);
  });

type Out = { applied: string[]; keptLocal: string[]; held: HeldTarget[] | undefined; managed: readonly ManagedFile[] | undefined };

const applyIncoming = (ctx: ApplyContext, input: ApplyInput, out: Out): ResultAsync<void, SyncError> =>
  safeTry(async function* () {
    const { deps, o, vcs, progress } = ctx;
    const nothingIncoming = () => {
      out.managed = input.managed;
      progress.end('apply', 'ok', 'nothing incoming');
      return ok(undefined);
    };
    const moved = input.before !== input.head;
    // Nothing moved, committed or pending: no query at all.
    if (!moved && input.committedSources.length === 0 && input.pendingApply.length === 0) return nothingIncoming();
    // Read-only queries, run together: what came in, and whether the working copy holds conflicts.
    const [changedR, conflictedR] = await Promise.all([moved ? vcs.changedPaths(input.before, input.head) : okAsync([]), vcs.conflicts()]);
    const changed = yield* changedR;
    const incoming = new Set(changed.map((c) => `${vcs.root}/${c.path}`));
    const changedSources = new Set([...incoming, ...input.committedSources]);
    if (changedSources.size === 0 && input.pendingApply.length === 0) return nothingIncoming();
    const ledger = ctx.ledger;
    if (ledger === undefined) return err(unsafeState('record-unread', 'the synced record was not read before apply; nothing was applied to HOME'));
    const managed = input.managed !== undefined && keepsManagedList(changed) ? input.managed : yield* deps.chezmoi.managed();
    out.managed = managed;
    const pending = new Set(input.pendingApply);
    const candidates = managed.filter((m) => m.type !== 'dir' && (pending.has(m.target) || (m.source !== undefined && changedSources.has(m.source))));
    let targets = yield* keepLocal(ctx, ledger, input, candidates, out.keptLocal);
    const split = yield* (
      await holdBackCode(deps.fs, vcs.root, o.holdCode ? candidates.filter((m) => targets.includes(m.target)) : [], incoming, o.holdCode ? input.previousHeld : [], o.now().toISOString())
    );
    out.held = [...split.held];
    if (o.holdCode) targets = [...split.apply];
    if (out.held.length > 0) progress.info(`held back (they run code on apply; \`chezmoi-sync apply\` applies them): ${out.held.map((h) => `${h.target} (${h.reason})`).join(', ')}`);
    if (targets.length === 0) {
      progress.end('apply', 'ok', out.keptLocal.length > 0 ? `kept local: ${out.keptLocal.join(', ')}` : 'nothing to apply');
      return ok(undefined);
    }
    // A conflicted file in the working copy holds markers (an operation cut short): never let it reach HOME.
    const conflicted = yield* conflictedR;
    if (conflicted.length > 0) {
      return err(
        unsafeState('conflicted-working-copy', `${vcs.root} has conflicted files (${conflicted.join(', ')}); nothing was applied to HOME`, {
          hint: 'an earlier operation was cut short: inspect the repository (`jj status` / `git status`) and resolve or restore it',
        }),
      );
    }
    // What each plain target's HOME and source last agreed on (a hash, not a keep-both mark): HOME
    // still holding it is no HOME edit, and chezmoi's own record need not be asked.
    const agreedOn = new Map(candidates.flatMap((m) => {
      const h = ledger.files[m.target];
      return isPlainFile(m) && h !== undefined && h !== KEPT_BOTH ? [[m.target, h] as const] : [];
    }));
    // A merge that holds HOME's edit is written over HOME while HOME still holds what it was made from.
    const merged = new Map([...(input.merged ?? new Map<string, string>())].filter(([t, h]) => targets.includes(t) && ledger.files[t] === h));
    const applied = yield* deps.chezmoi.apply({ targets, scripts: o.applyScripts, agreed: agreedOn, ...(merged.size > 0 ? { merged } : {}) });
    out.applied.push(...applied.applied);
    out.keptLocal.push(...applied.keptLocal.filter((t) => !out.keptLocal.includes(t)));
    // Applied files now agree with the source.
    const appliedSet = new Set(applied.applied);
    await promiseMapLimit(
      candidates.filter((m) => appliedSet.has(m.target) && isPlainFile(m)),
      IO_CONCURRENCY,
      async (m) => {
        const h = await deps.fs.hash(m.target);
        if (h.isOk() && h.value !== undefined) {
          ledger.files[m.target] = h.value;
          await keepAgreed(deps.fs, ledger, m.target, m.target);
        }
      },
    );
    const keptText = applied.keptLocal.length > 0 ? `; kept local: ${applied.keptLocal.join(', ')}` : '';
    progress.end('apply', 'ok', `applied ${applied.applied.length} file(s)${keptText}`);
    return ok(undefined);
  });
