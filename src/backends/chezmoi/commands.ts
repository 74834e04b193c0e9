// Every chezmoi invocation as data: argv only, built from validated values. Values are
// always joined to their flag (`--source=DIR`) and paths follow `--`, so no value can ever
// be read as an option. Nothing here spawns a process.

/** Where chezmoi looks: each one given explicitly when known (no hidden inputs). */
export interface ChezmoiLocation {
  readonly source?: string;
  readonly destination?: string;
  readonly config?: string;
}

/** Flags on every call: never prompt, never page, never colour, never refresh externals. */
export const globalArgs = (loc: ChezmoiLocation): readonly string[] => [
  '--no-tty',
  '--no-pager',
  '--color=off',
  // Externals are never applied by a sync; "never" keeps chezmoi off the network once cached.
  '--refresh-externals=never',
  ...(loc.source !== undefined ? [`--source=${loc.source}`] : []),
  ...(loc.destination !== undefined ? [`--destination=${loc.destination}`] : []),
  ...(loc.config !== undefined ? [`--config=${loc.config}`] : []),
];

const paths = (list: readonly string[]): readonly string[] => (list.length > 0 ? ['--', ...list] : []);

/** `chezmoi --version`: the only version output chezmoi has. */
export const versionArgs = (): readonly string[] => ['--version'];

/** `chezmoi source-path`: the source directory (below `.chezmoiroot` when there is one). */
export const sourcePathArgs = (): readonly string[] => ['source-path'];

/**
 * `chezmoi managed` as JSON with absolute and source paths; `targets` narrows it (a target
 * that is not managed simply drops out).
 */
export const managedArgs = (targets: readonly string[] = []): readonly string[] => [
  'managed',
  '--path-style=all',
  '--format=json',
  '--exclude=externals',
  ...paths(targets),
];

/** `chezmoi status` with absolute paths; `targets` narrows it (non-recursively). */
export const statusArgs = (targets: readonly string[] = []): readonly string[] => [
  'status',
  '--path-style=absolute',
  '--exclude=externals',
  ...(targets.length > 0 ? ['--recursive=false'] : []),
  ...paths(targets),
];

/** `chezmoi status` over what `re-add` could touch: files and symlinks, no scripts. */
export const reAddStatusArgs = (): readonly string[] => [
  'status',
  '--path-style=absolute',
  '--include=files,symlinks',
  '--exclude=externals,scripts',
];

/** `chezmoi cat` of one target: what `apply` would write (templates rendered, files decrypted). */
export const catArgs = (target: string): readonly string[] => ['cat', '--', target];

/**
 * `chezmoi execute-template` reading the template from stdin: with no template argument it
 * reads stdin, so template text never becomes an argument (it could start with `-`).
 */
export const executeTemplateArgs = (): readonly string[] => ['execute-template'];

/** chezmoi's record of what it last wrote (the base of `status`'s first column). */
export const entryStateArgs = (): readonly string[] => ['state', 'get-bucket', '--bucket=entryState', '--format=json'];

/** `chezmoi re-add` of exactly these targets (never a directory's whole subtree). */
export const reAddArgs = (targets: readonly string[]): readonly string[] => ['re-add', '--recursive=false', ...paths(targets)];

/**
 * `chezmoi add` of managed targets whose source is a plain file (no template, encryption,
 * create_, modify_ or symlink_: `isPlainSource`): for those it writes what `re-add` writes —
 * the same source name (attributes from the file's mode), contents and entry state (checked
 * with chezmoi 2.73) — without chezmoi's own secret scan, which compiles its rules on every run
 * (~0.2 s; chezmoi-sync's guard scanned the files already) — unless the person's config asks
 * chezmoi to refuse secrets (`secrets: 'error'`, re-add.ts). Every option that `add` reads
 * from chezmoi's config is pinned, so a person's `[add]` settings cannot make it encrypt,
 * template, follow links or prompt.
 */
export const addPlainArgs = (targets: readonly string[], secrets: 'ignore' | 'error' = 'ignore'): readonly string[] => [
  'add',
  `--secrets=${secrets}`,
  '--encrypt=false',
  '--template=false',
  '--autotemplate=false',
  '--create=false',
  '--follow=false',
  '--exact=false',
  '--prompt=false',
  '--recursive=false',
  ...paths(targets),
];

/**
 * `chezmoi apply` of exactly these targets: no recursion into directories (each target was
 * checked on its own), parents created, one refusal does not stop the others, a HOME edit
 * makes chezmoi fail instead of prompting, scripts and externals excluded unless asked.
 * Never `--force`.
 */
export const applyArgs = (targets: readonly string[], scripts: boolean, o: { readonly force?: boolean } = {}): readonly string[] => [
  'apply',
  '--recursive=false',
  '--parent-dirs',
  '--keep-going',
  // `--force` only for targets whose HOME content the source holds (a merge: ApplyOptions.merged).
  o.force === true ? '--force' : '--error-on-conflict',
  `--exclude=${scripts ? 'externals' : 'scripts,externals'}`,
  ...paths(targets),
];
