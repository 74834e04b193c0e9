// Public surface of the SDK: re-exports only.

// The error model, ports and validation.
export * from './core/errors.js';
export type * from './core/vcs.js';
export { describeIdentity, missingIdentity } from './core/identity.js';
export type { CommitIdentity, IdentitySource } from './core/identity.js';
export type * from './core/chezmoi.js';
export * from './core/validate.js';
export { VERSION } from './version.js';

// The sync engine, guided resolution and undo.
export type * from './core/sync/types.js';
export type { EngineFs } from './core/sync/fs.js';
export type { StateFile, SyncedRecord } from './core/sync/state.js';
export { readState, parseState, statePaths, STATE_SCHEMA } from './core/sync/state.js';
export { runSync, resolveOptions, lockPathFor, resolveLockPath } from './core/sync/engine.js';
export { startResolve, continueResolve, abortResolve, resolutionInProgress } from './core/resolve.js';
export type { OperationContext, OperationResult } from './core/resolve.js';
export { undoLastSync } from './core/undo.js';
export { applyHeld } from './core/apply-held.js';
export type { HeldTarget } from './core/sync/hold-code.js';
export { codeOnApply, COMMAND_FUNCTIONS } from './core/sync/code-on-apply.js';
export { planCapture, isPlainSource } from './core/sync/capture.js';
export type { CaptureInput, CapturePlan } from './core/sync/capture.js';
export { scanForSecrets } from './core/sync/secrets.js';
export { DEFAULT_MESSAGE_TEMPLATE, renderMessage } from './core/sync/message.js';
export * from './core/select-backend.js';

// The fleet view: per-host records outside the trunk.
export type { FleetStore, FleetSnapshot } from './core/fleet/store.js';
export { FLEET_REF_PREFIX, FLEET_RECORD_SCHEMA, parseRecord, serializeRecord, needsPublish } from './core/fleet/record.js';
export type { HostRecord } from './core/fleet/record.js';
export { publishFleetRecord } from './core/fleet/publish.js';
export type { FleetPublishDeps, FleetPublishOutcome } from './core/fleet/publish.js';
export { fleetView, fleetSummary, staleHosts } from './core/fleet/view.js';
export type { FleetHost, FleetView } from './core/fleet/view.js';

// Adapters over the real tools.
export { jjFactory, MIN_JJ } from './backends/jj/index.js';
export type { JjOptions } from './backends/jj/index.js';
export { gitFactory, MIN_GIT } from './backends/git/index.js';
export type { GitOptions } from './backends/git/index.js';
export { chezmoiCli, MIN_CHEZMOI_VERSION } from './backends/chezmoi/index.js';
export type { ChezmoiCliOptions } from './backends/chezmoi/index.js';
export { execaRunner } from './backends/process/runner.js';
export type { Command, Runner, RunOutput } from './backends/process/runner.js';
export { nodeFs } from './backends/fs/node-fs.js';
export { gitFleetStore } from './backends/fleet/git-fleet-store.js';
export type { GitFleetOptions } from './backends/fleet/git-fleet-store.js';
