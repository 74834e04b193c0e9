// `git status --porcelain=v2 -z` → FileChange[]. Pure; paths arrive verbatim (NUL-separated).
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';
import type { ChangeKind, FileChange } from '../../core/vcs.js';

// Fields before the path: `1 XY sub mH mI mW hH hI`, `2 … Xscore`, `u XY sub m1 m2 m3 mW h1 h2 h3`.
const FIELDS: Readonly<Record<string, number>> = { '1': 8, '2': 9, u: 10 };

/** The change from HEAD to the working tree, which is what `add -A` + commit records. */
const kindOf = (xy: string): ChangeKind => {
  const [x = '.', y = '.'] = xy;
  if (x === 'A') return y === 'D' ? 'other' : 'added';
  if (x === 'D' || y === 'D') return 'deleted';
  if ('MT'.includes(x) || 'MT'.includes(y)) return 'modified';
  return 'other';
};

/** Splits off `n` space-separated fields; the rest (the path) may contain spaces. */
const splitFields = (entry: string, n: number): { fields: string[]; path: string } | undefined => {
  const fields: string[] = [];
  let rest = entry;
  for (let i = 0; i < n; i++) {
    const sp = rest.indexOf(' ');
    if (sp < 0) return undefined;
    fields.push(rest.slice(0, sp));
    rest = rest.slice(sp + 1);
  }
  return rest.length > 0 ? { fields, path: rest } : undefined;
};

/** The work tree as `git status` saw it: what a commit records, and the submodules set apart. */
export interface GitWorkTree {
  readonly changes: FileChange[];
  /**
   * Submodules whose checkout is not what the index holds, with nothing of it staged: another
   * commit checked out, files edited or added in it, its directory gone. Never changes: a sync
   * never stages a submodule (the person does, and then it is a change).
   */
  readonly submodules: string[];
  /**
   * Untracked git repositories inside the tree (`? path/`: with `--untracked-files=all` git lists
   * every untracked file but stops at a `.git` of another repository), without the slash. Never
   * changes: `add` would record them as a bare pointer.
   */
  readonly embedded: string[];
}

/**
 * Parses `git status --porcelain=v2 -z [--untracked-files=all] --ignore-submodules=none`.
 * Renamed entries (type 2) are `renamed` under the new path; unmerged entries (type u) are
 * `conflicted`; untracked are `added`. A submodule's entry (`S…` in its sub field) is a change
 * only for what is staged (`X`); what is not (`Y`) puts it among `submodules`. Ignored (`!`) and
 * header (`#`) entries are skipped.
 *
 * @example parseWorkTree('1 .M SC.. 160000 160000 160000 a a dot_zsh/plugin\0') // ok({ changes: [], submodules: ['dot_zsh/plugin'] })
 */
export const parseWorkTree = (stdout: string): Result<GitWorkTree, ParseError> => {
  const entries = stdout.split('\0');
  const out: FileChange[] = [];
  const submodules: string[] = [];
  const embedded: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? '';
    if (entry === '') continue;
    const type = entry[0] ?? '';
    if (type === '#' || type === '!') continue;
    if (type === '?') {
      if (entry.length < 3) return err(parseError('git status: an untracked entry without a path', stdout));
      if (entry.endsWith('/')) embedded.push(entry.slice(2, -1));
      else out.push({ path: entry.slice(2), kind: 'added' });
      continue;
    }
    const n = FIELDS[type];
    const parsed = n === undefined ? undefined : splitFields(entry, n);
    if (parsed === undefined) return err(parseError(`git status: unexpected entry ${JSON.stringify(entry.slice(0, 80))}`, stdout));
    const xy = parsed.fields[1] ?? '';
    if (type === '1' && (parsed.fields[2] ?? '').startsWith('S')) {
      if (xy[0] !== '.') out.push({ path: parsed.path, kind: kindOf(`${xy[0] ?? '.'}.`) });
      if (xy[1] !== '.') submodules.push(parsed.path);
    } else if (type === 'u') out.push({ path: parsed.path, kind: 'conflicted' });
    else if (type === '2') {
      i++; // the original path follows as its own NUL-terminated entry
      out.push({ path: parsed.path, kind: xy.startsWith('C') ? 'added' : 'renamed' });
    } else out.push({ path: parsed.path, kind: kindOf(xy) });
  }
  return ok({ changes: out, submodules, embedded });
};

/**
 * The changes alone (`parseWorkTree`): what `add -A` leaving out the submodules, and a commit, record.
 *
 * @example parseStatusV2('1 .M N... 100644 100644 100644 a b dot_bashrc\0') // ok([{ path: 'dot_bashrc', kind: 'modified' }])
 */
export const parseStatusV2 = (stdout: string): Result<FileChange[], ParseError> => parseWorkTree(stdout).map((w) => w.changes);
