// Deciding what capture may copy from HOME into the source dir. The seed plan's bug was a
// blind `chezmoi re-add`: a HOME file that is merely stale (the source moved on — incoming
// changes not yet applied, or an edit made in the source dir) was copied back over the newer
// source, silently reverting it. Here a HOME file is re-added only when HOME changed since
// HOME and source last agreed and the source did not; when both changed, both are kept.

import type { ManagedFile } from '../chezmoi.js';

/** What the engine knows about one managed plain file when planning capture. */
export interface CaptureInput {
  /** Absolute target path in HOME. */
  readonly target: string;
  /** sha256 of the HOME file, undefined when it is missing. */
  readonly homeHash: string | undefined;
  /** sha256 of the source file. */
  readonly sourceHash: string | undefined;
  /** sha256 HOME and source last agreed on (the synced record), if any. */
  readonly recorded: string | undefined;
  /** The source file has uncommitted changes in the VCS (edited in the source dir). */
  readonly sourceDirty: boolean;
  /**
   * Without a record: whether HOME changed since chezmoi last wrote the file (chezmoi's own
   * state, `chezmoi status` first column). Undefined = treat HOME as edited.
   */
  readonly homeEditedHint?: boolean;
  /** Without a record: whether the source differs from what chezmoi last wrote (its state database). */
  readonly sourceEditedHint?: boolean;
}

/**
 * Recorded for a file kept local with no record to compare against: both sides moved, and the
 * next runs must go on keeping both (a commit hides the source side's "uncommitted" sign) until
 * HOME and source agree again.
 */
export const KEPT_BOTH = 'kept-both';

export interface CapturePlan {
  /** HOME edits that are safe to copy into the source. */
  readonly reAdd: readonly string[];
  /** Edited both in HOME and in the source since they last agreed: nothing is overwritten. */
  readonly keptLocal: readonly string[];
  /** The source is newer and HOME was not edited: `apply` should bring it to HOME. */
  readonly pendingApply: readonly string[];
  /** HOME and source agree: their common hash, for the synced record. */
  readonly agreed: Readonly<Record<string, string>>;
  /** Record updates for files kept local without a record (see KEPT_BOTH). */
  readonly keptRecord: Readonly<Record<string, string>>;
}

/**
 * Pure: classifies each managed plain file.
 * @example planCapture([{ target: '/h/.bashrc', homeHash: 'b', sourceHash: 'a', recorded: 'a', sourceDirty: false }]).reAdd // ['/h/.bashrc']
 */
export const planCapture = (inputs: readonly CaptureInput[]): CapturePlan => {
  const reAdd: string[] = [];
  const keptLocal: string[] = [];
  const pendingApply: string[] = [];
  const agreed: Record<string, string> = {};
  const keptRecord: Record<string, string> = {};
  for (const f of inputs) {
    if (f.homeHash === f.sourceHash) {
      if (f.homeHash !== undefined) agreed[f.target] = f.homeHash;
      continue;
    }
    // A file missing from HOME is not an edit to capture: deletions in HOME are not synced.
    if (f.homeHash === undefined) {
      pendingApply.push(f.target);
      continue;
    }
    if (f.recorded === KEPT_BOTH) {
      keptLocal.push(f.target);
      continue;
    }
    const homeEdited = f.recorded === undefined ? (f.homeEditedHint ?? true) : f.homeHash !== f.recorded;
    // Without a record, an uncommitted source edit is the only sign that the source moved
    // (a HOME that chezmoi wrote and nobody touched is simply stale: see homeEditedHint).
    const sourceEdited = f.recorded === undefined ? (f.sourceEditedHint ?? f.sourceDirty) : f.sourceHash !== f.recorded;
    if (homeEdited && !sourceEdited) reAdd.push(f.target);
    else if (homeEdited && sourceEdited) {
      keptLocal.push(f.target);
      if (f.recorded === undefined) keptRecord[f.target] = KEPT_BOTH;
    }
    else pendingApply.push(f.target);
  }
  return { reAdd, keptLocal, pendingApply, agreed, keptRecord };
};

/** A managed regular file whose source is plain (below): HOME holds the source's bytes. */
export const isPlainFile = (m: ManagedFile): m is ManagedFile & { readonly source: string } =>
  m.type === 'file' && m.source !== undefined && isPlainSource(m.source);

const PLAIN_ATTRS = /^(?:(?:private|readonly|executable|empty|dot|literal)_)*/;

/**
 * True for a source file whose content is the target's content byte for byte: no template,
 * no encryption, no modify/create/run script or symlink semantics.
 */
export const isPlainSource = (sourcePath: string): boolean => {
  const base = sourcePath.slice(sourcePath.lastIndexOf('/') + 1);
  if (base.endsWith('.tmpl') || base.endsWith('.age') || base.endsWith('.asc')) return false;
  const rest = base.replace(PLAIN_ATTRS, '');
  return !/^(encrypted|modify|create|run|symlink|remove|once|onchange|before|after|exact|external)_/.test(rest) && !/(^|_)(encrypted|modify|create|run|symlink)_/.test(base.slice(0, base.length - rest.length));
};

/**
 * What HOME and the source agreed on before this run changed either (see Ledger.undoBase): the
 * record as it now stands, with each file HOME edited agreed at the source's content and each
 * file the source edited agreed at HOME's. Pure.
 */
export const undoBaseOf = (record: Readonly<Record<string, string>>, inputs: readonly CaptureInput[], plan: Pick<CapturePlan, 'reAdd' | 'pendingApply'>): Record<string, string> => {
  const base: Record<string, string> = { ...record };
  if (plan.reAdd.length === 0 && plan.pendingApply.length === 0) return base;
  const byTarget = new Map(inputs.map((i) => [i.target, i]));
  for (const t of plan.reAdd) {
    const h = byTarget.get(t)?.sourceHash;
    if (h !== undefined) base[t] = h;
  }
  for (const t of plan.pendingApply) {
    const h = byTarget.get(t)?.homeHash;
    if (h !== undefined) base[t] = h;
  }
  return base;
};
