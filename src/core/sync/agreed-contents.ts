// A copy of the content each target's HOME and source last agreed on, kept in the state dir beside
// the synced record (which keeps only its sha256): the base a later merge needs when HOME and the
// source both change (steps/merge-both-edited.ts). The repository may not hold it at the record's
// head: a re-add rebased onto incoming work, or an apply that a save in HOME interrupted. One file
// per target, overwritten when the agreement changes (bounded by the targets ever managed), written
// only on the paths that change the record; best effort, never an error of the sync.
import { createHash } from 'node:crypto';
import { KEPT_BOTH } from './capture.js';
import type { EngineFs } from './fs.js';
import type { Ledger } from './steps/context.js';

const sha256 = (text: string): string => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

/** Where the copies for one source dir live. */
export const agreedContentsDir = (stateDir: string, sourceDir: string): string =>
  `${stateDir}/agreed-${createHash('sha256').update(sourceDir).digest('hex').slice(0, 16)}`;

const fileFor = (dir: string, target: string): string => `${dir}/${createHash('sha256').update(target).digest('hex').slice(0, 32)}`;

/** Keeps `path`'s text as `target`'s agreed content when it hashes to what the record now says. */
export const keepAgreed = async (fs: EngineFs, ledger: Ledger, target: string, path: string): Promise<void> => {
  const dir = ledger.agreedDir;
  const recorded = ledger.files[target];
  if (dir === undefined || recorded === undefined || recorded === KEPT_BOTH) return;
  const text = await fs.readText(path);
  if (text.isErr() || text.value === undefined || sha256(text.value) !== recorded) return;
  // Best effort: without the copy a later merge reads the repository, or keeps both. Not flushed
  // to disk: a copy a crash cut short fails the hash check on reading, like a missing one.
  (await fs.writeAtomic(fileFor(dir, target), text.value, { durable: false })).unwrapOr(undefined);
};

/** `target`'s kept agreed content, when it is the one with hash `expected`. */
export const agreedContent = async (fs: EngineFs, ledger: Ledger, target: string, expected: string): Promise<string | undefined> => {
  if (ledger.agreedDir === undefined) return undefined;
  const text = await fs.readText(fileFor(ledger.agreedDir, target));
  return text.isOk() && text.value !== undefined && sha256(text.value) === expected ? text.value : undefined;
};
