import { err, ok, ResultAsync, type Result } from 'neverthrow';
import type { SyncError } from './errors.js';
import type { OperationContext, OperationResult } from './resolve.js';
import { withRepository } from './sync/session.js';
import { writeHeld } from './sync/state.js';

/**
 * `chezmoi-sync apply`: applies, now, the incoming targets a sync held back because applying
 * them runs code (`holdCode`), under the sync lock. chezmoi never overwrites a HOME edit here
 * either: such a target is reported as kept local and stays held.
 *
 * @example
 * (await applyHeld({ deps, options })).map((r) => console.log(r.summary));
 */
export const applyHeld = (ctx: OperationContext): ResultAsync<OperationResult, SyncError> =>
  ResultAsync.fromSafePromise(
    withRepository(ctx.deps, ctx.options, async (s): Promise<Result<OperationResult, SyncError>> => {
      const held = s.state.held ?? [];
      if (held.length === 0) return ok({ summary: 'nothing is held back: nothing to apply', details: { applied: [], keptLocal: [] } });
      const applied = await ctx.deps.chezmoi.apply({ targets: held.map((h) => h.target), scripts: s.o.applyScripts });
      if (applied.isErr()) return err(applied.error);
      const kept = new Set(applied.value.keptLocal);
      const saved = await writeHeld(ctx.deps.fs, s.o.stateDir, s.state, held.filter((h) => kept.has(h.target)));
      if (saved.isErr()) return err(saved.error);
      const keptText = kept.size > 0 ? `; kept local (edited in HOME, still held): ${[...kept].join(', ')}` : '';
      return ok({
        summary: `applied ${applied.value.applied.length} held target(s): ${held.map((h) => `${h.target} (${h.reason})`).join(', ')}${keptText}`,
        details: { applied: applied.value.applied, keptLocal: applied.value.keptLocal, held },
      });
    }),
  ).andThen((r) => r);
