// Failure classification over stderr captured from chezmoi 2.73.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyFailure, isLockTimeout } from '../../../src/backends/chezmoi/classify.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '../../fixtures/chezmoi', name), 'utf8');
const argv = ['chezmoi', '--no-tty', 'status', '--path-style=absolute'];
const fail = (stderr: string, exitCode = 1) => classifyFailure({ exitCode, stdout: '', stderr }, argv, '/h/.config/chezmoi/chezmoistate.boltdb');

describe('classifyFailure', () => {
  it("turns chezmoi's state-lock timeout into a retryable `locked` error", () => {
    const e = fail(fixture('stderr-lock.txt'));
    expect(e.kind).toBe('locked');
    expect(e.kind === 'locked' && e.lockPath).toBe('/h/.config/chezmoi/chezmoistate.boltdb');
    expect(isLockTimeout(e)).toBe(true);
    expect(isLockTimeout(fail(fixture('stderr-not-managed.txt')))).toBe(false);
  });

  it('reads an unreachable archive external as a network error', () => {
    expect(fail(fixture('stderr-network.txt')).kind).toBe('network');
  });

  it('says why an unreachable archive blocks chezmoi until it is downloaded once', () => {
    expect(fail(fixture('stderr-network.txt')).hint).toMatch(/never downloaded on this machine/);
  });

  it('reads template data missing from the config as "run chezmoi init", past the warning line', () => {
    const e = fail(fixture('stderr-missing-data.txt'));
    expect(e.kind).toBe('command-failed');
    expect(e.message).toBe('chezmoi failed: template: .chezmoiignore:2:6: executing ".chezmoiignore" at <.kube>: map has no entry for key "kube"');
    expect(e.hint).toMatch(/config has no "kube": run `chezmoi init`/);
    expect(fail('chezmoi: warning: config file template has changed, run chezmoi init to regenerate config file\n').hint).toMatch(/run `chezmoi init`/);
  });

  it('reads a missing flag we rely on as a chezmoi too old', () => {
    const e = fail('chezmoi: unknown flag: --error-on-conflict\n');
    expect(e.kind).toBe('tool-too-old');
    expect(e.kind === 'tool-too-old' && e.required).toBe('2.71.0');
  });

  it.each([
    ['stderr-not-managed.txt', /not managed/],
    ['stderr-invalid-config.txt', /config file/],
    ['stderr-missing-source.txt', /clone the dotfiles repository/],
    ['stderr-no-tty-conflict.txt', /edited in HOME/],
    ['stderr-keep-going-conflict.txt', /run the command by hand/],
    ['stderr-unknown-flag.txt', /run the command by hand/],
    ['stderr-missing-identity.txt', /could not read \/home\/me\/\.config\/chezmoi\/key\.txt to produce \.config\/codegpt\/\.codegpt\.yaml: .*copy the key there/],
    ['stderr-external-parent.txt', /parent directory is missing; .*\.chezmoiexternal/],
  ])('gives %s a command-failed error with the command, the stderr and a hint', (name, hint) => {
    const e = fail(fixture(name));
    expect(e.kind).toBe('command-failed');
    expect(e.hint).toMatch(hint);
    expect(e.command).toEqual(argv);
    expect(e.exitCode).toBe(1);
    expect(e.stderr).toBe(fixture(name).trim());
    expect(e.message).not.toContain('chezmoi: chezmoi:');
  });

  it('says so when chezmoi failed without a word (as `--error-on-conflict` does)', () => {
    const e = fail('', 1);
    expect(e.kind).toBe('command-failed');
    expect(e.message).toBe('chezmoi status failed with exit code 1 and no message');
  });

  it('bounds a huge stderr', () => {
    const e = fail(`chezmoi: boom\n${'x'.repeat(50_000)}`, 2);
    expect(e.stderr?.length).toBeLessThanOrEqual(2001);
    expect(e.exitCode).toBe(2);
  });
});
