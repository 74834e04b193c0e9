// The one-line summary of a sync, and the exit code its status word maps to.
import type { SyncReport } from '../../core/sync/types.js';
import { EXIT } from '../errors.js';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

/**
 * One line: the status word first, then what happened.
 * @example summarize(report) // 'success: committed 1, published 1, applied 2 files (jj, 1.4s)'
 */
export const summarize = (r: SyncReport): string => {
  const facts: string[] = [];
  if (r.committed > 0) facts.push(`committed ${r.committed}`);
  if (r.published > 0) facts.push(`published ${r.published}`);
  if (r.applied.length > 0) facts.push(`applied ${plural(r.applied.length, 'file')}`);
  if (r.keptLocal.length > 0) facts.push(`kept local ${plural(r.keptLocal.length, 'file')}`);
  if (r.pendingPushes > 0) facts.push(`${plural(r.pendingPushes, 'commit')} waiting to be pushed`);
  const what = facts.length > 0 ? facts.join(', ') : 'nothing to do';
  const tail = ` (${r.backend}, ${seconds(r.durationMs)}${r.dryRun ? ', dry run' : ''})`;
  switch (r.status) {
    case 'success':
      return `success: ${what}${tail}`;
    case 'fetch-failed':
      return `fetch-failed: offline — ${r.error?.message ?? 'the remote could not be reached'}; local work kept for the next run${tail}`;
    case 'push-failed':
      return `push-failed: ${r.error?.message ?? 'the push failed'}; ${what}; the next run pushes again${tail}`;
    case 'auth-failed':
      return `auth-failed: ${r.error?.message ?? 'the remote refused our credentials'}; run chezmoi-sync doctor${tail}`;
    case 'conflicts-preserved':
      return `conflicts-preserved: ${r.conflicts?.paths.join(', ') ?? 'conflict'} — this host's work is kept on ${r.conflicts?.branch ?? 'its host branch'}; run chezmoi-sync conflicts${tail}`;
    case 'locked':
      return `locked: ${r.error?.message ?? 'another sync is running'}; nothing was touched`;
    case 'error':
      return `error: ${r.error?.message ?? 'the sync failed'}${tail}`;
  }
};

/** Exit code of a finished run (see the table in errors.ts). */
export const exitCodeForReport = (r: SyncReport, strict: boolean): number => {
  switch (r.status) {
    case 'success':
      return EXIT.ok;
    // auth-failed degrades like offline (docs/sync.md): a pre-upgrade service must not fail on it.
    case 'fetch-failed':
    case 'push-failed':
    case 'auth-failed':
    case 'conflicts-preserved':
      return strict ? EXIT.degraded : EXIT.ok;
    case 'locked':
      return EXIT.locked;
    // A HOME edit held back as a secret (the rest synced): the same code as a refused commit.
    case 'error':
      return r.error?.kind === 'secrets-found' ? EXIT.secrets : EXIT.failed;
  }
};
