// The chezmoi port over the chezmoi CLI (>= 2.71). See docs in each module for what chezmoi
// 2.73 was seen to do; every call runs `--no-tty --no-pager --color=off` with explicit paths.
import { dirname, resolve } from 'node:path';
import { err, errAsync, ok, okAsync, type Result, type ResultAsync } from 'neverthrow';
import type { Chezmoi, ChezmoiOptions } from '../../core/chezmoi.js';
import { toolTooOld, type SyncError } from '../../core/errors.js';
import { execaRunner, type Runner } from '../process/runner.js';
import { apply } from './apply.js';
import { checkPathOption as checkPath, checkSourceRelative as checkRelative, checkTargets } from './check-args.js';
import { catArgs, entryStateArgs, executeTemplateArgs, globalArgs, sourcePathArgs, statusArgs, versionArgs } from './commands.js';
import { parseEntryState } from './parse-entry-state.js';
import { managedFiles } from './managed.js';
import { configFiles, type ManagedMemo } from './managed-memo.js';
import { parseSourcePath } from './parse-source-path.js';
import { rememberedSourcePath } from './source-path-memo.js';
import { parseStatus } from './parse-status.js';
import { toolVersionOutput } from '../memo/stat-memo.js';
import { compareVersions, parseToolVersion } from '../tool-version.js';
import { MIN_CHEZMOI_VERSION } from './version.js';
import { reAdd } from './re-add.js';
import { runChezmoi } from './runner.js';
import type { ChezmoiSettings } from './settings.js';
import { targetPaths } from './target-paths.js';

export { MIN_CHEZMOI_VERSION } from './version.js';

/** Options of `chezmoiCli`: the port's options plus the injectable runner and retry policy. */
export interface ChezmoiCliOptions extends ChezmoiOptions {
  /** Spawns processes; default: the execa runner. */
  readonly runner?: Runner;
  /** Extra attempts when chezmoi's state lock is busy (default 3). */
  readonly lockRetries?: number;
  /** Waits between lock retries; injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** `cat` and `execute-template` print the content itself, byte for byte. */
const asText = (stdout: string): Result<string, SyncError> => ok(stdout);

/**
 * The chezmoi port over the real chezmoi binary: `options.binary`, else `$CHEZMOI_SYNC_CHEZMOI`,
 * else `chezmoi` on PATH. Call `version()` once when opening: it checks the minimum (2.71).
 *
 * @example
 * const cz = chezmoiCli({ destination: '/home/me', source: '/home/me/.local/share/chezmoi' });
 * const report = await cz.reAdd();
 */
export const chezmoiCli = (options: ChezmoiCliOptions = {}): Chezmoi => {
  const source = options.source !== undefined ? resolve(options.source) : undefined;
  const destination = options.destination !== undefined ? resolve(options.destination) : undefined;
  const config = options.config !== undefined ? resolve(options.config) : undefined;
  const bad = checkPath('source', options.source) ?? checkPath('destination', options.destination) ?? checkPath('config', options.config);
  const binary = options.binary ?? options.env?.['CHEZMOI_SYNC_CHEZMOI'] ?? process.env['CHEZMOI_SYNC_CHEZMOI'] ?? 'chezmoi';
  const settings: ChezmoiSettings = {
    binary,
    globalArgs: globalArgs({
      ...(source !== undefined ? { source } : {}),
      ...(destination !== undefined ? { destination } : {}),
      ...(config !== undefined ? { config } : {}),
    }),
    ...(options.env !== undefined ? { env: options.env } : {}),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    runner: options.runner ?? execaRunner,
    lockRetries: options.lockRetries ?? 3,
    sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    // chezmoi keeps its state database beside the config file.
    statePath: config !== undefined ? `${dirname(config)}/chezmoistate.boltdb` : 'chezmoistate.boltdb',
    configFiles: configFiles({ config, env: options.env ?? {} }),
  };
  const guard = <T>(extra: SyncError | undefined, f: () => ResultAsync<T, SyncError>): ResultAsync<T, SyncError> => {
    const e = bad ?? extra;
    return e !== undefined ? errAsync(e) : f();
  };
  // Checked once per adapter (the binary does not change under a sync); failures are not remembered.
  let knownVersion: string | undefined;
  // The whole managed list is remembered between runs with a cache dir and a known source dir
  // (given, or as `sourcePath()` found it).
  let foundSource: string | undefined;
  const memo = (): ManagedMemo | undefined => {
    const dir = source ?? foundSource;
    return options.cacheDir !== undefined && dir !== undefined ? { dir: options.cacheDir, source: dir, config, env: options.env ?? {} } : undefined;
  };

  return {
    version: () =>
      knownVersion !== undefined
        ? okAsync(knownVersion)
        : guard(undefined, () =>
            toolVersionOutput(options.cacheDir, binary, options.env?.['PATH'] ?? process.env['PATH'], () => runChezmoi(settings, versionArgs(), (out) => ok(out)))
              .andThen((out) =>
                parseToolVersion(out, 'chezmoi').andThen(({ text: v }) =>
                  compareVersions(v, MIN_CHEZMOI_VERSION) < 0 ? err(toolTooOld('chezmoi', v, MIN_CHEZMOI_VERSION)) : ok(v),
                ),
              )
              .map((v) => (knownVersion = v)),
          ),
    sourcePath: () =>
      guard(undefined, () =>
        (options.cacheDir !== undefined
          ? rememberedSourcePath(settings, { dir: options.cacheDir, config, env: options.env ?? {} })
          : runChezmoi(settings, sourcePathArgs(), parseSourcePath)
        ).map((p) => (foundSource = p)),
      ),
    managed: () => guard(undefined, () => managedFiles(settings, [], memo())),
    status: (targets) =>
      targets !== undefined && targets.length === 0
        ? okAsync([])
        : guard(targets !== undefined ? checkTargets(targets) : undefined, () => runChezmoi(settings, statusArgs(targets), parseStatus)),
    reAdd: (targets, known) => guard(targets !== undefined ? checkTargets(targets) : undefined, () => reAdd(settings, targets, known)),
    targetPaths: (rel) => guard(checkRelative(rel), () => targetPaths(settings, rel, source)),
    apply: (o) => guard(checkTargets(o.targets), () => apply(settings, o)),
    cat: (target) => guard(checkTargets([target]), () => runChezmoi(settings, catArgs(target), asText)),
    renderTemplate: (text) => guard(undefined, () => runChezmoi(settings, executeTemplateArgs(), asText, text)),
    lastWritten: () =>
      guard(undefined, () =>
        runChezmoi(settings, entryStateArgs(), parseEntryState).map(
          (m) => new Map([...m].flatMap(([t, e]) => ((e.type === 'file' || e.type === 'symlink') && e.contentsSHA256 !== undefined ? [[t, e.contentsSHA256] as const] : []))),
        ),
      ),
  };
};
