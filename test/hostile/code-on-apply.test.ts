// Code arriving from the remote: a `modify_` script and a template calling `output`, pushed by
// another machine, run on this one when a sync applies them. With holdCode they are held back
// (nothing runs, nothing written), reported by `status`, and applied by `chezmoi-sync apply` or
// a run with the setting off. Without it they run, as `chezmoi apply` would.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ensureBuilt, jsonOf } from '../cli/support/cli.js';
import { okReport, syncHost } from '../support/engine.js';
import type { Host, World } from '../support/world.js';
import { BACKENDS, syncedWorld } from './support.js';

beforeAll(() => ensureBuilt());

/** Another machine pushes a modify_ script and an output-calling template straight to main. */
const pushCode = (w: World, h: Host): void => {
  const dir = join(mkdtempSync(join(w.root, 'other-')), 'clone');
  w.run(h, 'git', ['clone', '-q', w.remote, dir]);
  // Each writes a marker into the HOME of whoever applies it.
  writeFileSync(join(dir, 'modify_dot_modified'), '#!/bin/sh\ntouch "$HOME/ran-modify"\necho "modified by script"\n', { mode: 0o755 });
  writeFileSync(join(dir, 'dot_templated.tmpl'), 'host = {{ output "sh" "-c" "touch \\"$HOME/ran-template\\"; echo computed" | trim }}\n');
  writeFileSync(join(dir, 'dot_plainly'), 'plain incoming file\n');
  w.run(h, 'git', ['add', '-A'], { cwd: dir });
  w.run(h, 'git', ['commit', '-q', '-m', 'other machine: code on apply'], { cwd: dir });
  w.run(h, 'git', ['push', '-q', 'origin', 'HEAD:main'], { cwd: dir });
};

const state = (a: Host): { held?: { target: string; reason: string }[] } =>
  JSON.parse(readFileSync(join(a.stateDir, 'state.json'), 'utf8')) as { held?: { target: string; reason: string }[] };

describe.each(BACKENDS)('code arriving from the remote (%s)', (backend) => {
  it('held with holdCode: nothing runs, status names them; `chezmoi-sync apply` runs them', async () => {
    const { w, a, b } = await syncedWorld(backend);
    pushCode(w, b);
    const r = okReport(await syncHost(w, a, backend, { holdCode: true }));
    expect(r.status).toBe('success');
    // The plain file came in; the two that run code did not, and nothing ran.
    expect(w.readHome(a, '.plainly')).toBe('plain incoming file\n');
    expect(existsSync(join(a.home, 'ran-modify'))).toBe(false);
    expect(existsSync(join(a.home, 'ran-template'))).toBe(false);
    expect(existsSync(join(a.home, '.modified'))).toBe(false);
    expect(existsSync(join(a.home, '.templated'))).toBe(false);
    const held = state(a).held ?? [];
    expect(held.map((h) => [h.target.slice(a.home.length + 1), h.reason]).sort()).toEqual([
      ['.modified', 'modify_ script'],
      ['.templated', 'template calling output'],
    ]);
    // A later unattended run keeps them held.
    expect(okReport(await syncHost(w, a, backend, { holdCode: true })).status).toBe('success');
    expect(existsSync(join(a.home, 'ran-template'))).toBe(false);
    expect((state(a).held ?? []).length).toBe(2);
    // status (plain and JSON) reports them.
    const env = { ...a.env, CHEZMOI_SYNC_HOLD_CODE: '1', CHEZMOI_SYNC_BACKEND: backend };
    const st = cli(['status'], { env });
    expect(st.code).toBe(0);
    expect(st.stdout).toMatch(/held back .*\.modified \(modify_ script\).*chezmoi-sync apply/);
    expect((jsonOf(cli(['status', '--json'], { env }))['held'] as unknown[]).length).toBe(2);
    // The explicit apply runs them.
    const ap = cli(['apply'], { env });
    expect(ap.code, ap.stderr).toBe(0);
    expect(ap.stdout).toContain('applied 2 held target(s)');
    expect(existsSync(join(a.home, 'ran-modify'))).toBe(true);
    expect(existsSync(join(a.home, 'ran-template'))).toBe(true);
    expect(w.readHome(a, '.modified')).toBe('modified by script\n');
    expect(w.readHome(a, '.templated')).toBe('host = computed\n');
    expect(state(a).held).toBeUndefined();
  });

  it('a run with the setting off applies what earlier runs held', async () => {
    const { w, a, b } = await syncedWorld(backend);
    pushCode(w, b);
    okReport(await syncHost(w, a, backend, { holdCode: true }));
    expect(existsSync(join(a.home, 'ran-modify'))).toBe(false);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(existsSync(join(a.home, 'ran-modify'))).toBe(true);
    expect(w.readHome(a, '.templated')).toBe('host = computed\n');
    expect(state(a).held).toBeUndefined();
  });

  it('without holdCode (the default) they run on apply, exactly as `chezmoi apply` would', async () => {
    const { w, a, b } = await syncedWorld(backend);
    pushCode(w, b);
    okReport(await syncHost(w, a, backend));
    expect(existsSync(join(a.home, 'ran-modify'))).toBe(true);
    expect(existsSync(join(a.home, 'ran-template'))).toBe(true);
    expect(w.readHome(a, '.modified')).toBe('modified by script\n');
  });
});
