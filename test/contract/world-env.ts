// The contract environment over a real backend (jj or git): a throwaway world from
// test/support/world.ts, hosts reaching the remote through its fake ssh, so that a host can be
// switched offline or to a refused key; "another tool" pushes with plain git.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { VcsFactory } from '../../src/core/vcs.js';
import { execaRunner, type Runner } from '../../src/backends/process/runner.js';
import { createWorld, type Host } from '../support/world.js';
import { CONTRACT_SEED, type ContractEnv, type ContractHost } from './vcs-contract.js';

/** How the contract makes factories of one real backend. */
export interface RealBackend {
  readonly kind: 'jj' | 'git';
  /** A factory acting as a host: its environment, optionally another binary or a runner that counts. */
  readonly factory: (options: { env: Readonly<Record<string, string>>; binary?: string; runner?: Runner }) => VcsFactory;
}

/** Makes a fresh world for each scenario. */
export const worldEnv =
  (backend: RealBackend) =>
  (): ContractEnv => {
    const w = createWorld({ hosts: ['alpha', 'beta'], files: CONTRACT_SEED });
    const [seedHost] = w.hosts;
    if (seedHost === undefined) throw new Error('the world has no host');
    const host = (h: Host): ContractHost => {
      const file = (rel: string): string => join(h.source, rel);
      return {
        name: h.name,
        factory: backend.factory({ env: h.env }),
        path: h.source,
        write: (rel, content) => {
          mkdirSync(dirname(file(rel)), { recursive: true });
          writeFileSync(file(rel), content);
        },
        read: (rel) => (existsSync(file(rel)) ? readFileSync(file(rel), 'utf8') : undefined),
        remove: (rel) => rmSync(file(rel)),
        setNetwork: (mode) => w.setNetwork(h, mode),
        probe: () => {
          let calls = 0;
          const runner: Runner = (command) => {
            calls++;
            return execaRunner(command);
          };
          return { factory: backend.factory({ env: h.env, runner }), calls: () => calls };
        },
      };
    };
    const [alpha, beta] = w.hosts;
    if (alpha === undefined || beta === undefined) throw new Error('the world needs two hosts');
    return {
      kind: backend.kind,
      url: w.remoteUrl,
      hosts: [host(alpha), host(beta)],
      readRemote: (rel, branch) => w.readRemote(rel, branch),
      remoteBranches: () => w.remoteBranches(),
      pushDirect: (files, message, branch = 'main') => {
        const dir = mkdtempSync(join(w.root, 'other-tool-'));
        w.run(seedHost, 'git', ['clone', '-q', w.remote, dir]);
        const git = (...args: string[]): string => w.run(seedHost, 'git', args, { cwd: dir }).stdout.trim();
        if (branch !== 'main') git('checkout', '-q', '-b', branch);
        for (const [rel, content] of Object.entries(files)) {
          mkdirSync(dirname(join(dir, rel)), { recursive: true });
          writeFileSync(join(dir, rel), content);
        }
        git('add', '-A');
        git('commit', '-q', '-m', message);
        git('push', '-q', 'origin', `HEAD:refs/heads/${branch}`);
        const id = git('rev-parse', 'HEAD');
        rmSync(dir, { recursive: true, force: true });
        return id;
      },
      notARepo: () => {
        const dir = join(w.root, 'not-a-repo');
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'notes.txt'), 'not a repository\n');
        return dir;
      },
      missingTool: () => backend.factory({ env: seedHost.env, binary: `/nonexistent/${backend.kind}` }),
      cleanup: () => w.cleanup(),
    };
  };
