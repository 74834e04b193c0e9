// A no-op sync of many files without reading the synced record. The record (state.ts) holds a
// hash and the fingerprints of every managed plain file: at 10,000 files 3.4 MB to read, parse,
// compare and copy on every run, to learn that nothing changed. A run that finds every plain file
// agreeing with its record saves, at the record's end, one digest of all those fingerprints (the
// quiet digest). The next run computes the same digest from its own stats: equal, every file is
// as it was when its hash was recorded (fingerprints hold the inode and ctime, which no write
// leaves as they were), so capture has nothing to decide and the record is read only if a later
// step of the run needs it (something came in, a checkpoint was taken) — then as the full
// capture would have left it (ledgerAfterQuiet).
import { createHash } from 'node:crypto';
import type { ManagedFile } from '../chezmoi.js';
import type { WorkingCopyStatus } from '../vcs.js';
import type { Ledger } from './steps/context.js';

/** The managed plain files and each one's fingerprints (HOME's and the source's, `undefined` where either is missing). */
export interface PlainPrints {
  readonly plain: readonly ManagedFile[];
  readonly fps: readonly (string | undefined)[];
}

/** What a quiet capture saw: enough to build the ledger a full capture would have left. */
export interface QuietCapture {
  readonly digest: string;
  readonly targets: readonly string[];
  readonly fps: readonly (string | undefined)[];
}

/**
 * One digest of every plain file's target and fingerprints, in the managed list's order;
 * undefined when a file is missing on either side (nothing vouches for it). Pure.
 * @example quietDigest({ plain: [], fps: [] }) // sha256 of nothing
 */
export const quietDigest = (p: PlainPrints): string | undefined => {
  const h = createHash('sha256');
  // Handed to the hash ~64 K characters at a time: one call per file costs more than the hashing.
  let piece = '';
  for (let i = 0; i < p.plain.length; i++) {
    const fp = p.fps[i];
    if (fp === undefined) return undefined;
    piece += `${p.plain[i]?.target ?? ''}\0${fp}\n`;
    if (piece.length >= 65_536) {
      h.update(piece);
      piece = '';
    }
  }
  return h.update(piece).digest('hex');
};

/**
 * Whether capture may skip the plain files: the record's digest is this run's, nothing in the
 * source dir is uncommitted, and no target is held back from an earlier run (apply would look at
 * it). Pure.
 */
export const isQuiet = (saved: string | undefined, digest: string | undefined, wc: Pick<WorkingCopyStatus, 'changes'>, previousHeld: readonly string[]): boolean =>
  saved !== undefined && digest === saved && wc.changes.length === 0 && previousHeld.length === 0;

/**
 * The ledger as the full capture of a quiet run would have left it: each plain file's
 * fingerprints vouch for its recorded hash, the record is `undo`'s base, and the quiet digest is
 * kept. Returns the source contents committed on the line (capture's storedSources). Mutates the
 * ledger (it was just read for this).
 */
export const ledgerAfterQuiet = (ledger: Ledger, q: QuietCapture): ReadonlyMap<string, string> => {
  const stored = new Map<string, string>();
  q.targets.forEach((t, i) => {
    const h = ledger.files[t];
    const fp = q.fps[i];
    if (h === undefined || fp === undefined) return;
    ledger.fingerprints[t] = fp;
    stored.set(t, h);
  });
  ledger.undoBase = { ...ledger.files };
  ledger.quiet = q.digest;
  return stored;
};
