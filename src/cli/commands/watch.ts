// `chezmoi-sync watch`: stays running; syncs (the same run as `sync`, through the same lock) when a
// managed file in HOME or a file in the source dir changes, and every --fetch-interval.
import { err, ok } from 'neverthrow';
import { fileWatcher } from '../../backends/fs/watch.js';
import type { SyncError } from '../../core/errors.js';
import type { SyncReport } from '../../core/sync/types.js';
import { formatDuration } from '../../core/watch/duration.js';
import { watchScheduler, type SyncOutcome, type SyncTrigger } from '../../core/watch/scheduler.js';
import { renderFailure } from '../errors.js';
import { progressRenderer } from '../output/progress.js';
import { summarize } from '../output/summary.js';
import { realClock } from '../wiring/process.js';
import { prepareSync } from './sync.js';
import type { CommandContext, CommandResult } from './types.js';
import { isWithin } from '../../core/util/paths.js';

/** Errors no retry can mend: the watcher ends, and systemd's restart policy takes over. */
const FATAL: ReadonlySet<SyncError['kind']> = new Set(['not-a-repo', 'tool-missing', 'tool-too-old', 'invalid-input']);

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

export const runWatch = async (ctx: CommandContext): CommandResult => {
  const v = ctx.config.values;
  const prepared = await prepareSync(v);
  if (prepared.isErr()) return err(prepared.error);
  const { wired, sync } = prepared.value;
  const out = ctx.out;
  // One line per sync (journald adds the time); the steps only with --verbose.
  const say = (text: string, problem: boolean): void => {
    if (problem) out.problem(text);
    else if (out.json) out.note(text);
    else if (!out.quiet) out.line(text);
  };

  let fatal: SyncError | undefined;
  let syncs = 0;
  let announced = false;
  /** HOME files that changed while a sync ran: the sync's own writes, or an edit saved mid-run. */
  const seenDuringRun = new Set<string>();
  const watcher = fileWatcher((path) => {
    if (scheduler.busy()) seenDuringRun.add(path);
    scheduler.change();
  });

  /** Watches what the run left: the managed set and the source dir may have changed. */
  const refresh = async (report: SyncReport): Promise<void> => {
    const managed = await wired.adapters.chezmoi.managed();
    if (managed.isErr()) return say(`watch: could not list the managed files: ${renderFailure(managed.error).line}`, true);
    await watcher.update({ targets: managed.value.map((m) => m.target), sourceDir: report.sourceDir });
    if (!announced) say(`watching ${watcher.size()} directories for ${managed.value.length} managed targets (debounce ${formatDuration(v.debounce)}, fetch every ${formatDuration(v.fetchInterval)})`, false);
    announced = true;
  };

  const runOnce = async (why: SyncTrigger): Promise<SyncOutcome> => {
    syncs += 1;
    seenDuringRun.clear();
    const progress = out.verbose ? progressRenderer(out) : undefined;
    const result = await sync(progress?.onEvent ?? (() => undefined));
    progress?.done();
    if (result.isErr()) {
      // A fatal error is said once, by the dispatcher, as the process ends.
      if (FATAL.has(result.error.kind)) {
        fatal = result.error;
        return 'fatal';
      }
      say(`${why}: ${renderFailure(result.error).line}`, true);
      return 'done';
    }
    const { report, fleet } = result.value;
    // This host's fleet record, as after `sync`: a failure is a warning, never the watcher's end.
    if (fleet.isErr()) say(`warning: this host's fleet record was not published: ${fleet.error.message}`, true);
    if (report.status !== 'locked') await refresh(report);
    // Said once the watch set is current: from here on, a change is a new edit.
    say(`${why}: ${summarize(report)}`, report.status !== 'success');
    if (report.status === 'locked') return 'busy';
    // A HOME file the run did not write changed while it ran: saved after capture read it, so sync
    // again (source-dir changes mid-run are the run's own: re-add, rebase, template patches).
    const wrote = new Set(report.applied);
    return [...seenDuringRun].some((p) => !isWithin(report.sourceDir, p) && !wrote.has(p)) ? 'changed' : 'done';
  };

  const scheduler = watchScheduler(
    realClock,
    { debounceMs: v.debounce, fetchIntervalMs: v.fetchInterval, retryMs: v.debounce },
    runOnce,
  );
  const onSignal = (): void => void scheduler.stop();
  for (const s of SIGNALS) process.on(s, onSignal);
  scheduler.start();
  const how = await scheduler.ended;
  for (const s of SIGNALS) process.off(s, onSignal);
  watcher.close();
  if (how === 'fatal' && fatal !== undefined) return err(fatal);
  return ok({ exitCode: 0, data: { syncs, stopped: how } });
};
