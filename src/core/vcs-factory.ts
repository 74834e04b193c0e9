// The factory side of the VCS port: how `Vcs` handles are made, and the options every real backend takes.
import type { ResultAsync } from 'neverthrow';
import type { SyncError } from './errors.js';
import type { CommitIdentity } from './identity.js';
import type { BackendKind, Vcs } from './vcs.js';

/** Options every real backend accepts: binary path, environment, timeout. */
export interface BackendOptions {
  /** Path of the tool binary (NixOS users pass store paths). */
  readonly binary?: string;
  /** Extra environment for the tool; the process environment is inherited otherwise. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Per-command timeout in ms (network commands). */
  readonly timeoutMs?: number;
  /**
   * Transports git may use, for `GIT_ALLOW_PROTOCOL` of every git process (ours and the one jj
   * runs); default `file:git:ssh:http:https`, so `ext::` and other command-running transports are refused.
   */
  readonly allowProtocols?: string;
}

/** Version of the tool behind a backend, as checked once on open. */
export interface ToolVersion {
  readonly tool: string;
  readonly version: string;
  readonly path: string;
}

/**
 * Creates `Vcs` handles of one kind. `open` checks the tool version once.
 *
 * @example
 * const factory = jjFactory({ binary: '/nix/store/…/bin/jj' });
 * const vcs = await factory.open('/home/me/.local/share/chezmoi');
 */
export interface VcsFactory {
  readonly kind: BackendKind;
  /** Checks that the tool exists and is new enough. */
  check(): ResultAsync<readonly ToolVersion[], SyncError>;
  /** Opens an existing repository at (or above) `path`. Error `not-a-repo` otherwise. */
  open(path: string): ResultAsync<Vcs, SyncError>;
  /** Makes `path` a repository. jj: colocates with an existing `.git` (importing its branches). */
  init(path: string): ResultAsync<Vcs, SyncError>;
  /** Clones `url` into `path` (which must not exist or be empty). */
  clone(url: string, path: string): ResultAsync<Vcs, SyncError>;
  /** True when `path` is already a repository of this kind (jj: has `.jj`). */
  isRepo(path: string): ResultAsync<boolean, SyncError>;
  /**
   * The identity commits made in `dir` (a repository or any directory) would carry, as `Vcs.identity`
   * (optional capability; `doctor` reports it).
   */
  identity?(dir: string): ResultAsync<CommitIdentity, SyncError>;
}
