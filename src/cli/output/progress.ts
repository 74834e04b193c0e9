// Renders the engine's SyncEvents. On a terminal: a live line for the steps in progress,
// replaced by one line per finished step. Elsewhere (journald, pipes, --json): one plain
// line per finished step, no colour, no cursor movement.
import type { SyncEvent, SyncStep } from '../../core/sync/types.js';
import type { Output } from './output.js';

const MARK = { ok: '✓', skipped: '–', degraded: '!', failed: '✗' } as const;

/** Returns the event handler and a function that clears any live line at the end. */
export const progressRenderer = (out: Output): { onEvent: (e: SyncEvent) => void; done: () => void } => {
  const pending: SyncStep[] = [];
  let liveShown = false;
  const s = out.style;

  const clearLive = (): void => {
    if (liveShown) out.log.write('\r\u001b[2K');
    liveShown = false;
  };
  const showLive = (): void => {
    if (!out.live || out.quiet || pending.length === 0) return;
    out.log.write(s.dim(`… ${pending.join(', ')}`));
    liveShown = true;
  };

  const onEvent = (e: SyncEvent): void => {
    if (e.type === 'step-started') {
      if (!pending.includes(e.step)) pending.push(e.step);
      if (out.live) {
        clearLive();
        showLive();
      } else if (out.verbose && !out.quiet) {
        out.log.write(`${e.step}: started\n`);
      }
      return;
    }
    if (e.type === 'info') {
      clearLive();
      out.note(out.live ? s.dim(`  ${e.message}`) : `note: ${e.message}`);
      showLive();
      return;
    }
    const i = pending.indexOf(e.step);
    if (i >= 0) pending.splice(i, 1);
    clearLive();
    // A failed step is also the error the handler prints; repeat it only with --verbose.
    const shown = e.outcome === 'failed' ? out.verbose : !out.quiet || e.outcome === 'degraded';
    if (shown) {
      if (out.live) {
        const colour = e.outcome === 'ok' ? s.green : e.outcome === 'skipped' ? s.dim : e.outcome === 'degraded' ? s.yellow : s.red;
        out.log.write(`${colour(MARK[e.outcome])} ${s.bold(e.step.padEnd(10))} ${e.detail}\n`);
      } else {
        out.log.write(`${e.step}: ${e.outcome}: ${e.detail}\n`);
      }
    }
    showLive();
  };
  return { onEvent, done: clearLive };
};
