// The SDK's public surface, as a reviewed list: every name the package's entry points export
// (values and types) is in test/unit/public-api.txt. Adding, removing or renaming one changes
// that file, so the change shows up in review; docs/backends.md documents each name.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };

// Package subpath → the source file tsup builds it from (tsup.config.ts `entry`).
const ENTRIES: Record<string, string> = { 'chezmoi-sync': 'src/index.ts', 'chezmoi-sync/testing': 'src/testing.ts' };

/** Every name each entry point exports, values and types alike, from the type checker. */
const namesOf = (files: readonly string[]): Map<string, string[]> => {
  const program = ts.createProgram(
    files.map((f) => join(ROOT, f)),
    { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true },
  );
  const checker = program.getTypeChecker();
  return new Map(
    files.map((f) => {
      const source = program.getSourceFile(join(ROOT, f));
      const module = source !== undefined ? checker.getSymbolAtLocation(source) : undefined;
      if (module === undefined) throw new Error(`no module for ${f}`);
      return [f, checker.getExportsOfModule(module).map((s) => s.name)];
    }),
  );
};

/** The entry point's surface: `name` for a value (there at run time), `name (type)` for a type only. */
const surfaceOf = async (file: string, names: readonly string[]): Promise<string[]> => {
  const values = new Set(Object.keys((await import(join(ROOT, file))) as object));
  return names.map((n) => (values.has(n) ? n : `${n} (type)`)).sort();
};

/** The committed list: `# entry` headers, one name per line. */
const committed = (): Map<string, string[]> => {
  const lists = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of readFileSync(join(ROOT, 'test/unit/public-api.txt'), 'utf8').split('\n')) {
    if (line.startsWith('# ')) lists.set(line.slice(2), (current = []));
    else if (line.trim() !== '') current.push(line.trim());
  }
  return lists;
};

describe('the public API', () => {
  it('has exactly the entry points the package exports', () => {
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './package.json', './testing']);
  });

  it('exports exactly the committed names from each entry point, values and types', async () => {
    const names = namesOf(Object.values(ENTRIES));
    const expected = committed();
    for (const [entry, file] of Object.entries(ENTRIES)) {
      expect({ entry, surface: await surfaceOf(file, names.get(file) ?? []) }).toEqual({ entry, surface: expected.get(entry) });
    }
  });
});
