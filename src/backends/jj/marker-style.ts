// The conflict markers jj writes into files (`ui.conflict-marker-style`).

/**
 * `git`: `<<<<<<<` / `|||||||` / `=======` / `>>>>>>>`, as git's diff3 style — what most people
 * know. `diff` (jj's default): `%%%%%%%` a diff to apply, `+++++++` a side's text. `snapshot`:
 * every side in full. jj reads back markers of any style, whichever one wrote them.
 */
export type ConflictMarkerStyle = 'git' | 'diff' | 'snapshot';

export const MARKER_STYLES: readonly ConflictMarkerStyle[] = ['git', 'diff', 'snapshot'];

/** The `--config` value that selects it (jj parses `--config` values as TOML). */
export const markerStyleConfig = (style: ConflictMarkerStyle): string => `--config=ui.conflict-marker-style="${style}"`;
