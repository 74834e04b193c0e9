// The VCS contract, run for every backend: the memory fake must behave as jj and git do.
import { jjFactory } from '../../src/backends/jj/index.js';
import { gitFactory } from '../../src/backends/git/index.js';
import { memoryEnv } from '../contract/memory-env.js';
import { describeVcsContract } from '../contract/vcs-contract.js';
import { worldEnv } from '../contract/world-env.js';

describeVcsContract({ name: 'memory', capabilities: { tool: false, guidedMerge: true }, makeEnv: memoryEnv });

describeVcsContract({
  name: 'jj',
  capabilities: { tool: true, guidedMerge: true },
  makeEnv: worldEnv({ kind: 'jj', factory: ({ env, binary, runner }) => jjFactory({ env, ...(binary !== undefined ? { binary } : {}), ...(runner !== undefined ? { runner } : {}) }) }),
});

describeVcsContract({
  name: 'git',
  // git has no beginMerge/finishMerge yet: turn this on when it does.
  capabilities: { tool: true, guidedMerge: true },
  makeEnv: worldEnv({ kind: 'git', factory: ({ env, binary, runner }) => gitFactory({ env, ...(binary !== undefined ? { binary } : {}), ...(runner !== undefined ? { runner } : {}) }) }),
});
