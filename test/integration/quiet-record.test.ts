// The quiet digest at the synced record's end (src/core/sync/quiet-record.ts): a no-op sync that
// finds every plain file's fingerprints as they were does not read the record at all. What a
// person checks must stay as it was: an edit in HOME (of the same size, too) is captured, a
// template edited in HOME is captured, another host's edit reaches HOME, and the record then
// holds what HOME and the source agree on.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { GITCONFIG_TMPL, renderGitconfig } from '../support/template-fixture.js';
import { useWorld, type Host } from '../support/world.js';

const BASHRC = '# bashrc\nexport EDITOR=vi\n';
const PROFILE = '# profile\nexport PATH=$HOME/bin:$PATH\n';

interface Record {
  readonly text: string;
  readonly ino: number;
  readonly files: Readonly<globalThis.Record<string, string>>;
  readonly stats: Readonly<globalThis.Record<string, string>>;
}

const recordOf = (h: Host): Record => {
  const name = readdirSync(h.stateDir).find((n) => /^synced-[0-9a-f]{16}\.json$/.test(n));
  if (name === undefined) throw new Error(`no synced record in ${h.stateDir}`);
  const path = join(h.stateDir, name);
  const text = readFileSync(path, 'utf8');
  const parsed = JSON.parse(text) as { files: globalThis.Record<string, string>; stats?: globalThis.Record<string, string> };
  return { text, ino: statSync(path).ino, files: parsed.files, stats: parsed.stats ?? {} };
};

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const QUIET_END = /,"quiet":"[0-9a-f]{64}","head":"[0-9a-f]+"\}\n$/;

describe.each<RealBackend>(['jj', 'git'])('a sync after a quiet one (%s)', (backend) => {
  it('captures a HOME edit of the same size, brings another host edit in and records both', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'], files: { dot_bashrc: BASHRC, dot_profile: PROFILE } });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    for (const h of [a, b]) {
      setUpHost(w, h);
      okReport(await syncHost(w, h, backend));
    }
    okReport(await syncHost(w, a, backend));
    const quiet = recordOf(a);
    expect(quiet.text).toMatch(QUIET_END);
    // Nothing changed: the record is not written again.
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(recordOf(a).ino).toBe(quiet.ino);

    // Another host's edit comes in after a quiet capture: applied, and recorded as agreed.
    const fromBeta = BASHRC.replace('vi', 'hx');
    w.writeHome(b, '.bashrc', fromBeta);
    expect(okReport(await syncHost(w, b, backend)).committed).toBe(1);
    const incoming = okReport(await syncHost(w, a, backend));
    expect(incoming.applied).toEqual([join(a.home, '.bashrc')]);
    expect(w.readHome(a, '.bashrc')).toBe(fromBeta);
    const after = recordOf(a);
    expect(after.files[join(a.home, '.bashrc')]).toBe(sha256(fromBeta));
    expect(after.files[join(a.home, '.profile')]).toBe(sha256(PROFILE));
    expect(Object.keys(after.stats)).toContain(join(a.home, '.profile'));

    // Quiet again, then an edit of the same size in HOME: captured and published.
    okReport(await syncHost(w, a, backend));
    expect(recordOf(a).text).toMatch(QUIET_END);
    okReport(await syncHost(w, a, backend));
    const sameSize = fromBeta.replace('hx', 'nv');
    expect(sameSize.length).toBe(fromBeta.length);
    w.writeHome(a, '.bashrc', sameSize);
    expect(okReport(await syncHost(w, a, backend)).committed).toBe(1);
    expect(w.readRemote('dot_bashrc')).toBe(sameSize);
    expect(recordOf(a).files[join(a.home, '.bashrc')]).toBe(sha256(sameSize));
    expect(okReport(await syncHost(w, b, backend)).applied).toEqual([join(b.home, '.bashrc')]);
    expect(w.readHome(b, '.bashrc')).toBe(sameSize);
  });

  it('captures a template edited in HOME', async () => {
    const w = await useWorld({ hosts: ['alpha'], files: { 'dot_gitconfig.tmpl': GITCONFIG_TMPL, dot_bashrc: BASHRC } });
    const a = w.host('alpha');
    writeFileSync(a.chezmoiConfig, `sourceDir = ${JSON.stringify(a.source)}\n[data]\nemail = "alpha@example.org"\nmachine = "alpha"\n`);
    setUpHost(w, a);
    okReport(await syncHost(w, a, backend));
    okReport(await syncHost(w, a, backend));
    expect(recordOf(a).text).toMatch(QUIET_END);
    w.writeHome(a, '.gitconfig', renderGitconfig('alpha').replace('pager = less', 'pager = delta'));
    expect(okReport(await syncHost(w, a, backend)).committed).toBe(1);
    expect(w.readRemote('dot_gitconfig.tmpl')).toBe(GITCONFIG_TMPL.replace('pager = less', 'pager = delta'));
  });
});
