// Hostile repository URLs, given to the engine (clone) or the CLI, or already configured as the
// repository's remote: one clear error, nothing executed, nothing changed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { okReport, syncHost } from '../support/engine.js';
import { useWorld } from '../support/world.js';
import { cli, ensureBuilt, jsonOf } from '../cli/support/cli.js';
import { BACKENDS, syncedWorld, useMarker } from './support.js';

beforeAll(() => ensureBuilt());

const hostileUrls = (marker: string): readonly string[] => [
  `--upload-pack=touch ${marker}`,
  `--upload-pack=touch ${marker};`,
  `ext::sh -c touch% ${marker}`,
  `EXT::sh -c touch% ${marker}`,
  `fd::17`,
  `-oProxyCommand=touch ${marker}`,
  `ssh://-oProxyCommand=touch% ${marker}/x`,
  `-u:x`,
  `--config=core.sshCommand=touch ${marker}`,
];

describe.each(BACKENDS)('hostile repository URLs (%s)', (backend) => {
  it('a clone from a hostile URL is refused before anything runs or is created', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const m = await useMarker();
    for (const url of hostileUrls(m.path)) {
      const r = await syncHost(w, a, backend, { repoUrl: url });
      expect(r.result.isErr(), url).toBe(true);
      expect(r.result._unsafeUnwrapErr(), url).toMatchObject({ kind: 'invalid-input', field: 'url' });
      expect(existsSync(a.source), url).toBe(false);
      // Refused before the lock: nothing written beside the source dir either.
      expect(existsSync(join(a.stateDir, 'state.json')), url).toBe(false);
    }
    m.expectAbsent();
  });

  it('the CLI refuses each with exit 2 and one line naming the URL', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const m = await useMarker();
    for (const url of hostileUrls(m.path)) {
      const r = cli(['sync', '--backend', backend, `--repo-url=${url}`], { env: a.env });
      expect(r.code, url).toBe(2);
      expect(r.stdout, url).toBe('');
      expect(r.stderr.trim().split('\n').filter((l) => /url/i.test(l)).length, `${url}\n${r.stderr}`).toBeGreaterThanOrEqual(1);
      const j = jsonOf(cli(['sync', '--json', '--backend', backend, `--repo-url=${url}`], { env: a.env }));
      expect(j, url).toMatchObject({ ok: false, exitCode: 2 });
    }
    expect(existsSync(a.source)).toBe(false);
    m.expectAbsent();
  });

  it('a repository whose remote already points at a command-running URL: the fetch fails, nothing runs, the local edit is kept', async () => {
    const { w, a } = await syncedWorld(backend);
    const m = await useMarker();
    // Someone (or something) rewrote the remote URL in the repository's own git config.
    w.run(a, 'git', ['remote', 'set-url', 'origin', `ext::sh -c touch% ${m.path}`], { cwd: a.source });
    w.writeHome(a, '.bashrc', '# bashrc\nexport KEPT=1\n');
    const r = await syncHost(w, a, backend, { repoUrl: undefined as unknown as string });
    m.expectAbsent();
    // Either a clear error or a degraded run; never a success, and the edit is committed locally.
    if (r.result.isOk()) expect(r.result.value.status).not.toBe('success');
    else expect(r.result.error.message.length).toBeGreaterThan(0);
    expect(w.run(a, 'git', ['log', '--all', '-p', '--format='], { cwd: a.source }).stdout).toContain('KEPT=1');
    expect(w.readHome(a, '.bashrc')).toContain('KEPT=1');
    // With the URL configured, the mismatch is named and nothing runs at all.
    const named = await syncHost(w, a, backend);
    expect(named.result._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid-input', field: 'repoUrl' });
    m.expectAbsent();
    // Putting the URL back is all it takes: the kept edit is published.
    w.run(a, 'git', ['remote', 'set-url', 'origin', w.remoteUrl], { cwd: a.source });
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    expect(w.readRemote('dot_bashrc')).toContain('KEPT=1');
  });
});

describe('a URL that only looks odd is not refused', () => {
  it('a local path with spaces and unicode clones and syncs (git)', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    const odd = join(w.root, 'my dötfiles repo.git');
    w.run(a, 'git', ['clone', '-q', '--bare', w.remote, odd]);
    const r = okReport(await syncHost(w, a, 'git', { repoUrl: odd }));
    expect(r.status).toBe('success');
    expect(w.readHome(a, '.bashrc')).toContain('EDITOR=vi');
  });
});
