// `chezmoi-sync conflicts` (and `chezmoi-show-conflicts`): which files conflict, where this
// host's side is kept, and exactly what to do next.
import { err, ok } from 'neverthrow';
import { when } from '../output/time.js';
import { readStateView } from '../state-file.js';
import { openRepo } from '../wiring/open-repo.js';
import { legendLines, markerLegend } from './marker-legend.js';
import type { CommandContext, CommandResult } from './types.js';

/** The next steps, as argv lists (also in the --json document). */
export const NEXT_STEPS: readonly { readonly argv: readonly string[]; readonly why: string }[] = [
  { argv: ['chezmoi-sync', 'resolve'], why: "puts this host's work on top of trunk, with conflict markers in the files" },
  { argv: ['$EDITOR', '<each file above>'], why: 'keep what you want, delete the markers' },
  { argv: ['chezmoi-sync', 'resolve', '--continue'], why: 'checks no markers remain, publishes to trunk, deletes the host branch, applies' },
  { argv: ['chezmoi-sync', 'resolve', '--abort'], why: 'instead: go back to where resolve started (nothing is lost)' },
];

export const runConflicts = async (ctx: CommandContext): CommandResult => {
  const { out } = ctx;
  const v = ctx.config.values;
  const stateR = await readStateView(v.stateDir);
  if (stateR.isErr()) return err(stateR.error);
  const recorded = stateR.value.state?.conflicts;

  const opened = await openRepo(v);
  if (opened.isErr()) return err(opened.error);
  const { vcs, sourceDir, trunk } = opened.value;
  const hostBranch = recorded?.branch ?? `${v.branchPrefix}${v.host}`;
  const branches = await vcs.branches();
  if (branches.isErr()) return err(branches.error);
  const hb = branches.value.find((b) => b.name === hostBranch);
  const trunkInfo = branches.value.find((b) => b.name === trunk);
  // Markers in the working copy: a `resolve` in progress.
  const inProgress = await vcs.conflicts();
  if (inProgress.isErr()) return err(inProgress.error);

  const paths = recorded?.paths ?? [];
  const targets = paths.length > 0 ? await opened.value.adapters.chezmoi.targetPaths(paths) : undefined;
  const homePaths = targets?.isOk() === true ? targets.value : [];

  const data = {
    sourceDir,
    host: v.host,
    conflicts:
      recorded !== undefined
        ? {
            paths,
            targets: homePaths,
            since: recorded.since,
            branch: hostBranch,
            hostBranch: { local: hb?.target ?? null, remote: hb?.remoteTargets[v.remote] ?? null },
            trunk: { remote: v.remote, branch: trunk, head: trunkInfo?.remoteTargets[v.remote] ?? null },
          }
        : null,
    unresolvedInWorkingCopy: inProgress.value,
    // With a resolution under way, starting one is no longer a next step.
    next: inProgress.value.length > 0 ? NEXT_STEPS.slice(1) : recorded !== undefined ? NEXT_STEPS : [],
    markers: markerLegend(vcs.kind, v.markerStyle),
  };

  const s = out.style;
  const legend = (): void => {
    for (const l of legendLines(data.markers)) out.line(s.dim(l));
  };
  if (inProgress.value.length > 0) {
    out.line(`${s.yellow('resolution in progress')}: markers remain in ${inProgress.value.join(', ')} (in ${sourceDir})`);
    out.line('  edit them, then: chezmoi-sync resolve --continue   (or --abort)');
    if (recorded === undefined) legend();
  }
  if (recorded === undefined) {
    if (inProgress.value.length === 0) out.line('no preserved conflicts: every sync integrated cleanly');
    return ok({ exitCode: 0, data });
  }
  out.line(`${s.bold('conflicting files')} (since ${when(recorded.since)}):`);
  paths.forEach((p, i) => out.line(`  ${p}${homePaths[i] !== undefined ? `  →  ${homePaths[i]}` : ''}`));
  const remoteSide = hb?.remoteTargets[v.remote];
  out.line(`${s.bold("this host's side")}  ${v.remote}/${hostBranch}${remoteSide !== undefined ? ` (${remoteSide.slice(0, 12)})` : ' (not pushed yet: kept locally, the next sync pushes it)'}`);
  out.line(`${s.bold("trunk's side")}      ${v.remote}/${trunk}${trunkInfo?.remoteTargets[v.remote] !== undefined ? ` (${(trunkInfo.remoteTargets[v.remote] ?? '').slice(0, 12)})` : ''}`);
  out.line(`Your HOME still has this host's version; nothing was overwritten.`);
  out.line(s.bold('what to do next:'));
  data.next.forEach((n, i) => out.line(`  ${i + 1}. ${n.argv.join(' ').padEnd(36)} ${s.dim(n.why)}`));
  legend();
  out.line(`Until then each sync keeps this host's work safe on ${hostBranch} and tries again.`);
  return ok({ exitCode: 0, data });
};
