// `git log -z --format=%x01%H --name-only …`: per commit `\x01<id>\0`, a newline, then `<path>\0`
// for each file. Pure.
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';
import type { OutgoingFile } from '../../core/vcs.js';

export const OUTGOING_FORMAT = '%x01%H';

export const parseOutgoing = (stdout: string): Result<OutgoingFile[], ParseError> => {
  const out: OutgoingFile[] = [];
  for (const record of stdout.split('\u0001')) {
    if (record.length === 0) continue;
    const [commit = '', ...rest] = record.split('\0');
    if (!/^[0-9a-f]{40,64}$/.test(commit)) return err(parseError('unexpected git log output', stdout));
    for (const raw of rest) {
      const path = raw.replace(/^\n/, '');
      if (path.length > 0) out.push({ commit, path });
    }
  }
  return ok(out);
};
