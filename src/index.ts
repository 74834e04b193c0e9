// Public surface of the SDK: re-exports only, each name documented in docs/backends.md ("The SDK
// surface"). test/unit/public-api.test.ts snapshots this list: a change to it is a reviewed change.

// The ports: version control (`Vcs`, `VcsFactory`) and chezmoi (`Chezmoi`), with their value types.
export type * from './core/vcs.js';
export type * from './core/chezmoi.js';
export type { CommitIdentity, IdentitySource } from './core/identity.js';

// The error model: a union on `kind`, one line each through `formatError`.
export type {
  AuthError,
  CommandFailedError,
  ConflictError,
  ErrorBase,
  ErrorKind,
  InvalidInputError,
  IoError,
  LockedError,
  NetworkError,
  NotARepoError,
  ParseError,
  RejectedError,
  SecretsFoundError,
  SyncError,
  ToolMissingError,
  ToolTooOldError,
  UnsafeStateError,
} from './core/errors.js';
export { formatError } from './core/errors.js';

// Adapters over the real tools, and the choice between jj and git.
export { jjFactory } from './backends/jj/index.js';
export type { JjOptions } from './backends/jj/index.js';
export { gitFactory } from './backends/git/index.js';
export type { GitOptions } from './backends/git/index.js';
export { chezmoiCli } from './backends/chezmoi/index.js';
export type { ChezmoiCliOptions } from './backends/chezmoi/index.js';
export { selectBackend } from './core/select-backend.js';
export type { BackendChoice, SelectedBackend } from './core/select-backend.js';
export { execaRunner } from './backends/process/runner.js';
export type { Command, Runner, RunOutput } from './backends/process/runner.js';
export { nodeFs } from './backends/fs/node-fs.js';

// The operations: a sync, the guided resolution, undo and applying held-back targets.
export { runSync } from './core/sync/engine.js';
export type { SyncDeps, SyncEvent, SyncOptions, SyncReport, SyncStatusWord, SyncStep } from './core/sync/types.js';
export type { EngineFs } from './core/sync/fs.js';
export type { HeldTarget } from './core/sync/hold-code.js';
export { startResolve, continueResolve, abortResolve } from './core/resolve.js';
export type { OperationContext, OperationResult } from './core/resolve.js';
export { undoLastSync } from './core/undo.js';
export { applyHeld } from './core/apply-held.js';

export { VERSION } from './version.js';
