// A line that holds a conflicted commit (jj records conflicts in commits: a commit made on top of a
// conflicted one, a rebase a person ran): jj will not push any of it, and capturing into it would
// have chezmoi overwrite the markers with HOME's copy. The run refuses before it changes anything
// and names what a person has to resolve; it never resolves a conflict for them.
import { unsafeState, type UnsafeStateError } from '../errors.js';
import type { ConflictedLineCommit } from '../vcs.js';

/** How a person finds the commit: jj shows change ids by their shortest unique prefix; 12 is plenty. */
const shortChange = (c: ConflictedLineCommit): string => c.changeId.slice(0, 12);

/**
 * The refusal (pure). `commits` oldest first: the first is where the conflict arose, the one a fix
 * is folded into.
 *
 * @example conflictedLine([{ id: 'ab…', changeId: 'kxyz…', summary: 'by hand', paths: ['dot_bashrc'] }], '/src').state // "conflicted-line"
 */
export const conflictedLine = (commits: readonly ConflictedLineCommit[], root: string): UnsafeStateError => {
  const paths = [...new Set(commits.flatMap((c) => c.paths))].sort();
  const named = commits.map((c) => `${shortChange(c)}${c.summary !== '' ? ` "${c.summary}"` : ''}`).join(', ');
  const first = commits[0] !== undefined ? shortChange(commits[0]) : '@';
  return {
    ...unsafeState(
      'conflicted-line',
      `${root} holds ${commits.length === 1 ? 'a commit' : `${commits.length} commits`} with unresolved conflicts in ${paths.join(', ')} (${named}): jj will not publish ${commits.length === 1 ? 'it' : 'them'}, so nothing was captured, applied or published`,
    ),
    hint: `resolve the conflict where it arose: \`jj new ${first}\`, edit out the markers (or \`jj resolve\`), \`jj squash\`; a fix already committed on top goes in with \`jj squash --from FIX --into ${first}\`. Then sync: your edits and HOME's are all kept until then`,
  };
};
