import { posix } from 'node:path';
import type { ManagedEntry } from './parse-managed.js';

/**
 * Pure: the targets of the given source paths, in input order, without duplicates; paths
 * that are not managed sources (`.chezmoiignore`, `.git/…`, ignored or deleted files) drop
 * out. `sourceRoot` is the directory the paths are relative to (the repository root);
 * without it they are compared to chezmoi's own source-relative paths.
 */
export const matchTargets = (
  entries: readonly ManagedEntry[],
  sourceRelative: readonly string[],
  sourceRoot?: string,
): readonly string[] => {
  const byKey = new Map(entries.map((e) => [sourceRoot !== undefined ? posix.normalize(e.source) : e.sourceRelative, e.target]));
  const out: string[] = [];
  for (const rel of sourceRelative) {
    const key = sourceRoot !== undefined ? posix.join(sourceRoot, rel) : posix.normalize(rel);
    const target = byKey.get(key);
    if (target !== undefined && !out.includes(target)) out.push(target);
  }
  return out;
};
