import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';

/** A dotted version, compared numerically part by part. */
export type Version = readonly [number, number, number];

/** `jj 0.46.0`, `jj 0.46.0-abcdef` (dev builds), `git version 2.55.0`, `git version 2.39.3 (Apple Git-145)`. */
export const parseToolVersion = (stdout: string, tool: string): Result<{ text: string; version: Version }, ParseError> => {
  const m = new RegExp(`^${tool}(?: version)? v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?`, 'm').exec(stdout.trim());
  if (m === null) return err(parseError(`could not read the ${tool} version`, stdout));
  const version: Version = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return ok({ text: version.join('.'), version });
};

/** Negative when a < b, zero when equal, positive when a > b. */
export const compareVersions = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
