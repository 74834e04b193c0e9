// Public surface of the SDK: re-exports only.
export * from './core/errors.js';
export type * from './core/vcs.js';
export type * from './core/chezmoi.js';
export * from './core/validate.js';
export { VERSION } from './version.js';
