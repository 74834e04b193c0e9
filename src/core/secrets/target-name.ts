// The target path a chezmoi source path stands for (core/chezmoi-source-names.ts decodes the
// names): name rules about secrets (`.env`, `id_ed25519`, `*.pem`) are rules about the target,
// and a 0600 `~/.env` is stored as `private_dot_env`.
import { parseSourceDirName, parseSourceFileName } from '../chezmoi-source-names.js';

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
  const parsed = parseSourceFileName(name);
  if (parsed === undefined) return { target: name, encrypted: false, recipe: false };
  const recipe = parsed.template || parsed.kind === 'modify' || parsed.kind === 'script' || parsed.kind === 'symlink';
  return { target: parsed.target, encrypted: parsed.encrypted, recipe };
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
  const dirs = parts.map((d) => parseSourceDirName(d)?.target ?? d);
  const file = decodeFileName(last);
  return { path: [...dirs, file.target].join('/'), encrypted: file.encrypted, recipe: file.recipe };
};
