// The in-memory VCS backend: re-exports only.
export { memoryFactory, remoteAtUrl } from './factory.js';
export type { MemoryFactoryOptions, MemoryRepoView, MemoryVcsFactory } from './factory.js';
export { MemoryRemote } from './remote.js';
export type { MemoryRemoteOptions, RemoteSnapshot } from './remote.js';
export { MemoryFaults } from './faults.js';
export type { FaultKind, FaultOp, FaultSpec } from './faults.js';
export { MemoryFs } from './fs.js';
export { MemoryVcs } from './vcs.js';
export { tickingClock } from './clock.js';
export { merge3 } from '../../core/util/diff3.js';
export type { MergeResult } from '../../core/util/diff3.js';
export type { Author } from './model.js';
