// `chezmoi-sync status` (and `chezmoi-status`): the last sync, what waits to be pushed or
// integrated, preserved conflicts, uncommitted and uncaptured edits, and recent history —
// all from state.json and the VCS/chezmoi ports, never from human tool output.
import { err, ok } from 'neverthrow';
import { nodeFs } from '../../backends/fs/node-fs.js';
import { resolveLockPath, resolveSessionPath } from '../../core/sync/repository.js';
import { liveHolder, type LockHolder } from '../../core/sync/lock.js';
import { isAlive } from '../wiring/process.js';
import type { CommitInfo, Vcs } from '../../core/vcs.js';
import { usage } from '../errors.js';
import { summarize } from '../output/summary.js';
import { when } from '../output/time.js';
import { parseCount, readStateView } from '../state-file.js';
import { fleetSummary } from '../../core/fleet/view.js';
import { fleetStoreAt } from '../wiring/fleet.js';
import { openRepo } from '../wiring/open-repo.js';
import { describeSizes } from '../output/sizes.js';
import { homeStatus } from '../output/home-status.js';
import type { CommandContext, CommandResult } from './types.js';
import type { Chezmoi } from '../../core/chezmoi.js';
import { isPlainFile } from '../../core/sync/capture.js';

const short = (c: CommitInfo): string => `${c.id.slice(0, 12)}  ${c.description.split('\n')[0] ?? ''}`;

/** The sync holding the lock, else what a killed one left half-done (nothing when neither can be read). */
const runningOrInterrupted = async (vcs: Vcs, sourceDir: string, host: string): Promise<{ running?: LockHolder; interrupted: readonly string[] }> => {
  const lockPath = await resolveLockPath(nodeFs, sourceDir);
  const holder = lockPath.isOk() ? (await liveHolder({ fs: nodeFs, isAlive, now: () => new Date() }, lockPath.value, host)).unwrapOr(undefined) : undefined;
  if (holder !== undefined) return { running: holder, interrupted: [] };
  const left = vcs.interrupted !== undefined ? await vcs.interrupted() : undefined;
  return { interrupted: left?.unwrapOr([]) ?? [] };
};

/**
 * HOME edits a sync does not capture: a managed symlink retargeted in HOME, or a plain file whose
 * content still is the source's (its mode changed: `chmod -x` of an `executable_` file). Shown as
 * such, not as "captured by the next sync". One `managed` and a hash of each such pair.
 */
const notCaptured = async (chezmoi: Chezmoi, edits: readonly string[]): Promise<ReadonlySet<string>> => {
  if (edits.length === 0) return new Set();
  const managed = await chezmoi.managed();
  if (managed.isErr()) return new Set();
  const byTarget = new Map(managed.value.map((m) => [m.target, m]));
  const out = new Set<string>();
  for (const t of edits) {
    const m = byTarget.get(t);
    if (m?.type === 'symlink') out.add(t);
    else if (m !== undefined && isPlainFile(m)) {
      const [home, source] = await Promise.all([nodeFs.hash(t), nodeFs.hash(m.source)]);
      if (home.isOk() && source.isOk() && home.value !== undefined && home.value === source.value) out.add(t);
    }
  }
  return out;
};

export const runStatus = async (ctx: CommandContext): CommandResult => {
  const { out } = ctx;
  const v = ctx.config.values;
  const limit = parseCount(ctx.invocation.flags['limit'], 5);
  if (limit === undefined) return err(usage(`--limit must be a positive whole number (got ${JSON.stringify(ctx.invocation.flags['limit'])})`));

  const stateR = await readStateView(v.stateDir);
  if (stateR.isErr()) return err(stateR.error);
  const { state, corrupt, path: statePath } = stateR.value;

  const opened = await openRepo(v);
  if (opened.isErr()) return err(opened.error);
  const { vcs, sourceDir, trunk } = opened.value;
  // A sync running now, or what a killed one left half-done (the next sync puts it back).
  const run = await runningOrInterrupted(vcs, sourceDir, v.host);

  const wc = await vcs.status();
  if (wc.isErr()) return err(wc.error);
  const div = await vcs.divergence(v.remote, trunk);
  if (div.isErr()) return err(div.error);
  const history = await vcs.log(limit);
  if (history.isErr()) return err(history.error);
  const branches = await vcs.branches();
  if (branches.isErr()) return err(branches.error);
  // HOME edits chezmoi sees but no sync captured yet; a chezmoi problem is shown, not fatal.
  // Targets held back because they run code are left out: `chezmoi status` would run them.
  const home = await homeStatus(opened.value.adapters.chezmoi, state?.held ?? []);
  const homeEdits = home.isOk() ? home.value.filter((e) => e.lastWritten !== ' ').map((e) => e.target) : [];
  const uncaptured = await notCaptured(opened.value.adapters.chezmoi, homeEdits);

  const sizes = vcs.sizes !== undefined ? await vcs.sizes() : undefined;
  // The fleet as last fetched (one local git process, no network).
  const fleet = await fleetStoreAt(v, vcs.root, vcs.kind === 'jj', trunk).andThen((store) => store.list());

  const session = await nodeFs.probe(resolveSessionPath(vcs.root));
  const resolving = session.isOk() && session.value !== 'missing';
  const hostBranch = `${v.branchPrefix}${v.host}`;
  const hb = branches.value.find((b) => b.name === hostBranch);
  const last = state?.lastRun;

  const s = out.style;
  if (last !== undefined) {
    out.line(`${s.bold('last sync')}     ${last.status}, ${when(last.startedAt)}`);
    out.line(`              ${summarize(last)}`);
  } else {
    out.line(`${s.bold('last sync')}     none recorded${corrupt ? ` (${statePath} is unreadable)` : ''}`);
  }
  out.line(`${s.bold('repository')}    ${sourceDir} (${vcs.kind}, trunk ${v.remote}/${trunk})`);
  const ahead = div.value.ahead;
  out.line(`${s.bold('to push')}       ${ahead.length === 0 ? 'nothing' : `${ahead.length} commit(s)`}`);
  for (const c of ahead) out.line(`                ${short(c)}`);
  out.line(`${s.bold('incoming')}      ${div.value.behind.length === 0 ? 'nothing (as of the last fetch)' : `${div.value.behind.length} commit(s) fetched, not yet integrated`}`);
  const conflicts = state?.conflicts;
  if (conflicts !== undefined) {
    out.line(`${s.bold('conflicts')}     ${s.yellow(conflicts.paths.join(', '))} — kept on ${conflicts.branch} since ${when(conflicts.since)}; run chezmoi-sync conflicts`);
  } else {
    out.line(`${s.bold('conflicts')}     none`);
  }
  const held = state?.held ?? [];
  if (held.length > 0) {
    out.line(`${s.bold('held back')}     ${s.yellow(held.map((h) => `${h.target} (${h.reason})`).join(', '))} — incoming, not applied because applying runs code; run chezmoi-sync apply`);
  }
  if (run.running !== undefined) out.line(`${s.bold('running')}       a sync is running (pid ${run.running.pid}, since ${when(run.running.startedAt)})`);
  else if (run.interrupted.length > 0) {
    out.line(`${s.bold('interrupted')}   ${s.yellow(`a sync was stopped half-way and left ${run.interrupted.join(', ')}`)}: the next sync puts it back`);
  }
  if (resolving) out.line(`${s.bold('resolving')}     ${s.yellow('a guided resolution is in progress')}: edit the files, then chezmoi-sync resolve --continue (or --abort)`);
  out.line(`${s.bold('uncommitted')}   ${wc.value.changes.length === 0 ? 'nothing' : wc.value.changes.map((c) => `${c.path} (${c.kind})`).join(', ')}`);
  if (home.isErr()) out.line(`${s.bold('HOME edits')}    unknown: ${home.error.message}`);
  else {
    // What the last sync kept local (edited here and in the source on the same lines, or held by a
    // preserved conflict) stays so until a person brings the two together: the next sync will not capture it.
    const keptBefore = new Set(last?.keptLocal ?? []);
    const kept = homeEdits.filter((t) => keptBefore.has(t));
    const next = homeEdits.filter((t) => !keptBefore.has(t) && !uncaptured.has(t));
    const parts = [
      ...(next.length > 0 ? [`${next.join(', ')} (captured by the next sync)`] : []),
      ...(uncaptured.size > 0 ? [s.yellow(`${[...uncaptured].join(', ')} (not synced: a symlink's target or a file's mode changed in HOME; change it in the source dir — the symlink_ file's text, the executable_ or private_ prefix — and sync)`)] : []),
      ...(kept.length > 0 ? [s.yellow(`${kept.join(', ')} (kept local by the last sync: HOME and the source both changed; make them agree — edit one, then \`chezmoi re-add\` or \`chezmoi apply --force\` the file — and sync)`)] : []),
    ];
    out.line(`${s.bold('HOME edits')}    ${parts.length === 0 ? 'none' : parts.join('; ')}`);
  }
  if (sizes?.isOk() === true) out.line(`${s.bold('size')}          ${describeSizes(sizes.value)}`);
  out.line(`${s.bold('fleet')}         ${fleet.isOk() ? `${fleetSummary(fleet.value)} (as of the last fetch; chezmoi-sync fleet)` : `unknown: ${fleet.error.message}`}`);
  out.line(s.bold('history'));
  for (const c of history.value) out.line(`  ${short(c)}  ${s.dim(c.author.timestamp)}`);

  return ok({
    exitCode: 0,
    data: {
      sourceDir,
      backend: vcs.kind,
      host: v.host,
      trunk: { remote: v.remote, branch: trunk },
      lastRun: last ?? null,
      stateFile: { path: statePath, corrupt },
      pendingPushes: ahead,
      incoming: div.value.behind.length,
      conflicts: conflicts ?? null,
      held,
      resolving,
      running: run.running ?? null,
      interrupted: run.interrupted,
      hostBranch: hb !== undefined ? { name: hb.name, local: hb.target ?? null, remote: hb.remoteTargets[v.remote] ?? null } : null,
      workingCopy: wc.value.changes,
      homeEdits: home.isOk() ? homeEdits : null,
      homeEditsNotSynced: [...uncaptured],
      history: history.value,
      sizes: sizes?.isOk() === true ? sizes.value : null,
      fleet: fleet.isOk() ? { summary: fleetSummary(fleet.value), hosts: fleet.value.records.length } : null,
    },
  });
};
