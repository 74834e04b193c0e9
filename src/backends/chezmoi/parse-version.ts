import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';

/** The oldest chezmoi we support: `--error-on-conflict` appeared in 2.71.0. */
export const MIN_CHEZMOI_VERSION = '2.71.0';

/**
 * Reads the version from `chezmoi --version` (its only form: there is no JSON for it).
 * @example parseVersion('chezmoi version v2.73.3-1, built at …') // ok('2.73.3')
 */
export const parseVersion = (stdout: string): Result<string, ParseError> => {
  const m = /^chezmoi version v?(\d+)\.(\d+)\.(\d+)/m.exec(stdout);
  if (m === null) return err(parseError('could not read the chezmoi version from `chezmoi --version`', stdout));
  return ok(`${m[1]}.${m[2]}.${m[3]}`);
};

/** Compares dotted numeric versions: negative when a < b. */
export const compareVersions = (a: string, b: string): number => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};
