// Hostile and unusual paths and contents: a source dir whose path has spaces, a newline and
// unicode; file names like that; symlinks pointing outside the source dir; named pipes; a 50 MB
// file; content that looks like conflict markers. Right behaviour or one clear error, nothing
// lost, nothing read or written outside where it belongs.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, syncHost } from '../support/engine.js';
import { useWorld, type Host } from '../support/world.js';
import { BACKENDS, everythingOnRemote, syncedWorld } from './support.js';

describe.each(BACKENDS)('unusual paths (%s)', (backend) => {
  it('a source dir whose path has spaces, a newline and unicode clones, captures and publishes', async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'] });
    const a0 = w.host('alpha');
    const source = join(a0.home, 'my dot files ü', 'new\nline ✓');
    const a: Host = { ...a0, source };
    // TOML basic strings take JSON's escapes.
    writeFileSync(a.chezmoiConfig, `sourceDir = ${JSON.stringify(source)}\n`);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readHome(a, '.bashrc')).toContain('EDITOR=vi');
    w.writeHome(a, '.bashrc', '# bashrc\nexport FROM_ODD_PATH=1\n');
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toBe('# bashrc\nexport FROM_ODD_PATH=1\n');
    const b = w.host('beta');
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(w.readHome(b, '.bashrc')).toBe('# bashrc\nexport FROM_ODD_PATH=1\n');
  });

  it('managed files named with spaces, unicode and a newline travel intact', async () => {
    const { w, a, b } = await syncedWorld(backend);
    const names = ['dot_my notes', 'dot_ünïcödé ✓', 'dot_line\nbreak', 'dot_tab\there'];
    for (const [i, n] of names.entries()) w.writeSource(a, n, `file ${i}\n`);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    for (const [i, n] of names.entries()) expect(w.readRemote(n), JSON.stringify(n)).toBe(`file ${i}\n`);
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    for (const [i, n] of names.entries()) expect(w.readHome(b, n.replace(/^dot_/, '.')), JSON.stringify(n)).toBe(`file ${i}\n`);
    // And an edit of one in HOME comes back.
    w.writeHome(b, '.line\nbreak', 'edited on beta\n');
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(w.readRemote('dot_line\nbreak')).toBe('edited on beta\n');
  });

  it('a symlink in the source dir pointing outside it is published as a link: what it points at never leaves the machine, and a HOME edit never writes through it', async () => {
    const { w, a, b } = await syncedWorld(backend);
    const outside = join(w.root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'notes.txt'), 'PRIVATE NOTES outside the source dir\n');
    writeFileSync(join(outside, 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n');
    symlinkSync(join(outside, 'notes.txt'), join(a.source, 'dot_notes'));
    symlinkSync(join(outside, 'id_ed25519'), join(a.source, 'dot_key'));
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    const remote = everythingOnRemote(w);
    expect(remote).not.toContain('PRIVATE NOTES');
    expect(remote).not.toContain('b3BlbnNzaC1rZXktdjEAAAAA');
    expect(w.run(a, 'git', ['--git-dir', w.remote, 'ls-tree', 'main', 'dot_notes']).stdout).toMatch(/^120000 blob /);
    // On another host the link is a link again; editing its HOME copy replaces the link in the
    // source dir with a plain file — the file it pointed at is never written.
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    w.writeHome(b, '.notes', 'edited on beta\n');
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(readFileSync(join(outside, 'notes.txt'), 'utf8')).toBe('PRIVATE NOTES outside the source dir\n');
    expect(lstatSync(join(b.source, 'dot_notes')).isSymbolicLink()).toBe(false);
    expect(w.readRemote('dot_notes')).toBe('edited on beta\n');
  });

  it('a named pipe in the source dir (or a link to one) is one clear error, never a hang; the HOME edit is kept', async () => {
    const { w, a } = await syncedWorld(backend);
    const outside = join(w.root, 'outside');
    mkdirSync(outside);
    w.writeHome(a, '.bashrc', '# bashrc\nexport KEPT_DESPITE_PIPE=1\n');
    for (const make of [() => execFileSync('mkfifo', [join(a.source, 'dot_pipe')]), () => (execFileSync('mkfifo', [join(outside, 'fifo')]), symlinkSync(join(outside, 'fifo'), join(a.source, 'dot_pipe')))]) {
      make();
      const r = await syncHost(w, a, backend);
      // chezmoi cannot read the source state: a hard error, or (the repository synced anyway) a run ending `error` that names it.
      const message = r.result.isErr() ? r.result.error.message : r.result.value.status === 'error' ? r.result.value.error?.message : undefined;
      expect(message).toContain('dot_pipe');
      expect(w.readHome(a, '.bashrc')).toContain('KEPT_DESPITE_PIPE=1');
      execFileSync('rm', ['-f', join(a.source, 'dot_pipe')]);
    }
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toContain('KEPT_DESPITE_PIPE=1');
  });

  it('a 50 MB file syncs byte for byte', async () => {
    const { w, a, b } = await syncedWorld(backend);
    // Incompressible and not text: the worst case for every tool on the way.
    const big = Buffer.alloc(50 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((Math.imul(i, 2654435761) ^ (i >>> 7)) >>> 0, i);
    const sha = createHash('sha256').update(big).digest('hex');
    writeFileSync(join(a.source, 'dot_big.bin'), big);
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(createHash('sha256').update(readFileSync(join(b.home, '.big.bin'))).digest('hex')).toBe(sha);
  });

  it('content that looks like conflict markers is content: synced intact, no conflict reported', async () => {
    const { w, a, b } = await syncedWorld(backend);
    const text = '# merge-tool test fixture\n<<<<<<< ours\nmine\n=======\ntheirs\n>>>>>>> theirs\n%%%%%%% diff\n+++++++ side\n';
    w.writeHome(a, '.gitconfig', text);
    const ra = okReport(await syncHost(w, a, backend));
    expect(ra.status).toBe('success');
    expect(w.readRemote('dot_gitconfig')).toBe(text);
    const rb = okReport(await syncHost(w, b, backend));
    expect(rb.status).toBe('success');
    expect(rb.conflicts).toBeUndefined();
    expect(w.readHome(b, '.gitconfig')).toBe(text);
    // Editing around it later still syncs.
    w.writeHome(b, '.gitconfig', `${text}# and more\n`);
    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readHome(a, '.gitconfig')).toBe(`${text}# and more\n`);
  });
});
