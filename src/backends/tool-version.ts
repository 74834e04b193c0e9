// The one reader of `<tool> --version` for every backend (jj, git, chezmoi), and the one comparison. Pure.
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../core/errors.js';

/** major, minor, patch. */
export type Version = readonly [number, number, number];

/** A tool's version as read and as compared. */
export interface ParsedVersion {
  readonly text: string;
  readonly version: Version;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads `jj 0.46.0`, `jj 0.46.0-abcdef` (dev builds), `git version 2.55.0`,
 * `git version 2.39.3 (Apple Git-145)`, `git version 2.45.1.windows.1`,
 * `chezmoi version v2.73.3-1, built at …`: the tool's name first, then a dotted version.
 * @example parseToolVersion('git version 2.39.3 (Apple Git-145)\n', 'git') // ok({ text: '2.39.3', version: [2, 39, 3] })
 */
export const parseToolVersion = (stdout: string, tool: string): Result<ParsedVersion, ParseError> => {
  const m = new RegExp(`^${escape(tool)}(?: version)? v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?`, 'm').exec(stdout.trim());
  if (m === null) return err(parseError(`could not read the ${tool} version from \`${tool} --version\``, stdout));
  const version: Version = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return ok({ text: version.join('.'), version });
};

const parts = (v: Version | string): readonly number[] => (typeof v === 'string' ? v.split('.').map(Number) : v);

/** Negative when a < b, zero when equal, positive when a > b; dotted text (`2.71`) compares like its parts. */
export const compareVersions = (a: Version | string, b: Version | string): number => {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};
