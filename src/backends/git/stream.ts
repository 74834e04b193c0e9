// Streamed git output (file contents for the secret guard): same argv and environment as the
// runner, stdout handed over chunk by chunk instead of collected.
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { SyncError } from '../../core/errors.js';
import { execaStream, type ChunkSink, type StreamRunner } from '../process/stream.js';
import { classifyGitFailure } from './classify.js';
import type { GitSettings } from './settings.js';
import { exactEnv, gitArgv, type GitCommand } from './runner.js';

/** Runs one git command in `cwd` with `input` on stdin, streaming stdout to `sink`. */
export type GitStreamer = (cwd: string, command: GitCommand, input: string, sink: ChunkSink) => ResultAsync<void, SyncError>;

export const gitStreamer = (settings: GitSettings, stream: StreamRunner = execaStream): GitStreamer => (cwd, command, input, sink) => {
  const argv = gitArgv(settings, command);
  return stream({ file: settings.binary, args: argv.slice(1), cwd, env: exactEnv(settings, command), input, tool: 'git' }, sink).andThen((out) =>
    out.exitCode === 0
      ? okAsync(undefined)
      : errAsync(classifyGitFailure({ argv, subcommand: command.args[0] ?? '', cwd, exitCode: out.exitCode, stdout: '', stderr: out.stderr })),
  );
};
