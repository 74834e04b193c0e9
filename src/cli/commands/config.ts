// `chezmoi-sync config`: the effective configuration and where each value came from.
import { ok } from 'neverthrow';
import { formatDuration } from '../../core/watch/duration.js';
import { SETTINGS } from '../args/spec.js';
import type { CommandContext, CommandResult } from './types.js';

const show = (v: unknown): string => (v === undefined ? '-' : Array.isArray(v) ? JSON.stringify(v) : typeof v === 'string' ? v : JSON.stringify(v));

export const runConfig = (ctx: CommandContext): CommandResult => {
  const { values, origins, file } = ctx.config;
  const rows = SETTINGS.map((s) => {
    const value = (values as unknown as Record<string, unknown>)[s.key];
    const o = origins[s.key];
    return { key: s.key, value, text: s.type === 'duration' && typeof value === 'number' ? formatDuration(value) : show(value), origin: o };
  });
  const fileLine = file.path === undefined ? 'none (HOME is not set)' : `${file.path}${file.found ? '' : ' (not found; defaults apply)'}`;
  ctx.out.line(`config file: ${fileLine}`);
  const width = Math.max(...rows.map((r) => r.key.length)) + 2;
  const vwidth = Math.max(...rows.map((r) => r.text.length)) + 2;
  for (const r of rows) {
    const from = r.origin.layer === 'default' ? `default (${r.origin.name})` : r.origin.layer === 'file' ? `file` : r.origin.name;
    ctx.out.line(`${r.key.padEnd(width)}${r.text.padEnd(vwidth)}${ctx.out.style.dim(from)}`);
  }
  const settings = Object.fromEntries(rows.map((r) => [r.key, { value: r.value ?? null, source: r.origin.layer, from: r.origin.name }]));
  return Promise.resolve(ok({ exitCode: 0, data: { configFile: { path: file.path ?? null, found: file.found }, settings } }));
};
