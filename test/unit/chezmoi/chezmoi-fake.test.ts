// What the in-memory chezmoi models beyond the shared contract: templates with data,
// .chezmoiignore globs, scripts, create_/remove_ entries, and its fake encryption.
import { describe, expect, it } from 'vitest';
import { fakeDecrypt, fakeEncrypt, memoryChezmoi } from '../../../src/backends/memory/chezmoi-fake.js';
import { MemoryFs } from '../../../src/backends/memory/fs.js';

const H = '/home/me';
const S = `${H}/.local/share/chezmoi`;

const world = (files: Record<string, string>, extra: Partial<Parameters<typeof memoryChezmoi>[0]> = {}) => {
  const fs = new MemoryFs();
  for (const [rel, c] of Object.entries(files)) fs.write(`${S}/${rel}`, c);
  return { fs, cz: memoryChezmoi({ fs, source: S, destination: H, ...extra }) };
};

describe('memoryChezmoi', () => {
  it('renders variables and data in templates, and fails on an unknown key like chezmoi', async () => {
    const { fs, cz } = world({ 'dot_gitconfig.tmpl': 'email={{ .email }} host={{ .chezmoi.hostname }}\n', 'dot_bad.tmpl': '{{ .nope }}' }, { data: { email: 'me@example.org' }, });
    expect((await cz.apply({ targets: [`${H}/.gitconfig`] }))._unsafeUnwrap().applied).toEqual([`${H}/.gitconfig`]);
    expect(fs.read(`${H}/.gitconfig`)).toBe('email=me@example.org host=memory-host\n');
    const bad = (await cz.apply({ targets: [`${H}/.bad`] }))._unsafeUnwrapErr();
    expect(bad.message).toContain('map has no entry for key "nope"');
  });

  it('honours .chezmoiignore globs, directories included', async () => {
    const { cz } = world({ '.chezmoiignore': '# docs\nREADME.md\n*.bak\n.cache/**\ndot_x\n', 'README.md': '', 'dot_a.bak': '', 'dot_b': '', 'dot_cache/dot_z': '' });
    expect((await cz.managed())._unsafeUnwrap().map((m) => m.target)).toEqual([`${H}/.b`, `${H}/.cache`]);
  });

  it('runs scripts only when asked: run_onchange_ once per content, run_ every time', async () => {
    const ran: string[] = [];
    const { fs, cz } = world({ 'run_onchange_install.sh': 'v1', 'run_hello.sh': 'hi' }, { runScript: (t) => ran.push(t.slice(H.length + 1)) });
    const targets = [`${H}/hello.sh`, `${H}/install.sh`];
    expect((await cz.status())._unsafeUnwrap().map((s) => s.apply)).toEqual(['R', 'R']);
    expect((await cz.apply({ targets })).isOk()).toBe(true);
    expect(ran).toEqual([]);
    expect((await cz.apply({ targets, scripts: true })).isOk()).toBe(true);
    expect((await cz.apply({ targets, scripts: true })).isOk()).toBe(true);
    fs.write(`${S}/run_onchange_install.sh`, 'v2');
    expect((await cz.apply({ targets, scripts: true })).isOk()).toBe(true);
    expect(ran).toEqual(['hello.sh', 'install.sh', 'hello.sh', 'hello.sh', 'install.sh']);
  });

  it('creates create_ targets only when missing; remove_ never deletes a file chezmoi did not write', async () => {
    const { fs, cz } = world({ create_dot_local: 'initial\n', remove_dot_old: '' });
    fs.write(`${H}/.old`, 'stale\n');
    expect((await cz.apply({ targets: [`${H}/.local`] })).isOk()).toBe(true);
    fs.write(`${H}/.local`, 'mine\n');
    expect((await cz.status())._unsafeUnwrap()).toEqual([{ target: `${H}/.old`, lastWritten: ' ', apply: 'D' }]);
    // Like the adapter: a HOME file chezmoi never wrote is kept, even against remove_.
    expect((await cz.apply({ targets: [`${H}/.local`, `${H}/.old`] }))._unsafeUnwrap()).toEqual({ applied: [`${H}/.local`], keptLocal: [`${H}/.old`] });
    expect(fs.read(`${H}/.local`)).toBe('mine\n');
    expect(fs.read(`${H}/.old`)).toBe('stale\n');
  });

  it('decrypts encrypted_ sources, and fails on one that is not fake-encrypted', async () => {
    const { fs, cz } = world({ 'encrypted_private_dot_token.age': fakeEncrypt('t=1\n'), 'encrypted_dot_broken.age': 'plain text' });
    expect((await cz.apply({ targets: [`${H}/.token`] })).isOk()).toBe(true);
    expect(fs.read(`${H}/.token`)).toBe('t=1\n');
    expect((await cz.apply({ targets: [`${H}/.broken`] }))._unsafeUnwrapErr().message).toContain('cannot decrypt');
    expect(fakeDecrypt(fakeEncrypt('x'))._unsafeUnwrap()).toBe('x');
  });

  it('reports its fixed version and refuses a bad source path', async () => {
    expect((await world({}).cz.version())._unsafeUnwrap()).toBe('2.73.3');
    const fs = new MemoryFs();
    expect((await memoryChezmoi({ fs, source: 'a\u0000b', destination: H }).managed())._unsafeUnwrapErr().kind).toBe('invalid-input');
  });
});
