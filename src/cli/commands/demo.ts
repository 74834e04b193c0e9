// `chezmoi-sync demo [--keep] [--backend auto|jj|git]`: the main job on a throwaway world,
// narrated, then proved by reading the files. Needs no configuration and touches no real HOME.
import { err, ok } from 'neverthrow';
import { execaRunner } from '../../backends/process/runner.js';
import type { BackendChoice } from '../../core/select-backend.js';
import type { EffectiveConfig } from '../config/load.js';
import { BACKENDS } from '../config/settings.js';
import { quoteWords } from '../config/split-words.js';
import { runScenario, type DemoResult, type Place } from '../demo/scenario.js';
import { createDemoWorld, removeWorld, type DemoTools, type DemoWorld } from '../demo/world.js';
import { EXIT, usage } from '../errors.js';
import type { Output } from '../output/output.js';
import type { CommandContext, CommandResult } from './types.js';

const cell = (v: boolean | null | undefined): string => (v === true ? 'yes' : v === false ? 'no' : '—');

const renderProof = (out: Output, world: DemoWorld, r: DemoResult): void => {
  const s = out.style;
  const places: [Place, string][] = [
    ['trunk', 'origin/main'],
    ['hostBranch', `origin/${r.hostBranch}`],
    ...world.hosts.map((h): [Place, string] => [`home:${h.name}`, `${h.name}'s HOME`]),
  ];
  const first = Math.max(...r.edits.map((e) => e.description.length)) + 2;
  const widths = places.map(([, label]) => Math.max(label.length, 3) + 3);
  out.line('');
  out.line(s.bold('Where each edit ended up (read from the files just now):'));
  out.line(`  ${''.padEnd(first)}${places.map(([, label], i) => label.padEnd(widths[i] ?? 0)).join('')}`.trimEnd());
  for (const e of r.edits) {
    const cells = places.map(([p], i) => {
      const v = cell(e.found[p]);
      const want = e.expected[p];
      const shown = want !== undefined && want !== e.found[p] ? s.red(`${v}!`) : v;
      return shown + ' '.repeat(Math.max(1, (widths[i] ?? 0) - v.length - (want !== undefined && want !== e.found[p] ? 1 : 0)));
    });
    out.line(`  ${e.description.padEnd(first)}${cells.join('')}`.trimEnd());
  }
};

const conclusion = (world: DemoWorld, r: DemoResult): string[] => {
  const [a, b] = world.hosts;
  if (a === undefined || b === undefined) return [];
  return [
    '',
    `The clean edits were merged: both are on origin/main and in both HOMEs.`,
    `The conflict blocked nobody: ${a.name}'s EDITOR=nvim is on origin/main and in ${a.name}'s HOME;`,
    `${b.name}'s EDITOR=emacs is kept on origin/${r.hostBranch} and in ${b.name}'s HOME. Nothing was lost.`,
    `On ${b.name}, \`chezmoi-sync conflicts\` tells what to do next.`,
  ];
};

const hostCommand = (world: DemoWorld, name: string, args: readonly string[]): string => {
  const h = world.hosts.find((x) => x.name === name);
  if (h === undefined) return '';
  const keys = ['HOME', 'XDG_CONFIG_HOME', 'XDG_STATE_HOME', 'XDG_DATA_HOME', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'JJ_CONFIG', 'CHEZMOI_SYNC_HOST'];
  return quoteWords(['env', ...keys.map((k) => `${k}=${h.env[k] ?? ''}`), 'chezmoi-sync', ...args]);
};

export const runDemo = async (ctx: CommandContext<EffectiveConfig | undefined>): CommandResult => {
  const { out } = ctx;
  const raw = ctx.invocation.flags['backend'] ?? 'auto';
  if (typeof raw !== 'string' || !(BACKENDS as readonly string[]).includes(raw)) return err(usage(`--backend must be auto, jj or git (got ${JSON.stringify(raw)})`));
  const choice = raw as BackendChoice;
  const keep = ctx.invocation.flags['keep'] === true;
  const tools: DemoTools = { git: ctx.env['CHEZMOI_SYNC_GIT'] ?? 'git', chezmoi: ctx.env['CHEZMOI_SYNC_CHEZMOI'] ?? 'chezmoi' };
  // Narration: on stdout for people; on stderr with --json (stdout holds only the document).
  const say = (text: string): void => (out.json ? out.note(text) : out.quiet ? undefined : out.line(text));

  say('chezmoi-sync demo: two simulated machines, alpha and beta, share one dotfiles remote.');
  const world = await createDemoWorld(tools, ['alpha', 'beta'], execaRunner);
  if (world.isErr()) return err(world.error);
  const w = world.value;
  say(`world: ${w.root} (remote ${w.remote}; each machine has its own HOME, chezmoi config and a name and email in its git config only, as on most machines)`);
  say('Both machines cloned the remote and ran chezmoi apply.');

  const result = await runScenario(w, tools, choice, execaRunner, say);
  const cleanup = async (): Promise<void> => {
    if (!keep) await removeWorld(w).match(() => say(`\nremoved ${w.root}; run with --keep to keep it`), (e) => out.problem(`warning: ${e.message}`));
  };
  if (result.isErr()) {
    await cleanup();
    if (keep) out.problem(`the demo world is kept at ${w.root}`);
    return err(result.error);
  }
  const r = result.value;
  if (!out.json) {
    renderProof(out, w, r);
    if (!out.quiet) for (const l of conclusion(w, r)) out.line(l);
  }
  if (keep) {
    // Shown even with --quiet: the path is what --keep is for.
    const tell = (text: string): void => (out.json ? out.problem(text) : out.line(text));
    tell('');
    tell(`The world is kept at ${w.root}. To look around as beta:`);
    tell(`  ${hostCommand(w, 'beta', [`--source=${w.hosts[1]?.source ?? ''}`, 'conflicts'])}`);
    tell(`Remove it with: rm -rf ${quoteWords([w.root])}`);
  }
  await cleanup();
  if (!r.proved) out.problem('chezmoi-sync: the demo did not end as promised (marked "!" above): please report this with --verbose output');
  return ok({
    exitCode: r.proved ? EXIT.ok : EXIT.failed,
    data: {
      backend: r.backend,
      world: keep ? { root: w.root, remote: w.remote, hosts: w.hosts.map((h) => ({ name: h.name, home: h.home, source: h.source })) } : null,
      syncs: r.syncs.map((x) => ({ host: x.host, status: x.report.status, summary: x.summary, report: x.report })),
      edits: r.edits,
      hostBranch: r.hostBranch,
      remoteBranches: r.remoteBranches,
      proved: r.proved,
    },
  });
};
