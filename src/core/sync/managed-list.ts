// When chezmoi's managed list read earlier in a run still holds after the source dir changed:
// the set of targets follows from the source file *names* and chezmoi's special files
// (`.chezmoiignore`, `.chezmoiroot`, `.chezmoidata*`, `.chezmoiexternal*`, `.chezmoitemplates/`,
// `.chezmoi.<format>.tmpl`, …). Changed content of other existing files keeps it; anything else
// needs a fresh `chezmoi managed`.
import type { FileChange } from '../vcs.js';

const SPECIAL = /(^|\/)\.chezmoi/;

/**
 * True when `changes` leave the managed list as it was: only modified files, none of them special.
 * @example keepsManagedList([{ path: 'dot_bashrc', kind: 'modified' }]) // true
 * @example keepsManagedList([{ path: '.chezmoiignore', kind: 'modified' }]) // false
 */
export const keepsManagedList = (changes: readonly FileChange[]): boolean => changes.every((c) => c.kind === 'modified' && !SPECIAL.test(c.path));
