// chezmoi's source-state naming, decoded in core (core/chezmoi-source-names.ts), and what it
// means for `re-add`: the adapter and the in-memory fake share these verdicts.
import { parseSourceFileName } from '../../core/chezmoi-source-names.js';

export {
  isIgnoredSourceName,
  parseSourceDirName,
  parseSourceFileName,
  type SourceDirName,
  type SourceFileKind,
  type SourceFileName,
} from '../../core/chezmoi-source-names.js';

/** Why `reAdd` left a target alone; shared by the adapter and the fake so reports compare equal. */
export const SKIP_REASONS = {
  template: 'template: chezmoi cannot re-add the output of a template; edit the source file',
  symlink: 'symlink: re-add only updates regular files',
  script: 'script: re-add only updates regular files',
  notFile: 'not a regular file: re-add only updates regular files',
  missing: 'missing in HOME: re-add does not delete source files',
  notManaged: 'not managed by chezmoi',
} as const;

/** The `reAdd` verdict for a managed target from its source base name: undefined = re-addable. */
export const reAddSkipReason = (sourceBase: string): string | undefined => {
  const parsed = parseSourceFileName(sourceBase);
  if (parsed === undefined) return SKIP_REASONS.notFile;
  if (parsed.kind === 'symlink') return SKIP_REASONS.symlink;
  if (parsed.kind === 'script' || parsed.kind === 'modify') return SKIP_REASONS.script;
  if (parsed.kind === 'remove') return SKIP_REASONS.notFile;
  if (parsed.template) return SKIP_REASONS.template;
  return undefined;
};
