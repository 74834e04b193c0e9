// Help text, generated from the spec so that it never disagrees with the parser.
import { VERSION } from '../version.js';
import { COMMANDS, GLOBAL_FLAGS, SETTINGS, commandSpec, type CommandName, type OutputFlagSpec, type SettingSpec } from './args/spec.js';

const flagColumn = (f: OutputFlagSpec): string => `${f.short !== undefined ? `-${f.short}, ` : '    '}--${f.flag}${f.metavar !== undefined ? ` ${f.metavar}` : ''}`;

const settingColumn = (s: SettingSpec): string => `    --${s.flag ?? s.key}${s.metavar !== undefined ? ` ${s.metavar}` : ''}`;

const table = (rows: readonly [string, string][]): string => {
  const width = Math.min(34, Math.max(...rows.map(([a]) => a.length)) + 2);
  return rows.map(([a, b]) => `  ${a.length + 2 > width ? `${a}  ` : a.padEnd(width)}${b}`).join('\n');
};

/** `chezmoi-sync --help`. */
export const mainHelp = (): string => `chezmoi-sync ${VERSION} — keep a chezmoi dotfiles repository in sync across machines

Usage: chezmoi-sync [command] [options]

Commands:
${table(COMMANDS.map((c) => [c.name, c.summary]))}

Sync options (flag > env CHEZMOI_SYNC_* > config file > default):
${table(SETTINGS.filter((s) => s.flag !== undefined).map((s) => [settingColumn(s).trimStart(), `${s.help} [${s.env}]`]))}

Tool binaries (env or config file): ${SETTINGS.filter((s) => s.flag === undefined).map((s) => s.env).join(', ')}

Output options (every command):
${table(GLOBAL_FLAGS.map((f) => [flagColumn(f), f.help]))}

Command options: chezmoi-sync COMMAND --help. Also installed as chezmoi-status (= status)
and chezmoi-show-conflicts (= conflicts).
Exit codes, config keys and JSON schemas: docs/cli.md in the package.
`;

/** `chezmoi-sync COMMAND --help`. */
export const commandHelp = (name: CommandName): string => {
  const c = commandSpec(name);
  if (c === undefined) return mainHelp();
  const own = c.flags ?? [];
  const parts = [`chezmoi-sync ${c.name}${c.usage !== undefined ? ` ${c.usage}` : ''} — ${c.summary}`, ''];
  if (own.length > 0) parts.push('Options:', table(own.map((f) => [flagColumn(f), f.help])), '');
  if (c.needsConfig) parts.push('Takes the sync options too (see chezmoi-sync --help).', '');
  parts.push(`Output options: ${GLOBAL_FLAGS.map((f) => `--${f.flag}`).join(', ')}`, '');
  return parts.join('\n');
};
