// Throwaway worlds for integration tests: one bare remote and N simulated hosts, each with
// its own HOME, XDG dirs, chezmoi source dir and config, and isolated git/jj config.
// Nothing here ever reads or writes the real HOME.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Host {
  readonly name: string;
  /** The host's HOME (chezmoi's destination). */
  readonly home: string;
  /** chezmoi source dir: $HOME/.local/share/chezmoi (chezmoi's default). */
  readonly source: string;
  /** chezmoi config file. */
  readonly chezmoiConfig: string;
  /** Where chezmoi-sync keeps its state for this host ($XDG_STATE_HOME/chezmoi-sync). */
  readonly stateDir: string;
  /** Environment for any process acting as this host. */
  readonly env: Readonly<Record<string, string>>;
}

/** What a host's fake ssh does; see `World.setNetwork`. */
export type NetworkMode = 'online' | 'offline' | 'auth' | 'push-offline';

export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

export interface World {
  readonly root: string;
  /** Path of the bare remote repository. */
  readonly remote: string;
  readonly hosts: readonly Host[];
  host(name: string): Host;
  /** Runs a tool as a host (no shell). Throws with stderr on a non-zero exit unless `allowFail`. */
  run(host: Host, file: string, args: readonly string[], opts?: { cwd?: string; allowFail?: boolean; input?: string }): RunResult;
  /** Writes a file in the host's HOME (creating dirs). */
  writeHome(host: Host, rel: string, content: string): void;
  readHome(host: Host, rel: string): string | undefined;
  writeSource(host: Host, rel: string, content: string): void;
  readSource(host: Host, rel: string): string | undefined;
  /** A file as the remote holds it on `branch` (default main), or undefined. */
  readRemote(rel: string, branch?: string): string | undefined;
  /** Branch names on the remote. */
  remoteBranches(): readonly string[];
  /** Clones the remote (over the fake ssh, `remoteUrl`) into the host's source dir with plain git. */
  cloneWithGit(host: Host): void;
  /** `chezmoi apply` on a host (scripts excluded), after its source dir exists. */
  chezmoiApply(host: Host): void;
  /**
   * URL of the remote as hosts should use it: `ssh://fakehost/<path>` — served through a fake
   * `ssh` (GIT_SSH_COMMAND in every host's env) that each host can switch off to simulate the
   * network or the key being refused, for jj and git alike.
   */
  readonly remoteUrl: string;
  /**
   * 'online' (default), 'offline' (connection refused), 'auth' (publickey refused) or
   * 'push-offline' (fetches work, pushes find the connection refused: the network drops in between).
   */
  setNetwork(host: Host, mode: NetworkMode): void;
  /** Removes everything. Idempotent. */
  cleanup(): void;
}

export interface WorldOptions {
  /** Host names; default ['alpha', 'beta']. */
  readonly hosts?: readonly string[];
  /** Source-state files (chezmoi names, e.g. `dot_bashrc`) committed to the remote's main branch. */
  readonly files?: Readonly<Record<string, string>>;
  /**
   * Where each host's name and email for commits are configured: 'git-only' (default, like most
   * people: `[user]` in git's global config, nothing for jj, no identity variables), 'jj' (only in
   * jj's user config) or 'none' (nowhere).
   */
  readonly identity?: IdentityShape;
}

export type IdentityShape = 'git-only' | 'jj' | 'none';

export const DEFAULT_FILES: Readonly<Record<string, string>> = {
  dot_bashrc: '# bashrc\nexport EDITOR=vi\nalias ll="ls -l"\n',
  dot_gitconfig: '[core]\n\tautocrlf = false\n',
  'dot_config/nvim/init.lua': '-- nvim\nvim.o.number = true\n',
};

const realHome = homedir();

/** The name and email a host's commits carry (whichever config holds them). */
export const hostIdentity = (name: string): { readonly name: string; readonly email: string } => ({
  name: `User on ${name}`,
  email: `user@${name}.example`,
});

const gitConfigText = (name: string, shape: IdentityShape): string => {
  const id = hostIdentity(name);
  const user = shape === 'git-only' ? `[user]\n\tname = ${id.name}\n\temail = ${id.email}\n` : '';
  return `${user}[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[gc]\n\tauto = 0\n[protocol "file"]\n\tallow = always\n`;
};

const jjConfigText = (name: string, shape: IdentityShape): string => {
  const id = hostIdentity(name);
  const user = shape === 'jj' ? `[user]\nname = ${JSON.stringify(id.name)}\nemail = ${JSON.stringify(id.email)}\n` : '';
  return `${user}[ui]\npaginate = "never"\ncolor = "never"\n[signing]\nbehavior = "drop"\n`;
};

// The seed commit's author, given on its own command line: no host's identity is involved.
const SEED_IDENTITY = ['-c', 'user.name=Seed', '-c', 'user.email=seed@example.invalid'];

// A stand-in for ssh: git runs `ssh [opts] host 'git-upload-pack '\''/path'\'''`; we run that
// command locally unless this host's network switch says otherwise.
const FAKE_SSH = `#!/bin/sh
mode=$(cat "$CHEZMOI_SYNC_TEST_NET" 2>/dev/null || echo online)
host=""
while [ $# -gt 1 ]; do
  case "$1" in
    -p|-o|-i|-l|-F) shift 2 ;;
    -*) shift ;;
    *) if [ -z "$host" ]; then host=$1; shift; else break; fi ;;
  esac
done
case "$mode" in
  offline) echo "ssh: connect to host \${host:-fakehost} port 22: Connection refused" >&2; exit 255 ;;
  auth) echo "git@\${host:-fakehost}: Permission denied (publickey)." >&2; exit 255 ;;
  push-offline) case "$1" in *git-receive-pack*) echo "ssh: connect to host \${host:-fakehost} port 22: Connection refused" >&2; exit 255 ;; esac ;;
esac
exec /bin/sh -c "$1"
`;

// No identity variables: a host's identity comes from its config files only (see IdentityShape).
const makeHostEnv = (dir: string, name: string): Record<string, string> => {
  const home = join(dir, 'home');
  const env: Record<string, string> = {
    HOME: home,
    USER: 'user',
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_STATE_HOME: join(home, '.local/state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_RUNTIME_DIR: join(dir, 'run'),
    GIT_CONFIG_GLOBAL: join(dir, 'gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    JJ_CONFIG: join(dir, 'jjconfig.toml'),
    CHEZMOI_SYNC_HOST: name,
    CHEZMOI_SYNC_TEST_NET: join(dir, 'network'),
    GIT_SSH_COMMAND: join(dir, '..', '..', 'fake-ssh'),
    GIT_SSH_VARIANT: 'ssh',
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
  };
  return env;
};

export const createWorld = (options: WorldOptions = {}): World => {
  const names = options.hosts ?? ['alpha', 'beta'];
  const files = options.files ?? DEFAULT_FILES;
  const identity = options.identity ?? 'git-only';
  // realpath: macOS-style /tmp symlinks would otherwise make path comparisons flaky.
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'chezmoi-sync-world-')));
  if (root.startsWith(realHome + '/') && !root.startsWith(tmpdir())) throw new Error('world must not live in the real HOME');
  const remote = join(root, 'remote.git');
  writeFileSync(join(root, 'fake-ssh'), FAKE_SSH, { mode: 0o755 });

  const hosts: Host[] = names.map((name) => {
    const dir = join(root, 'hosts', name);
    const env = makeHostEnv(dir, name);
    const home = env['HOME'] ?? '';
    for (const d of ['.config/chezmoi', '.local/share', '.local/state', '.cache']) mkdirSync(join(home, d), { recursive: true });
    mkdirSync(join(dir, 'run'), { recursive: true, mode: 0o700 });
    writeFileSync(env['GIT_CONFIG_GLOBAL'] ?? '', gitConfigText(name, identity));
    writeFileSync(env['JJ_CONFIG'] ?? '', jjConfigText(name, identity));
    const source = join(home, '.local/share/chezmoi');
    const chezmoiConfig = join(home, '.config/chezmoi/chezmoi.toml');
    writeFileSync(chezmoiConfig, `sourceDir = ${JSON.stringify(source)}\n`);
    return { name, home, source, chezmoiConfig, stateDir: join(home, '.local/state/chezmoi-sync'), env };
  });

  const run: World['run'] = (host, file, args, opts = {}) => {
    // spawnSync, not execFileSync: what a tool warns of on success is part of what the person sees.
    const x = spawnSync(file, [...args], { cwd: opts.cwd ?? host.home, env: host.env, encoding: 'utf8', input: opts.input ?? '', stdio: ['pipe', 'pipe', 'pipe'] });
    const res = { stdout: x.stdout ?? '', stderr: `${x.stderr ?? ''}${x.error !== undefined ? String(x.error) : ''}`, status: x.status ?? 1 };
    if (res.status === 0 || opts.allowFail === true) return res;
    throw new Error(`${file} ${args.join(' ')} failed (${res.status}): ${res.stderr}`);
  };

  // The remote: a bare repo whose main holds the seed files, written by a "seed" identity.
  const seedHost = hosts[0];
  if (seedHost === undefined) throw new Error('a world needs at least one host');
  const seed = join(root, 'seed');
  mkdirSync(seed);
  run(seedHost, 'git', ['init', '-q', '-b', 'main', seed]);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(seed, rel)), { recursive: true });
    writeFileSync(join(seed, rel), content);
  }
  run(seedHost, 'git', ['add', '-A'], { cwd: seed });
  run(seedHost, 'git', [...SEED_IDENTITY, 'commit', '-q', '-m', 'seed dotfiles'], { cwd: seed });
  run(seedHost, 'git', ['clone', '-q', '--bare', seed, remote]);
  rmSync(seed, { recursive: true, force: true });

  const read = (p: string): string | undefined => (existsSync(p) ? readFileSync(p, 'utf8') : undefined);
  const write = (p: string, content: string): void => {
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  };

  const world: World = {
    root,
    remote,
    hosts,
    host: (name) => {
      const h = hosts.find((x) => x.name === name);
      if (h === undefined) throw new Error(`no host ${name}`);
      return h;
    },
    run,
    writeHome: (h, rel, content) => write(join(h.home, rel), content),
    readHome: (h, rel) => read(join(h.home, rel)),
    writeSource: (h, rel, content) => write(join(h.source, rel), content),
    readSource: (h, rel) => read(join(h.source, rel)),
    readRemote: (rel, branch = 'main') => {
      const r = run(seedHost, 'git', ['--git-dir', remote, 'show', `refs/heads/${branch}:${rel}`], { allowFail: true });
      return r.status === 0 ? r.stdout : undefined;
    },
    remoteBranches: () =>
      run(seedHost, 'git', ['--git-dir', remote, 'for-each-ref', '--format=%(refname:lstrip=2)', 'refs/heads'])
        .stdout.split('\n')
        .filter((l) => l.length > 0),
    cloneWithGit: (h) => {
      run(h, 'git', ['clone', '-q', `ssh://fakehost${remote}`, h.source]);
    },
    chezmoiApply: (h) => {
      run(h, 'chezmoi', ['apply', '--no-tty', '--no-pager', '--color=off', '--exclude', 'scripts,externals', '--config', h.chezmoiConfig, '--source', h.source, '--destination', h.home]);
    },
    remoteUrl: `ssh://fakehost${remote}`,
    setNetwork: (h, mode) => writeFileSync(h.env['CHEZMOI_SYNC_TEST_NET'] ?? '', `${mode}\n`),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  return world;
};

/** Creates a world and removes it when the current test finishes. */
export const useWorld = async (options: WorldOptions = {}): Promise<World> => {
  const { onTestFinished } = await import('vitest');
  const w = createWorld(options);
  onTestFinished(() => w.cleanup());
  return w;
};
