// `chezmoi-sync undo`: back to the repository as it was before the last sync (core decides how).
import { undoLastSync } from '../wiring/core-ops.js';
import { runCoreOperation } from './operation.js';
import type { CommandContext, CommandResult } from './types.js';

export const runUndo = (ctx: CommandContext): CommandResult => runCoreOperation(ctx, undoLastSync);
