import { createHash } from 'node:crypto';
// The chezmoi port in memory, over the shared MemoryFs: the source dir and HOME are paths in
// one MemoryFs, and a map plays chezmoi's state database (what it last wrote to each target).
// It follows what chezmoi 2.73 does as the CLI adapter reports it (test/contract/ runs the
// same scenarios on both): re-add copies plain files and keeps `encrypted_` ones encrypted,
// reports templates and symlinks as skipped; apply never writes over a HOME edit.
// Not modelled: modes, real symlinks (a link is a file holding its target), `modify_`
// scripts, `.chezmoiroot`, externals; templates: the subset in chezmoi-fake-template.ts.
import { err, errAsync, ok, ResultAsync, type Result } from 'neverthrow';
import type { ApplyOptions, ApplyReport, Chezmoi, ManagedFile, ReAddReport, StatusEntry } from '../../core/chezmoi.js';
import { commandFailed, type SyncError } from '../../core/errors.js';
import { checkPathOption, checkSourceRelative, checkTargets } from '../chezmoi/check-args.js';
import { matchTargets } from '../chezmoi/match-targets.js';
import { reAddSkipReason, SKIP_REASONS } from '../chezmoi/source-names.js';
import { fakeDecrypt, fakeEncrypt, renderFakeTemplate, type FakeTemplateData } from './chezmoi-fake-render.js';
import { readSourceState, type FakeEntry } from './chezmoi-fake-source.js';
import type { MemoryFs } from './fs.js';

export { fakeDecrypt, fakeEncrypt } from './chezmoi-fake-render.js';

/** Options of `memoryChezmoi`. */
export interface MemoryChezmoiOptions {
  readonly fs: MemoryFs;
  /** Absolute source dir in `fs`. */
  readonly source: string;
  /** Absolute destination (HOME) in `fs`. */
  readonly destination: string;
  /** What `version()` reports ('2.73.3'). */
  readonly version?: string;
  /** Template variables (`{{ .email }}`); `chezmoi.hostname`, `chezmoi.os`, … have defaults. */
  readonly data?: FakeTemplateData;
  /** Called for each `run_` script `apply` runs (only with `scripts: true`). */
  readonly runScript?: (target: string, content: string) => void;
}

/** What chezmoi last wrote to a target (its state database entry). */
type Written = { readonly type: 'file'; readonly content: string } | { readonly type: 'dir' } | { readonly type: 'remove' };

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

/** Runs a step asynchronously, like a process; a bug that throws becomes an error value. */
const later = <T>(step: () => Result<T, SyncError>): ResultAsync<T, SyncError> =>
  ResultAsync.fromSafePromise(Promise.resolve()).andThen(() => {
    try {
      return step();
    } catch (e) {
      return err(commandFailed(`in-memory chezmoi failed: ${String(e)}`));
    }
  });

/**
 * An in-memory `Chezmoi`. Deterministic, no I/O.
 *
 * @example
 * const fs = new MemoryFs();
 * fs.write('/src/dot_bashrc', 'export EDITOR=vi\n');
 * const cz = memoryChezmoi({ fs, source: '/src', destination: '/home/me' });
 * await cz.apply({ targets: ['/home/me/.bashrc'] }); // HOME gets the file
 */
export const memoryChezmoi = (options: MemoryChezmoiOptions): Chezmoi => {
  const { fs, source, destination } = options;
  const data: FakeTemplateData = {
    'chezmoi.hostname': 'memory-host',
    'chezmoi.os': 'linux',
    'chezmoi.username': 'user',
    'chezmoi.homeDir': destination,
    'chezmoi.sourceDir': source,
    ...options.data,
  };
  const written = new Map<string, Written>();
  const dirs = new Set<string>();
  const scriptsRun = new Map<string, string>();
  const bad = checkPathOption('source', source) ?? checkPathOption('destination', destination);

  const entries = (): Result<readonly FakeEntry[], SyncError> => readSourceState(fs, source, destination, data);

  const homeDirExists = (t: string): boolean => dirs.has(t) || fs.list(t).length > 0;

  /** The content chezmoi would write for a file-like entry (undefined: nothing to compare). */
  const want = (e: FakeEntry): Result<string | undefined, SyncError> => {
    const raw = fs.read(e.source) ?? '';
    const name = e.name;
    if (name === undefined || name.kind === 'modify' || name.kind === 'script' || name.kind === 'remove') return ok(undefined);
    const plain = name.encrypted ? fakeDecrypt(raw, e.sourceRelative) : ok(raw);
    const content = plain.andThen((p) => (name.template ? renderFakeTemplate(p, data, e.sourceRelative) : ok(p)));
    if (name.kind === 'symlink') return content.map((c) => c.trim());
    if (name.kind === 'create') return content.map((c) => fs.read(e.target) ?? c);
    return content;
  };

  /** One `status` line for an entry, or undefined when HOME is as chezmoi wants it. */
  const statusOf = (e: FakeEntry): Result<StatusEntry | undefined, SyncError> => {
    const line = (lastWritten: string, apply: string): StatusEntry | undefined =>
      lastWritten === ' ' && apply === ' ' ? undefined : { target: e.target, lastWritten, apply };
    const last = written.get(e.target);
    if (e.type === 'dir') {
      const exists = homeDirExists(e.target);
      return ok(line(last?.type === 'dir' && !exists ? 'D' : ' ', exists ? ' ' : 'A'));
    }
    if (e.type === 'remove') return ok(line(' ', fs.exists(e.target) ? 'D' : ' '));
    if (e.type === 'script') {
      const content = fs.read(e.source) ?? '';
      const b = base(e.source);
      const due = b.startsWith('run_once_') ? !scriptsRun.has(e.target) : b.startsWith('run_onchange_') ? scriptsRun.get(e.target) !== content : true;
      return ok(line(' ', due ? 'R' : ' '));
    }
    // A create_ target that exists is never compared: chezmoi leaves its content to HOME.
    if (e.name?.kind === 'create' && fs.exists(e.target)) return ok(undefined);
    return want(e).map((w) => {
      if (w === undefined) return undefined;
      const home = fs.read(e.target);
      const first = last === undefined ? ' ' : home === undefined ? 'D' : last.type !== 'file' || home !== last.content ? 'M' : ' ';
      return line(first, home === undefined ? 'A' : home !== w ? 'M' : ' ');
    });
  };

  const statusAll = (filter: (e: FakeEntry) => boolean): Result<readonly StatusEntry[], SyncError> =>
    entries().andThen((es) => {
      const out: StatusEntry[] = [];
      for (const e of es.filter(filter)) {
        const s = statusOf(e);
        if (s.isErr()) return err(s.error);
        if (s.value !== undefined) out.push(s.value);
      }
      return ok(out);
    });

  /** Why re-add leaves a target alone (the adapter's rules), or undefined. */
  const skipReason = (t: string, e: FakeEntry | undefined, home: string | undefined): string | undefined => {
    if (e === undefined) return SKIP_REASONS.notManaged;
    if (e.type === 'dir') return SKIP_REASONS.notFile;
    const byName = reAddSkipReason(base(e.source));
    if (byName !== undefined) return byName;
    if (home === undefined) return homeDirExists(t) ? SKIP_REASONS.notFile : SKIP_REASONS.missing;
    return undefined;
  };

  const reAddTargets = (targets: readonly string[], skipped: ReAddReport['skipped']): Result<ReAddReport, SyncError> =>
    entries().andThen((es) => {
      const byTarget = new Map(es.map((e) => [e.target, e]));
      const updated: string[] = [];
      const skips = [...skipped];
      for (const t of targets) {
        const e = byTarget.get(t);
        const home = fs.read(t);
        const reason = skipReason(t, e, home);
        if (reason !== undefined || e === undefined || home === undefined) {
          skips.push({ target: t, reason: reason ?? SKIP_REASONS.missing });
          continue;
        }
        const w = want(e);
        if (w.isErr()) return err(w.error);
        // Like chezmoi: the source is rewritten only when HOME differs (encrypted stays encrypted).
        if (w.value !== home) fs.write(e.source, e.name?.encrypted === true ? fakeEncrypt(home) : home);
        written.set(t, { type: 'file', content: home });
        updated.push(t);
      }
      return ok({ updated, skipped: skips });
    });

  const reAdd = (targets?: readonly string[]): Result<ReAddReport, SyncError> => {
    if (targets !== undefined) return reAddTargets([...new Set(targets)], []);
    return statusAll((e) => e.type === 'file' || e.type === 'symlink').andThen((status) => {
      const edited = status.filter((s) => s.lastWritten !== ' ' && s.apply !== ' ');
      return reAddTargets(
        edited.filter((s) => s.lastWritten !== 'D').map((s) => s.target),
        edited.filter((s) => s.lastWritten === 'D').map((s) => ({ target: s.target, reason: SKIP_REASONS.missing })),
      );
    });
  };

  /** Whether HOME still holds what chezmoi last wrote (or nothing, when it never wrote). */
  const unchanged = (e: FakeEntry): boolean => {
    const last = written.get(e.target);
    if (e.type === 'dir') return last === undefined || homeDirExists(e.target);
    const home = fs.read(e.target);
    if (last === undefined) return home === undefined;
    if (last.type === 'remove') return home === undefined;
    return last.type === 'file' && home === last.content;
  };

  const write = (e: FakeEntry, scripts: boolean): Result<void, SyncError> => {
    if (e.type === 'dir') {
      dirs.add(e.target);
      written.set(e.target, { type: 'dir' });
      return ok(undefined);
    }
    if (e.type === 'remove') {
      fs.remove(e.target);
      written.set(e.target, { type: 'remove' });
      return ok(undefined);
    }
    if (e.type === 'script') {
      if (!scripts) return ok(undefined);
      const content = fs.read(e.source) ?? '';
      const s = statusOf(e);
      if (s.isOk() && s.value !== undefined) {
        options.runScript?.(e.target, content);
        scriptsRun.set(e.target, content);
      }
      return ok(undefined);
    }
    return want(e).map((w) => {
      if (w === undefined) return;
      fs.write(e.target, w);
      written.set(e.target, { type: 'file', content: w });
    });
  };

  const apply = (o: ApplyOptions): Result<ApplyReport, SyncError> => {
    const targets = [...new Set(o.targets)];
    if (targets.length === 0) return ok({ applied: [], keptLocal: [] });
    return entries().andThen((es) => {
      const byTarget = new Map(es.map((e) => [e.target, e]));
      // Like chezmoi: an unknown target fails the whole call before anything is written.
      for (const t of targets) {
        if (t !== destination && !t.startsWith(`${destination}/`)) return err(commandFailed(`chezmoi failed: ${t}: not in destination directory (${destination})`, { hint: 'targets must be inside the destination directory' }));
        if (!byTarget.has(t)) return err(commandFailed(`chezmoi failed: ${t}: not managed`, { hint: 'the target is not managed by chezmoi; list targets with `chezmoi managed`' }));
      }
      const applied: string[] = [];
      const keptLocal: string[] = [];
      for (const t of targets) {
        const e = byTarget.get(t);
        if (e === undefined) continue;
        // A merge that holds HOME's edit is written over HOME still holding what it was made from.
        const home = fs.read(e.target);
        const mergedFrom = o.merged?.get(t);
        const merge = mergedFrom !== undefined && home !== undefined && createHash('sha256').update(home).digest('hex') === mergedFrom;
        if (!merge && !unchanged(e)) {
          const s = statusOf(e);
          if (s.isErr()) return err(s.error);
          // HOME changed since chezmoi wrote it (or chezmoi never wrote it): keep it unless it already is the target state.
          if (s.value !== undefined && s.value.apply !== ' ') {
            keptLocal.push(t);
            continue;
          }
        }
        const w = write(e, o.scripts === true);
        if (w.isErr()) return err(w.error);
        applied.push(t);
      }
      return ok({ applied, keptLocal });
    });
  };

  /** Like `chezmoi cat`: the content of a managed file target (a script's own text). */
  const cat = (target: string): Result<string, SyncError> =>
    entries().andThen((es) => {
      const e = es.find((x) => x.target === target);
      if (e === undefined) return err(commandFailed(`chezmoi failed: ${target}: not managed`, { hint: 'the target is not managed by chezmoi; list targets with `chezmoi managed`' }));
      if (e.type === 'dir') return err(commandFailed(`chezmoi failed: ${target}: not a file, script, or symlink`));
      if (e.type === 'script') return ok(fs.read(e.source) ?? '');
      if (e.name?.kind === 'modify') return err(commandFailed(`chezmoi failed: ${target}: the in-memory fake does not run modify_ scripts`));
      return want(e).map((w) => w ?? '');
    });

  const guard = <T>(extra: SyncError | undefined, step: () => Result<T, SyncError>): ResultAsync<T, SyncError> => {
    const e = bad ?? extra;
    return e !== undefined ? errAsync(e) : later(step);
  };

  const sha = (c: string): string => createHash('sha256').update(c, 'utf8').digest('hex');
  return {
    lastWritten: () =>
      later(() => ok(new Map([...written].flatMap(([t, w]) => (w.type === 'file' ? [[t, sha(w.content)] as const] : []))))),
    version: () => guard(undefined, () => ok(options.version ?? '2.73.3')),
    sourcePath: () => guard(undefined, () => ok(source)),
    managed: () =>
      guard(undefined, () => entries().map((es) => es.map((e): ManagedFile => ({ target: e.target, source: e.source, type: e.type })))),
    status: (targets) =>
      guard(targets !== undefined ? checkTargets(targets) : undefined, () => statusAll(targets === undefined ? () => true : (e) => targets.includes(e.target))),
    reAdd: (targets) => guard(targets !== undefined ? checkTargets(targets) : undefined, () => reAdd(targets)),
    targetPaths: (rel) =>
      guard(checkSourceRelative(rel), () => (rel.length === 0 ? ok([]) : entries().map((es) => matchTargets(es, rel, source)))),
    apply: (o) => guard(checkTargets(o.targets), () => apply(o)),
    cat: (target) => guard(checkTargets([target]), () => cat(target)),
    renderTemplate: (text) => guard(undefined, () => renderFakeTemplate(text, data, 'stdin')),
  };
};
