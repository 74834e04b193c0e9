// A self-contained throwaway world for `chezmoi-sync demo`: one bare remote seeded with
// dotfiles and two simulated machines, each with its own HOME, XDG dirs, chezmoi config and
// git identity (only in its git config, as on most machines). Every process gets the host's
// environment; nothing reads the real HOME.
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { execaRunner, type Command, type Runner } from '../../backends/process/runner.js';
import { commandFailed, ioError, type SyncError } from '../../core/errors.js';
import { makeDirs } from '../../backends/fs/make-dirs.js';

export interface DemoHost {
  readonly name: string;
  readonly home: string;
  readonly source: string;
  readonly chezmoiConfig: string;
  readonly stateDir: string;
  readonly env: Readonly<Record<string, string>>;
}

export interface DemoWorld {
  readonly root: string;
  /** The bare remote (a local path: no network needed). */
  readonly remote: string;
  readonly hosts: readonly DemoHost[];
}

/** Binaries for the world's own git and chezmoi commands (CHEZMOI_SYNC_GIT / _CHEZMOI or PATH). */
export interface DemoTools {
  readonly git: string;
  readonly chezmoi: string;
}

/** The dotfiles the remote starts with (chezmoi source names). */
export const SEED_FILES: Readonly<Record<string, string>> = {
  dot_bashrc: '# ~/.bashrc\nexport EDITOR=vi\nalias ll="ls -l"\n',
  'dot_tmux.conf': '# ~/.tmux.conf\nset -g mouse off\n',
  'dot_config/nvim/init.lua': '-- ~/.config/nvim/init.lua\nvim.o.number = true\n',
};

const io = (what: string, path: string) => (e: unknown): SyncError => ioError(`demo: cannot ${what} ${path}: ${(e as Error).message}`, path);

export const writeText = (path: string, content: string): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(
    makeDirs(dirname(path)).then(() => writeFile(path, content)),
    io('write', path),
  );

export const readText = (path: string): ResultAsync<string | undefined, SyncError> =>
  ResultAsync.fromPromise(
    readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    }),
    io('read', path),
  );

/** Runs a command that must succeed. */
export const mustRun = (runner: Runner, c: Command): ResultAsync<string, SyncError> =>
  runner(c).andThen((r) =>
    r.exitCode === 0
      ? okAsync(r.stdout)
      : errAsync(commandFailed(`demo: ${c.tool ?? c.file} ${c.args.join(' ')} failed`, { command: [c.file, ...c.args], exitCode: r.exitCode, stderr: r.stderr })),
  );

// The seed commit's author only: the machines' identity is in their git config, as on most machines.
const seedIdentity = (name: string): Record<string, string> => ({
  GIT_AUTHOR_NAME: `Demo user on ${name}`,
  GIT_AUTHOR_EMAIL: `user@${name}.example`,
  GIT_COMMITTER_NAME: `Demo user on ${name}`,
  GIT_COMMITTER_EMAIL: `user@${name}.example`,
});

const hostEnv = (dir: string, name: string, i: number): Record<string, string> => {
  const home = join(dir, 'home');
  return {
    HOME: home,
    USER: 'demo',
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_STATE_HOME: join(home, '.local/state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    GIT_CONFIG_GLOBAL: join(dir, 'gitconfig'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    JJ_CONFIG: join(dir, 'jjconfig.toml'),
    JJ_RANDOMNESS_SEED: String(4242 + i),
    CHEZMOI_SYNC_HOST: name,
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
  };
};

const makeHost = (root: string, name: string, i: number): ResultAsync<DemoHost, SyncError> => {
  const dir = join(root, 'hosts', name);
  const env = hostEnv(dir, name, i);
  const home = env['HOME'] ?? '';
  const source = join(home, '.local/share/chezmoi');
  const chezmoiConfig = join(home, '.config/chezmoi/chezmoi.toml');
  const host: DemoHost = { name, home, source, chezmoiConfig, stateDir: join(home, '.local/state/chezmoi-sync'), env };
  return ResultAsync.combine([
    writeText(env['GIT_CONFIG_GLOBAL'] ?? '', `[user]\n\tname = Demo user on ${name}\n\temail = user@${name}.example\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[gc]\n\tauto = 0\n`),
    // No [user] for jj: chezmoi-sync lends it git's name and email.
    writeText(env['JJ_CONFIG'] ?? '', `[ui]\npaginate = "never"\ncolor = "never"\n[signing]\nbehavior = "drop"\n`),
    writeText(chezmoiConfig, `sourceDir = ${JSON.stringify(source)}\n`),
    ResultAsync.fromPromise(makeDirs(join(home, '.local/state')), io('create', home)).map(() => undefined),
  ]).map(() => host);
};

/** Creates the world: seeds the remote, then each host clones it and applies it (chezmoi's usual set-up). */
export const createDemoWorld = (tools: DemoTools, names: readonly string[] = ['alpha', 'beta'], runner: Runner = execaRunner): ResultAsync<DemoWorld, SyncError> =>
  ResultAsync.fromPromise(
    mkdtemp(join(tmpdir(), 'chezmoi-sync-demo-')).then((d) => realpath(d)),
    io('create a directory in', tmpdir()),
  ).andThen((root) => {
    const remote = join(root, 'remote.git');
    const seed = join(root, 'seed');
    return ResultAsync.combine(names.map((n, i) => makeHost(root, n, i))).andThen((hosts) => {
      const first = hosts[0];
      if (first === undefined) return errAsync(commandFailed('demo: no hosts'));
      const seedEnv = { ...first.env, ...seedIdentity('seed') };
      const git = (args: string[], cwd?: string): Command => ({ file: tools.git, args, env: seedEnv, ...(cwd !== undefined ? { cwd } : {}), tool: 'git' });
      const seedFiles = ResultAsync.combine(Object.entries(SEED_FILES).map(([rel, c]) => writeText(join(seed, rel), c)));
      const setUpHost = (h: DemoHost): ResultAsync<void, SyncError> =>
        mustRun(runner, { file: tools.git, args: ['clone', '-q', '--', remote, h.source], env: h.env, tool: 'git' })
          .andThen(() =>
            mustRun(runner, {
              file: tools.chezmoi,
              args: ['apply', '--no-tty', '--no-pager', '--color=off', '--exclude=scripts,externals', `--config=${h.chezmoiConfig}`, `--source=${h.source}`, `--destination=${h.home}`],
              env: h.env,
              tool: 'chezmoi',
            }),
          )
          .map(() => undefined);
      return mustRun(runner, git(['init', '-q', '-b', 'main', seed]))
        .andThen(() => seedFiles)
        .andThen(() => mustRun(runner, git(['add', '-A'], seed)))
        .andThen(() => mustRun(runner, git(['commit', '-q', '-m', 'dotfiles: initial set'], seed)))
        .andThen(() => mustRun(runner, git(['clone', '-q', '--bare', '--', seed, remote])))
        .andThen(() => ResultAsync.fromPromise(rm(seed, { recursive: true, force: true }), io('remove', seed)))
        .andThen(() => hosts.reduce<ResultAsync<void, SyncError>>((acc, h) => acc.andThen(() => setUpHost(h)), okAsync(undefined)))
        .map(() => ({ root, remote, hosts }));
    });
  });

/** A file as the remote holds it on `branch`, or undefined when the branch or file is missing. */
export const readRemote = (runner: Runner, tools: DemoTools, world: DemoWorld, branch: string, rel: string): ResultAsync<string | undefined, SyncError> =>
  runner({ file: tools.git, args: [`--git-dir=${world.remote}`, 'cat-file', '-p', `refs/heads/${branch}:${rel}`], env: world.hosts[0]?.env ?? {}, tool: 'git' }).map((r) =>
    r.exitCode === 0 ? r.stdout : undefined,
  );

/** Branch names on the remote. */
export const remoteBranches = (runner: Runner, tools: DemoTools, world: DemoWorld): ResultAsync<string[], SyncError> =>
  mustRun(runner, { file: tools.git, args: [`--git-dir=${world.remote}`, 'for-each-ref', '--format=%(refname:lstrip=2)', 'refs/heads'], env: world.hosts[0]?.env ?? {}, tool: 'git' }).map((out) =>
    out.split('\n').filter((l) => l.length > 0),
  );

export const removeWorld = (world: DemoWorld): ResultAsync<void, SyncError> =>
  ResultAsync.fromPromise(rm(world.root, { recursive: true, force: true }), io('remove', world.root));
