// The one process runner (execa, no shell): exit codes pass through, arguments are verbatim,
// the environment can unset variables, spawn failures, signals and timeouts become errors.
import { describe, expect, it } from 'vitest';
import { execaRunner } from '../../../src/backends/process/runner.js';
import { fakeTool, tempDir } from './fake-tools.js';

describe('execaRunner', () => {
  it('resolves Ok with stdout, stderr and a non-zero exit code', async () => {
    const tool = fakeTool(tempDir(), 't', 'echo out; echo err >&2; exit 3');
    expect((await execaRunner({ file: tool, args: [] }))._unsafeUnwrap()).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it('passes arguments verbatim: no shell ever sees them', async () => {
    const tool = fakeTool(tempDir(), 't', 'for a in "$@"; do printf "[%s]" "$a"; done');
    const r = await execaRunner({ file: tool, args: ['$(touch x)', 'a b', '; rm -rf /', '--x=`id`'] });
    expect(r._unsafeUnwrap().stdout).toBe('[$(touch x)][a b][; rm -rf /][--x=`id`]');
  });

  it('adds and unsets environment variables and runs in cwd', async () => {
    const dir = tempDir();
    const tool = fakeTool(dir, 't', 'echo "$FOO ${HOME-unset} $(pwd)"');
    const r = await execaRunner({ file: tool, args: [], env: { FOO: 'bar', HOME: undefined }, cwd: dir });
    expect(r._unsafeUnwrap().stdout).toBe(`bar unset ${dir}\n`);
  });

  it('feeds input to stdin, and gives none otherwise', async () => {
    const tool = fakeTool(tempDir(), 't', 'cat');
    expect((await execaRunner({ file: tool, args: [], input: 'a\nb' }))._unsafeUnwrap().stdout).toBe('a\nb');
    expect((await execaRunner({ file: tool, args: [] }))._unsafeUnwrap()).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('reports a missing binary as tool-missing', async () => {
    const r = await execaRunner({ file: '/nonexistent/jj', args: ['--version'], tool: 'jj' });
    expect(r._unsafeUnwrapErr()).toMatchObject({ kind: 'tool-missing', tool: 'jj' });
  });

  it('reports a process killed by a signal as an error, not as an exit code', async () => {
    const tool = fakeTool(tempDir(), 't', 'echo partial >&2; kill -KILL $$');
    const e = (await execaRunner({ file: tool, args: [], tool: 'jj' }))._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'command-failed', message: 'jj was killed (SIGKILL)', stderr: 'partial' });
  });

  it('kills a hanging process at the timeout', async () => {
    const tool = fakeTool(tempDir(), 't', 'exec sleep 30');
    const e = (await execaRunner({ file: tool, args: [], timeoutMs: 200, tool: 'jj' }))._unsafeUnwrapErr();
    expect(e).toMatchObject({ kind: 'command-failed', message: 'jj timed out after 200 ms' });
  });
});
