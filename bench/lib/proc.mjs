// Running processes for the bench: no shell, timed with a monotonic clock, output captured.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * @typedef {object} Ran
 * @property {number} ms       wall time of the whole process, in milliseconds
 * @property {number} status   exit code (-1 when killed by a signal)
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} startNs  wall-clock start (ns since the epoch), to line up with trace records
 */

/**
 * Runs `file args` and times it; never throws (a failed start is status -1).
 * @param {string} file
 * @param {readonly string[]} args
 * @param {{ env: Record<string, string>, cwd: string, input?: string, timeoutMs?: number }} opts
 * @returns {Ran}
 */
export const run = (file, args, opts) => {
  const startNs = epochNs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, [...args], {
    env: opts.env,
    cwd: opts.cwd,
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: opts.timeoutMs ?? 600_000,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const status = typeof r.status === 'number' ? r.status : -1;
  const stderr = (r.stderr ?? '') + (r.error !== undefined ? `\n${String(r.error)}` : '');
  return { ms, status, stdout: r.stdout ?? '', stderr, startNs };
};

/**
 * Like `run`, but a non-zero exit is a bench failure (setup steps must work).
 * @param {string} file
 * @param {readonly string[]} args
 * @param {{ env: Record<string, string>, cwd: string, input?: string }} opts
 * @returns {Ran}
 */
export const must = (file, args, opts) => {
  const r = run(file, args, opts);
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} (in ${opts.cwd}) exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return r;
};

/** Nanoseconds since the epoch, sub-millisecond (performance clock anchored at timeOrigin). */
export const epochNs = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));

/**
 * The first executable called `name` on `path` (like `command -v`), or undefined.
 * @param {string} name
 * @param {string} path
 */
export const which = (name, path) => {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
};
