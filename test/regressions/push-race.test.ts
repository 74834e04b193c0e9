// Regression: four hosts sync at the same instant. With git, a push that loses the race inside the
// remote (the ref moved between the server's advertisement and its update) comes back as
// `[remote rejected] (incorrect old value provided)`; that run ended in an error ("the remote
// declined the update (a hook or branch protection)") instead of integrating again like any moved
// remote. With jj it was the mirror image: a hook that declined was retried as a moved remote and
// reported as rejected. Expected: every racing run ends success with every edit on the remote, and a
// real refusal is reported as one, without retrying.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld } from '../support/world.js';

const HOSTS = ['h1', 'h2', 'h3', 'h4'];
const ROUNDS = 3;

describe.each<RealBackend>(['jj', 'git'])('pushes that lose a race inside the remote (%s)', (backend) => {
  it('all end in success and every edit reaches the remote', { timeout: 300_000 }, async () => {
    const w = await useWorld({ hosts: HOSTS, files: Object.fromEntries(HOSTS.map((h) => [`dot_${h}rc`, `${h} 0\n`])) });
    const hosts = HOSTS.map((n) => w.host(n));
    for (const h of hosts) {
      setUpHost(w, h);
      okReport(await syncHost(w, h, backend));
    }
    // A slow remote (as a hosted one is): the update waits after the advertisement, so pushes
    // that started together all see the same old value and all but one lose inside the server.
    writeFileSync(join(w.remote, 'hooks', 'pre-receive'), '#!/bin/sh\ncat >/dev/null\nsleep 1\n', { mode: 0o755 });
    for (let round = 1; round <= ROUNDS; round++) {
      // Each host edits its own file: no real conflict, so every run must end in success.
      for (const h of hosts) w.writeHome(h, `.${h.name}rc`, `${h.name} ${round}\n`);
      const calls = await Promise.all(hosts.map((h) => syncHost(w, h, backend, { lockTimeoutMs: 60_000 })));
      for (const c of calls) expect(okReport(c).status).toBe('success');
      for (const h of hosts) expect(w.readRemote(`dot_${h.name}rc`)).toBe(`${h.name} ${round}\n`);
    }
  });

  it('still reports a real refusal (a pre-receive hook) as one, without integrating again', { timeout: 120_000 }, async () => {
    const w = await useWorld({ hosts: ['h1'] });
    const h = w.host('h1');
    setUpHost(w, h);
    okReport(await syncHost(w, h, backend));
    writeFileSync(join(w.remote, 'hooks', 'pre-receive'), '#!/bin/sh\ncat >/dev/null\necho "protected branch: main"\nexit 1\n', { mode: 0o755 });
    w.writeHome(h, '.bashrc', 'refused\n');
    const c = await syncHost(w, h, backend);
    expect(c.result.isErr() ? c.result.error : c.result.value.error).toMatchObject({ kind: 'command-failed' });
    expect(JSON.stringify(c.result.isErr() ? c.result.error : c.result.value.error)).toContain('pre-receive hook declined');
    expect(c.events.some((e) => e.type === 'step-finished' && /integrating again/.test(e.detail))).toBe(false);
    expect(w.readHome(h, '.bashrc')).toBe('refused\n');
    expect(w.readRemote('dot_bashrc')).not.toBe('refused\n');
  });
});
