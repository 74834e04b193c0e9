// Fault injection for a MemoryRemote: the failures a real remote produces (unreachable host,
// refused credentials, a push racing another host), on demand and deterministic.
import { authError, networkError, type SyncError } from '../../core/errors.js';

/** Which remote operation a fault hits; a clone counts as a fetch. @example const op: FaultOp = 'push'; */
export type FaultOp = 'fetch' | 'push';

/** The error an injected fault produces. @example remote.faults.inject({ kind: 'auth' }); */
export type FaultKind = 'network' | 'auth';

/**
 * One injected fault.
 *
 * @example
 * remote.faults.inject({ kind: 'network', op: 'fetch', times: 2 }); // the next two fetches fail
 * remote.faults.inject({ kind: 'auth', times: 'always', host: 'laptop' }); // laptop's key is refused
 */
export interface FaultSpec {
  readonly kind: FaultKind;
  /** Default: both fetch and push. */
  readonly op?: FaultOp | 'any';
  /** How many matching operations fail (default 1), or every one until `clear()`. */
  readonly times?: number | 'always';
  /** Only operations made by this host (the memory factory's `host`); default: every host. */
  readonly host?: string;
}

interface ActiveFault {
  readonly spec: FaultSpec;
  remaining: number;
}

/**
 * The faults pending on one remote (`remote.faults`).
 *
 * @example
 * remote.faults.inject({ kind: 'network', times: 'always' });
 * remote.faults.clear();
 */
export class MemoryFaults {
  private active: ActiveFault[] = [];

  /** Makes the next `times` matching operations fail with `kind`. */
  inject(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    this.active.push({ spec, remaining: times === 'always' ? Number.POSITIVE_INFINITY : Math.max(0, times) });
  }

  /** Removes every pending fault, or only those injected for `host`. */
  clear(host?: string): void {
    this.active = host === undefined ? [] : this.active.filter((f) => f.spec.host !== host);
  }

  /** How many faults are still pending (an `always` fault counts once). */
  get pending(): number {
    return this.active.filter((f) => f.remaining > 0).length;
  }

  /** @internal Used by the memory backend: the error for this operation, consuming one fault. */
  take(op: FaultOp, host: string, remote: string): SyncError | undefined {
    const f = this.active.find(
      (x) => x.remaining > 0 && (x.spec.op ?? 'any') !== (op === 'fetch' ? 'push' : 'fetch') && (x.spec.host ?? host) === host,
    );
    if (f === undefined) return undefined;
    f.remaining--;
    this.active = this.active.filter((x) => x.remaining > 0);
    return faultError(f.spec.kind, op, remote);
  }
}

/** The error a real backend would report for this fault. */
export const faultError = (kind: FaultKind, op: FaultOp, remote: string): SyncError => {
  const command = ['memory', op, remote];
  const what = op === 'fetch' ? `fetch from ${remote}` : `push to ${remote}`;
  return kind === 'network'
    ? networkError(`${what} failed: the remote could not be reached`, { command, exitCode: 1, stderr: 'connection refused (injected)' })
    : authError(`${what} failed: permission denied`, { command, exitCode: 1, stderr: 'Permission denied (publickey) (injected)' });
};
