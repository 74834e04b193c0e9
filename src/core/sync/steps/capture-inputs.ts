// What capture learns about HOME and the source before deciding (capture.ts: planCapture):
// hashes (from the record when neither file changed), chezmoi's own memory for files with no
// record, and HOME edits to files chezmoi generates.
import { err, ok, ResultAsync, type Result } from 'neverthrow';
import type { ManagedFile } from '../../chezmoi.js';
import type { SyncError } from '../../errors.js';
import { IO_CONCURRENCY, mapLimit } from '../../util/limit.js';
import { isPlainFile, KEPT_BOTH, type CaptureInput } from '../capture.js';
import type { SyncDeps } from '../types.js';
import type { PlainPrints } from '../quiet-record.js';
import type { Ledger, Progress } from './context.js';

type Pair = [string | undefined, string | undefined];

/** HOME's and the source's hashes, read from the files (their fingerprints did not vouch for the record). */
const hashPair = (deps: SyncDeps, home: string, source: string): ResultAsync<Pair, SyncError> =>
  ResultAsync.combine([deps.fs.hash(home), deps.fs.hash(source)]).map((pair): Pair => [pair[0], pair[1]]);


/**
 * Fingerprints of every managed plain file, HOME's and the source's, in one batch. Only stats:
 * capture takes them beside the repository's status (a jj snapshot, in another process), which
 * reads the same files and changes none.
 */
export const plainPrints = async (deps: SyncDeps, managed: readonly ManagedFile[]): Promise<Result<PlainPrints, SyncError>> => {
  const plain = managed.filter(isPlainFile);
  const stats = await deps.fs.fingerprints(plain.flatMap((m) => [m.target, m.source]));
  if (stats.isErr()) return err(stats.error);
  const fps = plain.map((_, i) => {
    const [hf, sf] = [stats.value[2 * i], stats.value[2 * i + 1]];
    return hf !== undefined && sf !== undefined ? `${hf}|${sf}` : undefined;
  });
  return ok({ plain, fps });
};

/**
 * One input per managed plain file; fingerprints that vouch for a hash go into the ledger. Only
 * files whose fingerprints changed since the record was taken are read and hashed.
 */
export const captureInputs = async (
  deps: SyncDeps,
  ledger: Ledger,
  { plain, fps }: PlainPrints,
  dirty: ReadonlySet<string>,
): Promise<Result<CaptureInput[], SyncError>> => {
  const record = ledger.files;
  // Unchanged fingerprints of both files: the recorded hash still holds, nothing is read.
  const known = plain.map((m, i) => fps[i] !== undefined && record[m.target] !== undefined && ledger.knownStats[m.target] === fps[i]);
  const toHash = plain.flatMap((m, i) => (known[i] === true ? [] : [i]));
  const hashed = await mapLimit(toHash, IO_CONCURRENCY, (i) => hashPair(deps, plain[i]?.target ?? '', plain[i]?.source ?? ''));
  if (hashed.isErr()) return err(hashed.error);
  const hashes = new Map(toHash.map((i, k) => [i, hashed.value[k]]));
  return ok(
    plain.map((m, i) => {
      const recorded = record[m.target];
      const [homeHash, sourceHash] = known[i] === true ? [recorded, recorded] : (hashes.get(i) ?? [undefined, undefined]);
      // The fingerprints vouch for a hash both files had when they were taken (in file order: a
      // record saved unchanged is not rewritten).
      const fp = fps[i];
      if (fp !== undefined && homeHash !== undefined && homeHash === sourceHash) ledger.fingerprints[m.target] = fp;
      return { target: m.target, homeHash, sourceHash, recorded, sourceDirty: dirty.has(m.source ?? '') };
    }),
  );
};

/**
 * HOME and source agree on content no sync recorded (a person made them equal by hand, or no
 * record yet): chezmoi may still remember older content it wrote, and would then refuse every
 * later apply of the file as a HOME edit. A no-op apply of just those targets updates its memory.
 */
export const refreshAgreed = async (deps: SyncDeps, inputs: readonly CaptureInput[]): Promise<Result<void, SyncError>> => {
  const targets = inputs.filter((i) => i.homeHash !== undefined && i.homeHash === i.sourceHash && i.recorded !== i.homeHash).map((i) => i.target);
  if (targets.length === 0) return ok(undefined);
  const applied = await deps.chezmoi.apply({ targets, scripts: false });
  return applied.map(() => undefined);
};

/**
 * HOME edits of targets chezmoi generates (templates, encrypted files, modify_ scripts' targets):
 * `chezmoi status` says which ones HOME changed; capture-generated.ts decides what becomes of them.
 * Returns those targets, or the error of a `chezmoi status` that could not look.
 */
export const generatedEdits = async (
  deps: SyncDeps,
  progress: Progress,
  managed: readonly ManagedFile[],
): Promise<{ edited: readonly ManagedFile[]; absent: readonly string[]; error?: SyncError }> => {
  const others = managed.filter((m) => (m.type === 'file' || m.type === 'symlink') && m.source !== undefined && !isPlainFile(m));
  if (others.length === 0) return { edited: [], absent: [] };
  const status = await deps.chezmoi.status(others.map((m) => m.target));
  if (status.isErr()) {
    // A template chezmoi cannot render (missing data, no key) blocks nothing else, but must be said.
    progress.info(`could not check templates and encrypted files for HOME edits: ${status.error.message}`);
    return { edited: [], absent: [], error: status.error };
  }
  const edited = new Set(status.value.filter((e) => e.lastWritten !== ' ' && e.apply !== ' ').map((e) => e.target));
  // Not in HOME and never written there (a new machine's first sync, a template added elsewhere):
  // applying them loses nothing. One HOME deleted since chezmoi wrote it (`D`) stays deleted.
  const absent = status.value.filter((e) => e.lastWritten === ' ' && e.apply === 'A').map((e) => e.target);
  return { edited: others.filter((m) => edited.has(m.target)), absent };
};

/**
 * Files with no synced record that differ between HOME and source (first run, or a run killed
 * before it recorded anything): chezmoi's own state says whether HOME was edited since chezmoi
 * wrote it — a stale HOME must be applied, never re-added over newer source. One `chezmoi
 * status`, only when needed.
 */
export const withHomeHints = async (
  deps: SyncDeps,
  progress: Progress,
  inputs: readonly CaptureInput[],
  homeWins: boolean,
  addedTargets: ReadonlySet<string> = new Set(),
): Promise<Result<readonly CaptureInput[], SyncError>> => {
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
  const isUnknown = (i: CaptureInput): boolean => unknown.some((u) => u.target === i.target);
  const status = await deps.chezmoi.status(unknown.map((i) => i.target));
  if (status.isErr()) {
    // Unsure whether HOME or the source is newer: keep both this run, ask again next run.
    progress.info(`chezmoi status failed (${status.error.message}); ${unknown.length} file(s) kept as they are`);
    return ok(hinted.map((i) => (isUnknown(i) ? { ...i, recorded: KEPT_BOTH } : i)));
  }
  const edited = new Map(status.value.map((e) => [e.target, e.lastWritten !== ' ']));
  // chezmoi says " " (unchanged since it last wrote it) also for a target it never wrote. For a
  // source file the repository has never held (a file renamed in HOME and the source dir, one
  // written in the source dir by hand) that says nothing: HOME's content and the source's are
  // each the only copy, so both are kept (reported, and recorded as kept both: the next runs keep
  // both until they agree, also once the file is committed).
  return ok(hinted.map((i) => (!isUnknown(i) ? i : addedTargets.has(i.target) && edited.get(i.target) !== true ? { ...i, homeEditedHint: true, sourceEditedHint: true } : { ...i, homeEditedHint: edited.get(i.target) ?? false })));
};
