// Re-created public dotfiles repositories (test/fixtures/dotfiles/<name>/) in throwaway worlds:
// the remote is seeded from `repo/`, downloads for `.chezmoiexternal` come from `mirror/`
// (a `*.tar.gz.d` directory there becomes the `*.tar.gz` archive), and hosts are set up the
// way a user sets up a machine — `chezmoi init --apply` or a clone plus `chezmoi init`.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { useWorld, type Host, type World } from '../../support/world.js';
import type { PackedBins } from './packed.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/dotfiles');

export type Backend = 'jj' | 'git';

const walk = (dir: string, rel = ''): string[] =>
  readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    return e.isDirectory() ? walk(dir, r) : [r];
  });

/** The files of a fixture's repository, by path. */
export const fixtureFiles = (name: string): Record<string, string> => {
  const repo = join(FIXTURES, name, 'repo');
  return Object.fromEntries(walk(repo).map((p) => [p, readFileSync(join(repo, p), 'utf8')]));
};

/** A file beside the fixture's repository (keys, notes). */
export const fixturePath = (name: string, rel: string): string => join(FIXTURES, name, rel);

/** Copies the fixture's download mirror into the world; returns its `file://` base URL. */
export const buildMirror = (w: World, name: string): string => {
  const src = join(FIXTURES, name, 'mirror');
  const dest = join(w.root, 'mirror');
  cpSync(src, dest, { recursive: true });
  const pack = (dir: string): void => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (!statSync(p).isDirectory()) continue;
      if (e.endsWith('.tar.gz.d')) {
        execFileSync('tar', ['-C', p, '-czf', p.slice(0, -2), '.']);
        rmSync(p, { recursive: true, force: true });
      } else pack(p);
    }
  };
  pack(dest);
  return `file://${dest}`;
};

/**
 * A world whose remote holds the fixture's repository on `trunk` (its default branch); the hosts
 * are fresh machines (no chezmoi config).
 */
export const dotfilesWorld = async (name: string, hosts: readonly string[] = ['alpha', 'beta'], trunk = 'main'): Promise<World> => {
  const w = await useWorld({ hosts, files: fixtureFiles(name) });
  for (const h of w.hosts) rmSync(h.chezmoiConfig, { force: true });
  if (trunk !== 'main') {
    const h = w.hosts[0] as Host;
    w.run(h, 'git', ['--git-dir', w.remote, 'branch', '-m', 'main', trunk]);
    w.run(h, 'git', ['--git-dir', w.remote, 'symbolic-ref', 'HEAD', `refs/heads/${trunk}`]);
  }
  return w;
};

/** chezmoi as a host would run it by hand. */
export const chezmoi = (w: World, h: Host, args: readonly string[], allowFail = false): ReturnType<World['run']> =>
  w.run(h, 'chezmoi', args, { allowFail });

/** `chezmoi init --apply` of the remote, non-interactively, as the README of such a repo says. */
export const initApply = (w: World, h: Host, extra: readonly string[] = []): void => {
  chezmoi(w, h, ['init', '--apply', '--no-tty', '--promptDefaults', ...extra, w.remoteUrl]);
};

/** A clone and `chezmoi init` (config from the template), then `apply` without scripts. */
export const cloneInitApply = (w: World, h: Host, extra: readonly string[] = []): void => {
  w.cloneWithGit(h);
  chezmoi(w, h, ['init', '--no-tty', '--promptDefaults', ...extra]);
  chezmoi(w, h, ['apply', '--no-tty', '--exclude=scripts']);
};

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one of the installed bins as this host, with the chosen backend. */
export const runBin = (bin: string, h: Host, backend: Backend, args: readonly string[]): CliResult => {
  const r = spawnSync(bin, [...args], {
    cwd: h.home,
    env: { ...h.env, CHEZMOI_SYNC_BACKEND: backend },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.error !== undefined) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

export type JsonDoc = Record<string, unknown> & { schema: number; command: string; ok: boolean; exitCode: number };

/** Exactly one JSON document on stdout, consistent with the exit code. */
export const jsonOf = (r: CliResult): JsonDoc => {
  let doc: JsonDoc;
  try {
    doc = JSON.parse(r.stdout) as JsonDoc;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${r.code}):\n${r.stdout}\n--- stderr:\n${r.stderr}`);
  }
  expect(doc.schema).toBe(1);
  expect(doc.exitCode).toBe(r.code);
  return doc;
};

/** An error as the JSON document shows it. */
export interface SyncErrorDoc {
  readonly kind: string;
  readonly message: string;
  readonly hint: string;
}

/** The `sync` report fields the tests look at. */
export interface SyncReportDoc {
  readonly status: string;
  readonly committed: number;
  readonly published: number;
  readonly applied: readonly string[];
  readonly keptLocal: readonly string[];
  readonly skippedReAdd: readonly string[];
  readonly pendingPushes: number;
  readonly conflicts?: { readonly paths: readonly string[]; readonly branch: string };
  readonly error?: { readonly kind: string; readonly message: string; readonly hint?: string };
}

/** A sync driven through the installed CLI, seen as a user and as JSON. */
export interface Session {
  readonly w: World;
  readonly bins: PackedBins;
  readonly backend: Backend;
  /** The remote's default branch. */
  readonly trunk: string;
  /** A file as the remote holds it on `branch` (default: the trunk). */
  readRemote(rel: string, branch?: string): string | undefined;
  /**
   * One `sync --json`. `error` is the command's error, or — when the repository synced but chezmoi
   * could not do its part — the error of the run that ended `error`.
   */
  sync(h: Host, args?: readonly string[]): { r: CliResult; doc: JsonDoc; report: SyncReportDoc | undefined; error: SyncErrorDoc | undefined };
  run(h: Host, bin: keyof Omit<PackedBins, 'dir'>, args: readonly string[]): CliResult;
  /** The remote's trunk head (a commit id). */
  remoteHead(branch?: string): string | undefined;
}

export const session = (w: World, bins: PackedBins, backend: Backend, trunk = 'main'): Session => ({
  w,
  bins,
  backend,
  trunk,
  readRemote: (rel, branch = trunk) => w.readRemote(rel, branch),
  sync: (h, args = []) => {
    const r = runBin(bins.sync, h, backend, ['sync', '--json', ...args]);
    const doc = jsonOf(r);
    const report = doc['report'] as (SyncReportDoc & { error?: SyncErrorDoc }) | undefined;
    return { r, doc, report, error: (doc['error'] as SyncErrorDoc | undefined) ?? report?.error };
  },
  run: (h, bin, args) => runBin(bins[bin], h, backend, args),
  remoteHead: (branch = trunk) => {
    const r = w.run(w.hosts[0] as Host, 'git', ['--git-dir', w.remote, 'rev-parse', '--verify', '-q', `refs/heads/${branch}`], { allowFail: true });
    return r.status === 0 ? r.stdout.trim() : undefined;
  },
});

/** Replaces one line of a HOME file (it must be there). */
export const editHomeLine = (w: World, h: Host, rel: string, from: string, to: string): void => {
  const before = w.readHome(h, rel);
  expect(before, `${h.name}:~/${rel}`).toContain(from);
  w.writeHome(h, rel, (before ?? '').replace(from, to));
};

/** Replaces one line of a source-dir file (it must be there). */
export const editSourceLine = (w: World, h: Host, rel: string, from: string, to: string): void => {
  const before = w.readSource(h, rel);
  expect(before, `${h.name}:source/${rel}`).toContain(from);
  w.writeSource(h, rel, (before ?? '').replace(from, to));
};
