// Each doctor check: what it looked at, ok / warn / fail, and the fix. Checks never throw and
// never stop the others; a check that cannot run is itself a finding.
import { access, constants, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execaRunner, type Runner } from '../../backends/process/runner.js';
import { nodeFs } from '../../backends/fs/node-fs.js';
import type { SyncError } from '../../core/errors.js';
import type { HostRecord } from '../../core/fleet/record.js';
import { staleHosts } from '../../core/fleet/view.js';
import { lockPathFor, resolveSessionPath } from '../../core/sync/repository.js';
import type { StateFile } from '../../core/sync/state.js';
import type { ToolVersion } from '../../core/vcs.js';
import type { ConfigValues } from '../config/load.js';
import type { Adapters } from '../wiring/deps.js';
import type { OpenedRepo } from '../wiring/open-repo.js';
import { isAlive } from '../wiring/process.js';
import { dumpConfig, lsRemote, REMOTE_TIMEOUT_MS } from './commands.js';
import { classifyLsRemote, parseChezmoiGitSettings, parseGitmodulesPaths } from './parse.js';
import { submodulesNotSynced } from '../../core/sync/unsyncable.js';
import { makeDirs } from '../../backends/fs/make-dirs.js';

/** `.gitattributes` lines that hand files to git-lfs (`filter=lfs`, not in a comment). */
const LFS_LINE = /^[^#]*\sfilter=lfs(\s|$)/m;

/**
 * git-lfs in the repository (`.gitattributes` at its root, or `.git/info/attributes`): the git
 * backend runs its filters and hooks; jj runs none of them, so those files would be committed
 * whole, not as LFS pointers (or left out, by jj's own settings).
 */
export const checkLfs = async (root: string, backend: 'jj' | 'git'): Promise<Finding> => {
  const texts = await Promise.all([join(root, '.gitattributes'), join(root, '.git', 'info', 'attributes')].map((p) => nodeFs.readText(p)));
  const lfs = texts.some((t) => t.isOk() && t.value !== undefined && LFS_LINE.test(t.value));
  if (!lfs) return finding('repo.lfs', 'ok', 'no file is handed to git-lfs (.gitattributes)');
  if (backend !== 'jj') return finding('repo.lfs', 'ok', 'files are handed to git-lfs (.gitattributes): the git backend runs its filters and hooks');
  return finding(
    'repo.lfs',
    'warn',
    '.gitattributes hands files to git-lfs (filter=lfs), and jj runs none of git-lfs\'s filters or hooks: such a file would be committed whole, not as an LFS pointer',
    'sync this repository with the git backend (--backend git, or backend = "git" in the configuration)',
  );
};

/**
 * The repository's submodules (`.gitmodules`): a sync never checks one out nor moves one (sync.md),
 * so one not checked out is an empty directory to chezmoi (a clone made by the sync, or by git
 * without --recurse-submodules), and one out of step is a sync's `error` until the person acts.
 */
export const checkSubmodules = async (root: string, vcs: Pick<OpenedRepo['vcs'], 'submodules'>): Promise<Finding> => {
  const text = await nodeFs.readText(join(root, '.gitmodules'));
  const paths = text.isOk() && text.value !== undefined ? parseGitmodulesPaths(text.value) : [];
  if (paths.length === 0) return finding('repo.submodules', 'ok', 'no submodules');
  const present = await Promise.all(paths.map((p) => access(join(root, p, '.git')).then(() => true, () => false)));
  const missing = paths.filter((_, i) => present[i] !== true);
  if (missing.length > 0) {
    return finding(
      'repo.submodules',
      'warn',
      `${missing.length} of ${paths.length} submodule${paths.length === 1 ? ' is' : 's are'} not checked out (${missing.join(', ')}): chezmoi sees an empty directory`,
      `check the URLs in ${join(root, '.gitmodules')} (a sync never fetches them), then \`git -C ${root} submodule update --init\``,
    );
  }
  const out = vcs.submodules !== undefined ? await vcs.submodules() : undefined;
  if (out?.isErr() === true) return finding('repo.submodules', 'warn', `could not look at the submodules: ${out.error.message}`);
  const behind = out?.isOk() === true ? out.value : [];
  if (behind.length > 0) {
    const e = submodulesNotSynced(behind, root);
    return finding('repo.submodules', 'warn', e.message, e.hint);
  }
  return finding('repo.submodules', 'ok', `${paths.length} submodule${paths.length === 1 ? '' : 's'} checked out as the line records ${paths.length === 1 ? 'it' : 'them'}`);
};

/** `skip`: the check had nothing to look at (it says why). */
export type FindingStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface Finding {
  /** Stable id for scripts (`tools.jj`, `remote.reachable`, …). */
  readonly id: string;
  readonly status: FindingStatus;
  /** One line: what was found. */
  readonly detail: string;
  /** One line: what to do (warn and fail only). */
  readonly fix?: string;
}

const finding = (id: string, status: FindingStatus, detail: string, fix?: string): Finding => ({ id, status, detail, ...(fix !== undefined ? { fix } : {}) });

const versions = (t: readonly ToolVersion[]): string => t.map((x) => `${x.tool} ${x.version}`).join(', ');

/** jj (with its git), git, chezmoi: present and new enough, judged against the chosen backend. */
export const checkTools = async (v: ConfigValues, adapters: Adapters): Promise<Finding[]> => {
  const [jj, git, cz] = await Promise.all([adapters.factories.jj.check(), adapters.factories.git.check(), adapters.chezmoi.version()]);
  const out: Finding[] = [];
  const needJj = v.backend === 'jj';
  const needGit = v.backend === 'git' || (v.backend === 'auto' && jj.isErr());
  out.push(
    jj.isOk()
      ? finding('tools.jj', 'ok', versions(jj.value))
      : finding('tools.jj', needJj ? 'fail' : 'warn', `${jj.error.message}${needJj ? '' : '; the git backend is used instead'}`, jj.error.hint ?? 'install jj >= 0.46 with git >= 2.42'),
  );
  out.push(
    git.isOk()
      ? finding('tools.git', 'ok', versions(git.value))
      : finding('tools.git', needGit ? 'fail' : 'warn', git.error.message, git.error.hint ?? 'install git >= 2.42'),
  );
  out.push(
    cz.isOk()
      ? finding('tools.chezmoi', 'ok', `chezmoi ${cz.value}`)
      : finding('tools.chezmoi', 'fail', cz.error.message, cz.error.hint ?? 'install chezmoi >= 2.71'),
  );
  return out;
};

/** The source repository and its remote. */
export const checkRepository = (v: ConfigValues, repo: OpenedRepo): Finding[] => {
  const remote = repo.info.remotes.find((r) => r.name === v.remote);
  const out = [finding('repo.source', 'ok', `${repo.sourceDir}: ${repo.vcs.kind} repository (${repo.backend.reason}), trunk ${v.remote}/${repo.trunk}`)];
  if (remote === undefined) {
    out.push(finding('repo.remote', 'fail', `no remote named ${v.remote}`, `add it (git remote add ${v.remote} URL) or set --remote`));
  } else if (v.repoUrl !== undefined && remote.url.replace(/\/+$|\.git$/g, '') !== v.repoUrl.replace(/\/+$|\.git$/g, '')) {
    out.push(finding('repo.remote', 'fail', `${v.remote} is ${remote.url} but repoUrl is ${v.repoUrl}`, 'fix repoUrl in the configuration, or the remote URL'));
  } else {
    out.push(finding('repo.remote', 'ok', `${v.remote} → ${remote.url}`));
  }
  return out;
};

export const repositoryFailure = (e: SyncError): Finding =>
  finding('repo.source', 'fail', e.message, e.hint ?? 'check --source, or run chezmoi init URL');

/** Contacts the remote once (ls-remote), with a short timeout. */
export const checkRemote = async (v: ConfigValues, repo: OpenedRepo, runner: Runner = execaRunner): Promise<Finding> => {
  const r = await runner(lsRemote(v.git ?? 'git', repo.sourceDir, v.remote, v.allowProtocols));
  if (r.isErr()) {
    const timedOut = /timed out/.test(r.error.message);
    return finding('remote.reachable', timedOut ? 'warn' : 'fail', timedOut ? `${v.remote} did not answer within ${REMOTE_TIMEOUT_MS / 1000} s` : r.error.message, timedOut ? 'check the network; syncs meanwhile keep local work and retry' : r.error.hint ?? 'install git');
  }
  const kind = classifyLsRemote(r.value);
  // git puts the cause first and generic advice after it.
  const why = r.value.stderr.trim().split('\n')[0] ?? '';
  switch (kind) {
    case 'ok':
      return finding('remote.reachable', 'ok', `${v.remote} answered and accepted our credentials`);
    case 'auth':
      return finding('remote.reachable', 'fail', `${v.remote} refused our credentials: ${why}`, 'load the key into the agent (ssh-add) or configure IdentityFile for this host in ~/.ssh/config');
    case 'network':
      return finding('remote.reachable', 'warn', `${v.remote} is unreachable: ${why}`, 'check the network; syncs meanwhile keep local work and retry');
    case 'not-found':
      return finding('remote.reachable', 'fail', `${v.remote} has no repository at its URL: ${why}`, 'fix the remote URL');
    case 'other':
      return finding('remote.reachable', 'fail', `git ls-remote ${v.remote} failed (exit ${r.value.exitCode}): ${why}`, 'run git ls-remote by hand in the source dir to see why');
  }
};

const isSshUrl = (url: string): boolean => /^(ssh|git\+ssh|ssh\+git):\/\//i.test(url) || (/^[^/:]+:/.test(url) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url));

/** Why there is no remote URL to look at, for a check that needs one. */
export const noRemoteReason = (remote: string, repoFound: boolean): string =>
  repoFound ? `the repository has no remote named ${remote}` : 'there is no repository and no repoUrl, so no remote to connect to';

/**
 * An SSH remote needs an agent or a key that this process (and the service) can see. Without a
 * remote URL there is nothing to judge: skipped, saying why (`noRemote`).
 */
export const checkSsh = async (env: Readonly<Record<string, string | undefined>>, remoteUrl: string | undefined, noRemote = 'no remote URL'): Promise<Finding> => {
  if (remoteUrl === undefined) return finding('ssh', 'skip', `skipped: ${noRemote}`);
  if (!isSshUrl(remoteUrl)) return finding('ssh', 'ok', 'the remote does not use SSH');
  const sock = env['SSH_AUTH_SOCK'];
  const sockOk = sock !== undefined && sock.length > 0 && (await stat(sock).then((s) => s.isSocket(), () => false));
  const home = env['HOME'];
  const keys = home !== undefined ? await readdir(join(home, '.ssh')).then((names) => names.filter((n) => /^id_[a-z0-9_]+$/.test(n)), () => []) : [];
  const custom = env['GIT_SSH_COMMAND'] !== undefined ? '; GIT_SSH_COMMAND is set' : '';
  if (sockOk || keys.length > 0) {
    const parts = [sockOk ? `agent at ${sock ?? ''}` : undefined, keys.length > 0 ? `keys ${keys.map((k) => `~/.ssh/${k}`).join(', ')}` : undefined].filter((x) => x !== undefined);
    return finding('ssh', 'ok', `${parts.join('; ')}${custom}`);
  }
  const sockNote = sock !== undefined && sock.length > 0 ? `SSH_AUTH_SOCK=${sock} is not a socket` : 'SSH_AUTH_SOCK is not set';
  return finding('ssh', 'warn', `${sockNote} and there is no ~/.ssh/id_* key${custom}`, 'a timer or service needs a key it can read: set SSH_AUTH_SOCK in its environment or add an IdentityFile');
};

/** The state dir exists (or can be made) and is writable. */
export const checkStateDir = async (stateDir: string): Promise<Finding> => {
  const probe = join(stateDir, `.doctor-${process.pid}`);
  try {
    await makeDirs(stateDir);
    await writeFile(probe, 'ok\n');
    await rm(probe, { force: true });
    await access(stateDir, constants.W_OK);
    return finding('state.dir', 'ok', `${stateDir} is writable`);
  } catch (e) {
    return finding('state.dir', 'fail', `${stateDir} is not writable: ${(e as Error).message}`, 'fix its permissions or set --state-dir');
  }
};

/** The lock beside the repository: free, held by a running sync, or left by a dead one. */
export const checkLock = async (root: string, host: string): Promise<Finding> => {
  const path = lockPathFor(root);
  const text = await nodeFs.readText(path);
  if (text.isErr()) return finding('lock', 'warn', text.error.message, 'check the permissions of the source dir\'s parent');
  if (text.value === undefined) return finding('lock', 'ok', `free (${path})`);
  let holder: { pid?: unknown; host?: unknown; startedAt?: unknown } = {};
  try {
    holder = JSON.parse(text.value) as typeof holder;
  } catch {
    return finding('lock', 'warn', `${path} is unreadable (a run was killed while writing it)`, 'the next sync removes it after the lock timeout');
  }
  const pid = typeof holder.pid === 'number' ? holder.pid : undefined;
  const since = typeof holder.startedAt === 'string' ? ` since ${holder.startedAt}` : '';
  if (holder.host === host && pid !== undefined && !isAlive(pid)) {
    return finding('lock', 'warn', `left by pid ${pid}, which is no longer running${since}`, 'nothing to do: the next sync recovers it');
  }
  return finding('lock', 'ok', `held by a running sync (pid ${pid ?? '?'}${since})`);
};

/** A guided resolution left half-way: syncs leave the repository alone until it ends. */
export const checkResolution = async (root: string): Promise<Finding> => {
  const path = resolveSessionPath(root);
  const probe = await nodeFs.probe(path);
  if (probe.isErr()) return finding('resolve', 'warn', probe.error.message);
  if (probe.value === 'missing') return finding('resolve', 'ok', 'no resolution in progress');
  return finding('resolve', 'warn', `a guided resolution is in progress (${path}); syncs leave the repository alone until it ends`, 'edit the files, then chezmoi-sync resolve --continue (or --abort)');
};

/**
 * chezmoi's own configuration, read once: its git.autoCommit / autoPush would commit and push
 * behind the sync's back (`chezmoi.git`); whether its own secret scan on add refuses secrets,
 * which chezmoi-sync then keeps at a quarter of a second per sync with edits (`chezmoi.secrets`,
 * information only).
 */
export const checkChezmoiConfig = async (v: ConfigValues, runner: Runner = execaRunner): Promise<Finding[]> => {
  const r = await runner(dumpConfig(v.chezmoi ?? 'chezmoi', { ...(v.source !== undefined ? { source: v.source } : {}), ...(v.chezmoiConfig !== undefined ? { config: v.chezmoiConfig } : {}) }));
  if (r.isErr()) return [finding('chezmoi.git', 'warn', `could not read chezmoi's configuration: ${r.error.message}`, r.error.hint ?? 'install chezmoi')];
  if (r.value.exitCode !== 0) {
    return [finding('chezmoi.git', 'warn', `chezmoi dump-config failed: ${r.value.stderr.trim().split('\n').pop() ?? ''}`, "fix chezmoi's config file")];
  }
  const s = parseChezmoiGitSettings(r.value.stdout);
  if (s.isErr()) return [finding('chezmoi.git', 'warn', s.error, 'please report this with chezmoi --version')];
  const secrets = secretsFinding(s.value.addSecrets);
  const on = [s.value.autoAdd ? 'autoAdd' : '', s.value.autoCommit ? 'autoCommit' : '', s.value.autoPush ? 'autoPush' : ''].filter((x) => x !== '');
  if (on.length === 0) return [finding('chezmoi.git', 'ok', "chezmoi's git.autoAdd/autoCommit/autoPush are off"), secrets];
  return [
    finding(
      'chezmoi.git',
      'fail',
      `chezmoi's git.${on.join(', git.')} ${on.length === 1 ? 'is' : 'are'} on: chezmoi would commit and push behind the sync's back`,
      `set ${on.map((k) => `git.${k} = false`).join(', ')} in chezmoi's config file`,
    ),
    secrets,
  ];
};

const secretsFinding = (addSecrets: string | undefined): Finding =>
  addSecrets === 'error'
    ? finding(
        'chezmoi.secrets',
        'ok',
        "chezmoi refuses secrets on add (add.secrets = error): chezmoi-sync keeps that scan when it copies HOME edits, about 0.2 s of each sync with edits; its own guard runs before it either way",
      )
    : finding(
        'chezmoi.secrets',
        'ok',
        `chezmoi's own secret scan (add.secrets = ${addSecrets ?? 'warning'}) only ${addSecrets === 'ignore' ? 'runs when asked' : 'warns'}: chezmoi-sync skips it when it copies HOME edits; its own guard refuses secrets before anything is copied`,
      );

/** What the last run and the state file say. */
export const checkLastRun = (state: StateFile | undefined, corrupt: boolean, path: string): Finding => {
  if (corrupt) return finding('state.last-run', 'warn', `${path} is unreadable`, 'the next sync moves it aside and starts afresh');
  const last = state?.lastRun;
  if (last === undefined) return finding('state.last-run', 'ok', 'no sync recorded yet');
  if (last.status === 'success') return finding('state.last-run', 'ok', `last sync succeeded at ${last.startedAt}`);
  if (last.status === 'conflicts-preserved') return finding('state.last-run', 'warn', `conflicts preserved on ${last.conflicts?.branch ?? 'the host branch'}`, 'run chezmoi-sync conflicts');
  return finding('state.last-run', last.status === 'error' || last.status === 'auth-failed' ? 'fail' : 'warn', `last sync: ${last.status}${last.error !== undefined ? ` — ${last.error.message}` : ''}`, last.error?.hint ?? 'run chezmoi-sync sync --verbose');
};

/** Hosts whose last published sync is older than the `fleetStaleAfter` setting (records as last fetched; no network). */
export const checkFleet = (records: readonly HostRecord[] | undefined, staleAfterDays: number, now: Date = new Date()): Finding => {
  if (records === undefined) return finding('fleet.stale', 'skip', 'no host records readable here');
  if (records.length === 0) return finding('fleet.stale', 'ok', 'no host records fetched yet (run chezmoi-sync fleet)');
  const stale = staleHosts(records, now, staleAfterDays * 86_400_000);
  if (stale.length === 0) return finding('fleet.stale', 'ok', `${records.length} host(s), each synced within ${staleAfterDays} days`);
  return finding(
    'fleet.stale',
    'warn',
    `not seen for over ${staleAfterDays} days: ${stale.map((r) => `${r.host} (last sync ${r.lastSync.slice(0, 10)})`).join(', ')}`,
    'check those machines (their timer, their network), or `chezmoi-sync fleet --forget HOST` for one that is gone',
  );
};
