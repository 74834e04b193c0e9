// `git --version` → a comparable version. Pure.
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';

/** major, minor, patch. */
export type GitVersion = readonly [number, number, number];

/** `git version 2.55.0`, `git version 2.39.3 (Apple Git-145)`, `git version 2.45.1.windows.1`. */
export const parseGitVersion = (stdout: string): Result<{ text: string; version: GitVersion }, ParseError> => {
  const m = /^git version (\d+)\.(\d+)(?:\.(\d+))?/m.exec(stdout.trim());
  if (m === null) return err(parseError('could not read the git version', stdout));
  const version: GitVersion = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return ok({ text: version.join('.'), version });
};

/** Negative when a < b, zero when equal, positive when a > b. */
export const compareGitVersions = (a: GitVersion, b: GitVersion): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
