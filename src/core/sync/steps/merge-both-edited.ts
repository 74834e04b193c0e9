// Step 3 (capture), for plain files edited both in HOME and in the source since they last agreed
// (an edit saved while a sync ran, a re-clone or `git pull` over an unsynced HOME edit): both were
// kept, run after run — the HOME edit never published, the incoming one never applied. They are
// now merged line by line against the version they agreed on (the copy agreed-contents.ts keeps,
// else the repository at the head the record was made against; checked against the recorded
// hash), as git and jj merge
// (core/util/diff3.ts). A clean merge goes into the source dir: this run commits and publishes it,
// and apply brings it to HOME. Overlapping edits keep both, as before, and the run says how to
// bring them together.
import { createHash } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import type { ManagedFile } from '../../chezmoi.js';
import type { SyncError } from '../../errors.js';
import { merge3 } from '../../util/diff3.js';
import { relativeTo } from '../../util/paths.js';
import type { CommitId } from '../../vcs.js';
import { KEPT_BOTH, type CaptureInput } from '../capture.js';
import { scanForSecrets } from '../secrets.js';
import { agreedContent, keepAgreed } from '../agreed-contents.js';
import type { CaptureContext } from './capture.js';

export interface BothEditedMerge {
  /** Targets whose merge was written into the source dir, with the sha256 of the HOME content it holds (for apply). */
  readonly merged: ReadonlyMap<string, string>;
  /** Targets whose edits overlap: both kept. */
  readonly overlapping: readonly string[];
  /** Targets whose HOME side looks like a secret: both kept, nothing written (capture holds them back). */
  readonly secrets: readonly HeldSecret[];
}

/** A HOME edit that looks like a secret: `path` (source-relative) and `reason` as the guard names them. */
export interface HeldSecret {
  readonly target: string;
  readonly path: string;
  readonly reason: string;
}

/** The file `path` (repository-relative) as `commit` holds it, when its sha256 is `expected`. */
const agreedText = async (ctx: CaptureContext, commit: CommitId | undefined, path: string, expected: string): Promise<string | undefined> => {
  if (commit === undefined) return undefined;
  const chunks: Uint8Array[] = [];
  const read = await ctx.vcs.readFiles([{ commit, path }], (_file, chunk) => chunks.push(chunk));
  if (read.isErr()) return undefined;
  const bytes = Buffer.concat(chunks);
  return createHash('sha256').update(bytes).digest('hex') === expected ? bytes.toString('utf8') : undefined;
};

/** Text a line merge can take: no NUL byte (binary), and valid UTF-8 read back the same. */
const mergeable = (text: string | undefined): text is string => text !== undefined && !text.includes('\0') && !text.includes('\uFFFD');

/**
 * Merges each kept-local plain file it can (see above). A clean merge is written into the source
 * dir; HOME's version is recorded as agreed and returned with its hash, so that apply writes the
 * merge over it while HOME still holds exactly that (`ApplyOptions.merged`). Killed in between,
 * the next run merges again: the source then holds HOME's edit already, and the merge is the same.
 */
export const mergeBothEdited = async (
  ctx: CaptureContext,
  keptLocal: readonly string[],
  inputs: readonly CaptureInput[],
  managed: readonly ManagedFile[],
): Promise<Result<BothEditedMerge, SyncError>> => {
  const { deps, vcs, ledger, o, progress } = ctx;
  const head = ledger.recordHead;
  if (keptLocal.length === 0) return ok({ merged: new Map(), overlapping: [], secrets: [] });
  const byTarget = new Map(inputs.map((i) => [i.target, i]));
  const sourceOf = new Map(managed.map((m) => [m.target, m.source]));
  const clean: { readonly target: string; readonly source: string; readonly text: string; readonly home: string }[] = [];
  const overlapping: string[] = [];
  const secrets: HeldSecret[] = [];
  for (const target of keptLocal) {
    const input = byTarget.get(target);
    const source = sourceOf.get(target);
    const recorded = input?.recorded;
    if (input?.homeHash === undefined || source === undefined || recorded === undefined || recorded === KEPT_BOTH) continue;
    const rel = relativeTo(vcs.root, source);
    // The kept copy, else the repository at the record's head (both checked against the hash).
    const base = (await agreedContent(deps.fs, ledger, target, recorded)) ?? (await agreedText(ctx, head, rel, recorded));
    const [home, theirs] = await Promise.all([deps.fs.readText(target), deps.fs.readText(source)]);
    if (home.isErr() || theirs.isErr()) continue;
    if (!mergeable(base) || !mergeable(home.value) || !mergeable(theirs.value)) continue;
    const r = merge3(base, home.value, theirs.value);
    if (!r.clean) {
      overlapping.push(target);
      continue;
    }
    // What HOME adds passes the secret guard before it lands in the source dir, as for a re-add:
    // refused, both stay as they are (this file only).
    const [found] = [...scanForSecrets(rel, home.value), ...scanForSecrets(rel, r.text)];
    if (found !== undefined) {
      secrets.push({ target, path: found.path, reason: found.reason });
      continue;
    }
    clean.push({ target, source, text: r.text, home: input.homeHash });
  }
  for (const t of overlapping) {
    progress.info(
      `${t} was edited here and in the source (${sourceOf.get(t) ?? ''}) on the same lines: both kept, HOME unchanged. Bring them together by hand — edit the source file, then \`chezmoi apply --force ${t}\`, or edit HOME, then \`chezmoi re-add ${t}\` — and the next sync publishes it`,
    );
  }
  if (clean.length === 0) return ok({ merged: new Map(), overlapping, secrets });
  if (o.dryRun) {
    progress.info(`dry run: would merge ${clean.map((c) => c.target).join(', ')} (edited here and in the source since they last agreed, on different lines)`);
    return ok({ merged: new Map(), overlapping, secrets });
  }
  const merged = new Map<string, string>();
  for (const c of clean) {
    const written = await deps.fs.writeAtomic(c.source, c.text);
    if (written.isErr()) return err(written.error);
    ledger.files[c.target] = c.home;
    merged.set(c.target, c.home);
    await keepAgreed(deps.fs, ledger, c.target, c.target);
  }
  progress.info(`merged ${[...merged.keys()].join(', ')}: edited here and in the source since they last agreed, on different lines`);
  return ok({ merged, overlapping, secrets });
};
