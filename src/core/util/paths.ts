// Plain path facts on absolute, normalised paths (no file system, no `..` resolution).

/** True when `p` is `dir` itself or lies under it. @example isWithin('/a/b', '/a/b/c') // true */
export const isWithin = (dir: string, p: string): boolean => p === dir || p.startsWith(`${dir}/`);

/** `p` relative to `root` when it lies under it, else `p` unchanged. @example relativeTo('/src', '/src/dot_a') // 'dot_a' */
export const relativeTo = (root: string, p: string): string => (p.startsWith(`${root}/`) ? p.slice(root.length + 1) : p);
