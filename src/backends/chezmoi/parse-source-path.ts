import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';

/**
 * Reads `chezmoi source-path` (no arguments): one absolute path and a newline. The path is
 * kept byte for byte (spaces included); only the final newline is dropped.
 */
export const parseSourcePath = (stdout: string): Result<string, ParseError> => {
  const path = stdout.endsWith('\n') ? stdout.slice(0, -1) : stdout;
  if (!path.startsWith('/') || path.includes('\n')) {
    return err(parseError('`chezmoi source-path` did not print one absolute path', stdout));
  }
  return ok(path);
};
