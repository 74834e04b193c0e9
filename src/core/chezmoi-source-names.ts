// chezmoi's source-state naming (`dot_`, `private_`, `.tmpl`, `encrypted_`, …) as pure
// functions, the one decoder of source names: the chezmoi adapter reads attributes from
// `managed` output, the in-memory fake derives its targets from them, and the secret guard
// judges a source file by its target's name. Rules: https://www.chezmoi.io/reference/source-state-attributes/

/** What a source file becomes in the destination. */
export type SourceFileKind = 'file' | 'create' | 'modify' | 'remove' | 'script' | 'symlink';

/** The attributes encoded in one source file name. */
export interface SourceFileName {
  /** The target's base name (`dot_bashrc` → `.bashrc`). */
  readonly target: string;
  readonly kind: SourceFileKind;
  readonly template: boolean;
  readonly encrypted: boolean;
  readonly private: boolean;
  readonly executable: boolean;
}

/** The attributes encoded in one source directory name. */
export interface SourceDirName {
  readonly target: string;
  readonly exact: boolean;
  readonly remove: boolean;
  readonly external: boolean;
}

// Prefixes in the order chezmoi accepts them, per kind (first prefix decides the kind).
const FILE_PREFIXES: Readonly<Record<SourceFileKind, readonly string[]>> = {
  file: ['encrypted_', 'private_', 'readonly_', 'empty_', 'executable_', 'dot_'],
  create: ['encrypted_', 'private_', 'readonly_', 'empty_', 'executable_', 'dot_'],
  modify: ['encrypted_', 'private_', 'readonly_', 'executable_', 'dot_'],
  remove: ['dot_'],
  script: ['once_', 'onchange_', 'before_', 'after_'],
  symlink: ['dot_'],
};
const KIND_PREFIX: readonly (readonly [string, SourceFileKind])[] = [
  ['create_', 'create'],
  ['modify_', 'modify'],
  ['remove_', 'remove'],
  ['run_', 'script'],
  ['symlink_', 'symlink'],
];
const DIR_PREFIXES = ['remove_', 'external_', 'exact_', 'private_', 'readonly_', 'dot_'] as const;

/** Strips `prefixes` in order; `literal_` stops prefix parsing. Returns the rest and what was seen. */
const stripPrefixes = (name: string, prefixes: readonly string[]): { rest: string; seen: Set<string> } => {
  let rest = name;
  const seen = new Set<string>();
  for (const p of prefixes) {
    if (rest.startsWith('literal_')) return { rest: rest.slice('literal_'.length), seen };
    if (p === 'dot_') continue; // handled last: it turns into "."
    if (rest.startsWith(p)) {
      seen.add(p);
      rest = rest.slice(p.length);
    }
  }
  if (rest.startsWith('literal_')) return { rest: rest.slice('literal_'.length), seen };
  if (prefixes.includes('dot_') && rest.startsWith('dot_')) {
    seen.add('dot_');
    rest = `.${rest.slice('dot_'.length)}`;
  }
  return { rest, seen };
};

/** True for source entries chezmoi never turns into targets (`.git`, `.chezmoiignore`, `.keep`, …). */
export const isIgnoredSourceName = (name: string): boolean => name.startsWith('.');

/**
 * Parses a source file's base name, or undefined for names chezmoi ignores.
 * @example parseSourceFileName('private_dot_bashrc.tmpl') // { target: '.bashrc', kind: 'file', template: true, … }
 */
export const parseSourceFileName = (name: string): SourceFileName | undefined => {
  if (name.length === 0 || isIgnoredSourceName(name)) return undefined;
  let kind: SourceFileKind = 'file';
  let rest = name;
  if (!rest.startsWith('literal_')) {
    for (const [prefix, k] of KIND_PREFIX) {
      if (rest.startsWith(prefix)) {
        kind = k;
        rest = rest.slice(prefix.length);
        break;
      }
    }
  }
  const stripped = stripPrefixes(rest, FILE_PREFIXES[kind]);
  rest = stripped.rest;
  const encrypted = stripped.seen.has('encrypted_');
  // Encrypted files carry the encryption's suffix (age: .age, gpg: .asc) after `.tmpl`.
  if (encrypted) rest = rest.replace(/\.(age|asc)$/, '');
  let template = false;
  if (rest.endsWith('.literal')) rest = rest.slice(0, -'.literal'.length);
  else if (rest.endsWith('.tmpl')) {
    template = true;
    rest = rest.slice(0, -'.tmpl'.length);
  }
  if (rest.length === 0) return undefined;
  return {
    target: rest,
    kind,
    template,
    encrypted,
    private: stripped.seen.has('private_'),
    executable: stripped.seen.has('executable_'),
  };
};

/** Parses a source directory's base name, or undefined for names chezmoi ignores. */
export const parseSourceDirName = (name: string): SourceDirName | undefined => {
  if (name.length === 0 || isIgnoredSourceName(name)) return undefined;
  const { rest, seen } = stripPrefixes(name, DIR_PREFIXES);
  if (rest.length === 0) return undefined;
  return { target: rest, exact: seen.has('exact_'), remove: seen.has('remove_'), external: seen.has('external_') };
};
