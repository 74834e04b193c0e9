// Public surface of the SDK: re-exports only.
export * from './core/errors.js';
export type * from './core/vcs.js';
export type * from './core/chezmoi.js';
export * from './core/validate.js';
export { VERSION } from './version.js';
export * from './core/select-backend.js';
export type * from './core/sync/types.js';
export type { EngineFs } from './core/sync/fs.js';
export type { StateFile, SyncedRecord } from './core/sync/state.js';
export { readState, parseState, statePaths, STATE_SCHEMA } from './core/sync/state.js';
export { runSync, resolveOptions } from './core/sync/engine.js';
export { planCapture, isPlainSource } from './core/sync/capture.js';
export { scanForSecrets } from './core/sync/secrets.js';
export { DEFAULT_MESSAGE_TEMPLATE, renderMessage } from './core/sync/message.js';
export { nodeFs } from './backends/fs/node-fs.js';
