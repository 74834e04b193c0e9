// Path lists git prints with `-z` (`diff --name-only -z`, `ls-files -z`): NUL-separated, no quoting. Pure.

/** The paths of a NUL-separated list, in order (empty entries dropped). */
export const parseNulPaths = (stdout: string): string[] => stdout.split('\0').filter((p) => p !== '');
