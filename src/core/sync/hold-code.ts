// Holding back incoming targets whose apply would run code (setting `holdCode`): they stay
// pending — recorded in state.json, shown by `status` — until `chezmoi-sync apply` or a run
// with the setting off applies them.
import { ok, type Result } from 'neverthrow';
import type { ManagedFile } from '../chezmoi.js';
import type { SyncError } from '../errors.js';
import { codeOnApply, mayRunCode } from './code-on-apply.js';
import type { EngineFs } from './fs.js';
import { relativeTo } from '../util/paths.js';

/** A target held back, and why. */
export interface HeldTarget {
  readonly target: string;
  readonly source: string;
  readonly reason: string;
  /** When it was first held (ISO time). */
  readonly since: string;
}

/**
 * Splits the targets about to be applied: those whose source came in with incoming commits and
 * runs code on apply are held; the rest are applied. `previous` holds stay held.
 */
export const holdBackCode = async (
  fs: Pick<EngineFs, 'readText'>,
  root: string,
  candidates: readonly ManagedFile[],
  incomingSources: ReadonlySet<string>,
  previous: readonly HeldTarget[],
  now: string,
): Promise<Result<{ apply: readonly string[]; held: readonly HeldTarget[] }, SyncError>> => {
  const held = new Map(previous.map((h) => [h.target, h]));
  const apply: string[] = [];
  for (const m of candidates) {
    const source = m.source;
    const rel = source !== undefined ? relativeTo(root, source) : source;
    if (held.has(m.target)) continue;
    if (source === undefined || rel === undefined || !incomingSources.has(source) || !mayRunCode(rel)) {
      apply.push(m.target);
      continue;
    }
    const text = rel.endsWith('.tmpl') ? await fs.readText(source) : ok(undefined);
    // Unreadable: hold it (the safe side); the explicit apply shows chezmoi's own error.
    const reason = text.isErr() ? 'unreadable template' : codeOnApply(rel, text.value);
    if (reason === undefined) apply.push(m.target);
    else held.set(m.target, { target: m.target, source: rel, reason, since: now });
  }
  return ok({ apply, held: [...held.values()] });
};
