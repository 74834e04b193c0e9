// The dispatcher: parse → configuration → one command (loaded lazily) → exit code. The one
// place where failures become a line on stderr (or the --json document) and an exit code.
import { err, ok, type Result } from 'neverthrow';
import { nodeFs } from '../backends/fs/node-fs.js';
import { VERSION } from '../version.js';
import { invocationCommand, parseInvocation, unknownCommand, type Invocation } from './args/parse.js';
import { commandSpec } from './args/spec.js';
import { loadConfig, type EffectiveConfig } from './config/load.js';
import { renderFailure, type CliFailure } from './errors.js';
import { commandHelp, mainHelp } from './help.js';
import { createOutput, type Output, type Stream } from './output/output.js';
import type { CommandContext, CommandOutcome, Env } from './commands/types.js';

/** Version of every --json document's layout. */
export const JSON_SCHEMA = 1;

export interface RunIo {
  readonly stdout: Stream;
  readonly stderr: Stream;
  readonly env: Env;
  readonly cwd: string;
  /** Basename of the binary (argv[1]). */
  readonly invokedAs: string;
}

type Run = Promise<Result<CommandOutcome, CliFailure>>;

/** Loads one command module. Dynamic imports: a module's top level runs only when its command runs. */
const dispatch = async (ctx: CommandContext<EffectiveConfig | undefined>): Run => {
  const withConfig = (): CommandContext => {
    if (ctx.config === undefined) throw new Error(`${ctx.invocation.command} needs the configuration`);
    return ctx as CommandContext;
  };
  switch (ctx.invocation.command) {
    case 'sync':
      return (await import('./commands/sync.js')).runSyncCommand(withConfig());
    case 'status':
      return (await import('./commands/status.js')).runStatus(withConfig());
    case 'conflicts':
      return (await import('./commands/conflicts.js')).runConflicts(withConfig());
    case 'log':
      return (await import('./commands/log.js')).runLog(withConfig());
    case 'doctor':
      return (await import('./commands/doctor.js')).runDoctor(withConfig());
    case 'config':
      return (await import('./commands/config.js')).runConfig(withConfig());
    case 'demo':
      return (await import('./commands/demo.js')).runDemo(ctx);
    case 'completion':
      return (await import('./commands/completion.js')).runCompletion(ctx);
    case 'install-units':
      return (await import('./commands/install-units.js')).runInstallUnits(withConfig());
    case 'resolve':
      return (await import('./commands/resolve.js')).runResolve(withConfig());
    case 'undo':
      return (await import('./commands/undo.js')).runUndo(withConfig());
    case 'apply':
      return (await import('./commands/apply.js')).runApply(withConfig());
    case 'watch':
      return (await import('./commands/watch.js')).runWatch(withConfig());
    case 'fleet':
      return (await import('./commands/fleet.js')).runFleet(withConfig());
    case 'help': {
      const topic = ctx.invocation.positionals[0];
      if (topic !== undefined && commandSpec(topic) === undefined) return err(unknownCommand(topic));
      const text = topic !== undefined ? commandHelp(commandSpec(topic)?.name ?? 'help') : mainHelp();
      ctx.out.line(text.trimEnd());
      return ok({ exitCode: 0, data: { help: text } });
    }
  }
};

const emitFailure = (out: Output, prog: string, command: string, f: CliFailure): number => {
  const r = renderFailure(f);
  if (out.json) {
    out.document({ schema: JSON_SCHEMA, command, ok: false, exitCode: r.exitCode, error: r.json });
    if (out.verbose) for (const l of r.detail) out.problem(l);
    if (!out.quiet) out.problem(`${prog}: ${r.line}`);
  } else {
    out.problem(`${prog}: ${r.line}`);
    if (out.verbose) for (const l of r.detail) out.problem(`  ${l}`);
  }
  return r.exitCode;
};

/** Runs one invocation and returns its exit code. Never throws. */
export const main = async (argv: readonly string[], io: RunIo): Promise<number> => {
  const prog = io.invokedAs.length > 0 ? io.invokedAs : 'chezmoi-sync';
  const fallbackOut = createOutput({ stdout: io.stdout, stderr: io.stderr, env: io.env, json: argv.includes('--json'), quiet: false, verbose: argv.includes('--verbose') || argv.includes('-v') });
  let command = 'unknown';
  let out = fallbackOut;
  try {
    const parsed = parseInvocation(argv, io.invokedAs);
    if (parsed.isErr()) return emitFailure(out, prog, invocationCommand(argv, io.invokedAs) ?? command, parsed.error);
    const inv: Invocation = parsed.value;
    command = inv.command;
    out = createOutput({ stdout: io.stdout, stderr: io.stderr, env: io.env, json: inv.json, quiet: inv.quiet, verbose: inv.verbose });
    if (inv.version) {
      if (inv.json) out.document({ schema: JSON_SCHEMA, command: 'version', ok: true, exitCode: 0, version: VERSION });
      else out.line(VERSION);
      return 0;
    }
    if (inv.help) {
      const text = inv.command === 'sync' && !argv.includes('sync') ? mainHelp() : commandHelp(inv.command);
      if (inv.json) out.document({ schema: JSON_SCHEMA, command: 'help', ok: true, exitCode: 0, help: text });
      else out.line(text.trimEnd());
      return 0;
    }
    let config: EffectiveConfig | undefined;
    if (commandSpec(inv.command)?.needsConfig === true) {
      const loaded = await loadConfig({ invocation: inv, env: io.env, cwd: io.cwd, readText: nodeFs.readText });
      if (loaded.isErr()) return emitFailure(out, prog, command, loaded.error);
      config = loaded.value;
    }
    const result = await dispatch({ invocation: inv, config, out, env: io.env, cwd: io.cwd });
    if (result.isErr()) return emitFailure(out, prog, command, result.error);
    const { exitCode, data } = result.value;
    if (out.json) out.document({ schema: JSON_SCHEMA, command, ok: true, exitCode, ...data });
    return exitCode;
  } catch (e) {
    return emitFailure(out, prog, command, { kind: 'internal', error: e });
  }
};
