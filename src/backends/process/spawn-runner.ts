// The runner on the sync's hot path, over node:child_process: the same contract as execaRunner
// (no shell, Ok for any exit code, Err when the process could not run or was killed) without
// loading execa, whose import alone costs more than a whole `jj log`.
import { spawn } from 'node:child_process';
import { err, ok, ResultAsync, type Result } from 'neverthrow';
import { commandFailed, toolMissing, type SyncError } from '../../core/errors.js';
import type { Command, Runner, RunOutput } from './runner.js';

/** Output kept per stream; more is a failure, as with execa's maxBuffer. */
const MAX_BUFFER = 256 * 1024 * 1024;

/** The inherited environment plus the command's; `undefined` unsets a variable. */
export const mergedEnv = (env: Command['env']): NodeJS.ProcessEnv => {
  const out: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(env ?? {})) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
};

const runOnce = (command: Command): Promise<Result<RunOutput, SyncError>> =>
  new Promise((resolve) => {
    const argv = [command.file, ...command.args];
    const tool = command.tool ?? command.file.split('/').pop() ?? command.file;
    const child = spawn(command.file, [...command.args], {
      ...(command.cwd !== undefined ? { cwd: command.cwd } : {}),
      env: mergedEnv(command.env),
      stdio: [command.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      shell: false,
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    let why: string | undefined;
    const kill = (reason: string): void => {
      why ??= reason;
      child.kill('SIGTERM');
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BUFFER) kill(`produced more than ${MAX_BUFFER} bytes of output`);
      else into.push(chunk);
    };
    child.stdout?.on('data', collect(stdout));
    child.stderr?.on('data', collect(stderr));
    const timer =
      command.timeoutMs !== undefined ? setTimeout(() => kill(`timed out after ${command.timeoutMs ?? 0} ms`), command.timeoutMs) : undefined;
    let settled = false;
    const settle = (e: Result<RunOutput, SyncError>): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      resolve(e);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      settle(
        e.code === 'ENOENT' ? err(toolMissing(tool, { command: argv })) : err(commandFailed(`${tool} could not be run: ${String(e)}`, { command: argv })),
      );
    });
    child.on('close', (code, signal) => {
      const errText = Buffer.concat(stderr).toString('utf8');
      if (why !== undefined || code === null) {
        settle(err(commandFailed(`${tool} ${why ?? `was killed (${signal ?? 'unknown signal'})`}`, { command: argv, stderr: errText })));
      } else {
        settle(ok({ exitCode: code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: errText }));
      }
    });
    if (command.input !== undefined && child.stdin !== null) {
      // A process that exits without reading its input is not an error of ours.
      child.stdin.on('error', () => undefined);
      child.stdin.end(command.input);
    }
  });

/** The real runner over node:child_process: no shell, no stdin unless given, bounded time and output. */
export const spawnRunner: Runner = (command) => new ResultAsync(runOnce(command));
