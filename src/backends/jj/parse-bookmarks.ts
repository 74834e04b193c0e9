import { ok, type Result } from 'neverthrow';
import type { ParseError } from '../../core/errors.js';
import type { BranchInfo, CommitId } from '../../core/vcs.js';
import { isRecord, isString, parseJsonLines } from './parse-json-lines.js';

/** One line of `jj bookmark list --all-remotes -T 'json(self)'`. */
export interface BookmarkRef {
  readonly name: string;
  /** Absent for a local bookmark. */
  readonly remote?: string;
  /** The commits the ref points to: one normally, none when deleted, several when conflicted. */
  readonly targets: readonly CommitId[];
  /** The ref has a conflicted target (several sides, possibly an absent one). */
  readonly conflicted: boolean;
}

/** Decodes `{"name": ..., "remote"?: ..., "target": [id | null, ...]}`. */
export const decodeBookmark = (v: unknown): BookmarkRef | undefined => {
  if (!isRecord(v) || !isString(v['name'])) return undefined;
  const target = v['target'];
  if (!Array.isArray(target) || !target.every((t) => t === null || isString(t))) return undefined;
  const remote = v['remote'];
  if (remote !== undefined && !isString(remote)) return undefined;
  return {
    name: v['name'],
    ...(remote !== undefined ? { remote } : {}),
    targets: target.filter(isString),
    conflicted: target.length > 1,
  };
};

/** jj's pseudo-remote for the colocated git repo's own branches: not a remote anyone pushes to. */
export const GIT_PSEUDO_REMOTE = 'git';

/**
 * Groups bookmark refs by name. A conflicted local bookmark has no single target: `target` is
 * left out (the sync settles it with `setBranch`). Deleted local bookmarks also have none.
 */
export const toBranches = (refs: readonly BookmarkRef[]): BranchInfo[] => {
  const byName = new Map<string, { target?: CommitId; remoteTargets: Record<string, CommitId> }>();
  for (const r of refs) {
    if (r.remote === GIT_PSEUDO_REMOTE) continue;
    const entry = byName.get(r.name) ?? { remoteTargets: {} };
    const single = !r.conflicted ? r.targets[0] : undefined;
    if (r.remote === undefined) {
      if (single !== undefined) entry.target = single;
    } else if (single !== undefined) {
      entry.remoteTargets[r.remote] = single;
    }
    byName.set(r.name, entry);
  }
  return [...byName.entries()]
    .map(([name, e]) => ({ name, ...(e.target !== undefined ? { target: e.target } : {}), remoteTargets: e.remoteTargets }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
};

/** Parses the bookmark list into branches. */
export const parseBookmarks = (stdout: string): Result<BranchInfo[], ParseError> =>
  parseJsonLines(stdout, decodeBookmark, 'a bookmark').andThen((refs) => ok(toBranches(refs)));
