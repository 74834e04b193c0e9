// What a person's own actions on a source repository mean for the model: which edits must still
// survive afterwards, and where. The rule: a person who re-clones or resets a source dir gives up
// on purpose what existed only in that repository (uncommitted source edits, local commits), but
// never what is in HOME or on the remote; a person who switches away leaves everything in place;
// a commit on a person's own branch is theirs: it must never be lost, and never be published to
// the trunk unasked.
import type { Observation, PersonOps, SyncOutcome } from './driver.js';
import { SECRET_LINE, type Ledger, type PersonCommand, type Where } from './model.js';
import { filesHave, hostBranchHas, remoteHas } from './observed.js';

export interface PersonCtx {
  readonly person: PersonOps;
  readonly ledger: Ledger;
  readonly hostOf: (i: number) => string;
  /** The remote's default branch as the model knows it. */
  trunk: string;
  /**
   * Tokens that are the person's: committed on their own branch (git; never lost, never published
   * unasked) or left on a line `@` moved away from (jj; never lost, not published by the sync).
   */
  readonly personal: Map<string, 'own-branch' | 'left-off'>;
  /** git hosts checked out on a person's own branch. */
  readonly offTrunk: Set<string>;
  readonly managed: (h: string) => string[];
  readonly note: (s: string) => void;
  /** The runner's edit: a token in one slot; `personal` leaves the token it replaces live. */
  readonly edit: (h: string, where: Where, file: number, slot: number, personal: boolean) => string | undefined;
  /** The runner's add of a new file in HOME (`raw`: a name that is not UTF-8). */
  readonly addHome: (h: string, raw: boolean) => Promise<string>;
  /** A file as the person sees it, and the person writing one (the runner's write: a watcher sees it). */
  readonly read: (h: string, where: Where, file: string) => string | undefined;
  readonly write: (h: string, where: Where, file: string, text: string) => void;
  /** Per host, the files whose HOME copy holds a pasted token (SECRET_LINE) the person has not taken out yet. */
  readonly secrets: Map<string, Set<string>>;
  /** Hosts whose `origin` the person gave a hostile URL and has not cleaned up yet. */
  readonly hostileUrls: Set<string>;
  /** The person resolving conflicted files in the source dir (as in the guided resolution). */
  readonly resolve: (h: string, paths: readonly string[]) => Promise<void>;
}

type Post = (obs: Observation) => string[];
const none: Post = () => [];

/**
 * Tokens of `h` now nowhere but in its repository's history: the person gave them up. So did they
 * a file of HOME whose source file (added, never published) went with the old repository: HOME
 * keeps it, no longer managed by chezmoi — nothing is expected to publish it any more.
 */
const giveUp =
  (x: PersonCtx, h: string): Post =>
  (obs) => {
    const ho = obs.hosts.find((o) => o.name === h);
    if (ho === undefined) return [];
    for (const t of x.ledger.live()) {
      if (t.author !== h) continue;
      const unmanaged = !ho.source.has(t.file) && !(obs.remote.get(x.trunk)?.has(t.file) ?? false);
      const kept = remoteHas(obs, x.trunk, t.token) || hostBranchHas(obs, h, t.token) || (filesHave(ho.home, t.token) && !unmanaged) || filesHave(ho.source, t.token);
      if (kept) continue;
      x.ledger.supersede(t.token, `given-up@${h}`);
      x.personal.delete(t.token);
    }
    return [];
  };

/** Tokens of `h` that are now only in its repository's history: `kind` of personal. */
const markPersonal = (x: PersonCtx, h: string, obs: Observation, kind: 'own-branch' | 'left-off', inSource: boolean): void => {
  const ho = obs.hosts.find((o) => o.name === h);
  if (ho === undefined) return;
  for (const t of x.ledger.live()) {
    if (t.author !== h || x.personal.has(t.token) || filesHave(ho.source, t.token) !== inSource) continue;
    if (remoteHas(obs, x.trunk, t.token) || hostBranchHas(obs, h, t.token) || filesHave(ho.home, t.token)) continue;
    x.personal.set(t.token, kind);
  }
};

/** Tokens of `h` only in HOME, in a file neither its source dir nor the trunk has: the person's. */
const unmanagedOnTrunk = (x: PersonCtx, h: string, obs: Observation): void => {
  const ho = obs.hosts.find((o) => o.name === h);
  if (ho === undefined) return;
  for (const t of x.ledger.live()) {
    if (t.author !== h || x.personal.has(t.token) || ho.source.has(t.file) || (obs.remote.get(x.trunk)?.has(t.file) ?? false)) continue;
    if (remoteHas(obs, x.trunk, t.token) || hostBranchHas(obs, h, t.token) || !filesHave(ho.home, t.token)) continue;
    x.personal.set(t.token, 'own-branch');
  }
};

/** Runs one person action; returns what to do with the world afterwards. */
export const personStep = async (cmd: PersonCommand, x: PersonCtx): Promise<Post> => {
  const p = x.person;
  if (!p.kinds.has(cmd.kind)) {
    x.note('(not played by this driver)');
    return none;
  }
  switch (cmd.kind) {
    case 'reclone':
    case 'colocate': {
      const h = x.hostOf(cmd.host);
      // Every other re-clone is left to the tool (the first sync of a new machine), killed once.
      const how = cmd.kind === 'colocate' ? 'colocate' : x.ledger.step % 2 === 0 ? 'tool' : x.ledger.step % 4 === 1 ? 'git' : 'no-checkout';
      const done = await p.reclone(h, how);
      x.note(done ? (how === 'tool' ? 'cloned afresh by the tool (its first clone killed as it ended)' : how === 'no-checkout' ? 'cloned afresh without a checkout (a sync refused it; checked out as the hint says)' : 'cloned afresh') : '(the clone failed: offline; nothing changed)');
      if (done) x.offTrunk.delete(h);
      // The new repository has none of the old one's configuration.
      if (done) x.hostileUrls.delete(h);
      return done ? giveUp(x, h) : none;
    }
    case 'reset': {
      const h = x.hostOf(cmd.host);
      await p.resetToTrunk(h);
      return giveUp(x, h);
    }
    case 'switch': {
      const h = x.hostOf(cmd.host);
      const branch = `experiment-${x.ledger.step}`;
      if (!(await p.switchAway(h, branch))) {
        x.note('(refused: git found local changes in the way, or jj is not set up here yet)');
        return none;
      }
      x.note(p.backend === 'git' ? `now on ${branch}` : '@ moved onto the remote trunk');
      if (p.backend === 'git') x.offTrunk.add(h);
      // jj: what only the old line holds is left there by the sync (docs/sync.md).
      const left: Post = (obs) => (p.backend === 'jj' ? (markPersonal(x, h, obs, 'left-off', false), []) : []);
      if (!cmd.commit) return left;
      const committed = await handCommit(x, h, cmd.file, cmd.slot);
      return (obs) => [...left(obs), ...committed(obs)];
    }
    case 'hand-commit':
      return handCommit(x, x.hostOf(cmd.host), cmd.file, cmd.slot);
    case 'rename-trunk': {
      if (x.trunk !== 'main') {
        x.note('(renamed already)');
        return none;
      }
      await p.renameTrunk('trunk');
      x.trunk = 'trunk';
      return none;
    }
    case 'add-raw':
      x.note(await x.addHome(x.hostOf(cmd.host), true));
      return none;
    case 'pull': {
      // Nothing is given up: local commits are replayed onto the trunk, HOME is not touched. A HOME
      // edit of a file the pull brought changes to must then be merged or kept, never lost.
      const pulled = await p.pullByHand(x.hostOf(cmd.host));
      x.note(pulled ? 'pulled the remote trunk into the source dir by hand' : '(the pull was refused or conflicted, and backed out)');
      return none;
    }
    case 'secret': {
      // The slot edit is the person's like any other: held in HOME until the token is out, then synced.
      const h = x.hostOf(cmd.host);
      // The runner's edit picks among the files HOME has (by index); the token goes into one whose name is UTF-8.
      const inHome = x.managed(h).filter((f) => x.read(h, 'home', f) !== undefined);
      const named = inHome.filter((f) => !f.includes('\\x'));
      const file = named[cmd.file % Math.max(1, named.length)];
      const what = file === undefined ? undefined : x.edit(h, 'home', inHome.indexOf(file), cmd.slot, false);
      if (file === undefined || what === undefined) {
        x.note('(no HOME file)');
        return none;
      }
      x.write(h, 'home', file, `${x.read(h, 'home', file) ?? ''}${SECRET_LINE}\n`);
      x.secrets.set(h, new Set([...(x.secrets.get(h) ?? []), file]));
      x.note(`${what}; ${SECRET_LINE.slice(0, 24)}… appended`);
      return none;
    }
    case 'push-url': {
      // Nothing is given up: HOME edits wait in HOME (the sync refuses before it captures), and
      // the source dir is not touched.
      const h = x.hostOf(cmd.host);
      const set = (await p.setHostileUrl?.(h, cmd.second)) === true;
      if (set) x.hostileUrls.add(h);
      x.note(set ? `origin's ${cmd.second ? 'second URL' : 'push URL'} is now ext::` : '(no repository to give it to)');
      return none;
    }
    case 'sign-commits': {
      // Nothing changes for the edits: the syncs that follow must not notice.
      const h = x.hostOf(cmd.host);
      x.note((await p.signCommits?.(h)) === true ? 'commits and pushes are signed, commits checked by hooks from now on (in their shell)' : '(on already)');
      return none;
    }
    case 'submodule':
      // Nothing of the edits changes: what the plugin holds is not the model's.
      x.note((await (cmd.clone ? p.cloneInside : p.updateSubmodule)?.(x.hostOf(cmd.host))) ?? '(not played by this driver)');
      return none;
    case 'undo': {
      // Nothing is given up: the undone commits' source-dir edits are edits again, HOME keeps its
      // own, and what the sync pushed stays on the remote. A commit made by hand after the sync
      // stays on the line: undo refuses to take it off.
      const h = x.hostOf(cmd.host);
      let post: Post = none;
      const byHand = async (): Promise<void> => {
        post = await handCommit(x, h, cmd.file, cmd.slot);
      };
      x.note(await p.syncThenUndo(h, cmd.commit ? byHand : undefined));
      return post;
    }
  }
};

/**
 * An edit in the source dir, committed by hand. On the trunk's line it is like any edit; on a
 * person's own branch it — and whatever else of this host the commit took along that is nowhere
 * else — becomes personal.
 */
const handCommit = async (x: PersonCtx, h: string, file: number, slot: number): Promise<Post> => {
  const onTrunk = await x.person.onTrunkLine(h);
  const what = x.edit(h, 'source', file, slot, !onTrunk);
  if (what === undefined) return none;
  const committed = await x.person.commitByHand(h, `by hand on ${h}`);
  x.note(`${what}; ${committed ? `committed by hand${onTrunk ? '' : ' on the person’s own branch'}` : 'not committed (nothing to commit, or only staged: git in a stopped rebase)'}`);
  if (onTrunk || !committed) return none;
  return (obs) => (markPersonal(x, h, obs, 'own-branch', true), []);
};

export type Refusal = 'trunk-renamed' | 'off-trunk' | 'raw-name' | 'secret' | 'hostile-url' | 'submodule' | 'repository-inside' | 'conflicted-line';

/**
 * A sync that refused for a reason the person caused and the message tells them how to fix:
 * the remote's default branch renamed, a git host on the person's own branch, a file name that
 * is not UTF-8 (the run ends `error`, everything else synced). Undefined for anything else.
 */
export const refusal = (x: PersonCtx, h: string, o: SyncOutcome): Refusal | undefined => {
  if (o.kind === 'error') {
    // Refused by name before anything ran: the remote's URL, as the person set it.
    if (x.hostileUrls.has(h) && o.error.kind === 'invalid-input' && o.error['field'] === 'remoteUrl' && /^ext::/.test(String(o.error['value']))) return 'hostile-url';
    const state = o.error['state'];
    if (o.error.kind !== 'unsafe-state') return undefined;
    if (x.trunk !== 'main' && (state === 'trunk-renamed' || /default branch is now/.test(o.error.message))) return 'trunk-renamed';
    if (x.offTrunk.has(h) && (state === 'off-trunk' || /not on (main|trunk)\b/.test(o.error.message))) return 'off-trunk';
    // A line holding a conflicted commit (a person's commit on a conflict a killed sync left).
    if (state === 'conflicted-line' && x.person.resolveConflictedLine !== undefined) return 'conflicted-line';
    return undefined;
  }
  if (x.secrets.has(h) && o.report.status === 'error' && o.report.error?.kind === 'secrets-found') return 'secret';
  const raw = x.managed(h).some((f) => f.includes('\\x'));
  if (raw && o.report.status === 'error' && /not valid UTF-8/.test(o.report.error?.message ?? '')) return 'raw-name';
  // Said only when it is so: `afterSync` checks the clone and the checkout either way.
  if (o.report.status === 'error' && o.report.error?.kind === 'unsafe-state' && x.person.cloneInsideShown?.(h) === true && /no submodule/.test(o.report.error.message)) return 'repository-inside';
  return o.report.status === 'error' && o.report.error?.kind === 'unsafe-state' && x.person.submoduleOutOfStep?.(h) === true && /submodule/.test(o.report.error.message) ? 'submodule' : undefined;
};

/** The person does what the refusal says; returns a note for the log. */
export const follow = async (x: PersonCtx, h: string, why: Refusal, observe: () => Promise<Observation>): Promise<string> => {
  switch (why) {
    case 'trunk-renamed':
      await x.person.followTrunk(h);
      return `${h} follows the renamed trunk (git remote set-head origin --auto)`;
    case 'off-trunk': {
      // What the person commits on their branch to get back is theirs.
      const before = await observe();
      const committed = await x.person.switchBack(h);
      if (committed) markPersonal(x, h, before, 'own-branch', true);
      // A file added on their branch (`chezmoi add` there) is no longer managed back on the trunk:
      // HOME keeps it, their branch holds it, and nothing is expected to publish it.
      unmanagedOnTrunk(x, h, await observe());
      x.offTrunk.delete(h);
      return `${h} switches back to the trunk branch${committed ? ' (after committing its work in progress on its own branch)' : ''}`;
    }
    case 'secret': {
      // Where they pasted it, managed still or not (another host may have deleted the file since).
      const files = [...(x.secrets.get(h) ?? [])].filter((f) => (x.read(h, 'home', f) ?? '').includes(SECRET_LINE));
      for (const f of files) x.write(h, 'home', f, (x.read(h, 'home', f) ?? '').split(`${SECRET_LINE}\n`).join(''));
      x.secrets.delete(h);
      return `${h}: the person takes the token out of HOME's ${files.join(', ') || '(no file: gone already)'}`;
    }
    case 'repository-inside':
      await x.person.ignoreCloneInside?.(h);
      return `${h}: the person lists the plugin cloned inside in .gitignore, as the error says`;
    case 'submodule':
      await x.person.followSubmodule?.(h);
      return `${h}: the person checks the submodule out as its line records it (git submodule update --init), as the error says`;
    case 'conflicted-line':
      return (await x.person.resolveConflictedLine?.(h, (paths) => x.resolve(h, paths))) ?? `${h}: no way to resolve a conflicted line`;
    case 'hostile-url':
      await x.person.clearHostileUrl?.(h);
      x.hostileUrls.delete(h);
      return `${h}: the person removes the hostile URL from origin, as the error says`;
    case 'raw-name': {
      const files = x.managed(h).filter((f) => f.includes('\\x'));
      for (const f of files) {
        const to = f.replace('caf\\xe9rc', 'cafe.rc');
        await x.person.renameFile(h, f, to);
        // On their own branch (git) the renamed copy is a new, untracked file: it stays in the work
        // tree when they switch back, and the next sync publishes it. What it holds of their branch
        // is theirs no more: they put it there.
        if (x.offTrunk.has(h)) for (const t of x.ledger.live()) if (t.file === f && x.personal.get(t.token) === 'own-branch') x.personal.delete(t.token);
        x.ledger.moveFile(f, to);
      }
      return `${h} renames ${files.join(', ')} to a UTF-8 name in HOME and the source dir`;
    }
  }
};

/**
 * Undoes the sync just made when it changed the repository (else `undo` would go back further),
 * after `between` (what the person does in the meantime).
 */
export const undoNote = async (synced: SyncOutcome, undo: () => Promise<string>, between?: () => Promise<void>): Promise<string> => {
  if (synced.kind !== 'report' || synced.report.checkpoint === undefined) {
    return `(the sync ended ${synced.kind === 'report' ? synced.report.status : synced.error.kind} without changing the repository: nothing of it to undo)`;
  }
  await between?.();
  return `synced (${synced.report.status}), then: ${await undo()}`;
};
