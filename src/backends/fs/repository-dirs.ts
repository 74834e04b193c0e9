// The directories jj and git keep inside a source dir: their own data, never dotfiles. Walks of the
// source tree (non-UTF-8 names, the watcher, the remembered managed list) leave them out.
export const REPOSITORY_DIRS: ReadonlySet<string> = new Set(['.git', '.jj']);
