import { describe, expect, it } from 'vitest';
import { invocationCommand, parseInvocation } from '../../../src/cli/args/parse.js';
import { closest, editDistance } from '../../../src/cli/args/suggest.js';

const parse = (argv: string[], as = 'chezmoi-sync') => parseInvocation(argv, as);

describe('parseInvocation', () => {
  it('defaults to sync and reads setting flags', () => {
    const r = parse(['--host', 'laptop', '--no-push', '--dry-run', '--json'])._unsafeUnwrap();
    expect(r.command).toBe('sync');
    expect(r.settings).toEqual({ host: 'laptop', push: false, dryRun: true });
    expect(r.json).toBe(true);
  });

  it('takes the command from the first positional, with flags anywhere', () => {
    const r = parse(['--verbose', 'status', '-n', '3'])._unsafeUnwrap();
    expect(r.command).toBe('status');
    expect(r.flags).toEqual({ limit: '3' });
    expect(r.verbose).toBe(true);
  });

  it('maps the alias binaries to their commands', () => {
    expect(parse(['--json'], 'chezmoi-status')._unsafeUnwrap().command).toBe('status');
    expect(parse([], 'chezmoi-show-conflicts')._unsafeUnwrap().command).toBe('conflicts');
  });

  it('accepts --flag=value, including values that start with "-"', () => {
    expect(parse(['--notify-command=-x'])._unsafeUnwrap().settings.notifyCommand).toBe('-x');
  });

  it('refuses an unknown option with one line and a hint', () => {
    const e = parse(['sync', '--frobnicate'])._unsafeUnwrapErr();
    expect(e).toEqual({ kind: 'usage', message: 'unknown option --frobnicate', hint: 'see chezmoi-sync --help' });
  });

  it('refuses an option whose value is missing or looks like another option', () => {
    expect(parse(['--source'])._unsafeUnwrapErr().message).toBe('option --source needs a value');
    expect(parse(['--source', '--json'])._unsafeUnwrapErr().message).toBe('option --source needs a value');
  });

  it('refuses an unknown command and a stray argument', () => {
    expect(parse(['synk'])._unsafeUnwrapErr().message).toBe('unknown command "synk"');
    expect(parse(['status', 'extra'])._unsafeUnwrapErr().message).toBe('unexpected argument "extra" for status');
    expect(parse(['extra'], 'chezmoi-status')._unsafeUnwrapErr().message).toBe('unexpected argument "extra" for status');
  });

  it('suggests the closest command or option for a typo, and nothing for a stranger', () => {
    expect(parse(['sycn'])._unsafeUnwrapErr().hint).toMatch(/^did you mean sync\? commands: sync, /);
    expect(parse(['stats'])._unsafeUnwrapErr().hint).toMatch(/^did you mean status\? /);
    expect(parse(['instal-units'])._unsafeUnwrapErr().hint).toMatch(/^did you mean install-units\? /);
    expect(parse(['frobnicate'])._unsafeUnwrapErr().hint).toMatch(/^commands: /);
    expect(parse(['--verbsoe'])._unsafeUnwrapErr()).toEqual({ kind: 'usage', message: 'unknown option --verbsoe', hint: 'did you mean --verbose?' });
  });

  it('finds the command of an argv that does not parse', () => {
    expect(invocationCommand(['status', '--frob'])).toBe('status');
    expect(invocationCommand(['--source', 'log', 'doctor', '--frob'])).toBe('doctor');
    expect(invocationCommand(['--frob'])).toBe('sync');
    expect(invocationCommand(['--frob'], 'chezmoi-show-conflicts')).toBe('conflicts');
    expect(invocationCommand(['sycn', '--frob'])).toBeUndefined();
  });

  it('keeps command-only flags to their command', () => {
    expect(parse(['sync', '--keep'])._unsafeUnwrapErr()).toMatchObject({ message: 'option --keep is not an option of sync', hint: 'it belongs to: demo' });
    expect(parse(['demo', '--keep', '--backend', 'git'])._unsafeUnwrap().flags).toEqual({ keep: true, backend: 'git' });
    expect(parse(['resolve', '--continue'])._unsafeUnwrap().flags).toEqual({ continue: true });
  });

  it('checks the completion shell', () => {
    expect(parse(['completion', 'zsh'])._unsafeUnwrap().positionals).toEqual(['zsh']);
    expect(parse(['completion'])._unsafeUnwrapErr().message).toBe('completion needs a shell: bash, zsh, fish');
    expect(parse(['completion', 'tcsh'])._unsafeUnwrapErr().message).toBe('unknown shell "tcsh": use bash, zsh, fish');
  });

  it('lets --help through whatever else is on the line', () => {
    expect(parse(['completion', '--help'])._unsafeUnwrap().help).toBe(true);
  });
});

describe('closest / editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect([editDistance('sync', 'sync'), editDistance('sycn', 'sync'), editDistance('syn', 'sync'), editDistance('synk', 'sync'), editDistance('', 'log')]).toEqual([0, 1, 1, 1, 3]);
    expect(closest('lgo', ['log', 'doctor'])).toBe('log');
    expect(closest('xyz', ['log', 'doctor'])).toBeUndefined();
    expect(closest('SYNC', ['sync'])).toBe('sync');
  });
});
