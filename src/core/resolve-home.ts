// After a guided resolution that brought the preserved side back from the host branch (the local
// line had lost it: a re-clone, a reset), HOME may still hold exactly that side: the earlier runs
// kept it, unsure whether it existed anywhere else. Now a commit of the line holds it, so HOME and
// the source are recorded as having agreed on it, and the next sync applies the resolution. A HOME
// file with any other content (an edit nobody synced) is left alone: it is kept as before.
import { createHash } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import type { SyncError } from './errors.js';
import { readSynced, syncedRecordPath, writeSynced } from './sync/state.js';
import type { RepoSession } from './sync/session.js';
import type { SyncDeps } from './sync/types.js';
import type { CommitId, Vcs } from './vcs.js';

/** sha256 of `path` as `commit` holds it (as `EngineFs.hash` computes it); undefined when it cannot be read. */
const hashAt = async (vcs: Vcs, commit: CommitId, path: string): Promise<string | undefined> => {
  const h = createHash('sha256');
  const read = await vcs.readFiles([{ commit, path }], (_file, chunk) => h.update(chunk));
  return read.isOk() ? h.digest('hex') : undefined;
};

/** Records, for each resolved path, a HOME file equal to the preserved side at `preserved`; `head`: the line's new head. */
export const recordPreservedSide = async (
  deps: SyncDeps,
  s: RepoSession,
  preserved: CommitId,
  head: CommitId,
  paths: readonly string[],
): Promise<Result<void, SyncError>> => {
  if (paths.length === 0) return ok(undefined);
  const managed = await deps.chezmoi.managed();
  if (managed.isErr()) return ok(undefined); // nothing recorded: HOME is kept, as before
  const targetOf = new Map(managed.value.flatMap((m) => (m.type === 'file' && m.source !== undefined ? [[m.source, m.target] as const] : [])));
  const agreed: Record<string, string> = {};
  for (const p of paths) {
    const target = targetOf.get(`${s.vcs.root}/${p}`);
    if (target === undefined) continue;
    const home = await deps.fs.hash(target);
    if (home.isErr() || home.value === undefined) continue;
    if ((await hashAt(s.vcs, preserved, p)) === home.value) agreed[target] = home.value;
  }
  if (Object.keys(agreed).length === 0) return ok(undefined);
  const path = syncedRecordPath(s.o.stateDir, s.sourceDir);
  const record = await readSynced(deps.fs, path);
  if (record.isErr()) return err(record.error);
  const stats = Object.fromEntries(Object.entries(record.value.stats ?? {}).filter(([t]) => agreed[t] === undefined));
  return writeSynced(deps.fs, path, { ...record.value, files: { ...record.value.files, ...agreed }, stats, head });
};
