// Throwaway worlds for the bench: a bare remote seeded with N managed files and hosts, each with
// its own HOME, XDG dirs, chezmoi config and isolated git/jj config. Never the real HOME.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { must } from './proc.mjs';

/** Source path (chezmoi name) of managed file `i`: 100 files per directory. */
export const sourceRel = (/** @type {number} */ i) => `dot_config/bench/d${Math.floor(i / 100)}/f${i}`;
/** HOME path of managed file `i`. */
export const homeRel = (/** @type {number} */ i) => `.config/bench/d${Math.floor(i / 100)}/f${i}`;
/** Content of managed file `i`; line 2 is what edits and conflicts change. */
export const content = (/** @type {number} */ i, line2 = 'line two') => `# managed file ${i}\n${line2}\nline three\n`;

/** Source path of template target `i` (a `.tmpl`: HOME holds what chezmoi executes it to). */
export const templateSourceRel = (/** @type {number} */ i) => `dot_file${i}.tmpl`;
/** HOME path of template target `i`. */
export const templateHomeRel = (/** @type {number} */ i) => `.file${i}`;
/** A template's text: literal lines and one line chezmoi fills in; line 2 is what edits change. */
export const templateText = (/** @type {number} */ i, line2 = 'line two') => `# template ${i}\n${line2}\nline three\nhost {{ .chezmoi.hostname }}\n`;

/**
 * Writes `text` at `path`, creating directories.
 * @param {string} path
 * @param {string} text
 */
export const write = (path, text) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};

/**
 * @typedef {object} Host
 * @property {string} name
 * @property {string} dir       everything of this host lives here
 * @property {string} home
 * @property {string} source    chezmoi source dir (the repository)
 * @property {string} stateDir  chezmoi-sync's state dir
 * @property {Record<string, string>} env        environment of every process acting as this host
 * @property {Record<string, string>} traceEnv   the same, with the counting wrappers first
 * @property {Record<string, string>} jjIdentity JJ_USER / JJ_EMAIL for the raw jj commands of the floor and the seed script
 */

/**
 * Makes a host with an empty HOME and no repository yet (the variant's setup clones and applies:
 * chezmoi keeps a HOME file it never wrote, so HOME must come from `chezmoi apply`).
 * @param {string} dir
 * @param {string} name
 * @param {{ path: string, traceBin: string, traceGit: string }} tools
 * @returns {Host}
 */
export const makeHost = (dir, name, tools) => {
  const home = join(dir, 'home');
  const source = join(home, '.local/share/chezmoi');
  for (const d of ['.config/chezmoi', '.local/share', '.local/state', '.cache']) mkdirSync(join(home, d), { recursive: true });
  const gitconfig = join(dir, 'gitconfig');
  writeFileSync(
    gitconfig,
    `[user]\n\tname = User on ${name}\n\temail = user@${name}.example\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[gc]\n\tauto = 0\n[maintenance]\n\tauto = false\n[advice]\n\tdetachedHead = false\n`,
  );
  // Like most people's machines: the name and email only in git's config; chezmoi-sync lends them to jj.
  const jjBase = `[ui]\npaginate = "never"\ncolor = "never"\n[signing]\nbehavior = "drop"\n`;
  writeFileSync(join(dir, 'jjconfig.toml'), jjBase);
  // The git that jj runs is counted too: jj's own wrapper puts the real git first on its PATH.
  writeFileSync(join(dir, 'jjconfig-trace.toml'), `${jjBase}[git]\nexecutable-path = ${JSON.stringify(tools.traceGit)}\n`);
  writeFileSync(join(home, '.config/chezmoi/chezmoi.toml'), `sourceDir = ${JSON.stringify(source)}\n`);
  const env = {
    HOME: home,
    USER: 'user',
    LANG: 'C.UTF-8',
    PATH: tools.path,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_STATE_HOME: join(home, '.local/state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    JJ_CONFIG: join(dir, 'jjconfig.toml'),
    CHEZMOI_SYNC_BENCH_HOST: name,
  };
  const traceEnv = {
    ...env,
    PATH: `${tools.traceBin}:${tools.path}`,
    JJ_CONFIG: join(dir, 'jjconfig-trace.toml'),
    CHEZMOI_SYNC_BENCH_TRACE: join(dir, 'trace.log'),
    CHEZMOI_SYNC_BENCH_RSS: join(dir, 'rss.txt'),
  };
  // The raw jj commands of the floor and the seed script stand for a person who configured jj.
  const jjIdentity = { JJ_USER: `User on ${name}`, JJ_EMAIL: `user@${name}.example` };
  return { name, dir, home, source, stateDir: join(home, '.local/state/chezmoi-sync'), env, traceEnv, jjIdentity };
};

/**
 * A bare repository whose main holds `files` managed files (and `templates` template targets),
 * made once per size and copied per world.
 * @param {string} root
 * @param {number} files
 * @param {Record<string, string>} env
 * @param {number} [templates]
 * @returns {string} path of the bare repository
 */
export const makeSeedRemote = (root, files, env, templates = 0) => {
  const seed = join(root, `seed-${files}-${templates}`);
  const bare = join(root, `seed-${files}-${templates}.git`);
  mkdirSync(seed, { recursive: true });
  must('git', ['init', '-q', '-b', 'main', seed], { env, cwd: root });
  for (let i = 0; i < files; i++) write(join(seed, sourceRel(i)), content(i));
  for (let i = 0; i < templates; i++) write(join(seed, templateSourceRel(i)), templateText(i));
  must('git', ['add', '-A'], { env, cwd: seed });
  must('git', ['commit', '-q', '-m', `seed: ${files} dotfiles, ${templates} templates`], { env, cwd: seed });
  must('git', ['clone', '-q', '--bare', seed, bare], { env, cwd: root });
  rmSync(seed, { recursive: true, force: true });
  return bare;
};

/**
 * A world: its own copy of a seed remote, hosts made on demand.
 * @param {string} root   parent directory of all worlds
 * @param {string} name
 * @param {string} seedRemote
 */
export const makeWorld = (root, name, seedRemote) => {
  const dir = join(root, name);
  const remote = join(dir, 'remote.git');
  cpSync(seedRemote, remote, { recursive: true });
  return { dir, remote };
};

/** The bench's scratch root (a fresh temp dir, realpath'd). */
export const makeRoot = () => realpathSync(mkdtempSync(join(tmpdir(), 'chezmoi-sync-bench-')));

/**
 * A file on the remote's main (or undefined), read with git.
 * @param {string} remote
 * @param {string} rel
 * @param {Record<string, string>} env
 * @param {string} [branch]
 */
export const readRemote = (remote, rel, env, branch = 'main') => {
  try {
    return must('git', ['--git-dir', remote, 'show', `refs/heads/${branch}:${rel}`], { env, cwd: dirname(remote) }).stdout;
  } catch {
    return undefined;
  }
};

/**
 * A HOME file's text, or undefined.
 * @param {Host} host
 * @param {string} rel
 */
export const readHome = (host, rel) => {
  try {
    return readFileSync(join(host.home, rel), 'utf8');
  } catch {
    return undefined;
  }
};
