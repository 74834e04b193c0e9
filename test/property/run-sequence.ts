// Runs one command sequence against a driver and checks, after every step, what must always
// hold; then heals the world (every host online, two rounds of syncs) and checks liveness and
// that every live edit reached the trunk (or, for a host with a preserved conflict, its branch).
import { isDeepStrictEqual } from 'node:util';
import { manualClock } from '../../src/backends/memory/watch-clock.js';
import { watchScheduler, type WatchScheduler } from '../../src/core/watch/scheduler.js';
import type { SyncReport } from '../../src/core/sync/types.js';
import type { Driver, HostObservation, Observation, OtherEdit, SyncOutcome } from './driver.js';
import { HomeGuard } from './home-guard.js';
import { describeCommand, isModelFile, Ledger, MARKERS, rawName, SECRET_LINE, seedFiles, setSlot, slotFile, SLOTS, targetOf, tokensIn, type Command, type Net, type PersonCommand, type PersonKind, type TokenInfo, type Where } from './model.js';
import { filesHave, hostBranchHas, isHostBranch, remoteHas } from './observed.js';
import { follow, personStep, refusal, type PersonCtx, type Refusal } from './person.js';

/** Counters over a campaign, reported by the test. */
export interface Stats {
  sequences: number;
  steps: number;
  syncs: number;
  kills: number;
  killsLanded: number;
  /** Kills that landed inside a tool's command (the real drivers), not at a time. */
  killsInTool: number;
  /** Hand commits the person made right after a kill landed, before the next sync. */
  handCommitsAfterKill: number;
  /** Of those, after a kill inside the rebase command. */
  handCommitsAfterRebaseKill: number;
  /** Preserved conflicts a person resolved with a rebase of their own (and a sync), not with `resolve`. */
  resolvesByHand: number;
  races: number;
  racesHit: number;
  concurrent: number;
  resolves: number;
  statuses: Record<string, number>;
  /** Syncs the watch schedulers of watching hosts started. */
  watchSyncs: number;
  /** Files kept local that a person merged (HOME and source made equal). */
  merges: number;
  /** Kept-local HOME edits whose file another host deleted (they stay in HOME, unmanaged). */
  orphaned: Set<string>;
  /** Rounds of settling conflicts and syncing that the heals needed (1 each when nothing was pending). */
  settleRounds: number;
  /** Person actions played, by kind. */
  person: Partial<Record<PersonKind, number>>;
  /** HOME files the tools overwrote or deleted (each checked to be stored in some repository). */
  homeReplaced: number;
  ms: number;
}

export const newStats = (): Stats => ({ sequences: 0, steps: 0, syncs: 0, kills: 0, killsLanded: 0, killsInTool: 0, handCommitsAfterKill: 0, handCommitsAfterRebaseKill: 0, resolvesByHand: 0, races: 0, racesHit: 0, concurrent: 0, resolves: 0, statuses: {}, watchSyncs: 0, settleRounds: 0, merges: 0, orphaned: new Set<string>(), person: {}, homeReplaced: 0, ms: 0 });

const STATUS_WORDS = ['success', 'fetch-failed', 'push-failed', 'auth-failed', 'conflicts-preserved', 'locked', 'error'];

/** What a sync may end with, given the host's network. */
const ALLOWED: Readonly<Record<Net, readonly string[]>> = {
  online: ['success', 'conflicts-preserved'],
  offline: ['fetch-failed'],
  auth: ['auth-failed'],
  'push-offline': ['push-failed', 'success', 'conflicts-preserved'],
};

interface HostCtx {
  net: Net;
  /** A sync was killed and no sync has completed since (a stale lock and a stale status word are allowed). */
  killed: boolean;
  last?: SyncReport;
  /** Every file this host ever reported kept local (HOME relative). */
  everKept: Set<string>;
}

/** Thrown with everything needed to replay and understand a failure. */
export class SequenceFailure extends Error {}

/** `watching`: hosts running a watcher — the model's own writes there reach its scheduler, `tick` moves its clock. */
export const runSequence = async (driver: Driver, commands: readonly Command[], stats: Stats, watching: readonly string[] = []): Promise<void> => {
  const started = Date.now();
  await driver.reset();
  const hosts = driver.hosts;
  const ledger = new Ledger(seedFiles());
  const ctx = new Map<string, HostCtx>(hosts.map((h) => [h, { net: 'online', killed: false, everKept: new Set<string>() }]));
  const c = (h: string): HostCtx => ctx.get(h) as HostCtx;
  const log: string[] = [];
  // Watching hosts: the core scheduler on the model's clock (2 s debounce, fetch every 5 s of model
  // time); their syncs run one after another, like every step of the model.
  const clock = manualClock();
  /** Each watcher sync, checked on the world right after it (another watcher's sync may follow in the same tick). */
  const fired: { h: string; o: SyncOutcome; problems: string[] }[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  const watchers = new Map<string, WatchScheduler>(
    watching
      .filter((h) => hosts.includes(h))
      .map((h) => [
        h,
        watchScheduler(clock, { debounceMs: 2000, fetchIntervalMs: 5000, retryMs: 2000 }, async () => {
          const next = chain.then(async () => {
            const o = await driver.sync(h);
            const obs = await driver.observe();
            const problems = [...(await afterSync(h, o, obs, ALLOWED[c(h).net])), ...(await always(obs))];
            guard.begin(obs);
            fired.push({ h, o, problems });
            return o;
          });
          chain = next;
          const o = await next;
          stats.watchSyncs++;
          return o.kind === 'report' && o.report.status === 'locked' ? 'busy' : 'done';
        }),
      ]),
  );
  /** An error as a failure line: kind and message, and what the tool said (a replay may not fail again). */
  const errLine = (e: { kind: string; message: string; command?: unknown; stderr?: unknown }): string =>
    `${e.kind}: ${e.message}${Array.isArray(e.command) ? ` [${e.command.join(' ')}]` : ''}${typeof e.stderr === 'string' && e.stderr.trim() !== '' ? `\n    stderr: ${e.stderr.trim().split('\n').join('\n    ')}` : ''}`;
  const hostOf = (i: number): string => hosts[i % hosts.length] as string;
  const relToHome = (h: string, abs: string): string => abs.slice(driver.home(h).length + 1);

  const fail = (problems: readonly string[]): never => {
    throw new SequenceFailure(
      `${driver.label}: ${problems.length} problem(s) after step ${ledger.step}\n  ${problems.join('\n  ')}\nsequence:\n${log.map((l, i) => `  ${i + 1}. ${l}`).join('\n')}`,
    );
  };

  const count = (o: SyncOutcome): void => {
    stats.syncs++;
    const word = o.kind === 'report' ? o.report.status : `error:${o.error.kind}`;
    stats.statuses[word] = (stats.statuses[word] ?? 0) + 1;
  };

  const where = (obs: Observation, h: string): HostObservation => obs.hosts.find((x) => x.name === h) as HostObservation;
  const guard = new HomeGuard();
  /** Tokens that are the person's (see person.ts), and git hosts on a person's own branch. */
  const personal = new Map<string, 'own-branch' | 'left-off'>();
  const offTrunk = new Set<string>();
  /** Refusals the person will act on once the step's checks are done. */
  const pending: [string, Refusal][] = [];
  // The person's context; `trunk` follows a rename of the remote's default branch.
  const px: Pick<PersonCtx, 'trunk'> = { trunk: 'main' };
  const describeToken = (t: TokenInfo): string => `${t.token} (by ${t.author} in ${t.file} slot ${t.slot}, step ${t.step})`;

  /**
   * A HOME edit that was kept local (its file also edited in the source dir) and whose file another
   * host then deleted: the deletion wins, the HOME copy — edit included — stays, no longer managed
   * and no longer reported. Not lost; counted, and named in docs/guarantees.md.
   */
  const orphaned = (h: string, t: TokenInfo, obs: Observation): boolean => {
    if (!hosts.includes(h) || !c(h).everKept.has(targetOf(t.file))) return false;
    const ho = where(obs, h);
    const gone = !ho.source.has(t.file) && !(obs.remote.get(px.trunk)?.has(t.file) ?? false);
    if (gone && filesHave(ho.home, t.token)) {
      stats.orphaned.add(t.token);
      return true;
    }
    return false;
  };

  /** Everywhere a live token may be: the trunk; for a host's token also its branch, HOME, source dir and local commits. */
  const lost = async (obs: Observation): Promise<string[]> => {
    const problems: string[] = [];
    for (const t of ledger.live()) {
      if (remoteHas(obs, px.trunk, t.token)) continue;
      if (!hosts.includes(t.author)) {
        problems.push(`lost: ${describeToken(t)} is not on the trunk`);
        continue;
      }
      const ho = where(obs, t.author);
      if (hostBranchHas(obs, t.author, t.token) || filesHave(ho.home, t.token) || filesHave(ho.source, t.token)) continue;
      if ((await ho.localTokens()).has(t.token)) continue;
      problems.push(`lost: ${describeToken(t)} is nowhere — not on the remote, not in ${t.author}'s HOME, source dir or local commits`);
    }
    return problems;
  };

  const stateProblems = (ho: HostObservation): string[] => {
    const p: string[] = [];
    const hc = c(ho.name);
    if (ho.lockExists && !hc.killed) p.push(`${ho.name}: the lock file is left behind although no sync was killed`);
    for (const [r, text] of ho.home) if (MARKERS.test(text)) p.push(`${ho.name}: conflict markers in HOME/${r}`);
    // A sync killed between a conflicting rebase and its back-out leaves that rebase for the next
    // one to undo: jj writes its conflict into the source dir when it updates the files, whether
    // the killed run got that far or a person runs `jj workspace update-stale` (jj's hint) before
    // the next sync. Until then the source dir may show it; HOME never, and after the next sync
    // neither may (test/regressions/killed-jj-leaves-stale-working-copy.test.ts).
    // So may it when the person built on that conflict by hand: the next sync refuses the line by
    // name (`conflicted-line`) and leaves the markers to them until they resolve it.
    const theirs = pending.some(([x, why]) => x === ho.name && why === 'conflicted-line');
    if (!hc.killed && !theirs) for (const [r, text] of ho.source) if (MARKERS.test(text)) p.push(`${ho.name}: conflict markers in the source dir: ${r}`);
    if (ho.stateJson === undefined) return p;
    let s: { schema?: unknown; runs?: unknown; lastRun?: { status?: string } };
    try {
      s = JSON.parse(ho.stateJson) as typeof s;
    } catch (e) {
      return [...p, `${ho.name}: state.json is not JSON (${(e as Error).message})`];
    }
    if (s.schema !== 1 || !Array.isArray(s.runs)) p.push(`${ho.name}: state.json lacks schema 1 / runs`);
    const runs = (Array.isArray(s.runs) ? s.runs : []) as { status?: string }[];
    if (!runs.every((r) => STATUS_WORDS.includes(r.status ?? ''))) p.push(`${ho.name}: state.json has a run with an unknown status`);
    if (runs.length > 20) p.push(`${ho.name}: state.json keeps ${runs.length} runs (> 20)`);
    if (s.lastRun !== undefined && !isDeepStrictEqual(s.lastRun, runs[0])) p.push(`${ho.name}: state.json lastRun differs from runs[0]`);
    if (!hc.killed && s.lastRun !== undefined && ho.lastStatus !== `${s.lastRun.status}\n`) {
      p.push(`${ho.name}: last-sync-status ${JSON.stringify(ho.lastStatus)} does not match state.json (${s.lastRun.status})`);
    }
    return p;
  };

  /** What must hold right after host `h`'s sync ended with `o`. */
  const afterSync = async (h: string, o: SyncOutcome, obs: Observation, allowed: readonly string[]): Promise<string[]> => {
    count(o);
    const hc = c(h);
    hc.killed = false;
    if (refused(h, o)) {
      if (o.kind === 'report') hc.last = o.report;
      return [];
    }
    // With a hostile URL on origin (and git's own policy widened), anything but the refusal ran with it.
    if (person?.hostileUrls.has(h) === true && !(o.kind === 'report' && o.report.status === 'locked')) return [`${h}: a sync with a hostile URL on origin was not refused by name: ${statusOf(o)}`];
    if (o.kind === 'error') return [`${h}: sync failed (${o.via}): ${errLine(o.error)}`];
    const r = o.report;
    hc.last = r;
    const p: string[] = [];
    if (!allowed.includes(r.status)) p.push(`${h}: sync ended ${r.status} (${r.error?.kind ?? ''} ${r.error?.message ?? ''}); expected ${allowed.join(' or ')} with the network ${hc.net}`);
    const ho = where(obs, h);
    const st = JSON.parse(ho.stateJson ?? 'null') as { lastRun?: unknown; conflicts?: { branch?: string } } | null;
    if (!isDeepStrictEqual(st?.lastRun, r)) p.push(`${h}: state.json lastRun is not the report of the run that just ended`);
    if (ho.lastStatus !== `${r.status}\n`) p.push(`${h}: last-sync-status is ${JSON.stringify(ho.lastStatus)}, the run ended ${r.status}`);
    if (r.status === 'conflicts-preserved' && (!isHostBranch(h, r.conflicts?.branch) || !isHostBranch(h, st?.conflicts?.branch))) {
      p.push(`${h}: conflicts-preserved without the host branch in the report and state (${JSON.stringify(r.conflicts)})`);
    }
    if (r.status === 'success' && st?.conflicts !== undefined) p.push(`${h}: success but state.json still lists conflicts`);
    // A submodule out of step never syncs: a run that says success must have had none.
    if (r.status === 'success' && driver.person?.submoduleOutOfStep?.(h) === true) p.push(`${h}: success, but its submodule's checkout is not what its line records`);
    if (r.status === 'success' && driver.person?.cloneInsideShown?.(h) === true) p.push(`${h}: success, but a repository cloned inside its source dir does not sync`);

    const kept = new Set(r.keptLocal.map((abs) => relToHome(h, abs)));
    for (const k of kept) hc.everKept.add(k);
    const main = obs.remote.get(px.trunk) ?? new Map<string, string>();
    // A file whose name is not UTF-8 is never committed (the run names it): its tokens stay in HOME and the source dir.
    for (const t of ledger.live().filter((x) => x.author === h && !personal.has(x.token) && !x.file.includes('\\x'))) {
      if (kept.has(targetOf(t.file)) && filesHave(ho.home, t.token)) continue;
      if (orphaned(h, t, obs)) continue;
      const onMain = remoteHas(obs, px.trunk, t.token);
      const onBranch = hostBranchHas(obs, h, t.token);
      if (r.status === 'success' && !onMain) p.push(`${h}: success, but its ${describeToken(t)} is not on the trunk`);
      if (r.status === 'conflicts-preserved' && hc.net === 'online' && !onMain && !onBranch) p.push(`${h}: conflicts preserved, but its ${describeToken(t)} is neither on the trunk nor on any sync/${h}* branch`);
      if (['fetch-failed', 'push-failed', 'auth-failed'].includes(r.status) && !onMain && !onBranch && !(await ho.localTokens()).has(t.token)) {
        p.push(`${h}: ${r.status}, but its ${describeToken(t)} is not committed locally`);
      }
    }
    if (r.status === 'success') {
      for (const [file, text] of main) {
        if (!isModelFile(file) || kept.has(targetOf(file))) continue;
        if (ho.home.get(targetOf(file)) !== text) p.push(`${h}: success, but HOME/${targetOf(file)} differs from the trunk's ${file}`);
      }
      const src = [...ho.source].filter(([f]) => isModelFile(f));
      const mainFiles = [...main].filter(([f]) => isModelFile(f));
      if (!isDeepStrictEqual(new Map(src), new Map(mainFiles))) p.push(`${h}: success, but the source dir's files differ from the trunk`);
    }
    return p;
  };

  const concurrentChecks = (h: string, outs: readonly SyncOutcome[], obs: Observation): string[] => {
    const p: string[] = [];
    // Either order is fine; the lock serialises them (the second waits, or ends `locked`).
    const allowed = [...ALLOWED[c(h).net], 'locked'];
    for (const o of outs) {
      count(o);
      if (refused(h, o)) continue;
      if (person?.hostileUrls.has(h) === true && !(o.kind === 'report' && o.report.status === 'locked')) p.push(`${h}: one of two concurrent syncs with a hostile URL on origin was not refused by name: ${statusOf(o)}`);
      else if (o.kind === 'error') p.push(`${h}: one of two concurrent syncs failed: ${errLine(o.error)}`);
      else if (!allowed.includes(o.report.status)) p.push(`${h}: a concurrent sync ended ${o.report.status}`);
    }
    if (outs.every((o) => o.kind === 'report' && o.report.status === 'locked')) p.push(`${h}: both concurrent syncs ended locked`);
    c(h).killed = false;
    const reports = outs.flatMap((o) => (o.kind === 'report' ? [o.report] : []));
    const st = JSON.parse(where(obs, h).stateJson ?? 'null') as { lastRun?: SyncReport } | null;
    const last = reports.find((r) => isDeepStrictEqual(r, st?.lastRun));
    if (last !== undefined) c(h).last = last;
    else if (reports.length > 0) p.push(`${h}: state.json lastRun is neither concurrent run's report`);
    return p;
  };

  /** An edit the other tool made: it replaced what the trunk had in that slot. */
  const recordOther = (token: string, e: OtherEdit | undefined): void => {
    if (e === undefined) return;
    ledger.supersede(e.old, token);
    ledger.write(token, 'other', e.file, e.slot);
  };

  /** Edits slot `slot` of file number `fileIx` on host `h` (in HOME or the source dir); a note for the log. */
  const edit = (h: string, where: Where, fileIx: number, slotIx: number, contend: boolean, own = false): string => editIn(h, where, fileIx, slotIx, contend, own) ?? '(no file to edit)';
  /** The model (a person) writes a file: HOME writes are theirs, not the tools'. A watcher on the host sees it. */
  const write = (h: string, where: Where, file: string, text: string): void => {
    driver.write(h, where, file, text);
    if (where === 'home') guard.wrote(h, targetOf(file), text);
    watchers.get(h)?.change();
  };
  /** `own`: an edit on a person's own branch — the token it replaces stays live (it is still the trunk's). */
  const editIn = (h: string, where: Where, fileIx: number, slotIx: number, contend: boolean, own: boolean): string | undefined => {
    const files = driver.managed(h).filter((f) => where === 'source' || driver.read(h, 'home', f) !== undefined);
    if (files.length === 0) return undefined;
    let file = files[fileIx % files.length] as string;
    let slot = slotIx;
    if (contend) {
      const t = ledger.latestBy((a) => a !== h && a !== 'seed');
      if (t !== undefined && files.includes(t.file)) ({ file, slot } = t);
    }
    const token = ledger.fresh(h);
    const r = setSlot(driver.read(h, where, file) ?? '', slot, token);
    if (r === undefined) return `(${file} has no slot ${slot})`;
    write(h, where, file, r.text);
    if (!own) ledger.supersede(r.old, token);
    ledger.write(token, h, file, slot);
    return `${where === 'home' ? `HOME/${targetOf(file)}` : file} s${slot}=${token} (was ${r.old})`;
  };

  /**
   * The person resolving: each conflicted file becomes the trunk's version with this host's live
   * edits (not its person's own) put back in their slots (the trunk's tokens there are replaced on purpose); a file the
   * trunk deleted stays deleted (this host's edits to it are given up on purpose).
   */
  const decide = async (h: string, paths: readonly string[]): Promise<void> => {
    const main = (await driver.observe()).remote.get(px.trunk) ?? new Map<string, string>();
    for (const p of paths) {
      // Not what is the person's own (committed on their branch): putting that back would be the
      // person publishing it, which the check "never published unasked" would blame on the sync.
      const mine = ledger.live().filter((t) => t.author === h && t.file === p && !personal.has(t.token));
      const trunk = main.get(p);
      if (trunk === undefined) {
        for (const t of mine) ledger.supersede(t.token, `resolve@${h}`);
        driver.removeSource(h, p);
        continue;
      }
      let text = trunk;
      for (const t of mine) {
        const r = setSlot(text, t.slot, t.token);
        if (r === undefined) continue;
        if (r.old !== t.token) ledger.supersede(r.old, `resolve@${h}`);
        text = r.text;
      }
      write(h, 'source', p, text);
    }
  };

  /** Whether this resolution of a preserved conflict is made by hand (every other one). */
  let resolutions = 0;
  /** Hosts whose preserved conflict the person resolved by hand in the heal, until their next sync. */
  const handResolved = new Set<string>();
  const handTurn = (): boolean => resolutions++ % 2 === 1;

  /**
   * The person settling a file kept local (edited in HOME and in the source dir): per slot the live
   * token wins (HOME's when both are), and HOME and source get the same merged text.
   */
  const mergeLocal = (h: string, file: string): string => {
    const home = driver.read(h, 'home', file);
    let text = driver.read(h, 'source', file);
    if (home === undefined || text === undefined) return '(gone)';
    stats.merges++;
    const homeTokens = tokensIn(home);
    homeTokens.forEach((ht, slot) => {
      const r = setSlot(text ?? '', slot, ht);
      if (r === undefined || r.old === ht) return;
      const homeLive = ledger.tokens.get(ht)?.supersededBy === undefined;
      const sourceLive = ledger.tokens.get(r.old)?.supersededBy === undefined;
      if (homeLive) {
        if (sourceLive) ledger.supersede(r.old, `merge@${h}`);
        text = r.text;
      } else if (!sourceLive) text = r.text;
    });
    write(h, 'source', file, text);
    write(h, 'home', file, text);
    return tokensIn(text).join(' ');
  };

  /** A new managed file of fresh tokens, in the source dir or in HOME + `chezmoi add`; `raw`: its name is not UTF-8. */
  const addFile = async (h: string, where: Where, raw: boolean): Promise<string> => {
    const n = ++ledger.files;
    const file = raw ? rawName(n) : `dot_n${n}`;
    const tokens = Array.from({ length: SLOTS }, () => ledger.fresh(h));
    write(h, where, file, slotFile(file, tokens));
    if (where === 'home') await driver.chezmoiAdd(h, file);
    tokens.forEach((t, i) => ledger.write(t, h, file, i));
    return file;
  };
  const person: PersonCtx | undefined =
    driver.person === undefined
      ? undefined
      : Object.assign(px, {
          person: driver.person,
          ledger,
          hostOf,
          personal,
          offTrunk,
          managed: (h: string) => driver.managed(h),
          note: (s: string) => note(s),
          edit: (h: string, w: Where, f: number, s: number, own: boolean) => editIn(h, w, f, s, false, own),
          addHome: (h: string) => addFile(h, 'home', true),
          read: (h: string, w: Where, f: string) => driver.read(h, w, f),
          write,
          secrets: new Map<string, Set<string>>(),
          hostileUrls: new Set<string>(),
          resolve: (h: string, paths: readonly string[]) => decide(h, paths),
        });

  type Post = (obs: Observation) => Promise<string[]> | string[];
  const none: Post = () => [];

  /** Runs one command; returns the checks to make on the world as it is afterwards. */
  const exec = async (cmd: Command): Promise<Post> => {
    switch (cmd.kind) {
      case 'edit':
        note(edit(hostOf(cmd.host), cmd.where, cmd.file, cmd.slot, cmd.contend));
        return none;
      case 'add':
        note(await addFile(hostOf(cmd.host), cmd.where, false));
        return none;
      case 'delete': {
        const h = hostOf(cmd.host);
        const files = driver.managed(h);
        if (files.length <= 1) {
          note('(keeps the last file)');
          return none;
        }
        const file = files[cmd.file % files.length] as string;
        // Deleting is a decision about what this host saw: its copies' tokens are retired on purpose.
        for (const t of [...tokensIn(driver.read(h, 'source', file) ?? ''), ...tokensIn(driver.read(h, 'home', file) ?? '')]) ledger.supersede(t, `delete@${h}`);
        driver.removeSource(h, file);
        watchers.get(h)?.change();
        note(file);
        return none;
      }
      case 'sync': {
        const h = hostOf(cmd.host);
        const o = await driver.sync(h);
        note(statusOf(o));
        return (obs) => afterSync(h, o, obs, ALLOWED[c(h).net]);
      }
      case 'tick': {
        clock.advance(cmd.ms);
        await Promise.all([...watchers.values()].map((w) => w.settled()));
        const done = fired.splice(0);
        note(done.length > 0 ? done.map((f) => `${f.h} synced: ${statusOf(f.o)}`).join('; ') : '(nothing due)');
        return () => done.flatMap((f) => f.problems);
      }
      case 'net': {
        const h = hostOf(cmd.host);
        driver.setNetwork(h, cmd.mode);
        c(h).net = cmd.mode;
        return none;
      }
      case 'kill': {
        const h = hostOf(cmd.host);
        stats.kills++;
        const k = await driver.kill(h, cmd.point);
        if (k.killed) {
          stats.killsLanded++;
          if (k.at.startsWith('in ')) stats.killsInTool++;
          c(h).killed = true;
          note(`killed ${k.at}`);
          // The person commits by hand before the next sync, not knowing a sync was cut short:
          // always after a kill inside a rebase (every other such point), and after one kill in five.
          const inRebase = k.at.endsWith('(rebase)') && cmd.point % 2 === 0;
          if (person === undefined || !(inRebase || cmd.point % 5 === 0)) return none;
          stats.handCommitsAfterKill++;
          if (inRebase) stats.handCommitsAfterRebaseKill++;
          return personStep({ kind: 'hand-commit', host: cmd.host, file: cmd.point % 16, slot: cmd.point % SLOTS }, person);
        }
        note(`finished first: ${statusOf(k.outcome)}`);
        return (obs) => afterSync(h, k.outcome, obs, ALLOWED[c(h).net]);
      }
      case 'concurrent': {
        const h = hostOf(cmd.host);
        stats.concurrent++;
        const outs = await driver.concurrent(h);
        note(outs.map(statusOf).join(' + '));
        return (obs) => concurrentChecks(h, outs, obs);
      }
      case 'race': {
        // The host has something to publish (else there is no push to race), then syncs.
        const h = hostOf(cmd.host);
        stats.races++;
        const mine = edit(h, 'home', cmd.file + 1, cmd.slot + 1, false);
        const token = ledger.fresh('other');
        const { outcome, raced } = await driver.syncWithRace(h, async () => {
          const e = await driver.otherEdit(cmd.file, cmd.slot, token);
          recordOther(token, e);
          return e;
        });
        if (raced) stats.racesHit++;
        note(`${mine}; ${raced ? `raced by ${token}` : 'no push to race'}: ${statusOf(outcome)}`);
        return (obs) => afterSync(h, outcome, obs, ALLOWED[c(h).net]);
      }
      case 'resolve': {
        const h = hostOf(cmd.host);
        const kept = (c(h).last?.keptLocal ?? []).map((abs) => relToHome(h, abs));
        const merged = kept.flatMap((target) => driver.managed(h).filter((f) => targetOf(f) === target)).map((f) => `${f}: ${mergeLocal(h, f)}`);
        if (c(h).last?.status !== 'conflicts-preserved') {
          note(merged.length > 0 ? `merged HOME and source: ${merged.join('; ')}` : '(no conflict to resolve)');
          return none;
        }
        stats.resolves++;
        // Every other time (where the driver's person can), by hand: a rebase of the person's own,
        // then a sync, which must settle it like the guided resolution does.
        const byHand = handTurn() ? driver.person?.resolveByHand : undefined;
        if (byHand !== undefined) {
          stats.resolvesByHand++;
          const done = await byHand(h, (paths) => decide(h, paths));
          const o = await driver.sync(h);
          note(`by hand: ${done.note}; then sync → ${statusOf(o)}`);
          return async (obs) => {
            const p = await afterSync(h, o, obs, ALLOWED[c(h).net]);
            const kept = o.kind === 'report' && o.report.status === 'conflicts-preserved' ? o.report.conflicts?.branch : undefined;
            if (done.finished && c(h).net === 'online' && kept === `sync/${h}`) p.push(`${h}: the conflict was resolved by hand, yet the sync still keeps ${kept}`);
            return p;
          };
        }
        const r = await driver.resolve(h, (paths) => decide(h, paths));
        if (r.kind === 'error' && refused(h, { kind: 'error', error: r.error, via: 'sdk' })) {
          note(`refused: ${r.error.message}`);
          return none;
        }
        if (r.kind === 'error') {
          note(`ERROR ${r.error.kind}`);
          return () => [`${h}: the guided resolution failed: ${errLine(r.error)}`];
        }
        note(r.kind === 'resolved' ? `resolved ${r.paths.join(', ')}: ${statusOf(r.sync)}` : `nothing to resolve${r.sync !== undefined ? `: ${statusOf(r.sync)}` : ''}`);
        const sync = r.sync;
        return sync === undefined ? none : (obs) => afterSync(h, sync, obs, ALLOWED[c(h).net]);
      }
      case 'other': {
        const token = ledger.fresh('other');
        const e = await driver.otherEdit(cmd.file, cmd.slot, token);
        recordOther(token, e);
        note(e === undefined ? '(no file)' : `${e.file} s${e.slot}=${token} (was ${e.old})`);
        return none;
      }
      default:
        return personCmd(cmd);
    }
  };
  const personCmd = async (cmd: PersonCommand): Promise<Post> => {
    stats.person[cmd.kind] = (stats.person[cmd.kind] ?? 0) + 1;
    if (person === undefined) {
      note('(no person in this driver)');
      return none;
    }
    return personStep(cmd, person);
  };
  /** What must hold after every step besides the step's own checks. */
  const always = async (obs: Observation): Promise<string[]> => {
    const p: string[] = [];
    for (const ho of obs.hosts) p.push(...stateProblems(ho));
    p.push(...(await lost(obs)));
    const replaced = await guard.check(obs, driver, (t) => ledger.tokens.get(t)?.supersededBy === undefined);
    p.push(...replaced);
    // A pasted token never leaves HOME: not into a source dir, not onto any branch of the remote.
    for (const [branch, files] of obs.remote) for (const [f, text] of files) if (text.includes(SECRET_LINE)) p.push(`the remote's ${branch} holds the pasted token in ${f}`);
    for (const ho of obs.hosts) for (const [f, text] of ho.source) if (text.includes(SECRET_LINE)) p.push(`${ho.name}: the source dir holds the pasted token in ${f}`);
    // A hostile remote URL is refused before any git or jj runs with it: its command never runs.
    if (driver.person?.hostileRan?.() === true) p.push('the command of a hostile remote URL ran');
    // A person's signing and hooks are theirs: a sync never asks either (they would fail unattended).
    if (driver.person?.signedUnattended?.() === true) p.push("a sync asked the person's commit signer or ran their commit hooks, without their shell");
    // A submodule's pointer changes only by the person's commit: never back to an older release.
    p.push(...(driver.person?.submoduleProblems?.() ?? []));
    if (px.trunk !== 'main' && obs.remote.has('main')) p.push(`the remote has a main branch again after its default branch was renamed to ${px.trunk}: the fleet is split`);
    for (const [t, kind] of personal) if (kind === 'own-branch' && remoteHas(obs, px.trunk, t)) p.push(`${describeToken(ledger.tokens.get(t) as TokenInfo)}, committed on a person's own branch, was published to the trunk unasked`);
    return p;
  };

  /** Whether `o` is a refusal the person acts on (queued until the step's checks are done). */
  const refused = (h: string, o: SyncOutcome): boolean => {
    const why = person === undefined ? undefined : refusal(person, h, o);
    if (why !== undefined && !pending.some(([x, y]) => x === h && y === why)) pending.push([h, why]);
    // What a refused run still kept local (it went on past what it refused) counts as kept.
    if (why !== undefined && o.kind === 'report') for (const k of o.report.keptLocal) c(h).everKept.add(relToHome(h, k));
    return why !== undefined;
  };
  /** The person acts on every queued refusal; true when there was any. */
  const followUps = async (): Promise<boolean> => {
    if (pending.length === 0 || person === undefined) return false;
    for (const [h, why] of pending.splice(0)) log.push(`person: ${await follow(person, h, why, () => driver.observe())}`);
    return true;
  };

  const note = (s: string): void => {
    log[log.length - 1] = `${log[log.length - 1] ?? ''} → ${s}`;
  };
  const statusOf = (o: SyncOutcome): string => (o.kind === 'report' ? o.report.status : `ERROR ${o.error.kind} ${o.error.message}`);

  guard.begin(await driver.observe());
  if (watchers.size > 0) {
    log.push(`watchers start on ${[...watchers.keys()].join(', ')}`);
    for (const w of watchers.values()) w.start();
    const post = await exec({ kind: 'tick', ms: 0 });
    const obs = await driver.observe();
    const problems = [...(await post(obs)), ...(await always(obs))];
    if (problems.length > 0) fail(problems);
    guard.begin(obs);
  }
  for (const cmd of commands) {
    ledger.step++;
    log.push(describeCommand(cmd, hosts));
    const post = await exec(cmd);
    const obs = await driver.observe();
    const problems = [...(await post(obs)), ...(await always(obs))];
    stats.steps++;
    if (problems.length > 0) fail(problems);
    guard.begin((await followUps()) ? await driver.observe() : obs);
  }

  for (const w of watchers.values()) await w.stop();

  // Heal: every host online; a person settles every conflict (a preserved one with the guided
  // resolution, a file kept local by merging HOME and source) until a whole round of syncs finds
  // none; then one more round — two rounds with no conflict pending — and everything must agree.
  ledger.step++;
  log.push('heal: every host online; settle conflicts until a round of syncs finds none; one more round');
  for (const h of hosts) {
    driver.setNetwork(h, 'online');
    c(h).net = 'online';
  }
  const settle = async (h: string): Promise<void> => {
    // The person renames a file whose name is not UTF-8, as `status` and the error say.
    if (person?.secrets.has(h) === true) {
      log.push(`heal: ${await follow(person, h, 'secret', () => driver.observe())}`);
      guard.begin(await driver.observe());
    }
    if (person !== undefined && driver.managed(h).some((f) => f.includes('\\x'))) {
      log.push(`heal: ${await follow(person, h, 'raw-name', () => driver.observe())}`);
      guard.begin(await driver.observe());
    }
    if (c(h).last?.status === 'conflicts-preserved') {
      stats.resolves++;
      const byHand = handTurn() ? driver.person?.resolveByHand : undefined;
      if (byHand !== undefined) {
        // The heal's next sync checks what it left; a conflict it did not settle is resolved again next round.
        stats.resolvesByHand++;
        const done = await byHand(h, (paths) => decide(h, paths));
        if (done.finished) handResolved.add(h);
        log.push(`heal: ${h} resolves by hand: ${done.note}`);
        guard.begin(await driver.observe());
        return;
      }
      const r = await driver.resolve(h, (paths) => decide(h, paths));
      if (r.kind === 'error' && refused(h, { kind: 'error', error: r.error, via: 'sdk' })) {
        log.push(`heal: resolve ${h} → refused: ${r.error.message}`);
        await followUps();
        guard.begin(await driver.observe());
        return;
      }
      if (r.kind === 'error') fail([`${h}: the guided resolution failed: ${errLine(r.error)}`]);
      log.push(`heal: resolve ${h} → ${r.kind === 'resolved' ? `resolved ${r.paths.join(', ')}: ${statusOf(r.sync)}` : r.kind}`);
      const sync = r.kind === 'error' ? undefined : r.sync;
      if (sync !== undefined) {
        const obs = await driver.observe();
        const problems = [...(await afterSync(h, sync, obs, ALLOWED.online)), ...(await always(obs))];
        if (problems.length > 0) fail(problems);
        guard.begin(obs);
      }
    }
    for (const target of (c(h).last?.keptLocal ?? []).map((abs) => relToHome(h, abs))) {
      const file = driver.managed(h).find((f) => targetOf(f) === target);
      if (file !== undefined) log.push(`heal: merge HOME and source of ${h}'s ${file} → ${mergeLocal(h, file)}`);
    }
  };
  /** A sync of the heal; a refusal the person acts on is followed by another sync. */
  const healSync = async (h: string): Promise<SyncReport> => {
    for (let attempt = 1; ; attempt++) {
      const o = await driver.sync(h);
      log.push(`heal: sync ${h} → ${statusOf(o)}${o.kind === 'report' && o.report.keptLocal.length > 0 ? ` (kept local: ${o.report.keptLocal.map((t) => relToHome(h, t)).join(', ')})` : ''}`);
      const obs = await driver.observe();
      const problems = [...(await afterSync(h, o, obs, ALLOWED.online)), ...(await always(obs))];
      // A conflict the person resolved by hand is settled by the sync that follows, as a guided one is.
      const kept = o.kind === 'report' && o.report.status === 'conflicts-preserved' ? o.report.conflicts?.branch : undefined;
      if (handResolved.delete(h) && kept === `sync/${h}`) problems.push(`${h}: the conflict was resolved by hand, yet the sync still keeps ${kept}`);
      if (problems.length > 0) fail(problems);
      if (await followUps()) {
        if (attempt > 3) fail([`${h}: still refused after the person followed ${attempt} times`]);
        guard.begin(await driver.observe());
        continue;
      }
      if (o.kind !== 'report') fail([`${h}: sync failed: ${errLine(o.error)}`]);
      guard.begin(obs);
      return (o as Extract<SyncOutcome, { kind: 'report' }>).report;
    }
  };
  const unsettled = (r: SyncReport): boolean => r.status === 'conflicts-preserved' || r.keptLocal.length > 0;
  let rounds = 0;
  for (let clean = false; !clean; ) {
    if (++rounds > hosts.length + 2) fail([`liveness: conflicts still arise after ${rounds - 1} rounds of settling and syncing`]);
    for (const h of hosts) await settle(h);
    clean = true;
    for (const h of hosts) if (unsettled(await healSync(h))) clean = false;
  }
  for (const h of hosts.slice(0, -1)) if (unsettled(await healSync(h))) fail([`liveness: ${h} found a conflict in the second round after a clean one`]);

  // Liveness and the end-to-end "nothing lost": every host has the trunk, every live edit is on it.
  const obs = await driver.observe();
  const problems: string[] = [];
  for (const ho of obs.hosts) problems.push(...stateProblems(ho));
  const main = obs.remote.get(px.trunk) ?? new Map<string, string>();
  const mainFiles = new Map([...main].filter(([f]) => isModelFile(f)));
  for (const ho of obs.hosts) {
    for (const [file, text] of mainFiles) if (ho.home.get(targetOf(file)) !== text) problems.push(`liveness: ${ho.name}'s HOME/${targetOf(file)} differs from the trunk after two clean rounds`);
    if (!isDeepStrictEqual(new Map([...ho.source].filter(([f]) => isModelFile(f))), mainFiles)) problems.push(`liveness: ${ho.name}'s source dir differs from the trunk after two clean rounds`);
  }
  for (const t of ledger.live()) {
    if (personal.has(t.token)) {
      if (!(await where(obs, t.author).localTokens()).has(t.token)) problems.push(`after healing, ${describeToken(t)}, the person's (${personal.get(t.token)}), is in no commit of ${t.author}'s repository`);
    } else if (!remoteHas(obs, px.trunk, t.token) && !orphaned(t.author, t, obs)) problems.push(`after healing, ${describeToken(t)} is not on the trunk`);
  }
  if (problems.length > 0) fail(problems);
  stats.settleRounds += rounds;
  stats.homeReplaced += guard.replaced;
  stats.sequences++;
  stats.ms += Date.now() - started;
};
