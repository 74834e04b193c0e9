// `git ls-tree -r -z --full-tree COMMIT -- PATHS`: `<mode> <type> <object>\t<path>\0` per entry. Pure.
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';

/** Path → blob id of the regular files and symlinks listed (submodules have no blob). */
export const parseLsTree = (stdout: string): Result<ReadonlyMap<string, string>, ParseError> => {
  const out = new Map<string, string>();
  for (const entry of stdout.split('\0')) {
    if (entry.length === 0) continue;
    const m = /^(\d{6}) (\w+) ([0-9a-f]{40,64})\t([\s\S]+)$/.exec(entry);
    if (m === null) return err(parseError('unexpected git ls-tree output', stdout));
    if (m[2] === 'blob') out.set(m[4] ?? '', m[3] ?? '');
  }
  return ok(out);
};
