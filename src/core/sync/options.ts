// The run's options: every default filled in and every user value validated before anything runs.
import { err, ok, type Result } from 'neverthrow';
import { invalidInput, type SyncError } from '../errors.js';
import { validateHostName, validateRefName, validateRemoteName, validateRepoUrl } from '../validate.js';
import { DEFAULT_MESSAGE_TEMPLATE, renderMessage } from './message.js';
import type { SyncEvent, SyncOptions } from './types.js';

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly sourceDir?: string;
  readonly repoUrl?: string;
  readonly remote: string;
  readonly trunk?: string;
  readonly host: string;
  readonly autoCommit: boolean;
  readonly autoPush: boolean;
  readonly apply: boolean;
  readonly applyScripts: boolean;
  readonly holdCode: boolean;
  readonly dryRun: boolean;
  readonly messageTemplate: string;
  readonly branchPrefix: string;
  readonly notifyCommand?: readonly string[];
  readonly stateDir: string;
  readonly lockTimeoutMs: number;
  readonly pushRetries: number;
  readonly historySize: number;
  readonly now: () => Date;
  readonly onEvent: (e: SyncEvent) => void;
}

/** Fills defaults and validates every user value before anything runs. */
export const resolveOptions = (o: SyncOptions): Result<ResolvedOptions, SyncError> => {
  const remote = o.remote ?? 'origin';
  const branchPrefix = o.branchPrefix ?? 'sync/';
  const checks: Result<unknown, SyncError>[] = [
    validateHostName(o.host),
    validateRemoteName(remote),
    validateRefName(`${branchPrefix}${o.host}`, 'branchPrefix'),
    ...(o.trunk !== undefined ? [validateRefName(o.trunk, 'trunk')] : []),
    ...(o.repoUrl !== undefined ? [validateRepoUrl(o.repoUrl)] : []),
    renderMessage(o.messageTemplate ?? DEFAULT_MESSAGE_TEMPLATE, o.host, new Date(0)),
  ];
  if (o.notifyCommand !== undefined && o.notifyCommand.length === 0) {
    checks.push(err(invalidInput('notifyCommand', '', 'the notify command is empty')));
  }
  const failed = checks.find((c) => c.isErr());
  if (failed !== undefined && failed.isErr()) return err(failed.error);
  return ok({
    ...(o.sourceDir !== undefined ? { sourceDir: o.sourceDir } : {}),
    ...(o.repoUrl !== undefined ? { repoUrl: o.repoUrl } : {}),
    ...(o.trunk !== undefined ? { trunk: o.trunk } : {}),
    ...(o.notifyCommand !== undefined ? { notifyCommand: o.notifyCommand } : {}),
    remote,
    host: o.host,
    autoCommit: o.autoCommit ?? true,
    autoPush: o.autoPush ?? true,
    apply: o.apply ?? true,
    applyScripts: o.applyScripts ?? false,
    holdCode: o.holdCode ?? false,
    dryRun: o.dryRun ?? false,
    messageTemplate: o.messageTemplate ?? DEFAULT_MESSAGE_TEMPLATE,
    branchPrefix,
    stateDir: o.stateDir,
    lockTimeoutMs: o.lockTimeoutMs ?? 30_000,
    pushRetries: o.pushRetries ?? 3,
    historySize: o.historySize ?? 20,
    now: o.now ?? (() => new Date()),
    onEvent: o.onEvent ?? (() => undefined),
  });
};
