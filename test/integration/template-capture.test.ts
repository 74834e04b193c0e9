// Template-aware capture with the real tools: a HOME edit of a template's literal line reaches the
// other host through that host's own rendering; a line an action produced stays local and is
// reported with its line; an encrypted target edited in HOME is re-encrypted, the remote holds
// only ciphertext, and the other host gets the edit.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { GITCONFIG_TMPL, renderGitconfig } from '../support/template-fixture.js';
import { useWorld, type Host, type World } from '../support/world.js';

const GITCONFIG = GITCONFIG_TMPL;
const render = renderGitconfig;

/** Two hosts with their own template data and one age identity (chezmoi's built-in age), set up and synced. */
const templateWorld = async (backend: RealBackend): Promise<{ w: World; a: Host; b: Host }> => {
  const w = await useWorld({ hosts: ['alpha', 'beta'], files: { 'dot_gitconfig.tmpl': GITCONFIG, dot_bashrc: '# bashrc\n' } });
  const [a, b] = [w.host('alpha'), w.host('beta')];
  const identity = join(w.root, 'age-identity.txt');
  w.run(a, 'chezmoi', ['age-keygen', '--output', identity]);
  const recipient = /public key: (age1\w+)/.exec(readFileSync(identity, 'utf8'))?.[1] ?? '';
  for (const h of [a, b]) {
    const age = `encryption = "age"\n[age]\nuseBuiltin = true\nidentity = ${JSON.stringify(identity)}\nrecipient = ${JSON.stringify(recipient)}\n`;
    writeFileSync(h.chezmoiConfig, `sourceDir = ${JSON.stringify(h.source)}\n${age}[data]\nemail = "${h.name}@example.org"\nmachine = "${h.name}"\n`);
    setUpHost(w, h);
  }
  w.writeHome(a, '.token', 'token=MARKONE\n');
  w.run(a, 'chezmoi', ['add', '--encrypt', '--no-tty', '--config', a.chezmoiConfig, '--source', a.source, '--destination', a.home, join(a.home, '.token')]);
  for (const h of [a, b]) expect(okReport(await syncHost(w, h, backend)).status).toBe('success');
  return { w, a, b };
};

const infos = (events: readonly { type: string; message?: string }[]): string =>
  events.flatMap((e) => (e.type === 'info' && e.message !== undefined ? [e.message] : [])).join('\n');

describe.each(['jj', 'git'] as const)('template-aware capture (%s)', (backend) => {
  it('a literal line edited in HOME reaches the other host through its own rendering', async () => {
    const { w, a, b } = await templateWorld(backend);
    expect(w.readHome(b, '.gitconfig')).toBe(render('beta'));
    w.writeHome(a, '.gitconfig', render('alpha').replace('pager = less', 'pager = delta'));
    const ra = okReport(await syncHost(w, a, backend));
    expect(ra.status).toBe('success');
    expect(ra.committed).toBe(1);
    expect(w.readRemote('dot_gitconfig.tmpl')).toBe(GITCONFIG.replace('pager = less', 'pager = delta'));
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(w.readHome(b, '.gitconfig')).toBe(render('beta').replace('pager = less', 'pager = delta'));
    // chezmoi agrees on both hosts: nothing left to capture or apply.
    const again = okReport(await syncHost(w, a, backend));
    expect([again.committed, again.skippedReAdd]).toEqual([0, []]);
    expect(w.run(a, 'chezmoi', ['status', '--no-tty', '--config', a.chezmoiConfig, '--source', a.source, '--destination', a.home]).stdout).toBe('');
  });

  it('a line produced by the host data stays local and is reported with its line', async () => {
    const { w, a, b } = await templateWorld(backend);
    const edited = render('alpha').replace('alpha@example.org', 'me@work.example');
    w.writeHome(a, '.gitconfig', edited);
    const call = await syncHost(w, a, backend);
    const r = okReport(call);
    expect(r.committed).toBe(0);
    expect(r.skippedReAdd).toEqual([join(a.home, '.gitconfig')]);
    expect(infos(call.events)).toMatch(/\.gitconfig \([^)]*line 3/);
    expect(w.readRemote('dot_gitconfig.tmpl')).toBe(GITCONFIG);
    expect(w.readSource(a, 'dot_gitconfig.tmpl')).toBe(GITCONFIG);
    expect(w.readHome(a, '.gitconfig')).toBe(edited);
    okReport(await syncHost(w, b, backend));
    expect(w.readHome(b, '.gitconfig')).toBe(render('beta'));
  });

  it('an encrypted target edited in HOME is captured: the remote holds only ciphertext, the other host gets the edit', async () => {
    const { w, a, b } = await templateWorld(backend);
    expect(w.readHome(b, '.token')).toBe('token=MARKONE\n');
    w.writeHome(a, '.token', 'token=MARKTWO\n');
    const r = okReport(await syncHost(w, a, backend));
    expect(r.status).toBe('success');
    expect(r.committed).toBe(1);
    const stored = w.readRemote('encrypted_dot_token.age') ?? '';
    expect(stored).toContain('-----BEGIN AGE ENCRYPTED FILE-----');
    expect(stored).not.toContain('MARK');
    okReport(await syncHost(w, b, backend));
    expect(w.readHome(b, '.token')).toBe('token=MARKTWO\n');
  });
});
