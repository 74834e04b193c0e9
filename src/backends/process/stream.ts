// Runs one command and hands its stdout to a sink chunk by chunk instead of collecting it:
// for reading whole files out of a repository with bounded memory. No shell, like the runner.
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { commandFailed, toolMissing, type SyncError } from '../../core/errors.js';
import { loadExeca, type Command, type RunOutput } from './runner.js';

/** Receives stdout in chunks; returns false to stop the process early (the rest is not needed). */
export type ChunkSink = (chunk: Uint8Array) => boolean;

/** Streams stdout to `sink`; resolves with the exit code and stderr (stdout left empty). */
export type StreamRunner = (command: Command, sink: ChunkSink) => ResultAsync<RunOutput, SyncError>;

const MAX_STDERR = 64 * 1024;

/** The real streaming runner, over execa: stdout is never buffered, stderr is (bounded). */
export const execaStream: StreamRunner = (command, sink) => {
  const argv = [command.file, ...command.args];
  const tool = command.tool ?? command.file.split('/').pop() ?? command.file;
  return ResultAsync.fromPromise(
    (async () => {
      const { execa } = await loadExeca();
      const child = execa(command.file, [...command.args], {
        ...(command.cwd !== undefined ? { cwd: command.cwd } : {}),
        env: { ...command.env },
        extendEnv: true,
        reject: false,
        ...(command.input !== undefined ? { input: command.input } : { stdin: 'ignore' as const }),
        buffer: { stdout: false, stderr: true },
        maxBuffer: { stderr: MAX_STDERR },
        ...(command.timeoutMs !== undefined ? { timeout: command.timeoutMs } : {}),
      });
      let stopped = false;
      child.stdout.on('data', (chunk: Uint8Array) => {
        if (!stopped && !sink(chunk)) {
          stopped = true;
          child.kill();
        }
      });
      const r = await child;
      return { r, stopped };
    })(),
    (e) => commandFailed(`${tool} could not be run: ${String(e)}`, { command: argv }),
  ).andThen(({ r, stopped }): ResultAsync<RunOutput, SyncError> => {
    if (stopped) return okAsync({ exitCode: 0, stdout: '', stderr: '' });
    if (r.exitCode === undefined) {
      if ((r as { code?: string }).code === 'ENOENT') return errAsync(toolMissing(tool, { command: argv }));
      const why = r.timedOut ? `timed out after ${command.timeoutMs ?? 0} ms` : `was killed (${r.signal ?? r.shortMessage})`;
      return errAsync(commandFailed(`${tool} ${why}`, { command: argv, stderr: String(r.stderr ?? '') }));
    }
    return okAsync({ exitCode: r.exitCode, stdout: '', stderr: String(r.stderr ?? '') });
  });
};
