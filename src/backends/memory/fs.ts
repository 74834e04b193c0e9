/**
 * A tiny in-memory filesystem shared by the in-memory VCS and chezmoi fakes, so that a
 * test can edit "HOME" and "the source dir" and watch a sync move content between them.
 * Paths are absolute, `/`-separated; only regular files are modelled (directories are implied).
 *
 * @example
 * const fs = new MemoryFs();
 * fs.write('/home/me/.bashrc', 'export EDITOR=vi\n');
 */
export class MemoryFs {
  private readonly files = new Map<string, string>();

  read(path: string): string | undefined {
    return this.files.get(path);
  }

  write(path: string, content: string): void {
    this.files.set(path, content);
  }

  remove(path: string): boolean {
    return this.files.delete(path);
  }

  exists(path: string): boolean {
    return this.files.has(path);
  }

  /** Every file under `dir` (recursive), as absolute paths, sorted. */
  list(dir: string): string[] {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    return [...this.files.keys()].filter((p) => p.startsWith(prefix)).sort();
  }

  /** Every file under `dir` as a map of path relative to `dir` → content. */
  snapshot(dir: string): Map<string, string> {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    const out = new Map<string, string>();
    for (const p of this.list(dir)) out.set(p.slice(prefix.length), this.files.get(p) ?? '');
    return out;
  }
}
