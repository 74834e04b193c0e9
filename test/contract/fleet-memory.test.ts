// The FleetStore contract on the in-memory store.
import { MemoryFleetRemote, memoryFleetStore } from '../../src/backends/memory/fleet-store.js';
import { describeFleetContract } from './fleet-contract.js';

describeFleetContract('memory', () => {
  const remote = new MemoryFleetRemote();
  const trunk: string[] = ['c0'];
  let next = 1;
  let alphaCut = false;
  const alpha = memoryFleetStore({ remote, trunk: () => trunk, online: () => !alphaCut });
  const beta = memoryFleetStore({ remote, trunk: () => trunk });
  return Promise.resolve({
    alpha,
    beta,
    trunkHead: () => Promise.resolve(trunk[trunk.length - 1] ?? ''),
    advanceTrunk: (n: number) => {
      for (let i = 0; i < n; i++) trunk.push(`c${next++}`);
      return Promise.resolve(trunk[trunk.length - 1] ?? '');
    },
    unknownCommit: 'c999',
    remoteHosts: () => Promise.resolve([...remote.records.keys()].sort()),
    cutAlpha: (cut: boolean) => {
      alphaCut = cut;
    },
    cleanup: () => undefined,
  });
});
