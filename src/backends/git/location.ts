// Where an opened repository lives: the top of its work tree and the git-dir files the state
// checks read, both from one `git rev-parse` at open. Neither can change while it is open, so
// the checks before each mutating command look at files and spawn nothing for them.
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';
import * as cmd from './commands.js';

export type StateFile = (typeof cmd.STATE_FILES)[number];

export interface GitLocation {
  readonly root: string;
  /** Absolute path of each state file (present or not). */
  readonly paths: Readonly<Record<StateFile, string>>;
}

/** The command that locates a repository from any directory inside it. */
export const locateCommand = () => cmd.locate(cmd.STATE_FILES);

/** Parses `locateCommand()`'s output: the top, then one path per state file. Pure. */
export const parseLocation = (stdout: string): Result<GitLocation, ParseError> => {
  const lines = stdout.replace(/\r?\n$/, '').split(/\r?\n/);
  const [root, ...rest] = lines;
  // A newline inside the path would shift every line: refused rather than misread.
  if (root === undefined || root === '' || rest.length !== cmd.STATE_FILES.length || rest.some((p, i) => !p.endsWith(`/${cmd.STATE_FILES[i] ?? ''}`))) {
    return err(parseError(`git rev-parse printed ${lines.length} line(s) where the top and ${cmd.STATE_FILES.length} git-dir paths were expected`, stdout));
  }
  const paths = Object.fromEntries(cmd.STATE_FILES.map((name, i) => [name, rest[i] ?? ''])) as Record<StateFile, string>;
  return ok({ root, paths });
};
