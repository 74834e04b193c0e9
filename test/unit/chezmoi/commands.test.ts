import { describe, expect, it } from 'vitest';
import { applyArgs, globalArgs, managedArgs, reAddArgs, statusArgs } from '../../../src/backends/chezmoi/commands.js';

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
});
