// The contract environment over the memory backend: one MemoryFs for both hosts, one
// MemoryRemote seeded with the contract's files; network modes become injected faults.
import { MemoryFs, MemoryRemote, memoryFactory } from '../../src/testing.js';
import { CONTRACT_SEED, type ContractEnv, type ContractHost } from './vcs-contract.js';

export const memoryEnv = (): ContractEnv => {
  const fs = new MemoryFs();
  const remote = new MemoryRemote({ files: CONTRACT_SEED });
  const calls = (): number => remote.stats.fetches + remote.stats.pushes;
  const host = (name: string): ContractHost => {
    const factory = memoryFactory({ fs, remotes: { origin: remote }, host: name });
    const path = `/hosts/${name}/.local/share/chezmoi`;
    return {
      name,
      factory,
      path,
      write: (rel, content) => fs.write(`${path}/${rel}`, content),
      read: (rel) => fs.read(`${path}/${rel}`),
      remove: (rel) => {
        fs.remove(`${path}/${rel}`);
      },
      setNetwork: (mode) => {
        remote.faults.clear(name);
        remote.setReachable(mode !== 'offline', name);
        if (mode === 'auth') remote.faults.inject({ kind: 'auth', times: 'always', host: name });
      },
      // No processes here: what the memory backend does outside itself is contacting the remote.
      probe: () => {
        const start = calls();
        return { factory, calls: () => calls() - start };
      },
    };
  };
  return {
    kind: 'memory',
    url: 'memory://origin',
    hosts: [host('alpha'), host('beta')],
    readRemote: (rel, branch = 'main') => remote.read(branch, rel),
    remoteBranches: () => remote.branches(),
    pushDirect: (files, message, branch = 'main') => remote.commitDirect(branch, files, message),
    notARepo: () => {
      fs.write('/elsewhere/notes.txt', 'not a repository\n');
      return '/elsewhere';
    },
    cleanup: () => undefined,
  };
};
