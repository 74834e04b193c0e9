import { errAsync, ResultAsync } from 'neverthrow';
import { commandFailed, type SyncError } from '../core/errors.js';
import type { BackendKind, Vcs, VcsFactory } from '../core/vcs.js';

const unsupported = (kind: BackendKind): SyncError => commandFailed(`the ${kind} backend cannot tell which identity it commits with`);

/**
 * A VcsFactory whose module loads on first use, so that a process that ends up on one backend
 * never pays for loading the other (simple-git costs ~15–20 ms for a jj sync that never uses it).
 *
 * @example
 * const git = lazyFactory('git', async () => (await import('./git/index.js')).gitFactory());
 */
export const lazyFactory = (kind: BackendKind, load: () => Promise<VcsFactory>): VcsFactory => {
  let loaded: Promise<VcsFactory> | undefined;
  const get = (): Promise<VcsFactory> => (loaded ??= load());
  const via = <T>(f: (real: VcsFactory) => ResultAsync<T, SyncError>): ResultAsync<T, SyncError> =>
    ResultAsync.fromSafePromise(get()).andThen(f);
  return {
    kind,
    check: () => via((r) => r.check()),
    open: (path) => via<Vcs>((r) => r.open(path)),
    init: (path) => via<Vcs>((r) => r.init(path)),
    clone: (url, path) => via<Vcs>((r) => r.clone(url, path)),
    isRepo: (path) => via((r) => r.isRepo(path)),
    identity: (dir) => via((r) => (r.identity !== undefined ? r.identity(dir) : errAsync(unsupported(kind)))),
  };
};
