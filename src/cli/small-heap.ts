// V8's heap held small for the CLI's own process while it syncs: the young generation at the size
// it has when the sync starts, the old generation collected once it doubled since the last time.
//
// V8 doubles the young generation (up to 2 × 16 MB) once enough objects have survived in it; a
// sync of 10,000 files keeps ~20 MB of names, hashes and fingerprints, and peaked at ~115 MB
// resident where ~90 MB would do. With the young generation held, objects alive across a tool's
// run reach the old generation sooner, which V8 let grow here to about three times what was live at
// its last collection before collecting it again: a sync with edits at 10,000 files then peaked at
// ~107 MB; collected at twice, ~91 MB. (Measured: no change at 100 files; at 10,000 files one
// more old-generation collection in a no-op, ~+4 % CPU.) `--max-semi-space-size` only counts on
// node's command line (the units set it there); these two flags are read each time V8 would grow
// a space, so they can be set from here. Any V8 flag changed while node runs changes V8's flag
// hash, and compiled code made under another hash is rejected: node's own modules loaded
// afterwards would compile again (+10 to +28 ms of CPU per run, measured) and the code cache
// written at exit (code-cache.ts) would be rejected by the next run. So the builtins a sync loads
// are loaded first, and the flags are put back before anything is written at exit: a run then
// costs the same CPU as without.
//
// Only for the CLI (a library must not change its host's V8), only where the flags are known to
// exist (V8 11 to 13, node 20 to 24: an unknown flag makes V8 print an error line), and each flag
// only when node was not started with a setting of its own for it (the units' `NODE_OPTIONS` sets
// the semi-space). Under node 22 and 24 the 10,000-file no-op peaked at 121 and 130 MB without
// them, 93 and 101 MB with them; a 100-file no-op costs the same under node 24 and ~5 % more CPU
// under node 22 (more young collections), measured.
import 'node:child_process';
import 'node:timers/promises';
import 'node:tty';
import { setFlagsFromString } from 'node:v8';

/** Each flag set while a sync runs, with its default (put back at exit), and what node's own setting of it looks like. */
const FLAGS = [
  { hold: '--semi-space-growth-factor=1', back: '--semi-space-growth-factor=2', own: 'semi-space' },
  { hold: '--heap-growing-percent=100', back: '--heap-growing-percent=0', own: 'heap-growing' },
] as const;

/**
 * The flags to set: none but under V8 11 to 13, and none that node was given a setting of its own for
 * (the units' `NODE_OPTIONS=--max-semi-space-size=1`, a person's flag). Pure.
 */
export const heapFlags = (runtime: { readonly v8: string; readonly execArgv: readonly string[]; readonly nodeOptions: string | undefined }): (typeof FLAGS)[number][] => {
  if (!/^1[123]\./.test(runtime.v8)) return [];
  const given = [...runtime.execArgv, runtime.nodeOptions ?? ''];
  return FLAGS.filter((f) => !given.some((a) => a.includes(f.own)));
};

let held = false;

/** Holds the heap small until the process exits (once; see above). */
export const keepHeapSmall = (): void => {
  const flags = held ? [] : heapFlags({ v8: process.versions.v8, execArgv: process.execArgv, nodeOptions: process.env['NODE_OPTIONS'] });
  if (flags.length === 0) return;
  held = true;
  try {
    setFlagsFromString(flags.map((f) => f.hold).join(' '));
    // Before every other exit listener: the code cache is written by one of them.
    process.prependListener('exit', () => setFlagsFromString(flags.map((f) => f.back).join(' ')));
  } catch {
    // Only memory: a run without it is the same run.
  }
};
