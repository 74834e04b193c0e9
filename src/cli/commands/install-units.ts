// `chezmoi-sync install-units [--uninstall]`: writes or removes the systemd user units
// (src/deploy/install-units.ts does the work). Settings given on this command line or in CHEZMOI_SYNC_*
// are baked into the service, since a service does not see this shell's environment;
// config.toml is read by the service itself at each run.
import { err, ok } from 'neverthrow';
import { installUnits, uninstallUnits, type InstallReport } from '../../deploy/install-units.js';
import type { SyncUnitSettings } from '../../deploy/sync-args.js';
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
  const base = { env: ctx.env };
  if (flags['uninstall'] === true) {
    const r = await uninstallUnits(base);
    if (r.isErr()) return err(r.error);
    render(ctx, r.value);
    return ok({ exitCode: 0, data: { action: 'uninstall', ...r.value } });
  }
  const { sync, environment } = explicitSettings(ctx.config);
  const interval = flags['interval'];
  const r = await installUnits({
    ...base,
    sync,
    ...(Object.keys(environment).length > 0 ? { environment } : {}),
    ...(typeof interval === 'string' ? { interval } : {}),
    ...(flags['force'] === true ? { force: true } : {}),
  });
  if (r.isErr()) return err(r.error);
  render(ctx, r.value);
  return ok({ exitCode: 0, data: { action: 'install', ...r.value } });
};
