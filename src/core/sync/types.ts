import type { Chezmoi } from '../chezmoi.js';
import type { SyncError } from '../errors.js';
import type { ResultAsync } from 'neverthrow';
import type { BackendKind, Checkpoint, CommitId, Vcs, VcsFactory } from '../vcs.js';
import type { EngineFs } from './fs.js';
import type { HeldTarget } from './hold-code.js';

/** The one word written to `last-sync-status` (compatible with the seed plan). */
export type SyncStatusWord =
  | 'success'
  | 'fetch-failed'
  | 'push-failed'
  | 'auth-failed'
  | 'conflicts-preserved'
  | 'locked'
  | 'error';

/** The steps of one run, in order. */
export type SyncStep = 'lock' | 'repository' | 'capture' | 'fetch' | 'integrate' | 'apply' | 'publish' | 'state';

/** Progress events for the CLI to render. */
export type SyncEvent =
  | { readonly type: 'step-started'; readonly step: SyncStep; readonly at: string }
  | {
      readonly type: 'step-finished';
      readonly step: SyncStep;
      readonly at: string;
      readonly outcome: 'ok' | 'skipped' | 'degraded' | 'failed';
      /** One human line: what happened. */
      readonly detail: string;
    }
  | { readonly type: 'info'; readonly message: string };

/** Everything a run may be told. Defaults in parentheses. */
export interface SyncOptions {
  /** chezmoi source dir (`chezmoi source-path`). */
  readonly sourceDir?: string;
  /** Repository URL: clone when the source dir is missing; must match the existing remote. */
  readonly repoUrl?: string;
  /** Remote name ('origin'). */
  readonly remote?: string;
  /** Trunk branch (the remote's default branch, else 'main'). */
  readonly trunk?: string;
  /** This machine's name (os.hostname()). */
  readonly host: string;
  /** Run `chezmoi re-add` and commit local changes (true). */
  readonly autoCommit?: boolean;
  /** Push the integrated result (true). */
  readonly autoPush?: boolean;
  /** Apply incoming changes to HOME (true). */
  readonly apply?: boolean;
  /** Run `run_` scripts when applying (false). */
  readonly applyScripts?: boolean;
  /**
   * Hold back incoming targets that run code when applied (`modify_` scripts, templates calling
   * command-running functions such as `output`) until `applyHeld` / `chezmoi-sync apply` (false).
   */
  readonly holdCode?: boolean;
  /** Report what would happen; change nothing (false). */
  readonly dryRun?: boolean;
  /** Commit message; `{host}` and `{time}` are replaced ('chore({host}): sync dotfiles - {time}'). */
  readonly messageTemplate?: string;
  /** Prefix of per-host branches holding preserved conflicts ('sync/'). */
  readonly branchPrefix?: string;
  /** argv run (no shell) when conflicts are preserved; gets CHEZMOI_SYNC_* env vars. */
  readonly notifyCommand?: readonly string[];
  /** Where `state.json` and `last-sync-status` live ($XDG_STATE_HOME/chezmoi-sync). */
  readonly stateDir: string;
  /** How long a second run waits for the lock, ms (30000). */
  readonly lockTimeoutMs?: number;
  /** Push retries after `rejected` (3). */
  readonly pushRetries?: number;
  /** How many runs `state.json` keeps (20). */
  readonly historySize?: number;
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** Progress callback. */
  readonly onEvent?: (event: SyncEvent) => void;
}

/** What a run did; also the `lastRun` of `state.json`. */
export interface SyncReport {
  readonly status: SyncStatusWord;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly backend: BackendKind;
  readonly host: string;
  readonly sourceDir: string;
  /** Commits created by capture. */
  readonly committed: number;
  /** Commits published to trunk by this run. */
  readonly published: number;
  /** Files applied to HOME. */
  readonly applied: readonly string[];
  /** Files not applied because HOME was edited since capture (both versions kept). */
  readonly keptLocal: readonly string[];
  /** Targets chezmoi could not re-add (templates, encrypted). */
  readonly skippedReAdd: readonly string[];
  /** Local commits not on the remote trunk after this run. */
  readonly pendingPushes: number;
  readonly conflicts?: { readonly paths: readonly string[]; readonly branch: string };
  readonly error?: { readonly kind: SyncError['kind']; readonly message: string; readonly hint?: string };
  readonly dryRun: boolean;
  /** Incoming targets held back because applying them runs code (`holdCode`), after this run; absent when apply did not run. */
  readonly held?: readonly HeldTarget[];
  /** The repository as it was before this run changed anything: what `undo` returns to. */
  readonly checkpoint?: Checkpoint;
  /**
   * Head of the local line when this run ended, as far as it looked (absent when it never read
   * it). `undo` of this run refuses when the line has moved since: a commit made by hand would
   * leave it.
   */
  readonly head?: CommitId;
}

/** The ports a run composes; the CLI wires real adapters, tests wire fakes. */
export interface SyncDeps {
  readonly vcs: VcsFactory;
  readonly chezmoi: Chezmoi;
  /** Filesystem for state, lock, hashing and the secret scan (real or in-memory). */
  readonly fs: EngineFs;
  /** True while a process with this pid runs here (stale-lock detection). */
  readonly isAlive: (pid: number) => boolean;
  readonly sleep: (ms: number) => Promise<void>;
  /** This process's pid, written into the lock. */
  readonly pid: number;
  /** Runs the notify command (no shell); injected so core spawns nothing. Failures are reported, never fatal. */
  readonly notify?: (argv: readonly string[], env: Readonly<Record<string, string>>) => ResultAsync<void, SyncError>;
}

export type { Vcs };
