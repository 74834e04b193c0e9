import { err, ok, ResultAsync, type Result } from 'neverthrow';
import { conflictError, invalidInput, unsafeState, type SyncError } from './errors.js';
import { runSync } from './sync/engine.js';
import { resolveSessionPath, withRepository, type RepoSession } from './sync/session.js';
import type { SyncDeps, SyncOptions } from './sync/types.js';
import { resolutionSides } from './resolve-sides.js';
import { recordPreservedSide } from './resolve-home.js';
import type { Checkpoint, CommitId, MergeOutcome } from './vcs.js';

/** What resolve and undo receive: the same ports and options as a sync. */
export interface OperationContext {
  readonly deps: SyncDeps;
  readonly options: SyncOptions;
}

/** What they return: one line for people, details for `--json`. */
export interface OperationResult {
  readonly summary: string;
  readonly details: Record<string, unknown>;
}

/** A guided resolution in progress (the file beside the repository). */
interface ResolveSession {
  readonly schema: 1;
  readonly startedAt: string;
  readonly checkpoint: Checkpoint;
  readonly paths: readonly string[];
  readonly root: string;
  /** The host branch's commit merged first, when the local line had lost the preserved side. */
  readonly preserved?: CommitId;
}

const CONFLICT_MARKER = /^(<<<<<<<|>>>>>>>|%%%%%%%|\+\+\+\+\+\+\+|\|\|\|\|\|\|\|)( |$)/m;

const readSession = async (deps: SyncDeps, root: string): Promise<Result<ResolveSession | undefined, SyncError>> => {
  const text = await deps.fs.readText(resolveSessionPath(root));
  if (text.isErr()) return err(text.error);
  if (text.value === undefined) return ok(undefined);
  try {
    const v = JSON.parse(text.value) as ResolveSession;
    if (v.schema === 1 && typeof v.checkpoint?.id === 'string') return ok(v);
  } catch {
    // fall through
  }
  return err(unsafeState('resolve-session', `the resolution record ${resolveSessionPath(root)} is unreadable`, { hint: 'run `chezmoi-sync resolve --abort`, or delete the file after checking the repository' }));
};

/** Merges each branch in turn; stops at the first that leaves conflicts for a person. */
const mergeInTurn = async (branches: readonly string[], merge: (branch: string) => ResultAsync<MergeOutcome, SyncError>): Promise<Result<MergeOutcome, SyncError>> => {
  let last: Result<MergeOutcome, SyncError> = err(invalidInput('branch', '', 'there is nothing to merge'));
  for (const branch of branches) {
    last = await merge(branch);
    if (last.isErr() || last.value.status === 'conflicted') return last;
  }
  return last;
};

const sync = (ctx: OperationContext) => ResultAsync.fromSafePromise(Promise.resolve()).andThen(() => runSync(ctx.deps, ctx.options));

const needsMerge = (s: RepoSession): Result<NonNullable<RepoSession['vcs']['beginMerge']>, SyncError> =>
  s.vcs.beginMerge !== undefined && s.vcs.finishMerge !== undefined
    ? ok(s.vcs.beginMerge.bind(s.vcs))
    : err(invalidInput('backend', s.vcs.kind, `the ${s.vcs.kind} backend has no guided resolution`));

/**
 * `resolve`: syncs first (capturing any new edit), and when conflicts are preserved, merges the
 * current trunk into this host's work, leaving the conflicts in the files for a person to edit.
 * When the local line no longer holds this host's preserved side (a re-clone, a reset), the host
 * branch is merged first, so the same conflict comes back.
 * A clean merge is published at once.
 *
 * @example
 * const r = await startResolve({ deps, options });
 * r.map((x) => console.log(x.summary)); // "conflicts in dot_bashrc: edit …, then resolve --continue"
 */
export const startResolve = (ctx: OperationContext): ResultAsync<OperationResult, SyncError> =>
  ResultAsync.fromSafePromise(
    (async (): Promise<Result<OperationResult, SyncError>> => {
      const first = await sync(ctx);
      if (first.isErr()) return err(first.error);
      if (first.value.status !== 'conflicts-preserved') {
        return ok({ summary: `nothing to resolve: the sync ended with ${first.value.status}`, details: { sync: first.value } });
      }
      const started = await withRepository(ctx.deps, ctx.options, async (s) => {
        const existing = await readSession(ctx.deps, s.vcs.root);
        if (existing.isErr()) return err(existing.error);
        if (existing.value !== undefined) {
          return err(unsafeState('resolving', 'a resolution is already in progress', { hint: 'finish it with `chezmoi-sync resolve --continue` or `--abort`' }));
        }
        const begin = needsMerge(s);
        if (begin.isErr()) return err(begin.error);
        const cp = await s.vcs.checkpoint();
        if (cp.isErr()) return err(cp.error);
        const sides = await resolutionSides(s.vcs, s.o.remote, s.trunk, `${s.o.branchPrefix}${s.o.host}`);
        if (sides.isErr()) return err(sides.error);
        const merged = await mergeInTurn(sides.value.branches, (branch) => begin.value({ remote: s.o.remote, branch }, `chore(${s.o.host}): resolve sync conflicts`));
        if (merged.isErr()) return err(merged.error);
        if (merged.value.status === 'merged') return ok({ paths: [] as readonly string[], root: s.vcs.root });
        const session: ResolveSession = { schema: 1, startedAt: s.o.now().toISOString(), checkpoint: cp.value, paths: merged.value.paths, root: s.vcs.root, ...(sides.value.preserved !== undefined ? { preserved: sides.value.preserved } : {}) };
        const saved = await ctx.deps.fs.writeAtomic(resolveSessionPath(s.vcs.root), `${JSON.stringify(session, null, 2)}\n`);
        if (saved.isErr()) return err(saved.error);
        return ok({ paths: merged.value.paths, root: s.vcs.root });
      });
      if (started.isErr()) return err(started.error);
      const { paths, root } = started.value;
      if (paths.length === 0) {
        const after = await sync(ctx);
        if (after.isErr()) return err(after.error);
        return ok({ summary: `merged cleanly and synced (${after.value.status})`, details: { paths, sync: after.value } });
      }
      return ok({
        summary: `conflicts in ${paths.join(', ')}: edit them in ${root} (remove every conflict marker), then run \`chezmoi-sync resolve --continue\` — or \`chezmoi-sync resolve --abort\``,
        details: { paths, root },
      });
    })(),
  ).andThen((r) => r);

/**
 * `resolve --continue`: checks that no conflict markers remain, completes the merge, then syncs —
 * which publishes to the trunk, deletes the host branch and applies the result to HOME.
 */
export const continueResolve = (ctx: OperationContext): ResultAsync<OperationResult, SyncError> =>
  ResultAsync.fromSafePromise(
    (async (): Promise<Result<OperationResult, SyncError>> => {
      const finished = await withRepository(ctx.deps, ctx.options, async (s) => {
        const session = await readSession(ctx.deps, s.vcs.root);
        if (session.isErr()) return err(session.error);
        if (session.value === undefined) return err(invalidInput('resolve', 'continue', 'no resolution is in progress', { hint: 'start one with `chezmoi-sync resolve`' }));
        const marked: string[] = [];
        for (const p of session.value.paths) {
          const text = await ctx.deps.fs.readText(`${s.vcs.root}/${p}`);
          if (text.isErr()) return err(text.error);
          if (text.value !== undefined && CONFLICT_MARKER.test(text.value)) marked.push(p);
        }
        if (marked.length > 0) return err(conflictError(`conflict markers remain in ${marked.join(', ')}`, marked));
        if (s.vcs.finishMerge === undefined) return err(invalidInput('backend', s.vcs.kind, `the ${s.vcs.kind} backend has no guided resolution`));
        const done = await s.vcs.finishMerge(`chore(${s.o.host}): resolve sync conflicts`);
        if (done.isErr()) return err(done.error);
        const { preserved, paths } = session.value;
        const recorded = preserved !== undefined ? await recordPreservedSide(ctx.deps, s, preserved, done.value.head, paths) : ok(undefined);
        if (recorded.isErr()) return err(recorded.error);
        const removed = await ctx.deps.fs.remove(resolveSessionPath(s.vcs.root));
        if (removed.isErr()) return err(removed.error);
        return ok(session.value.paths);
      });
      if (finished.isErr()) return err(finished.error);
      const after = await sync(ctx);
      if (after.isErr()) return err(after.error);
      return ok({ summary: `resolved ${finished.value.join(', ')}; sync ended with ${after.value.status}`, details: { paths: finished.value, sync: after.value } });
    })(),
  ).andThen((r) => r);

/** `resolve --abort`: back to where `resolve` started; nothing that was committed is lost. */
export const abortResolve = (ctx: OperationContext): ResultAsync<OperationResult, SyncError> =>
  ResultAsync.fromSafePromise(
    withRepository(ctx.deps, ctx.options, async (s) => {
      const session = await readSession(ctx.deps, s.vcs.root);
      if (session.isErr()) return err(session.error);
      if (session.value === undefined) return err(invalidInput('resolve', 'abort', 'no resolution is in progress'));
      const restored = await s.vcs.restore(session.value.checkpoint);
      if (restored.isErr()) return err(restored.error);
      const removed = await ctx.deps.fs.remove(resolveSessionPath(s.vcs.root));
      if (removed.isErr()) return err(removed.error);
      return ok({ summary: `resolution aborted: the repository is back where \`resolve\` started (conflicts still preserved on ${s.o.branchPrefix}${s.o.host})`, details: { paths: session.value.paths } });
    }),
  ).andThen((r) => r);

/** True while a guided resolution is in progress for the repository at `root`. */
export const resolutionInProgress = (deps: SyncDeps, root: string): ResultAsync<boolean, SyncError> =>
  ResultAsync.fromSafePromise(readSession(deps, root)).andThen((r) => r.map((s) => s !== undefined));
