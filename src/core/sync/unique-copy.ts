// Apply never destroys a unique copy. Before apply overwrites a HOME file, its current content
// must be stored in the repository: equal to what HOME and the source last agreed on (a record
// that belongs to this line: that content is in one of its commits), to the source as this run
// committed it (the line's head before integration), or to what apply would write (nothing
// changes). Anything else may exist nowhere but in HOME: it is kept, and reported kept-local.

/** Pure: true when overwriting a HOME file whose content hashes to `home` could lose it. */
export const overwriteLoses = (home: string | undefined, stored: readonly (string | undefined)[]): boolean =>
  home !== undefined && !stored.includes(home);

/**
 * Pure: whether the guard can judge a target. It can when the record knows the target, or when the
 * record was set aside because the line changed (then nothing recorded is trusted). With no record
 * ever made (a first run, a run killed before it saved one) it cannot: chezmoi's own check — apply
 * never writes over a HOME file changed since chezmoi last wrote it — is what protects HOME then.
 */
export const guardApplies = (recorded: string | undefined, recordLeftLine: boolean): boolean => recorded !== undefined || recordLeftLine;

/**
 * Pure: per target, the source content that is committed once capture is done — every file when
 * capture commits, else only files without uncommitted changes.
 * @example committedSources([{ target: '/h/.a', sourceHash: 'x', sourceDirty: false, homeHash: 'y', recorded: undefined }], false) // Map { '/h/.a' => 'x' }
 */
export const committedSources = (
  inputs: readonly { target: string; sourceHash: string | undefined; sourceDirty: boolean }[],
  commits: boolean,
): ReadonlyMap<string, string> =>
  new Map(inputs.flatMap((i) => (i.sourceHash !== undefined && (commits || !i.sourceDirty) ? [[i.target, i.sourceHash] as const] : [])));
