// The everyday life of a dotfiles repository on two machines, driven through the installed
// CLI: first syncs, a HOME edit of a plain file, a HOME edit of a template's output (mapped onto
// the template, or for an encrypted file re-encrypted, and delivered through the other machine's
// own rendering), an edit in the source dir,
// a same-line conflict, the read-only commands, and an offline run. Each fixture says which
// of its files play which part.
import { expect } from 'vitest';
import type { Host, World } from '../../support/world.js';
import { editHomeLine, editSourceLine, jsonOf, type Session } from './dotfiles.js';

/** A line of a managed file: where it lives in the repository and in HOME. */
export interface FileLine {
  /** Path in the repository (below `.chezmoiroot` included). */
  readonly source: string;
  /** Path in HOME. */
  readonly target: string;
  /** A line present in both, to replace. */
  readonly line: string;
}

/** What a fixture contributes to the everyday flow. */
export interface FlowSpec {
  /** Sets a host up as its user would (clone, config, apply). */
  readonly setUp: (w: World, h: Host) => void;
  /** A plain file (no template): edited in HOME, then edited on both hosts on the same line. */
  readonly plain: FileLine;
  /** A second line of the same or another plain file, for the offline edit. */
  readonly plainOffline: FileLine;
  /** A template (or an encrypted file); its output in HOME gets an edit of a literal line. */
  readonly template: FileLine;
  /** A plain file edited in the source dir itself (`chezmoi edit` or an editor in the repo). */
  readonly sourceEdit: FileLine;
  /** The template's source as a person reads it (an encrypted one is decrypted); default: as is. */
  readonly reveal?: (w: World, raw: string) => string;
  /** Appends a line to the template's source in a host's source dir; default: plain append. */
  readonly appendToTemplate?: (w: World, h: Host, line: string) => void;
}

const swap = (f: FileLine, suffix: string): string => `${f.line} ${suffix}`;

/** Runs the whole everyday flow; every step asserts what a user would check. */
export const everydayFlow = (s: Session, spec: FlowSpec): void => {
  const { w } = s;
  const templateOnRemote = (): string => {
    const raw = s.readRemote(spec.template.source) ?? '';
    return spec.reveal !== undefined ? spec.reveal(w, raw) : raw;
  };
  const a = w.host('alpha');
  const b = w.host('beta');
  spec.setUp(w, a);
  spec.setUp(w, b);
  const seeded = s.remoteHead();

  // First sync on each machine: a clean clone publishes nothing and changes no file.
  for (const h of [a, b]) {
    const first = s.sync(h);
    expect(first.report?.status, `${h.name} first sync: ${first.r.stderr}`).toBe('success');
    expect(first.report?.committed).toBe(0);
  }
  expect(s.remoteHead()).toBe(seeded);
  expect(s.readRemote(spec.plain.source)).toContain(spec.plain.line);

  // alpha: a plain HOME edit, a HOME edit of a template's output, an edit in the source dir.
  const plainA = swap(spec.plain, '# alpha');
  editHomeLine(w, a, spec.plain.target, spec.plain.line, plainA);
  const tmplA = swap(spec.template, '# alpha, by hand');
  editHomeLine(w, a, spec.template.target, spec.template.line, tmplA);
  const srcA = swap(spec.sourceEdit, '# alpha, in the repo');
  editSourceLine(w, a, spec.sourceEdit.source, spec.sourceEdit.line, srcA);
  const syncA = s.sync(a);
  expect(syncA.report?.status, syncA.r.stderr).toBe('success');
  expect(syncA.report?.committed).toBe(1);
  expect(syncA.report?.published).toBe(1);
  expect(s.readRemote(spec.plain.source)).toContain(plainA);
  expect(s.readRemote(spec.sourceEdit.source)).toContain(srcA);
  // The template's output edited in HOME: the edit is now in the template (or the re-encrypted file).
  expect(templateOnRemote()).toContain(tmplA);
  expect(syncA.report?.skippedReAdd).not.toContain(`${a.home}/${spec.template.target}`);
  expect(w.readHome(a, spec.template.target)).toContain(tmplA);
  expect(w.readHome(a, spec.sourceEdit.target)).toContain(srcA);

  // beta receives the published edits, the template's through its own rendering.
  const getB = s.sync(b);
  expect(getB.report?.status, getB.r.stderr).toBe('success');
  expect(w.readHome(b, spec.template.target)).toContain(tmplA);
  // beta then changes the template itself (in its source dir).
  const tmplB = '# beta, in the template';
  if (spec.appendToTemplate !== undefined) spec.appendToTemplate(w, b, tmplB);
  else w.writeSource(b, spec.template.source, `${w.readSource(b, spec.template.source) ?? ''}${tmplB}\n`);
  const syncB = s.sync(b);
  expect(syncB.report?.status, syncB.r.stderr).toBe('success');
  expect(templateOnRemote()).toContain(tmplB);
  expect(w.readHome(b, spec.plain.target)).toContain(plainA);
  expect(w.readHome(b, spec.sourceEdit.target)).toContain(srcA);
  expect(w.readHome(b, spec.template.target)).toContain(tmplB);

  // The same line edited on both machines: the second to sync keeps its work on sync/beta.
  const lineA = swap(spec.plain, '# alpha again');
  const lineB = swap(spec.plain, '# beta');
  editHomeLine(w, a, spec.plain.target, plainA, lineA);
  editHomeLine(w, b, spec.plain.target, plainA, lineB);
  // alpha's sync also brings beta's template change: alpha's captured edit is in it, nothing kept aside.
  const incoming = s.sync(a);
  expect(incoming.report?.status, incoming.r.stderr).toBe('success');
  expect(incoming.report?.keptLocal).not.toContain(`${a.home}/${spec.template.target}`);
  expect(w.readHome(a, spec.template.target)).toContain(tmplA);
  expect(w.readHome(a, spec.template.target)).toContain(tmplB);
  const conflict = s.sync(b);
  expect(conflict.r.code).toBe(0);
  expect(conflict.report?.status, conflict.r.stderr).toBe('conflicts-preserved');
  expect(conflict.report?.conflicts?.branch).toBe('sync/beta');
  expect(s.readRemote(spec.plain.source)).toContain(lineA);
  expect(s.readRemote(spec.plain.source, 'sync/beta')).toContain(lineB);
  expect(w.readHome(b, spec.plain.target)).toContain(lineB);
  expect(w.readHome(a, spec.plain.target)).toContain(lineA);

  // What the users read next: the conflict, the status, the doctor — valid JSON each.
  const shown = jsonOf(s.run(b, 'conflicts', ['--json']));
  expect(shown).toMatchObject({ command: 'conflicts', ok: true });
  const c = shown['conflicts'] as { paths: string[]; targets: string[]; branch: string } | null;
  expect(c?.branch).toBe('sync/beta');
  expect(c?.paths.some((p) => spec.plain.source.endsWith(p) || p.endsWith(spec.plain.source))).toBe(true);
  expect(c?.targets).toContain(`${b.home}/${spec.plain.target}`);
  // alpha's hand edit of the template output was captured: status has no HOME edit pending for it.
  const stA = jsonOf(s.run(a, 'status', ['--json']));
  expect(stA).toMatchObject({ command: 'status', ok: true, lastRun: { status: 'success' }, conflicts: null });
  expect(stA['homeEdits']).not.toContain(`${a.home}/${spec.template.target}`);
  const doctor = jsonOf(s.run(a, 'sync', ['doctor', '--json']));
  expect(doctor.command).toBe('doctor');
  const findings = doctor['findings'] as { id: string; status: string }[];
  expect(findings.find((f) => f.id === 'repo.source')?.status).toBe('ok');
  expect(findings.find((f) => f.id === 'remote.reachable')?.status).toBe('ok');

  // Offline: the edit is committed locally, the run ends fetch-failed (exit 0), and the next
  // run online publishes it.
  w.setNetwork(a, 'offline');
  const off = swap(spec.plainOffline, '# alpha, offline');
  editHomeLine(w, a, spec.plainOffline.target, spec.plainOffline.line, off);
  const before = s.remoteHead();
  const offline = s.run(a, 'sync', ['sync']);
  expect(offline.code).toBe(0);
  expect(offline.stdout.trim().split('\n').at(-1)).toMatch(/^fetch-failed: /);
  expect(s.remoteHead()).toBe(before);
  w.setNetwork(a, 'online');
  const back = s.sync(a);
  expect(back.report?.status, back.r.stderr).toBe('success');
  expect(s.readRemote(spec.plainOffline.source)).toContain(off);
  expect(w.readHome(a, spec.template.target)).toContain(tmplA);
};
