// V8's heap held small for the CLI's own process while it syncs: the young generation at the size
// it has when the sync starts, the old generation collected once it doubled since the last time.
//
// V8 doubles the young generation (up to 2 × 16 MB) once enough objects have survived in it; a
// sync of 10,000 files keeps ~20 MB of names, hashes and fingerprints, and peaked at ~115 MB
// resident where ~90 MB would do. With the young generation held, objects alive across a tool's
// run reach the old generation sooner, which V8 let grow here to about three times what was live at
// its last collection before collecting it again: a sync with edits at 10,000 files then peaked at
// ~107 MB; collected at twice, ~91 MB. (Measured: no change at 100 files; at 10,000 files one
// more old-generation collection in a no-op, ~+3 % CPU.) `--max-semi-space-size` only counts on
// node's command line (the units set it there); these two flags are read each time V8 would grow
// a space, so they can be set from here. Any V8 flag changed while node runs changes V8's flag
// hash, and compiled code made under another hash is rejected: node's own modules loaded
// afterwards would compile again (+10 to +28 ms of CPU per run, measured) and the code cache
// written at exit (code-cache.ts) would be rejected by the next run. So the builtins a sync loads
// are loaded first, and the flags are put back before anything is written at exit: a run then
// costs the same CPU as without.
//
// Only for the CLI (a library must not change its host's V8), only where the flags are known
// (V8 11, node 20/21: an unknown flag makes V8 print an error line), never when node was
// started with a semi-space setting of its own (the units' `NODE_OPTIONS`).
import 'node:child_process';
import 'node:timers/promises';
import 'node:tty';
import { setFlagsFromString } from 'node:v8';

const HOLD = '--semi-space-growth-factor=1 --heap-growing-percent=100';
const DEFAULT = '--semi-space-growth-factor=2 --heap-growing-percent=0';

/** Whether to keep the heap small: V8 11, and node given no semi-space or heap-growing flag of its own. Pure. */
export const keepsHeapSmall = (runtime: { readonly v8: string; readonly execArgv: readonly string[]; readonly nodeOptions: string | undefined }): boolean =>
  /^11\./.test(runtime.v8) && ![...runtime.execArgv, runtime.nodeOptions ?? ''].some((a) => a.includes('semi-space') || a.includes('heap-growing'));

let held = false;

/** Holds the heap small until the process exits (once; see above). */
export const keepHeapSmall = (): void => {
  if (held || !keepsHeapSmall({ v8: process.versions.v8, execArgv: process.execArgv, nodeOptions: process.env['NODE_OPTIONS'] })) return;
  held = true;
  try {
    setFlagsFromString(HOLD);
    // Before every other exit listener: the code cache is written by one of them.
    process.prependListener('exit', () => setFlagsFromString(DEFAULT));
  } catch {
    // Only memory: a run without it is the same run.
  }
};
