// The fetch of a sync starts when capture starts: it only moves remote-tracking refs, and
// nothing capture reads depends on them (HOME, the source dir, chezmoi's lists, the working
// copy's status, the local line's ancestry). So the network round trip and the tool's start run
// beside capture's work instead of after it. Everything else the run asks of the repository —
// every command that changes it, and the questions about the remote — waits until the fetch has
// ended, so no two commands change the repository at once; so do the reads, unless the backend
// says they may run beside a fetch (`Vcs.readsDuringFetch`: git yes, jj no).
import { ResultAsync, type Result } from 'neverthrow';
import type { SyncError } from '../errors.js';
import type { Vcs } from '../vcs.js';

/** What may run while the fetch is in flight (when the backend allows it): reads of the working copy and the local line. */
const READS: ReadonlySet<PropertyKey> = new Set<keyof Vcs>([
  'kind',
  'root',
  'info',
  'status',
  'conflicts',
  'inLine',
  'lineBranch',
  'lineUpstream',
  'changedPaths',
  'outgoingFiles',
  'readFiles',
  'branches',
  'log',
  'identity',
  'sizes',
]);

export interface FetchAhead {
  /** `vcs`, with every method outside the reads above waiting for the fetch to end. */
  readonly vcs: Vcs;
  /** The fetch's outcome (the fetch step reports it when the run gets there). */
  readonly fetched: Promise<Result<void, SyncError>>;
}

/**
 * Starts `vcs.fetch(remote)` now. Pure wiring: no process of its own.
 *
 * @example
 * const ahead = fetchAhead(vcs, 'origin');
 * await ahead.vcs.status();      // runs at once, beside the fetch
 * await ahead.vcs.commitAll(m);  // runs once the fetch has ended
 */
export const fetchAhead = (vcs: Vcs, remote: string): FetchAhead => {
  const fetched: Promise<Result<void, SyncError>> = Promise.resolve(vcs.fetch(remote));
  const settled = fetched.then(() => undefined);
  const gated = new Proxy(vcs, {
    get: (target, prop) => {
      const v: unknown = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      const f = v as (...args: unknown[]) => ResultAsync<unknown, SyncError>;
      if (READS.has(prop) && vcs.readsDuringFetch === true) return (...args: unknown[]) => f.apply(target, args);
      return (...args: unknown[]) => new ResultAsync(settled.then(() => f.apply(target, args)));
    },
  });
  return { vcs: gated, fetched };
};
