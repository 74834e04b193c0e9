// `chezmoi-sync completion bash|zsh|fish`: prints the script (install notes in docs/cli.md).
import { ok } from 'neverthrow';
import type { EffectiveConfig } from '../config/load.js';
import { completionScript, type Shell } from '../completion/scripts.js';
import type { CommandContext, CommandResult } from './types.js';

export const runCompletion = (ctx: CommandContext<EffectiveConfig | undefined>): CommandResult => {
  // The parser already restricted the positional to these three.
  const shell = (ctx.invocation.positionals[0] ?? 'bash') as Shell;
  const script = completionScript(shell);
  if (!ctx.out.json) ctx.out.line(script.trimEnd());
  return Promise.resolve(ok({ exitCode: 0, data: { shell, script } }));
};
