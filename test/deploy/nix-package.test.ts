// nix/package.nix with stand-ins for nixpkgs (test/deploy/nix/eval-package.nix): what it hands
// buildNpmPackage, and — running its postInstall with a makeWrapper stand-in over the built CLI —
// that each command keeps its name and sees jj/git/chezmoi through the CHEZMOI_SYNC_* variables.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/support/cli.js';
import { mkdirp, nix, REPO, runFile, tempDir } from './support.js';

interface Evaluated {
  pname: string;
  version: string;
  npmBuildScript: string;
  npmDeps?: { importNpmLock: { npmRoot: string } };
  npmConfigHook?: string;
  npmDepsHash?: string;
  postInstall: string;
  meta: { mainProgram: string };
  kept: { path: string; keep: boolean }[];
}

const evalPackage = (o: { npmDepsHash?: string; nodeExe?: string } = {}): Evaluated =>
  JSON.parse(
    nix([
      '--eval', '--strict', '--json', 'test/deploy/nix/eval-package.nix',
      ...(o.npmDepsHash !== undefined ? ['--argstr', 'npmDepsHash', o.npmDepsHash] : ['--arg', 'npmDepsHash', 'null']),
      ...(o.nodeExe !== undefined ? ['--argstr', 'nodeExe', o.nodeExe] : ['--arg', 'nodeExe', 'null']),
    ]),
  ) as Evaluated;

const store = (name: string): string => `/nix/store/00000000000000000000000000000000-${name}`;

// nixpkgs' makeWrapper, reduced to the three flags package.nix uses (set-default keeps a value
// already in the environment; prefix puts a directory list first on PATH).
const MAKE_WRAPPER = `makeWrapper() {
  exe=$1 dst=$2; shift 2; flags=
  { echo '#!/bin/sh'
    while [ $# -gt 0 ]; do
      case $1 in
      --add-flags) flags="$flags $2"; shift 2 ;;
      --set-default) echo "export $2=\\"\\\${$2-$3}\\""; shift 3 ;;
      --prefix) echo "export $2=\\"$4\\\${$2:+$3\\\$$2}\\""; shift 4 ;;
      *) echo "makeWrapper stand-in: unknown flag $1" >&2; return 1 ;;
      esac
    done
    echo "exec '$exe'$flags \\"\\$@\\""
  } >"$dst"; chmod +x "$dst"
}`;

beforeAll(() => ensureBuilt());

describe('nix/package.nix', () => {
  it('builds this repository with npm run build, its dependencies from the lock file', () => {
    const p = evalPackage();
    expect(p).toMatchObject({ pname: 'chezmoi-sync', version: expect.stringMatching(/^\d+\.\d+\.\d+/), npmBuildScript: 'build', meta: { mainProgram: 'chezmoi-sync' } });
    expect(p.npmDeps).toEqual({ importNpmLock: { npmRoot: store('source') } });
    expect(p.npmConfigHook).toBe('importNpmLock.npmConfigHook');
    expect(p.npmDepsHash).toBeUndefined();
    const pinned = evalPackage({ npmDepsHash: 'sha256-AAAA' });
    expect([pinned.npmDepsHash, pinned.npmDeps]).toEqual(['sha256-AAAA', undefined]);
    expect(Object.fromEntries(p.kept.map((k) => [k.path, k.keep]))).toEqual({
      '/r/node_modules': false,
      '/r/dist': false,
      '/r/.tools': false,
      '/r/.git': false,
      '/r/src': true,
      '/r/nix': true,
    });
  });

  it('wraps each command under its own name, with jj, git and chezmoi by store path', () => {
    const out = tempDir('nix-out-');
    // $out/lib/node_modules/chezmoi-sync is the installed package: here, this repository's build.
    mkdirSync(join(out, 'lib/node_modules'), { recursive: true });
    mkdirSync(join(out, 'bin'));
    symlinkSync(REPO, join(out, 'lib/node_modules/chezmoi-sync'));
    // The wrappers run this machine's node, as <prefix>/bin/node.
    const node = join(mkdirp(join(out, 'node/bin')), 'node');
    symlinkSync(process.execPath, node);
    const { postInstall } = evalPackage({ nodeExe: node });
    const r = spawnSync('bash', ['-euc', `${MAKE_WRAPPER}\n${postInstall}`], { encoding: 'utf8', env: { ...process.env, out } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const cmd of ['chezmoi-sync', 'chezmoi-status', 'chezmoi-show-conflicts']) {
      expect(readlinkSync(join(out, 'libexec/chezmoi-sync', cmd))).toBe(join(out, 'lib/node_modules/chezmoi-sync/dist/cli/cli.js'));
    }
    const env = { HOME: tempDir('nix-home-'), PATH: '/usr/bin:/bin' };
    const run = (cmd: string, args: string[], extra: Record<string, string> = {}) => runFile(join(out, 'bin', cmd), args, { ...env, ...extra });

    const config = JSON.parse(run('chezmoi-sync', ['config', '--json']).stdout) as { settings: Record<string, { value: unknown; source: string }> };
    expect(config.settings['jj']).toMatchObject({ value: `${store('jujutsu-0.46.0')}/bin/jj`, source: 'env' });
    expect(config.settings['git']).toMatchObject({ value: `${store('git-2.51.0')}/bin/git`, source: 'env' });
    expect(config.settings['chezmoi']).toMatchObject({ value: `${store('chezmoi-2.73.3')}/bin/chezmoi`, source: 'env' });
    // --set-default: a value the user sets still wins.
    const own = JSON.parse(run('chezmoi-sync', ['config', '--json'], { CHEZMOI_SYNC_JJ: '/opt/jj' }).stdout) as typeof config;
    expect(own.settings['jj']?.value).toBe('/opt/jj');
    // chezmoi-status is `status` (its own help), chezmoi-sync is not.
    expect(run('chezmoi-status', ['--help']).stdout).toMatch(/^chezmoi-sync status — /);
    expect(run('chezmoi-sync', ['--help']).stdout).not.toMatch(/^chezmoi-sync status — /);
  });
});
