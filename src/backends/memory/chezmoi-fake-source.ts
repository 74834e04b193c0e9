// Reads the in-memory chezmoi fake's source state from a MemoryFs: which targets the source
// dir defines, of what type, from which source file — chezmoi's naming rules, `.chezmoiignore`,
// and dot-names ignored.
import { err, ok, type Result } from 'neverthrow';
import type { ManagedFile } from '../../core/chezmoi.js';
import type { SyncError } from '../../core/errors.js';
import { parseSourceDirName, parseSourceFileName, type SourceFileName } from '../chezmoi/source-names.js';
import { matchesIgnore, parseIgnore, renderFakeTemplate, type FakeTemplateData } from './chezmoi-fake-render.js';
import type { MemoryFs } from './fs.js';

/** One target the source state defines. */
export interface FakeEntry {
  /** Absolute target path. */
  readonly target: string;
  /** Absolute source path (a file, or a directory for `dir`). */
  readonly source: string;
  /** Source path relative to the source dir. */
  readonly sourceRelative: string;
  readonly type: ManagedFile['type'];
  /** Parsed name, for files. */
  readonly name?: SourceFileName;
}

const typeOf = (name: SourceFileName): ManagedFile['type'] =>
  name.kind === 'script' ? 'script' : name.kind === 'symlink' ? 'symlink' : name.kind === 'remove' ? 'remove' : 'file';

/** Every target of the source state, sorted by target path. */
export const readSourceState = (
  fs: MemoryFs,
  source: string,
  destination: string,
  data: FakeTemplateData,
): Result<readonly FakeEntry[], SyncError> => {
  const ignoreText = fs.read(`${source}/.chezmoiignore`);
  const rendered = ignoreText === undefined ? ok('') : renderFakeTemplate(ignoreText, data, '.chezmoiignore');
  if (rendered.isErr()) return err(rendered.error);
  const ignore = parseIgnore(rendered.value);
  const entries = new Map<string, FakeEntry>();
  for (const [rel] of fs.snapshot(source)) {
    const parts = rel.split('/');
    const fileName = parts.pop() ?? '';
    const targetParts: string[] = [];
    const dirs: FakeEntry[] = [];
    let usable = true;
    for (const [i, dir] of parts.entries()) {
      const d = parseSourceDirName(dir);
      if (d === undefined) {
        usable = false;
        break;
      }
      targetParts.push(d.target);
      const srcRel = parts.slice(0, i + 1).join('/');
      dirs.push({ target: `${destination}/${targetParts.join('/')}`, source: `${source}/${srcRel}`, sourceRelative: srcRel, type: 'dir' });
    }
    if (!usable) continue;
    const relTargets = dirs.map((d) => d.target.slice(destination.length + 1));
    for (const [i, d] of dirs.entries()) if (!matchesIgnore(ignore, relTargets[i] ?? '')) entries.set(d.target, d);
    const name = parseSourceFileName(fileName);
    if (name === undefined) continue;
    const relTarget = [...targetParts, name.target].join('/');
    if (matchesIgnore(ignore, relTarget)) continue;
    entries.set(`${destination}/${relTarget}`, {
      target: `${destination}/${relTarget}`,
      source: `${source}/${rel}`,
      sourceRelative: rel,
      type: typeOf(name),
      name,
    });
  }
  return ok([...entries.values()].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0)));
};
