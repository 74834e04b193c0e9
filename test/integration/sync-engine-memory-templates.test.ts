// Template-aware capture in memory: the engine's decisions for HOME edits of generated targets
// (templates, encrypted files, modify_ targets), with the chezmoi fake rendering per host.
import { describe, expect, it } from 'vitest';
import { runSync } from '../../src/core/sync/engine.js';
import type { SyncEvent, SyncOptions, SyncReport } from '../../src/core/sync/types.js';
import { GITCONFIG_TMPL, renderGitconfig } from '../support/template-fixture.js';
import { fakeDecrypt, fakeEncrypt, MemoryFs, MemoryRemote, memoryMachine, type MemoryMachine } from '../../src/testing.js';

const URL = 'ssh://git.example.com/me/dotfiles.git';
const GITCONFIG = GITCONFIG_TMPL;
const render = renderGitconfig;

const world = async () => {
  const fs = new MemoryFs();
  const remote = new MemoryRemote({
    files: {
      'dot_gitconfig.tmpl': GITCONFIG,
      'encrypted_dot_token.age': fakeEncrypt('token=one\n'),
      modify_dot_settings: '#!/bin/sh\ncat\n',
      dot_bashrc: '# bashrc\n',
    },
  });
    const [a, b] = ['alpha', 'beta'].map((host) => memoryMachine({ fs, remotes: { [URL]: remote }, host, data: { email: `${host}@example.org`, machine: host } })) as [MemoryMachine, MemoryMachine];
  const sync = async (m: MemoryMachine, extra: Partial<SyncOptions> = {}): Promise<{ report: SyncReport; infos: string[] }> => {
    const infos: string[] = [];
    const onEvent = (e: SyncEvent): void => void (e.type === 'info' && infos.push(e.message));
    const r = await runSync(m.deps, { host: m.host, sourceDir: m.source, repoUrl: URL, stateDir: `/state/${m.host}`, onEvent, ...extra });
    if (r.isErr()) throw new Error(`sync failed: ${JSON.stringify(r.error)}`);
    return { report: r.value, infos };
  };
  for (const m of [a, b]) {
    expect((await sync(m)).report.status).toBe('success');
    // The person's `chezmoi apply` after cloning: every target rendered on this host.
    const managed = (await m.chezmoi.managed())._unsafeUnwrap();
    (await m.chezmoi.apply({ targets: managed.filter((f) => f.type === 'file').map((f) => f.target) }))._unsafeUnwrap();
  }
  const home = (m: MemoryMachine, rel: string) => fs.read(`${m.home}/${rel}`);
  const edit = (m: MemoryMachine, rel: string, content: string) => fs.write(`${m.home}/${rel}`, content);
  return { fs, remote, a, b, sync, home, edit };
};

describe('template-aware capture in memory', () => {
  it('each host renders the template with its own data', async () => {
    const { a, b, home } = await world();
    expect(home(a, '.gitconfig')).toBe(render('alpha'));
    expect(home(b, '.gitconfig')).toBe(render('beta'));
  });

  it('a HOME edit of a literal template line reaches the other host through its own rendering', async () => {
    const { remote, a, b, sync, home, edit } = await world();
    edit(a, '.gitconfig', render('alpha').replace('pager = less', 'pager = delta'));
    const ra = await sync(a);
    expect(ra.report.status).toBe('success');
    expect(ra.report.committed).toBe(1);
    expect(remote.read('main', 'dot_gitconfig.tmpl')).toBe(GITCONFIG.replace('pager = less', 'pager = delta'));
    expect((await sync(b)).report.status).toBe('success');
    expect(home(b, '.gitconfig')).toBe(render('beta').replace('pager = less', 'pager = delta'));
    // Nothing left to capture on either host.
    expect((await sync(a)).report.committed).toBe(0);
    expect(home(a, '.gitconfig')).toBe(render('alpha').replace('pager = less', 'pager = delta'));
  });

  it('a line produced by an action stays local and is reported with its line; the template is untouched', async () => {
    const { remote, a, b, sync, home, edit } = await world();
    edit(a, '.gitconfig', render('alpha').replace('alpha@example.org', 'other@example.org'));
    const ra = await sync(a);
    expect(ra.report.status).toBe('success');
    expect(ra.report.committed).toBe(0);
    expect(ra.report.skippedReAdd).toEqual([`${a.home}/.gitconfig`]);
    expect(ra.infos.join('\n')).toMatch(/\.gitconfig \([^)]*line 3/);
    expect(remote.read('main', 'dot_gitconfig.tmpl')).toBe(GITCONFIG);
    expect(home(a, '.gitconfig')).toContain('other@example.org');
    await sync(b);
    expect(home(b, '.gitconfig')).toBe(render('beta'));
  });

  it('a new line holding template delimiters as text is captured escaped: every host renders it literally', async () => {
    const { remote, a, b, sync, home, edit } = await world();
    const added = render('alpha').replace('[core]\n', '[core]\n\tprompt = {{ not an action }}\n');
    edit(a, '.gitconfig', added);
    expect((await sync(a)).report.committed).toBe(1);
    expect(remote.read('main', 'dot_gitconfig.tmpl')).not.toContain('prompt = {{ not');
    expect(home(a, '.gitconfig')).toBe(added);
    await sync(b);
    expect(home(b, '.gitconfig')).toBe(render('beta').replace('[core]\n', '[core]\n\tprompt = {{ not an action }}\n'));
  });

  it('a HOME edit while the template changed too (an uncommitted source edit) is kept, both sides intact', async () => {
    const { fs, a, sync, home, edit } = await world();
    const changed = GITCONFIG.replace('name = Me', 'name = Me Myself');
    fs.write(`${a.source}/dot_gitconfig.tmpl`, changed);
    const edited = render('alpha').replace('pager = less', 'pager = delta');
    edit(a, '.gitconfig', edited);
    const r = await sync(a);
    expect(r.report.skippedReAdd).toContain(`${a.home}/.gitconfig`);
    expect(r.infos.join('\n')).toMatch(/\.gitconfig \(the source changed too/);
    expect(home(a, '.gitconfig')).toBe(edited);
    expect(fs.read(`${a.source}/dot_gitconfig.tmpl`)).toBe(changed);
  });

  it('an encrypted target edited in HOME is captured encrypted and reaches the other host', async () => {
    const { remote, a, b, sync, home, edit } = await world();
    edit(a, '.token', 'token=two\n');
    const r = await sync(a);
    expect(r.report.status).toBe('success');
    expect(r.report.committed).toBe(1);
    const stored = remote.read('main', 'encrypted_dot_token.age') ?? '';
    expect(stored).not.toContain('token=');
    expect(fakeDecrypt(stored)._unsafeUnwrap()).toBe('token=two\n');
    await sync(b);
    expect(home(b, '.token')).toBe('token=two\n');
  });

  it('a modify_ target edited in HOME stays reported, not captured', async () => {
    const { remote, a, sync, edit } = await world();
    edit(a, '.settings', 'edited\n');
    const r = await sync(a);
    // The fake does not run modify_ scripts: its status cannot render the target, which is said.
    expect(r.report.committed).toBe(0);
    expect(remote.read('main', 'modify_dot_settings')).toBe('#!/bin/sh\ncat\n');
  });

  it('with auto-commit off nothing is written: the edit stays in HOME and is reported', async () => {
    const { fs, a, sync, edit } = await world();
    edit(a, '.gitconfig', render('alpha').replace('pager = less', 'pager = delta'));
    const r = await sync(a, { autoCommit: false });
    expect(r.report.skippedReAdd).toEqual([`${a.home}/.gitconfig`]);
    expect(fs.read(`${a.source}/dot_gitconfig.tmpl`)).toBe(GITCONFIG);
  });
});
