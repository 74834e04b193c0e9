// The FleetStore contract on the git-plumbing store: behind a git clone, and behind a jj repo
// that is not colocated (its git store is .jj/repo/store/git). Two hosts share a bare remote.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { gitFleetStore } from '../../src/backends/fleet/git-fleet-store.js';
import { execaRunner, type Command } from '../../src/backends/process/runner.js';
import type { FleetStore } from '../../src/core/fleet/store.js';
import { describeFleetContract, type FleetContractEnv } from '../contract/fleet-contract.js';

const realEnv = (kind: 'git' | 'jj') => (): Promise<FleetContractEnv & { setPushUrl(url: string): void; configAlpha(args: string[]): void; remoteUrl: string; alphaCounted(ran: string[]): FleetStore; alphaRef(host: string): string; remoteRef(host: string): string }> => {
  const root = mkdtempSync(join(tmpdir(), `fleet-contract-${kind}-`));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOME: root,
    GIT_CONFIG_GLOBAL: join(root, 'gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    JJ_CONFIG: join(root, 'jjconfig.toml'),
    JJ_USER: 'Fleet Test',
    JJ_EMAIL: 'fleet@example.com',
  };
  const run = (file: string, args: readonly string[], cwd = root): string => execFileSync(file, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const git = (args: readonly string[], cwd = root): string => run('git', ['-c', 'user.name=Seed', '-c', 'user.email=seed@example.com', ...args], cwd);
  const remote = join(root, 'remote.git');
  git(['init', '-q', '--bare', '-b', 'main', remote]);
  const seed = join(root, 'seed');
  git(['clone', '-q', remote, seed]);
  let n = 0;
  const commit = (): void => {
    n++;
    git(['commit', '-q', '--allow-empty', '-m', `trunk ${n}`], seed);
  };
  commit();
  git(['push', '-q', 'origin', 'main'], seed);
  const hosts = ['alpha', 'beta'].map((h) => {
    const dir = join(root, h);
    if (kind === 'git') git(['clone', '-q', remote, dir]);
    else run('jj', ['git', 'clone', '--no-colocate', remote, dir]);
    return { dir, gitDir: kind === 'git' ? join(dir, '.git') : join(dir, '.jj', 'repo', 'store', 'git') };
  });
  const [alpha, beta] = hosts as [(typeof hosts)[0], (typeof hosts)[0]];
  const store = (h: typeof alpha) => gitFleetStore({ gitDir: h.gitDir, remote: 'origin', env });
  const fetchTrunk = (h: typeof alpha): void => void (kind === 'git' ? git(['fetch', '-q', 'origin'], h.dir) : run('jj', ['git', 'fetch'], h.dir));
  return Promise.resolve({
    // A new store each time: a store answers from the refs it first read (see FleetStore).
    get alpha() {
      return store(alpha);
    },
    get beta() {
      return store(beta);
    },
    trunkHead: () => Promise.resolve(git(['--git-dir', alpha.gitDir, 'rev-parse', 'refs/remotes/origin/main']).trim()),
    advanceTrunk: (count: number) => {
      for (let i = 0; i < count; i++) commit();
      git(['push', '-q', 'origin', 'main'], seed);
      fetchTrunk(alpha);
      fetchTrunk(beta);
      return Promise.resolve(git(['rev-parse', 'HEAD'], seed).trim());
    },
    unknownCommit: 'f'.repeat(40),
    remoteHosts: () =>
      Promise.resolve(
        git(['for-each-ref', '--format=%(refname:lstrip=3)', 'refs/chezmoi-sync/hosts/'], remote)
          .split('\n')
          .filter((l) => l.length > 0),
      ),
    cutAlpha: (cut: boolean) => void git(['--git-dir', alpha.gitDir, 'config', 'remote.origin.url', cut ? join(root, 'gone.git') : remote]),
    setPushUrl: (url: string) => void git(['--git-dir', alpha.gitDir, 'config', 'remote.origin.pushurl', url]),
    configAlpha: (args: string[]) => void git(['--git-dir', alpha.gitDir, 'config', ...args]),
    remoteUrl: remote,
    // alpha's store with every git subcommand it runs recorded in `ran`.
    alphaCounted: (ran: string[]) =>
      gitFleetStore({
        gitDir: alpha.gitDir,
        remote: 'origin',
        env,
        runner: (c: Command) => {
          ran.push(c.args.find((a) => !a.startsWith('-') && !a.includes('=')) ?? '');
          return execaRunner(c);
        },
      }),
    alphaRef: (host: string) => git(['--git-dir', alpha.gitDir, 'rev-parse', `refs/chezmoi-sync/hosts/${host}`]).trim(),
    remoteRef: (host: string) => git(['rev-parse', `refs/chezmoi-sync/hosts/${host}`], remote).trim(),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  });
};

describeFleetContract('git (a git clone)', realEnv('git'));

describe('git fleet store: what the repository says is checked first', () => {
  it('refuses a push URL that could run a command, before any push; the record stays unpublished', async () => {
    const e = await realEnv('git')();
    onTestFinished(() => e.cleanup());
    const marker = join(tmpdir(), `fleet-pwned-${process.pid}`);
    e.setPushUrl(`ext::sh -c touch% ${marker}`);
    const r = await e.alpha.publish({ schema: 1, host: 'alpha', lastSync: '2026-12-01T10:00:00.000Z', status: 'success', trunkCommit: null, conflicts: [], conflictBranch: null, version: '0.1.0' });
    expect(r._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'remoteUrl' });
    expect(existsSync(marker)).toBe(false);
    expect(await e.remoteHosts()).toEqual([]);
  });

  it('refuses a hostile second URL the same way, and a remote with a push URL but no URL as no remote; set right, the record is published', async () => {
    const e = await realEnv('git')();
    onTestFinished(() => e.cleanup());
    const marker = join(tmpdir(), `fleet-pwned-second-${process.pid}`);
    const rec = { schema: 1 as const, host: 'alpha', lastSync: '2026-12-01T10:00:00.000Z', status: 'success' as const, trunkCommit: null, conflicts: [], conflictBranch: null, version: '0.1.0' };
    e.configAlpha(['protocol.ext.allow', 'always']);
    e.configAlpha(['--add', 'remote.origin.url', `ext::sh -c touch% ${marker}`]);
    expect((await e.alpha.publish(rec))._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'remoteUrl', value: `ext::sh -c touch% ${marker}` });
    expect((await e.alpha.fetch())._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'remoteUrl' });
    e.configAlpha(['--unset-all', 'remote.origin.url']);
    e.setPushUrl(e.remoteUrl);
    const none = (await e.alpha.publish(rec))._unsafeUnwrapErr();
    expect(none).toMatchObject({ kind: 'invalid-input', field: 'remote', value: 'origin' });
    expect(none.message).toContain('no remote named origin');
    expect(existsSync(marker)).toBe(false);
    expect(await e.remoteHosts()).toEqual([]);
    e.configAlpha(['remote.origin.url', e.remoteUrl]);
    (await e.alpha.publish(rec))._unsafeUnwrap();
    expect(await e.remoteHosts()).toEqual(['alpha']);
  });
});

describe('git fleet store: publishing', () => {
  it('runs four git processes: the push itself sets the local copy, which then holds what the remote holds', async () => {
    const e = await realEnv('git')();
    onTestFinished(() => e.cleanup());
    const ran: string[] = [];
    const rec = { schema: 1 as const, host: 'alpha', lastSync: '2026-12-01T10:00:00.000Z', status: 'success' as const, trunkCommit: null, conflicts: [], conflictBranch: null, version: '0.1.0' };
    (await e.alphaCounted(ran).publish(rec))._unsafeUnwrap();
    expect([...ran].sort()).toEqual(['commit-tree', 'config', 'for-each-ref', 'push']);
    expect(e.alphaRef('alpha')).toBe(e.remoteRef('alpha'));
    expect((await e.alpha.read('alpha'))._unsafeUnwrap()).toEqual(rec);
  });
});

describeFleetContract('jj (not colocated: .jj/repo/store/git)', realEnv('jj'));
