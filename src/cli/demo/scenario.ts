// The demo's story: two machines, one clean concurrent edit per machine (different files),
// then one real conflict (the same line). Every sync is a real runSync with the real adapters;
// at the end the files themselves — on the remote and in each HOME — say where each edit went.
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import type { Runner } from '../../backends/process/runner.js';
import { invalidInput, type SyncError } from '../../core/errors.js';
import type { BackendChoice } from '../../core/select-backend.js';
import { runSync } from '../../core/sync/engine.js';
import type { SyncEvent, SyncReport } from '../../core/sync/types.js';
import { summarize } from '../output/summary.js';
import { wire, type Wired } from '../wiring/deps.js';
import { readRemote, readText, remoteBranches, writeText, type DemoHost, type DemoTools, type DemoWorld } from './world.js';

/** Where an edit can be: the remote trunk, the conflicting host's branch, each HOME. */
export type Place = 'trunk' | 'hostBranch' | `home:${string}`;

export interface EditProof {
  readonly id: string;
  readonly host: string;
  readonly description: string;
  /** Path under HOME. */
  readonly file: string;
  /** The line the edit wrote. */
  readonly line: string;
  /** Whether the line is there, read from the files (null: the place does not exist). */
  readonly found: Readonly<Record<Place, boolean | null>>;
  /** What the promise requires. */
  readonly expected: Readonly<Partial<Record<Place, boolean>>>;
  readonly ok: boolean;
}

export interface DemoSync {
  readonly host: string;
  readonly report: SyncReport;
  readonly summary: string;
}

export interface DemoResult {
  readonly backend: { readonly kind: string; readonly reason: string };
  readonly syncs: readonly DemoSync[];
  readonly edits: readonly EditProof[];
  readonly hostBranch: string;
  readonly remoteBranches: readonly string[];
  /** Every expectation held. */
  readonly proved: boolean;
}

interface Edit {
  readonly id: string;
  readonly host: string;
  readonly description: string;
  readonly file: string;
  readonly source: string;
  readonly from: string;
  readonly to: string;
  readonly expected: Partial<Record<Place, boolean>>;
}

/** One narrator line at a time (progress on a terminal, stderr with --json). */
export type Say = (text: string) => void;

const STEPS_SHOWN = new Set(['capture', 'integrate', 'apply', 'publish']);

export const runScenario = async (
  world: DemoWorld,
  tools: DemoTools,
  choice: BackendChoice,
  runner: Runner,
  say: Say,
): Promise<Result<DemoResult, SyncError>> => {
  const [alpha, beta] = world.hosts;
  if (alpha === undefined || beta === undefined) return err(invalidInput('hosts', '', 'the demo needs two hosts'));
  const hostBranch = `sync/${beta.name}`;

  const wired = new Map<string, Wired>();
  for (const h of world.hosts) {
    const w = await wire(choice, { env: h.env, source: h.source, destination: h.home, chezmoiConfig: h.chezmoiConfig, timeout: 60, ...(tools.git !== 'git' ? { git: tools.git } : {}), ...(tools.chezmoi !== 'chezmoi' ? { chezmoi: tools.chezmoi } : {}) });
    if (w.isErr()) return err(w.error);
    wired.set(h.name, w.value);
  }
  const first = wired.get(alpha.name);
  if (first === undefined) return err(invalidInput('hosts', '', 'the demo needs two hosts'));
  const backend = { kind: first.backend.factory.kind, reason: first.backend.reason };
  say(`engine: ${backend.kind} (${backend.reason})`);

  const syncs: DemoSync[] = [];
  const sync = async (h: DemoHost): Promise<Result<SyncReport, SyncError>> => {
    const w = wired.get(h.name);
    if (w === undefined) return err(invalidInput('host', h.name, `no host ${h.name}`));
    const lines: string[] = [];
    const onEvent = (e: SyncEvent): void => {
      if (e.type === 'step-finished' && STEPS_SHOWN.has(e.step) && e.outcome !== 'skipped') lines.push(`      ${e.step}: ${e.detail}`);
    };
    const r = await runSync(w.deps, { host: h.name, stateDir: h.stateDir, sourceDir: h.source, onEvent });
    if (r.isErr()) return err(r.error);
    const summary = summarize(r.value);
    syncs.push({ host: h.name, report: r.value, summary });
    say(`  ${h.name}$ chezmoi-sync sync  →  ${summary}`);
    for (const l of lines) say(l);
    return ok(r.value);
  };
  const syncAll = async (...hosts: DemoHost[]): Promise<Result<void, SyncError>> => {
    for (const h of hosts) {
      const r = await sync(h);
      if (r.isErr()) return err(r.error);
    }
    return ok(undefined);
  };
  const edit = async (e: Edit): Promise<Result<void, SyncError>> => {
    const h = world.hosts.find((x) => x.name === e.host);
    if (h === undefined) return err(invalidInput('host', e.host, `no host ${e.host}`));
    const path = join(h.home, e.file);
    const before = await readText(path);
    if (before.isErr()) return err(before.error);
    const w = await writeText(path, (before.value ?? '').replace(e.from, e.to));
    if (w.isErr()) return err(w.error);
    say(`  ${e.host}: edits ~/${e.file}: ${JSON.stringify(e.from)} → ${JSON.stringify(e.to)}`);
    return ok(undefined);
  };

  const homeOf = (n: string): Place => `home:${n}`;
  const edits: Edit[] = [
    {
      id: 'clean-alpha', host: alpha.name, description: `${alpha.name} turns the tmux mouse on`, file: '.tmux.conf', source: 'dot_tmux.conf',
      from: 'set -g mouse off', to: 'set -g mouse on',
      expected: { trunk: true, [homeOf(alpha.name)]: true, [homeOf(beta.name)]: true },
    },
    {
      id: 'clean-beta', host: beta.name, description: `${beta.name} adds relative line numbers to nvim`, file: '.config/nvim/init.lua', source: 'dot_config/nvim/init.lua',
      from: 'vim.o.number = true', to: 'vim.o.number = true\nvim.o.relativenumber = true',
      expected: { trunk: true, [homeOf(alpha.name)]: true, [homeOf(beta.name)]: true },
    },
    {
      id: 'conflict-alpha', host: alpha.name, description: `${alpha.name} sets EDITOR=nvim`, file: '.bashrc', source: 'dot_bashrc',
      from: 'export EDITOR=vi', to: 'export EDITOR=nvim',
      expected: { trunk: true, [homeOf(alpha.name)]: true, [homeOf(beta.name)]: false },
    },
    {
      id: 'conflict-beta', host: beta.name, description: `${beta.name} sets EDITOR=emacs (same line)`, file: '.bashrc', source: 'dot_bashrc',
      from: 'export EDITOR=vi', to: 'export EDITOR=emacs',
      expected: { trunk: false, hostBranch: true, [homeOf(alpha.name)]: false, [homeOf(beta.name)]: true },
    },
  ];
  const [cleanA, cleanB, conflictA, conflictB] = edits as [Edit, Edit, Edit, Edit];

  const steps: [string, () => Promise<Result<void, SyncError>>][] = [
    [`1. Both machines run a first sync (${backend.kind === 'jj' ? 'jj takes over the git clone' : 'git'}; nothing to exchange yet)`, () => syncAll(alpha, beta)],
    [
      '2. A clean concurrent edit: each machine edits a different file before either syncs',
      async () => {
        for (const e of [cleanA, cleanB]) {
          const r = await edit(e);
          if (r.isErr()) return r;
        }
        return syncAll(alpha, beta, alpha);
      },
    ],
    [
      '3. A real conflict: both machines change the same line of ~/.bashrc',
      async () => {
        for (const e of [conflictA, conflictB]) {
          const r = await edit(e);
          if (r.isErr()) return r;
        }
        return syncAll(alpha, beta);
      },
    ],
  ];
  for (const [title, run] of steps) {
    say('');
    say(title);
    const r = await run();
    if (r.isErr()) return err(r.error);
  }

  // The proof: read every place each edit could be.
  const proofs: EditProof[] = [];
  for (const e of edits) {
    const found: Record<Place, boolean | null> = { trunk: null, hostBranch: null };
    const trunk = await readRemote(runner, tools, world, 'main', e.source);
    const side = await readRemote(runner, tools, world, hostBranch, e.source);
    if (trunk.isErr()) return err(trunk.error);
    if (side.isErr()) return err(side.error);
    found.trunk = trunk.value === undefined ? null : trunk.value.includes(e.to);
    found.hostBranch = side.value === undefined ? null : side.value.includes(e.to);
    for (const h of world.hosts) {
      const t = await readText(join(h.home, e.file));
      if (t.isErr()) return err(t.error);
      found[homeOf(h.name)] = t.value === undefined ? null : t.value.includes(e.to);
    }
    const okAll = Object.entries(e.expected).every(([place, want]) => found[place as Place] === want);
    proofs.push({ id: e.id, host: e.host, description: e.description, file: `~/${e.file}`, line: e.to.split('\n').pop() ?? e.to, found, expected: e.expected, ok: okAll });
  }
  const branches = await remoteBranches(runner, tools, world);
  if (branches.isErr()) return err(branches.error);
  return ok({ backend, syncs, edits: proofs, hostBranch, remoteBranches: branches.value, proved: proofs.every((p) => p.ok) });
};
