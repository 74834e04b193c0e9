// How every jj process of this backend runs: which binaries, which environment, which forced
// settings, how long a command may take. Pure data, like git/settings.ts.
import type { Runner } from '../process/runner.js';
import type { ConflictMarkerStyle } from './marker-style.js';

/** Everything a jj invocation depends on, fixed when the factory is made. */
export interface JjSettings {
  readonly jj: string;
  readonly git: string;
  /** The git binary was chosen explicitly: hand it to jj with `git.executable-path`. */
  readonly gitExplicit: boolean;
  /** Environment added to the inherited one. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `GIT_ALLOW_PROTOCOL` for the git that jj runs (fetch, push, clone). */
  readonly allowProtocols?: string;
  readonly timeoutMs?: number;
  readonly runner: Runner;
  /** Conflict markers jj writes into files; unset: the user's jj setting. */
  readonly markerStyle?: ConflictMarkerStyle;
}

/** Local commands get this long unless `timeoutMs` says otherwise. */
export const LOCAL_TIMEOUT_MS = 120_000;
/** Fetch, push and clone get this long unless `timeoutMs` says otherwise. */
export const NETWORK_TIMEOUT_MS = 300_000;

/**
 * Settings forced on every jj run, because a user's value would break an unattended sync.
 * Values are TOML (jj parses `--config` values as TOML).
 */
export const FORCED_CONFIG: readonly (readonly [key: string, value: string])[] = [
  ['ui.paginate', '"never"'],
  // Anything that would open an editor fails instead of waiting for a person.
  ['ui.editor', '"false"'],
  // Signing could prompt for a passphrase or a hardware key.
  ['signing.behavior', '"drop"'],
  ['git.sign-on-push', 'false'],
  // git commits large files; jj would silently leave new files over 1 MiB untracked.
  ['snapshot.max-new-file-size', '"1TiB"'],
  // commitAll must commit every new file, as `git add -A` would.
  ['snapshot.auto-track', '"all()"'],
  // A user's wider immutable set would make the rebase of unpublished work fail forever.
  ['revset-aliases."immutable_heads()"', '"builtin_immutable_heads()"'],
  // A force-push that drops a published commit must not make the next fetch abandon our copy.
  ['git.abandon-unreachable-commits', 'false'],
];
