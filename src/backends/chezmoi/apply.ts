import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import type { ApplyOptions, ApplyReport } from '../../core/chezmoi.js';
import { commandFailed, type SyncError } from '../../core/errors.js';
import { applyArgs, entryStateArgs, statusArgs } from './commands.js';
import { classifyFailure } from './classify.js';
import { probeHome, type HomeState } from './home-probe.js';
import { parseEntryState, type EntryState } from './parse-entry-state.js';
import { parseStatus } from './parse-status.js';
import { managedEntries } from './managed.js';
import { allAgreed, mergingTargets, sortSuspects, sortUnapplied, triageApply } from './plan-apply.js';
import { execChezmoi, runChezmoi } from './runner.js';
import type { ChezmoiSettings } from './settings.js';

// chezmoi 2.73 `apply TARGET` with `--no-tty` over a target edited in HOME since chezmoi last
// wrote it: prompts on stdout, then fails (`chezmoi: .profile: EOF`, exit 1), HOME untouched.
// With `--error-on-conflict`: exit 1, HOME untouched, and nothing on stderr; with
// `--keep-going` the other targets are still applied (stderr `chezmoi: .bashrc: exit status 1`).
// A target deleted in HOME counts as edited (not recreated). A file in HOME that chezmoi never
// wrote is overwritten without a word — hence the check against the state database first.

const applyChecked = (settings: ChezmoiSettings, targets: readonly string[], scripts: boolean, kept: readonly string[]): ResultAsync<ApplyReport, SyncError> => {
  if (targets.length === 0) return okAsync({ applied: [], keptLocal: kept });
  return execChezmoi(settings, applyArgs(targets, scripts)).andThen((out) => {
    if (out.exitCode === 0) return okAsync({ applied: targets, keptLocal: kept });
    const failure = classifyFailure(out, out.argv, settings.statePath);
    // Which targets did chezmoi refuse? Ask status; HOME edited meanwhile means kept.
    return runChezmoi(settings, statusArgs(targets), parseStatus)
      .orElse(() => errAsync(failure))
      .andThen((status): ResultAsync<ApplyReport, SyncError> => {
        const s = sortUnapplied(targets, status);
        if (s.failed.length === 0 && s.keptLocal.length > 0) return okAsync({ applied: s.applied, keptLocal: [...kept, ...s.keptLocal] });
        if (s.failed.length === 0) return errAsync(failure);
        return errAsync(
          commandFailed(`chezmoi could not apply ${s.failed.join(', ')}: ${failure.message}`, {
            ...(failure.command !== undefined ? { command: failure.command } : {}),
            ...(failure.exitCode !== undefined ? { exitCode: failure.exitCode } : {}),
            ...(failure.stderr !== undefined ? { stderr: failure.stderr } : {}),
            hint: s.applied.length > 0 ? `applied: ${s.applied.join(', ')}; ${failure.hint ?? 'run `chezmoi apply` on the others by hand'}` : (failure.hint ?? 'run `chezmoi apply` on them by hand'),
          }),
        );
      });
  });
};

/**
 * Applies the selected targets, never over a HOME edit (a `modify_` target is applied: its
 * script merges into HOME). Processes: 0 for no targets; apply (1) alone when HOME holds, for
 * every target, the content it last agreed on with the source (`agreed`); else the state database
 * (1) + apply (1), plus `status` (1) when a target was edited in HOME or holds a file chezmoi
 * never wrote, plus `managed` (1) when status says such a target would change, plus `status` (1)
 * when apply failed.
 */
export const apply = (settings: ChezmoiSettings, options: ApplyOptions): ResultAsync<ApplyReport, SyncError> => {
  const all = [...new Set(options.targets)];
  const merged = options.merged;
  const toMerge = merged === undefined ? [] : all.filter((t) => merged.has(t));
  if (merged === undefined || toMerge.length === 0) return applyUnforced(settings, { ...options, targets: all });
  // HOME as the merge found it (read again now): written over with the merge, which holds it.
  return probeHome(toMerge).andThen((home) => {
    const forced = toMerge.filter((t) => {
      const h = home.get(t);
      return h !== undefined && h.kind === 'file' && h.sha256 === merged.get(t);
    });
    const rest = all.filter((t) => !forced.includes(t));
    const run = forced.length === 0 ? okAsync<ApplyReport, SyncError>({ applied: [], keptLocal: [] }) : applyForced(settings, forced, options.scripts === true);
    return run.andThen((f) => applyUnforced(settings, { ...options, targets: rest }).map((r) => ({ applied: [...f.applied, ...r.applied], keptLocal: [...f.keptLocal, ...r.keptLocal] })));
  });
};

const applyForced = (settings: ChezmoiSettings, targets: readonly string[], scripts: boolean): ResultAsync<ApplyReport, SyncError> =>
  execChezmoi(settings, applyArgs(targets, scripts, { force: true })).andThen((out) =>
    out.exitCode === 0 ? okAsync({ applied: targets, keptLocal: [] }) : errAsync(classifyFailure(out, out.argv, settings.statePath)),
  );

const applyUnforced = (settings: ChezmoiSettings, options: ApplyOptions): ResultAsync<ApplyReport, SyncError> => {
  const targets = options.targets;
  if (targets.length === 0) return okAsync({ applied: [], keptLocal: [] });
  const scripts = options.scripts === true;
  const agreed = options.agreed;
  const withRecord = (home: ResultAsync<ReadonlyMap<string, HomeState>, SyncError>): ResultAsync<ApplyReport, SyncError> =>
    ResultAsync.combine([runChezmoi(settings, entryStateArgs(), parseEntryState), home]).andThen(([recorded, probed]) => triaged(settings, targets, scripts, recorded, probed));
  // Some target never agreed: chezmoi's record is read beside the probe of HOME, as always.
  if (agreed === undefined || !targets.every((t) => agreed.has(t))) return withRecord(probeHome(targets));
  // HOME still holds, for every target, what it last agreed on with the source: nothing to ask chezmoi.
  return probeHome(targets).andThen((home) => (allAgreed(targets, home, agreed) ? applyChecked(settings, targets, scripts, []) : withRecord(okAsync(home))));
};

/** The targets split by what chezmoi last wrote, suspects settled with `status`, then applied. */
const triaged = (
  settings: ChezmoiSettings,
  targets: readonly string[],
  scripts: boolean,
  recorded: ReadonlyMap<string, EntryState>,
  home: ReadonlyMap<string, HomeState>,
): ResultAsync<ApplyReport, SyncError> => {
  const triage = triageApply(targets, recorded, home);
  if (triage.suspect.length === 0) return applyChecked(settings, triage.safe, scripts, []);
  return runChezmoi(settings, statusArgs(triage.suspect), parseStatus).andThen((status) => {
    const pending = status.filter((s) => s.apply !== ' ').map((s) => s.target);
    // Only when something would be kept: which of those does a `modify_` script produce?
    const merging = pending.length === 0 ? okAsync(new Set<string>()) : managedEntries(settings, pending).map(mergingTargets);
    return merging.andThen((m) => {
      const r = sortSuspects(triage.suspect, status, m);
      const chosen = new Set([...triage.safe, ...r.apply]);
      return applyChecked(settings, targets.filter((t) => chosen.has(t)), scripts, r.keptLocal);
    });
  });
};
