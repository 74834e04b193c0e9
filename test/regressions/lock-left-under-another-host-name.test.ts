// Regression (found by test/hostile while probing stale locks): a sync killed while the host name
// was different (the machine was renamed — macOS renames itself on some networks — or `--host`
// changed between the CLI and the timer) leaves a lock whose holder is a dead process under
// another name. Liveness is only checked for our own name, so every later sync ended `locked`,
// forever, while the hint promised that a dead holder's lock is recovered automatically. The same
// with our own name when the pid was reused by another process after a reboot.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost } from '../support/engine.js';
import { useWorld } from '../support/world.js';

describe('a lock left by a dead run under another host name', () => {
  it('is taken over once it is older than any run could be; a fresh one is still respected', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    setUpHost(w, a);
    okReport(await syncHost(w, a, 'jj'));
    const lock = join(dirname(a.source), '.chezmoi.chezmoi-sync.lock');
    const holder = (startedAt: string) => `${JSON.stringify({ pid: 2 ** 22 + 17, host: 'alpha-old-name', startedAt, token: 'gone' })}\n`;

    // A run that started a moment ago elsewhere may be alive: wait, then report `locked`.
    writeFileSync(lock, holder(new Date().toISOString()));
    expect(okReport(await syncHost(w, a, 'jj', { lockTimeoutMs: 300 })).status).toBe('locked');

    // Days old: nobody holds it any more.
    writeFileSync(lock, holder('2020-01-01T00:00:00.000Z'));
    w.writeHome(a, '.bashrc', '# bashrc\nexport AFTER_RENAME=1\n');
    const r = okReport(await syncHost(w, a, 'jj', { lockTimeoutMs: 300 }));
    expect(r.status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toContain('AFTER_RENAME=1');

    // Same name, but the pid now belongs to another process (reused after a reboot): also abandoned.
    writeFileSync(lock, `${JSON.stringify({ pid: process.pid, host: 'alpha', startedAt: '2020-01-01T00:00:00.000Z', token: 'before-reboot' })}\n`);
    w.writeHome(a, '.bashrc', '# bashrc\nexport AFTER_REBOOT=1\n');
    expect(okReport(await syncHost(w, a, 'jj', { lockTimeoutMs: 300 })).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toContain('AFTER_REBOOT=1');
  });
});
