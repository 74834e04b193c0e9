// The target path a chezmoi source path stands for, decoded in core (core imports no backend):
// name rules about secrets (`.env`, `id_ed25519`, `*.pem`) are rules about the target, and a
// 0600 `~/.env` is stored as `private_dot_env`. Rules: chezmoi's source-state attributes.

const DIR_ATTRS = ['remove_', 'external_', 'exact_', 'private_', 'readonly_'];
const FILE_KINDS = ['create_', 'modify_', 'remove_', 'run_', 'symlink_'];
const FILE_ATTRS = ['encrypted_', 'private_', 'readonly_', 'empty_', 'executable_', 'once_', 'onchange_', 'before_', 'after_'];

/** Strips the prefixes in `attrs` (in order), then `dot_` → `.`; `literal_` ends prefix parsing. */
const stripAttrs = (name: string, attrs: readonly string[]): { rest: string; seen: ReadonlySet<string> } => {
  const seen = new Set<string>();
  let rest = name;
  for (const a of attrs) {
    if (rest.startsWith('literal_')) return { rest: rest.slice('literal_'.length), seen };
    if (rest.startsWith(a)) {
      seen.add(a);
      rest = rest.slice(a.length);
    }
  }
  if (rest.startsWith('literal_')) return { rest: rest.slice('literal_'.length), seen };
  return { rest: rest.startsWith('dot_') ? `.${rest.slice('dot_'.length)}` : rest, seen };
};

/** A decoded source file name. */
export interface DecodedFileName {
  /** The target's base name. */
  readonly target: string;
  readonly encrypted: boolean;
  /**
   * The source holds a recipe, not the target's content: a template (`.tmpl`), a `modify_`, `run_`
   * or `symlink_` entry. Its name says nothing about what it holds (a template named `id_rsa` that
   * reads the key from a password manager is the right way to manage a key); content rules still apply.
   */
  readonly recipe: boolean;
}

/** A source file's base name → the target's base name and what kind of source it is. */
export const decodeFileName = (name: string): DecodedFileName => {
  let rest = name;
  const kind = rest.startsWith('literal_') ? undefined : FILE_KINDS.find((k) => rest.startsWith(k));
  if (kind !== undefined) rest = rest.slice(kind.length);
  const stripped = stripAttrs(rest, FILE_ATTRS);
  rest = stripped.rest;
  const encrypted = stripped.seen.has('encrypted_');
  if (encrypted) rest = rest.replace(/\.(age|asc)$/, '');
  let template = false;
  if (rest.endsWith('.literal')) rest = rest.slice(0, -'.literal'.length);
  else if (rest.endsWith('.tmpl')) {
    template = true;
    rest = rest.slice(0, -'.tmpl'.length);
  }
  const recipe = template || (kind !== undefined && kind !== 'create_' && kind !== 'remove_');
  return { target: rest.length > 0 ? rest : name, encrypted, recipe };
};

/**
 * The target path (relative to HOME) of a source path relative to the source dir. Names chezmoi
 * ignores (`.chezmoiignore`, `.git/…`) are returned as they are.
 *
 * @example targetPathOf('private_dot_ssh/encrypted_private_id_ed25519.age') // { path: '.ssh/id_ed25519', encrypted: true, recipe: false }
 */
export const targetPathOf = (sourcePath: string): { readonly path: string; readonly encrypted: boolean; readonly recipe: boolean } => {
  const parts = sourcePath.split('/');
  const last = parts.pop() ?? '';
  if (parts.some((p) => p.startsWith('.')) || last.startsWith('.')) return { path: sourcePath, encrypted: false, recipe: false };
  const dirs = parts.map((d) => stripAttrs(d, DIR_ATTRS).rest);
  const file = decodeFileName(last);
  return { path: [...dirs, file.target].join('/'), encrypted: file.encrypted, recipe: file.recipe };
};
