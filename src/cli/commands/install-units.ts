// `chezmoi-sync install-units [--uninstall]`: writes or removes the systemd user units
// (src/deploy/install-units.ts does the work). Settings given on this command line or in CHEZMOI_SYNC_*
// are baked into the service, since a service does not see this shell's environment;
// config.toml is read by the service itself at each run.
import { dirname } from 'node:path';
import { locateBinary } from '../../backends/memo/stat-memo.js';
import { err, ok } from 'neverthrow';
import { installUnits, uninstallUnits, type InstallReport } from '../../deploy/install-units.js';
import type { SyncUnitSettings } from '../../deploy/sync-args.js';
import { formatDuration } from '../../core/watch/duration.js';
import type { SettingKey } from '../args/spec.js';
import { quoteWords } from '../config/split-words.js';
import type { EffectiveConfig } from '../config/load.js';
import { usage } from '../errors.js';
import type { CommandContext, CommandResult } from './types.js';

/** The settings this invocation chose explicitly (flag or env), as unit settings. */
const explicitSettings = (c: EffectiveConfig): { sync: SyncUnitSettings; environment: Record<string, string> } => {
  const chosen = (k: SettingKey): boolean => c.origins[k].layer === 'flag' || c.origins[k].layer === 'env';
  const v = c.values;
  const sync: { -readonly [K in keyof SyncUnitSettings]: SyncUnitSettings[K] } = {};
  if (chosen('source') && v.source !== undefined) sync.source = v.source;
  if (chosen('repoUrl') && v.repoUrl !== undefined) sync.repoUrl = v.repoUrl;
  if (chosen('remote')) sync.remote = v.remote;
  if (chosen('trunk') && v.trunk !== undefined) sync.trunk = v.trunk;
  if (chosen('backend')) sync.backend = v.backend;
  if (chosen('host')) sync.host = v.host;
  if (chosen('stateDir')) sync.stateDir = v.stateDir;
  if (chosen('notifyCommand') && v.notifyCommand !== undefined) sync.notifyCommand = quoteWords(v.notifyCommand);
  if (chosen('commit')) sync.commit = v.commit;
  if (chosen('push')) sync.push = v.push;
  if (chosen('apply')) sync.apply = v.apply;
  const environment: Record<string, string> = {};
  for (const [k, name] of [['jj', 'CHEZMOI_SYNC_JJ'], ['git', 'CHEZMOI_SYNC_GIT'], ['chezmoi', 'CHEZMOI_SYNC_CHEZMOI']] as const) {
    const value = v[k];
    if (chosen(k) && value !== undefined) environment[name] = value;
  }
  return { sync, environment };
};

/** The directories a systemd user manager's PATH holds (systemd's default): tools there are found by the service too. */
const SYSTEM_DIRS = new Set(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']);

const TOOL_VARIABLES = [['jj', 'CHEZMOI_SYNC_JJ'], ['git', 'CHEZMOI_SYNC_GIT'], ['chezmoi', 'CHEZMOI_SYNC_CHEZMOI']] as const;

/**
 * The service sees the user manager's PATH, the system directories only: jj, git or chezmoi this
 * shell finds elsewhere (`~/.cargo/bin`, `~/.nix-profile/bin`, `~/.local/bin`) are baked into the
 * service by path. Without it the timer ran without jj, fell back to git, and refused every run at
 * the detached HEAD jj leaves. A path in the Nix store is not baked (it changes with every upgrade):
 * said instead. A tool given explicitly is left as given.
 */
const toolsOffSystemPath = async (ctx: CommandContext, chosen: Readonly<Record<string, string>>): Promise<Record<string, string>> => {
  const baked: Record<string, string> = {};
  for (const [tool, name] of TOOL_VARIABLES) {
    if (chosen[name] !== undefined) continue;
    // The PATH entry itself, not its target: a profile's link outlives the store path it points to.
    const file = await locateBinary(tool, ctx.env['PATH'], { resolveLinks: false });
    if (file === undefined || SYSTEM_DIRS.has(dirname(file))) continue;
    if (file.startsWith('/nix/store/')) {
      ctx.out.line(`note: ${tool} is found in the Nix store (${file}), which the service's PATH does not hold: set ${name} to a stable path, or use the NixOS module`);
      continue;
    }
    baked[name] = file;
  }
  return baked;
};

const render = (ctx: CommandContext, r: InstallReport): void => {
  for (const u of r.units) ctx.out.line(`${u.action.padEnd(10)} ${u.path}`);
  for (const l of r.removedLinks) ctx.out.line(`removed    ${l}`);
  if (r.followUp.length > 0) {
    ctx.out.line('next:');
    for (const argv of r.followUp) ctx.out.line(`  ${argv.join(' ')}`);
  }
};

export const runInstallUnits = async (ctx: CommandContext): CommandResult => {
  const { flags } = ctx.invocation;
  if (flags['uninstall'] === true && (flags['interval'] !== undefined || flags['force'] !== undefined)) {
    return err(usage('--uninstall takes no --interval or --force'));
  }
  if (flags['uninstall'] === true && flags['watch'] !== undefined) {
    return err(usage('--uninstall takes no --watch', 'it removes every unit this tool wrote, the watch service included'));
  }
  const base = { env: ctx.env };
  if (flags['uninstall'] === true) {
    const r = await uninstallUnits(base);
    if (r.isErr()) return err(r.error);
    render(ctx, r.value);
    return ok({ exitCode: 0, data: { action: 'uninstall', ...r.value } });
  }
  const explicit = explicitSettings(ctx.config);
  const { sync } = explicit;
  const environment = { ...(await toolsOffSystemPath(ctx, explicit.environment)), ...explicit.environment };
  const interval = flags['interval'];
  const c = ctx.config;
  // The watch service gets the durations this command line chose; otherwise config.toml's at each start.
  const watch = flags['watch'] === true
    ? {
        ...(c.origins.debounce.layer === 'flag' || c.origins.debounce.layer === 'env' ? { debounce: formatDuration(c.values.debounce) } : {}),
        ...(c.origins.fetchInterval.layer === 'flag' || c.origins.fetchInterval.layer === 'env' ? { fetchInterval: formatDuration(c.values.fetchInterval) } : {}),
      }
    : undefined;
  const r = await installUnits({
    ...base,
    sync,
    ...(watch !== undefined ? { watch } : {}),
    ...(Object.keys(environment).length > 0 ? { environment } : {}),
    ...(typeof interval === 'string' ? { interval } : {}),
    ...(flags['force'] === true ? { force: true } : {}),
  });
  if (r.isErr()) return err(r.error);
  render(ctx, r.value);
  return ok({ exitCode: 0, data: { action: 'install', ...r.value } });
};
