import type { StatusEntry } from '../../core/chezmoi.js';
import type { HomeState } from './home-probe.js';
import type { EntryState } from './parse-entry-state.js';
import { parseSourceFileName } from './source-names.js';

// Deciding which targets `apply` may write. chezmoi's own guard (`--error-on-conflict`) only
// covers targets it wrote before; a file already in HOME that chezmoi never wrote would be
// overwritten silently (checked with 2.73: `status` shows " M", `apply` replaces it). So a
// target is written only when HOME still holds what chezmoi last wrote, or nothing at all.

/** The first split: clearly safe targets, and suspects that need `status` to decide. */
export interface ApplyTriage {
  readonly safe: readonly string[];
  /** HOME changed since chezmoi last wrote it, or holds a file chezmoi never wrote. */
  readonly suspect: readonly string[];
}

const unchanged = (recorded: EntryState | undefined, home: HomeState): boolean => {
  if (recorded === undefined) return home.kind === 'missing';
  switch (recorded.type) {
    case 'file':
    case 'symlink':
      return home.kind === recorded.type && home.sha256 === recorded.contentsSHA256;
    case 'dir':
      return home.kind === 'dir';
    case 'remove':
      return home.kind === 'missing';
    default:
      return false;
  }
};

/**
 * Pure: every target is a regular file in HOME holding exactly the content it last agreed on with
 * the source (`agreed`, the synced record's sha256). Such a target is no HOME edit and its content
 * is in the repository, so writing it loses nothing: chezmoi's record need not be read. A symlink,
 * a directory, a missing target or any other content is left to the triage below.
 */
export const allAgreed = (targets: readonly string[], home: ReadonlyMap<string, HomeState>, agreed: ReadonlyMap<string, string>): boolean =>
  targets.every((t) => {
    const h = home.get(t);
    const a = agreed.get(t);
    return h !== undefined && h.kind === 'file' && a !== undefined && h.sha256 === a;
  });

/** Pure: splits targets by comparing HOME with chezmoi's record of what it last wrote. */
export const triageApply = (
  targets: readonly string[],
  recorded: ReadonlyMap<string, EntryState>,
  home: ReadonlyMap<string, HomeState>,
): ApplyTriage => {
  const safe: string[] = [];
  const suspect: string[] = [];
  for (const t of targets) {
    if (unchanged(recorded.get(t), home.get(t) ?? { kind: 'missing' })) safe.push(t);
    else suspect.push(t);
  }
  return { safe, suspect };
};

/**
 * Pure: a suspect whose HOME content already is the target state (`status` lists nothing to
 * do for it) is harmless to apply, and so is one produced by a `modify_` script (`merging`):
 * chezmoi runs the script over the file as it is in HOME, so the edit is its input, never
 * overwritten (an app that owns the file, like an editor's settings.json, edits it all the time).
 * Any other suspect is kept as it is in HOME.
 */
export const sortSuspects = (
  suspects: readonly string[],
  status: readonly StatusEntry[],
  merging: ReadonlySet<string> = new Set(),
): { readonly apply: readonly string[]; readonly keptLocal: readonly string[] } => {
  const pending = new Set(status.filter((s) => s.apply !== ' ' && !merging.has(s.target)).map((s) => s.target));
  return { apply: suspects.filter((t) => !pending.has(t)), keptLocal: suspects.filter((t) => pending.has(t)) };
};

/** Pure: the targets of `managed` entries whose source is a `modify_` script. */
export const mergingTargets = (entries: readonly { readonly target: string; readonly source: string }[]): ReadonlySet<string> =>
  new Set(entries.filter((e) => parseSourceFileName(e.source.slice(e.source.lastIndexOf('/') + 1))?.kind === 'modify').map((e) => e.target));

/**
 * Pure: after an `apply` that failed, sorts the targets chezmoi did not bring to the target
 * state: edited in HOME meanwhile (chezmoi refused: kept), or failed for another reason.
 */
export const sortUnapplied = (
  targets: readonly string[],
  status: readonly StatusEntry[],
): { readonly applied: readonly string[]; readonly keptLocal: readonly string[]; readonly failed: readonly string[] } => {
  // ' R' is a script chezmoi would run: excluded on purpose, never a refused file.
  const byTarget = new Map(status.filter((s) => s.apply !== ' ' && s.apply !== 'R').map((s) => [s.target, s]));
  const applied: string[] = [];
  const keptLocal: string[] = [];
  const failed: string[] = [];
  for (const t of targets) {
    const s = byTarget.get(t);
    if (s === undefined) applied.push(t);
    else if (s.lastWritten !== ' ') keptLocal.push(t);
    else failed.push(t);
  }
  return { applied, keptLocal, failed };
};
