// The dispatcher in-process: the one error handler for a bug (something threw), and the
// --json envelope for a usage error. Streams are fakes; nothing is spawned.
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/run.js';

const sink = () => {
  const s = { text: '', isTTY: false, write: (t: string) => (s.text += t) };
  return s;
};

// An environment that throws when read: stands in for any bug below the dispatcher.
const explodingEnv = new Proxy({} as Record<string, string | undefined>, {
  get: (_t, key) => {
    if (key === 'CHEZMOI_SYNC_SOURCE') throw new TypeError('boom while reading the environment');
    return key === 'HOME' ? '/home/me' : undefined;
  },
});

describe('main', () => {
  it('turns a thrown bug into exit 1 and a "please report" line, no stack unless --verbose', async () => {
    const out = sink();
    const err = sink();
    const code = await main(['config'], { stdout: out, stderr: err, env: explodingEnv, cwd: '/', invokedAs: 'chezmoi-sync' });
    expect(code).toBe(1);
    expect(out.text).toBe('');
    expect(err.text).toBe(
      'chezmoi-sync: internal error: TypeError: boom while reading the environment — this is a bug; please report it with the output of the same command run with --verbose\n',
    );
    const verbose = sink();
    expect(await main(['config', '--verbose'], { stdout: sink(), stderr: verbose, env: explodingEnv, cwd: '/', invokedAs: 'chezmoi-sync' })).toBe(1);
    expect(verbose.text).toContain('    at ');
  });

  it('with --json, a failure is still one document on stdout', async () => {
    const out = sink();
    const err = sink();
    const code = await main(['config', '--json'], { stdout: out, stderr: err, env: explodingEnv, cwd: '/', invokedAs: 'chezmoi-sync' });
    expect(code).toBe(1);
    expect(JSON.parse(out.text)).toEqual({ schema: 1, command: 'config', ok: false, exitCode: 1, error: { kind: 'internal', message: 'TypeError: boom while reading the environment' } });
  });

  it('names the binary it was invoked as in error lines', async () => {
    const err = sink();
    expect(await main(['--nope'], { stdout: sink(), stderr: err, env: {}, cwd: '/', invokedAs: 'chezmoi-status' })).toBe(2);
    expect(err.text).toBe('chezmoi-status: unknown option --nope (see chezmoi-sync --help)\n');
  });
});
