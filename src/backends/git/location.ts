// Where an opened repository lives: the top of its work tree and the git-dir files the state
// checks read, both from one `git rev-parse` at open. Neither can change while it is open, so
// the checks before each mutating command look at files and spawn nothing for them.
import { resolve } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';
import * as cmd from './commands.js';

export type StateFile = (typeof cmd.STATE_FILES)[number];
export type RefFile = (typeof cmd.REF_FILES)[number];
const LOCATED = [...cmd.STATE_FILES, ...cmd.REF_FILES] as const;

export interface GitLocation {
  readonly root: string;
  /** Absolute path of each state and ref file (present or not). */
  readonly paths: Readonly<Record<StateFile | RefFile, string>>;
}

/** The command that locates a repository from any directory inside it. */
export const locateCommand = () => cmd.locate(LOCATED);

/**
 * Parses `locateCommand()`'s output, run in `cwd` (its physical path, as git sees it): the last
 * lines are the git-dir paths relative to `cwd`, everything before them the top — which may itself
 * hold newlines (a directory named so). Pure.
 */
export const parseLocation = (stdout: string, cwd: string): Result<GitLocation, ParseError> => {
  const lines = stdout.replace(/\n$/, '').split('\n');
  const rel = lines.slice(-LOCATED.length);
  const root = lines.slice(0, -LOCATED.length).join('\n');
  // A relative path that does not end in its name (or a missing top) would be misread: refused.
  if (lines.length <= LOCATED.length || !root.startsWith('/') || rel.some((p, i) => p !== LOCATED[i] && !p.endsWith(`/${LOCATED[i] ?? ''}`))) {
    return err(parseError(`git rev-parse printed ${lines.length} line(s) where the top and ${LOCATED.length} git-dir paths were expected`, stdout));
  }
  const paths = Object.fromEntries(LOCATED.map((name, i) => [name, resolve(cwd, rel[i] ?? '')])) as Record<StateFile | RefFile, string>;
  return ok({ root, paths });
};
