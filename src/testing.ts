// `chezmoi-sync/testing`: in-memory backends for other projects' tests. Re-exports only.
export { memoryFactory, MemoryRemote, MemoryFaults, MemoryFs, MemoryVcs, tickingClock } from './backends/memory/index.js';
export type {
  Author,
  FaultKind,
  FaultOp,
  FaultSpec,
  MemoryFactoryOptions,
  MemoryRemoteOptions,
  MemoryRepoView,
  MemoryVcsFactory,
} from './backends/memory/index.js';
export { fakeDecrypt, fakeEncrypt, memoryChezmoi, type MemoryChezmoiOptions } from './backends/memory/chezmoi-fake.js';
export { memoryMachine } from './backends/memory/memory-sync-deps.js';
export type { MemoryMachine } from './backends/memory/memory-sync-deps.js';
export { memoryEngineFs } from './backends/memory/memory-engine-fs.js';
export { memoryFleetStore, MemoryFleetRemote, type MemoryFleetOptions } from './backends/memory/fleet-store.js';
