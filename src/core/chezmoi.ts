import type { ResultAsync } from 'neverthrow';
import type { SyncError } from './errors.js';

/** One file chezmoi manages. */
export interface ManagedFile {
  /** Absolute target path in the destination (HOME). */
  readonly target: string;
  /** Absolute path of the source state file, when chezmoi reports it. */
  readonly source?: string;
  readonly type: 'file' | 'dir' | 'symlink' | 'script' | 'remove' | 'other';
}

/** One line of `chezmoi status`: how the destination differs. */
export interface StatusEntry {
  /** Absolute target path. */
  readonly target: string;
  /**
   * First column: change since chezmoi last wrote the target (edited in HOME);
   * second column: what `apply` would do. ' ' = none, 'A' add, 'D' delete, 'M' modify, 'R' run.
   */
  readonly lastWritten: string;
  readonly apply: string;
}

export interface ReAddReport {
  /** Targets whose source file was updated from HOME. */
  readonly updated: readonly string[];
  /** Targets chezmoi cannot re-add (templates, encrypted files, …), with the reason. */
  readonly skipped: readonly { readonly target: string; readonly reason: string }[];
}

export interface ApplyReport {
  readonly applied: readonly string[];
  /** Targets left alone because HOME was edited since capture: both versions are kept. */
  readonly keptLocal: readonly string[];
}

export interface ApplyOptions {
  /** Absolute target paths to apply; never the whole tree implicitly. */
  readonly targets: readonly string[];
  /** Run `run_` scripts (off unless the user enables them). */
  readonly scripts?: boolean;
  /**
   * Per target, the sha256 (hex) of the content HOME and the source last agreed on (the synced
   * record). A target whose HOME is still a regular file with exactly that content is not a HOME
   * edit, and that content is in the repository: it may be written without asking chezmoi what it
   * last wrote there. A hint; an adapter may ignore it.
   */
  readonly agreed?: ReadonlyMap<string, string>;
  /**
   * Targets whose HOME edit the source now holds (merged with an edit made elsewhere), each with
   * the sha256 (hex) of the HOME content the merge was made from. Such a target is written over
   * HOME while HOME still holds exactly that content, although chezmoi did not write it (the one
   * case that forces: nothing of HOME is lost). With any other content, it is kept like any edit.
   */
  readonly merged?: ReadonlyMap<string, string>;
}

/**
 * The chezmoi port. Every method returns a `ResultAsync`; none prompts (`--no-tty`), none forces
 * (but `apply` over a HOME edit the source already holds: `ApplyOptions.merged`).
 *
 * @example
 * const cz = chezmoiCli({ destination: '/home/me' });
 * const src = await cz.sourcePath();
 * const report = await cz.reAdd();
 */
export interface Chezmoi {
  /** chezmoi's version, checked against the minimum (2.71). */
  version(): ResultAsync<string, SyncError>;
  /** The source directory (`chezmoi source-path`). */
  sourcePath(): ResultAsync<string, SyncError>;
  /** Managed targets with absolute paths. */
  managed(): ResultAsync<readonly ManagedFile[], SyncError>;
  /**
   * How HOME differs from the source state; only `targets` (absolute) when given — a target that
   * chezmoi cannot render (missing template data, no decryption key) then fails only its own query.
   */
  status(targets?: readonly string[]): ResultAsync<readonly StatusEntry[], SyncError>;
  /**
   * Copies HOME edits of managed plain files into the source dir: only `targets` (absolute)
   * when given — the engine decides which HOME edits are safe to capture — else all. `known`:
   * the `managed()` list read since the source dir last changed, so that an adapter need not
   * look the targets up again (it may ignore it).
   */
  reAdd(targets?: readonly string[], known?: readonly ManagedFile[]): ResultAsync<ReAddReport, SyncError>;
  /** Maps source-dir paths (relative to the source dir) to absolute target paths; non-targets drop out. */
  targetPaths(sourceRelative: readonly string[]): ResultAsync<readonly string[], SyncError>;
  /**
   * sha256 of what chezmoi last wrote (or re-added) to each target, from its state database;
   * undefined for a target chezmoi never wrote. The base a first sync compares HOME and source with.
   */
  lastWritten?(): ResultAsync<ReadonlyMap<string, string>, SyncError>;
  /** Applies selected targets, never over a HOME edit (kept and reported instead). */
  apply(options: ApplyOptions): ResultAsync<ApplyReport, SyncError>;
  /**
   * What `apply` would write to one file target (`chezmoi cat`): templates rendered with this
   * host's data, encrypted files decrypted. Fails for a target that is not a managed file.
   */
  cat(target: string): ResultAsync<string, SyncError>;
  /**
   * Renders template text as chezmoi does on this host: its config's data, `.chezmoitemplates`,
   * a `chezmoi:template:` delimiter line. The text is given on stdin, never as an argument; only
   * what depends on the template's own file (`.chezmoi.sourceFile`) differs from `cat`.
   */
  renderTemplate(text: string): ResultAsync<string, SyncError>;
}

export interface ChezmoiOptions {
  readonly binary?: string;
  /** `--source`; default: chezmoi's own config. */
  readonly source?: string;
  /** `--destination`; default: HOME. */
  readonly destination?: string;
  /** `--config` file. */
  readonly config?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
  /**
   * A directory where the adapter may keep what does not change between runs (tool versions, keyed
   * by the binary's path, size and mtime); unset: nothing is kept and every run asks again.
   */
  readonly cacheDir?: string;
}
