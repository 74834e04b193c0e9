import type { Version } from '../tool-version.js';

/**
 * The oldest jj this backend runs. 0.46 is what the tests run; the features it leans on and
 * (as far as the changelogs tell) when they came: `json()` in templates (0.31),
 * `rebase --onto` (-o) and `--skip-emptied`, `Commit.conflicted_files()`, `jj diff -T`, and
 * `git clone`/`init` colocated by default (0.34). Older versions are not tested, so not accepted.
 */
export const MIN_JJ: { readonly version: Version; readonly text: string } = { version: [0, 46, 0], text: '0.46.0' };

/** jj 0.46 runs `git` for fetch and push and needs `--porcelain` options that came with git 2.42. */
export const MIN_GIT: { readonly version: Version; readonly text: string } = { version: [2, 42, 0], text: '2.42.0' };
