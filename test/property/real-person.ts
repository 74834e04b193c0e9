// A person's own hands on a host's source repository, with the real git and jj, as a person
// types them (identity from the host's own configuration; jj is given it per command).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RealBackend } from '../support/engine.js';
import { personSigner } from '../support/signer.js';
import type { Host, World } from '../support/world.js';
import type { PersonOps, SyncOutcome } from './driver.js';
import { undoNote } from './person.js';
import { targetOf, type PersonKind } from './model.js';
import { fsPath } from './real-observe.js';
import { CLONED, realSubmodule, SUBMODULE } from './real-submodule.js';

export interface TrunkName {
  name: string;
}

/** The tool as a person runs it on a new machine: its clone killed as it ends, and a plain sync. */
export interface ToolRuns {
  killedClone(h: Host): Promise<boolean>;
  sync(h: Host): Promise<SyncOutcome>;
  /** `undo` of the last sync that changed the repository; its summary, or why it refused. */
  undo(h: Host): Promise<string>;
}

export const realPerson = (w: World, backend: RealBackend, trunk: TrunkName, tool: ToolRuns): PersonOps => {
  // The person's signer ('sign-commits'): their own commands below run with their agent.
  const signer = personSigner(w.root, 'person');
  const git = (h: Host, args: string[], allowFail = false) => signer.withAgent(() => w.run(h, 'git', args, { cwd: h.source, allowFail }));
  const jj = (h: Host, args: string[], allowFail = false) =>
    signer.withAgent(() => w.run(h, 'jj', ['--no-pager', '--color=never', '--config', `user.name=User on ${h.name}`, '--config', `user.email=user@${h.name}.example`, ...args], { cwd: h.source, allowFail }));
  // On the jj backend a re-cloned source dir is plain git until the next sync colocates it:
  // the person then uses git.
  const usesJj = (h: Host): boolean => backend === 'jj' && existsSync(join(h.source, '.jj'));
  /** The remote trunk as this host last fetched it (before its first fetch after a rename: main). */
  const fetchedTrunk = (h: Host): string => {
    if (usesJj(h)) return jj(h, ['log', '--no-graph', '-r', `${trunk.name}@origin`, '-T', 'commit_id'], true).status === 0 ? trunk.name : 'main';
    return git(h, ['rev-parse', '-q', '--verify', `refs/remotes/origin/${trunk.name}`], true).status === 0 ? trunk.name : 'main';
  };
  const kinds = new Set<PersonKind>(['reclone', 'reset', 'switch', 'hand-commit', 'rename-trunk', 'add-raw', 'pull', 'undo', 'secret', 'push-url', 'sign-commits', 'submodule', ...(backend === 'jj' ? (['colocate'] as const) : [])]);
  /** What a hostile URL's command would create (git's ext:: runs `sh -c`; `%` stands for a space). */
  const mark = join(w.root, 'hostile-url-ran');
  const hostile = `ext::sh -c touch% ${mark}`;

  const move = (base: string, from: string, to: string): void => {
    mkdirSync(fsPath(base, dirname(to)), { recursive: true });
    renameSync(fsPath(base, from), fsPath(base, to));
  };

  const submodule = realSubmodule(w, (h, args, cwd) => signer.withAgent(() => w.run(h, 'git', args, { cwd, allowFail: true })), trunk, (h) => onTrunkLine(h.name));
  const onTrunkLine = (name: string): Promise<boolean> => {
    if (backend === 'jj') return Promise.resolve(true);
    const h = w.host(name);
    // Inside a stopped rebase HEAD is detached: the branch is the one being rebased.
    const rebasing = join(h.source, '.git', 'rebase-merge', 'head-name');
    const b = existsSync(rebasing) ? readFileSync(rebasing, 'utf8').trim().replace(/^refs\/heads\//, '') : git(h, ['symbolic-ref', '-q', '--short', 'HEAD'], true).stdout.trim();
    return Promise.resolve(b === 'main' || b === trunk.name);
  };
  // The person knows their submodule and their clone: their own `git add -A` leaves both out.
  const addAll = (h: Host): void => {
    git(h, ['add', '-A', '--', ':/', `:(top,exclude,literal)${SUBMODULE}`, `:(top,exclude,literal)${CLONED}`]);
  };

  /** Each conflicted commit of the line resolved where it arose, oldest first (jj). */
  const resolveLine = async (name: string, resolve: (paths: readonly string[]) => Promise<void>): Promise<string> => {
    const h = w.host(name);
    const line = 'conflicts() & ::@ & mutable()';
    // Back to where they were: @, or — when it is empty, which `jj edit` elsewhere abandons — a new @ on its parent.
    const emptyWc = jj(h, ['log', '--no-graph', '-r', '@', '-T', 'empty']).stdout.trim() === 'true';
    const back = jj(h, ['log', '--no-graph', '-r', emptyWc ? '@-' : '@', '-T', 'change_id ++ "\\n"']).stdout.trim().split('\n')[0] ?? '';
    const done: string[] = [];
    // Resolving one commit rebases its descendants, which may stay conflicted (edits made inside
    // the markers): then the next one, until the line holds none.
    for (let round = 0; round < 8; round++) {
      const first = jj(h, ['log', '--no-graph', '-r', `roots(${line})`, '-T', 'change_id ++ "\\n"'], true).stdout.trim().split('\n')[0] ?? '';
      if (first === '') break;
      jj(h, ['edit', first]);
      const paths = jj(h, ['log', '--no-graph', '-r', '@', '-T', 'self.conflicted_files().map(|f| f.path() ++ "\\n").join("")']).stdout.split('\n').filter((p) => p !== '');
      await resolve(paths);
      jj(h, ['status']);
      done.push(`${first.slice(0, 8)} (${paths.join(', ')})`);
    }
    jj(h, [emptyWc ? 'new' : 'edit', back]);
    return `${name}: the person resolves the conflicted line where it arose, as the error says: ${done.join(', ') || 'nothing was conflicted'}`;
  };

  return {
    kinds,
    backend,
    ...submodule,
    reclone: async (name, how) => {
      const h = w.host(name);
      const fresh = `${h.source}.fresh`;
      rmSync(fresh, { recursive: true, force: true });
      // A clone that fails (offline) changes nothing.
      if (w.run(h, 'git', ['clone', '-q', ...(how === 'no-checkout' ? ['--no-checkout'] : []), '--', w.remoteUrl, fresh], { allowFail: true }).status !== 0) {
        rmSync(fresh, { recursive: true, force: true });
        return false;
      }
      rmSync(h.source, { recursive: true, force: true });
      if (how === 'no-checkout') {
        // A clone without its files (`--no-checkout`, a half-restored backup): the sync must refuse
        // to publish the deletion of every file, and the person then does what its hint says.
        renameSync(fresh, h.source);
        const refused = await tool.sync(h);
        if (refused.kind !== 'error' || refused.error['state'] !== 'source-emptied') {
          throw new Error(`a sync of a clone without its files did not refuse: ${JSON.stringify(refused.kind === 'report' ? refused.report.status : refused.error).slice(0, 500)}`);
        }
        if (usesJj(h)) jj(h, ['restore']);
        else git(h, ['checkout', 'HEAD', '--', '.']);
        return true;
      }
      if (how !== 'tool') {
        renameSync(fresh, h.source);
        if (how === 'colocate') jj(h, ['git', 'init', '--colocate']);
        return true;
      }
      // The tool clones: killed as its clone ends, it must leave nothing a sync would take for the
      // repository (a killed git clone once left a checkout-less repository, and the next sync pushed
      // the deletion of every file); the next sync clones it whole.
      rmSync(fresh, { recursive: true, force: true });
      const killed = await tool.killedClone(h);
      const next = await tool.sync(h);
      if (next.kind !== 'report' || !existsSync(join(h.source, '.git'))) {
        throw new Error(`the sync after a killed clone (${killed ? 'killed' : 'not killed'}) did not clone: ${JSON.stringify(next.kind === 'report' ? next.report.status : next.error).slice(0, 500)}`);
      }
      return true;
    },
    resetToTrunk: (name) => {
      const h = w.host(name);
      const t = fetchedTrunk(h);
      if (!usesJj(h)) {
        git(h, ['reset', '-q', '--hard', `refs/remotes/origin/${t}`]);
      } else {
        const old = jj(h, ['log', '--no-graph', '-r', '@', '-T', 'commit_id']).stdout.trim();
        jj(h, ['new', `${t}@origin`]);
        jj(h, ['abandon', `${t}@origin..${old}`]);
      }
      return Promise.resolve();
    },
    switchAway: (name, branch) => {
      const h = w.host(name);
      const t = fetchedTrunk(h);
      if (usesJj(h)) {
        jj(h, ['new', `${t}@origin`]);
        return Promise.resolve(true);
      }
      // A jj host not colocated yet: the person waits for the sync to set jj up.
      if (backend === 'jj') return Promise.resolve(false);
      return Promise.resolve(git(h, ['switch', '-q', '-c', branch, `refs/remotes/origin/${t}`], true).status === 0);
    },
    onTrunkLine,
    commitByHand: (name, message) => {
      const h = w.host(name);
      if (usesJj(h)) {
        const first = jj(h, ['commit', '-m', message], true);
        if (first.status === 0) return Promise.resolve(true);
        // A sync killed after jj recorded an operation left the working copy stale: the person
        // does what jj says first. Any other refusal: nothing is committed, the edit stays in the
        // working copy. (Seen once, seed 9006, after the remote renamed its default branch: "Invalid
        // `revset-aliases.immutable_heads()` … main@origin doesn't exist", jj's own, when git's refs
        // lost `origin/main` before jj did. The sync that follows the rename moves the alias, so it
        // can only happen before that sync: test/regressions/default-branch-renamed.test.ts.)
        if (!/working copy is stale/.test(first.stderr)) return Promise.resolve(false);
        jj(h, ['workspace', 'update-stale']);
        return Promise.resolve(jj(h, ['commit', '-m', message]).status === 0);
      }
      addAll(h);
      // Inside a stopped rebase (a sync killed in it) git says to fix conflicts and run `git rebase
      // --continue`: a person who never started a rebase leaves their edit staged there, markers of
      // the conflicted file staged along (`add -A`), and commits nothing.
      if (existsSync(join(h.source, '.git', 'rebase-merge'))) return Promise.resolve(false);
      return Promise.resolve(git(h, ['commit', '-q', '-m', message], true).status === 0);
    },
    pullByHand: (name) => {
      const h = w.host(name);
      if (usesJj(h)) {
        if (jj(h, ['git', 'fetch'], true).status !== 0) return Promise.resolve(false);
        const t = fetchedTrunk(h);
        if (jj(h, ['rebase', '-b', '@', '-d', `${t}@origin`], true).status !== 0) return Promise.resolve(false);
        // jj records a conflict in the commits instead of stopping: the person backs out.
        if (jj(h, ['log', '--no-graph', '-r', 'conflicts()', '-T', 'commit_id'], true).stdout.trim() !== '') {
          jj(h, ['undo'], true);
          return Promise.resolve(false);
        }
        return Promise.resolve(true);
      }
      // In the middle of a rebase (a sync's, killed): git refuses a pull; the person leaves it be.
      if (existsSync(join(h.source, '.git', 'rebase-merge')) || git(h, ['fetch', '-q', 'origin'], true).status !== 0) return Promise.resolve(false);
      const pulled = git(h, ['-c', 'rebase.autoStash=false', 'rebase', '-q', `refs/remotes/origin/${fetchedTrunk(h)}`], true).status === 0;
      if (!pulled && existsSync(join(h.source, '.git', 'rebase-merge'))) git(h, ['rebase', '--abort'], true);
      return Promise.resolve(pulled);
    },
    renameTrunk: (to) => {
      const h = w.hosts[0] as Host;
      w.run(h, 'git', ['--git-dir', w.remote, 'branch', '-m', trunk.name, to]);
      w.run(h, 'git', ['--git-dir', w.remote, 'symbolic-ref', 'HEAD', `refs/heads/${to}`]);
      trunk.name = to;
      return Promise.resolve();
    },
    followTrunk: (name) => {
      git(w.host(name), ['remote', 'set-head', 'origin', '--auto'], true);
      return Promise.resolve();
    },
    switchBack: (name) => {
      const h = w.host(name);
      // Back to the branch they left: a local branch of the trunk's name, else their `main` (the
      // trunk's old name, holding its unpublished work); only with neither does git make one.
      // Local changes in the way: they commit them on their own branch first (below).
      const local = (b: string): boolean => git(h, ['show-ref', '--verify', '-q', `refs/heads/${b}`], true).status === 0;
      const target = [trunk.name, 'main'].find(local) ?? trunk.name;
      const back = (): boolean => git(h, ['switch', '-q', target], true).status === 0;
      if (back()) return Promise.resolve(false);
      addAll(h);
      git(h, ['commit', '-q', '-m', 'work in progress'], true);
      if (!back()) throw new Error(`${name}: cannot switch back to the trunk branch`);
      return Promise.resolve(true);
    },
    renameFile: (name, from, to) => {
      const h = w.host(name);
      move(h.home, targetOf(from), targetOf(to));
      move(h.source, from, to);
      return Promise.resolve();
    },
    setHostileUrl: (name, second) => {
      const h = w.host(name);
      // With git's own policy widened, only the sync's checks stand between the URL and its command.
      const set = git(h, ['config', 'protocol.ext.allow', 'always'], true).status === 0 && git(h, ['remote', 'set-url', second ? '--add' : '--push', 'origin', hostile], true).status === 0;
      return Promise.resolve(set);
    },
    clearHostileUrl: (name) => {
      const h = w.host(name);
      // As the error's hint says; each is a no-op where the repository has none (re-cloned since).
      git(h, ['config', '--unset-all', 'remote.origin.pushurl'], true);
      git(h, ['remote', 'set-url', '--delete', 'origin', '^ext::'], true);
      git(h, ['config', '--unset', 'protocol.ext.allow'], true);
      return Promise.resolve();
    },
    hostileRan: () => existsSync(mark),
    resolveConflictedLine: (name, resolve) => resolveLine(name, resolve),
    resolveByHand: async (name, resolve) => {
      const h = w.host(name);
      const t = fetchedTrunk(h);
      if (usesJj(h)) {
        jj(h, ['git', 'fetch'], true);
        if (jj(h, ['rebase', '-b', '@', '-d', `${t}@origin`], true).status !== 0) return { finished: false, note: 'jj rebase refused' };
        return { finished: true, note: await resolveLine(name, resolve) };
      }
      const person = ['-c', `user.name=User on ${name}`, '-c', `user.email=user@${name}.example`, '-c', 'core.editor=true'];
      git(h, ['fetch', '-q', 'origin'], true);
      let step = git(h, [...person, 'rebase', `origin/${t}`], true);
      const resolved: string[] = [];
      for (let round = 0; step.status !== 0 && round < 20; round++) {
        const paths = git(h, ['diff', '--name-only', '-z', '--diff-filter=U'], true).stdout.split('\0').filter((p) => p !== '');
        if (paths.length === 0) {
          // Nothing left to resolve at this stop (the commit became empty): skip it, as git says.
          step = git(h, [...person, 'rebase', '--skip'], true);
          continue;
        }
        await resolve(paths);
        git(h, ['add', '-A', '--', ...paths]);
        resolved.push(...paths);
        step = git(h, [...person, 'rebase', '--continue'], true);
      }
      if (step.status !== 0) {
        git(h, ['rebase', '--abort'], true);
        return { finished: false, note: `git rebase backed out: ${step.stderr.trim().split('\n')[0] ?? ''}` };
      }
      return { finished: true, note: `git rebase origin/${t}, resolved ${[...new Set(resolved)].join(', ') || 'nothing'}, git rebase --continue` };
    },
    // The world is restored between sequences: the config file says whether it is on.
    signCommits: (name) => Promise.resolve(signer.turnOn(w.host(name).env['GIT_CONFIG_GLOBAL'] ?? '', { hooks: true })),
    signedUnattended: () => signer.askedUnattended(),
    syncThenUndo: async (name, between) => {
      const h = w.host(name);
      return undoNote(await tool.sync(h), () => tool.undo(h), between);
    },
  };
};
