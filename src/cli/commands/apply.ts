// `chezmoi-sync apply`: applies the incoming targets a sync held back because they run code.
import { applyHeld } from '../wiring/core-ops.js';
import { runCoreOperation } from './operation.js';
import type { CommandContext, CommandResult } from './types.js';

export const runApply = (ctx: CommandContext): CommandResult => runCoreOperation(ctx, applyHeld);
