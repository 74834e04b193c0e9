import { describe, expect, it } from 'vitest';
import { addPlainArgs, applyArgs, globalArgs, managedArgs, reAddArgs, statusArgs } from '../../../src/backends/chezmoi/commands.js';
import { SECRETS_ERROR } from '../../../src/backends/chezmoi/re-add.js';

describe('chezmoi commands as data', () => {
  it('joins every path option to its flag, so a value can never be read as an option', () => {
    expect(globalArgs({ source: '-S/evil', destination: '--force', config: '/c/chezmoi.toml' })).toEqual([
      '--no-tty',
      '--no-pager',
      '--color=off',
      '--refresh-externals=never',
      '--source=-S/evil',
      '--destination=--force',
      '--config=/c/chezmoi.toml',
    ]);
    expect(globalArgs({})).toEqual(['--no-tty', '--no-pager', '--color=off', '--refresh-externals=never']);
  });

  it('puts targets after `--`', () => {
    expect(reAddArgs(['/h/--force'])).toEqual(['re-add', '--recursive=false', '--', '/h/--force']);
    const add = addPlainArgs(['/h/--encrypt']);
    expect(add.slice(0, 2)).toEqual(['add', '--secrets=ignore']);
    expect(add.slice(-2)).toEqual(['--', '/h/--encrypt']);
    // Every add option a person's config can set is pinned.
    for (const pinned of ['--encrypt=false', '--template=false', '--autotemplate=false', '--create=false', '--follow=false', '--exact=false', '--prompt=false', '--recursive=false']) expect(add).toContain(pinned);
    expect(addPlainArgs(['/h/.a'], 'error')[1]).toBe('--secrets=error');
    expect(managedArgs(['/h/-x']).slice(-2)).toEqual(['--', '/h/-x']);
    expect(statusArgs()).toEqual(['status', '--path-style=absolute', '--exclude=externals']);
    expect(statusArgs(['/h/.a'])).toEqual(['status', '--path-style=absolute', '--exclude=externals', '--recursive=false', '--', '/h/.a']);
  });

  it('applies without force, without recursion, past refusals, scripts only when asked', () => {
    const a = applyArgs(['/h/.a'], false);
    expect(a).toEqual(['apply', '--recursive=false', '--parent-dirs', '--keep-going', '--error-on-conflict', '--exclude=scripts,externals', '--', '/h/.a']);
    expect(applyArgs(['/h/.a'], true)).toContain('--exclude=externals');
    expect(a.some((x) => x.includes('force'))).toBe(false);
  });

  it("reads a person's `[add] secrets = \"error\"` in chezmoi's config formats, and nothing else as it", () => {
    for (const text of ['[add]\n  secrets = "error"\n', 'add:\n  secrets: error\n', '{"add": {"secrets": "error"}}', 'add = { secrets = \'error\' }']) expect(SECRETS_ERROR.test(text), text).toBe(true);
    for (const text of ['[add]\n  secrets = "warning"\n', 'add:\n  secrets: ignore\n', 'sourceDir = "/src/error"\n']) expect(SECRETS_ERROR.test(text), text).toBe(false);
  });
});
