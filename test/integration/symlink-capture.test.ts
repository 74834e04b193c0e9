// A managed symlink pointed elsewhere in HOME (`ln -sfn … ~/.x`) with the real tools: the
// `symlink_` source file (where the link points) is rewritten, published, and the other host's
// link follows. Before, a symlink was not even looked at: `chezmoi re-add` skips symlinks and
// capture's check of generated targets took only files, so the change stayed on one machine.
import { lstatSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from '../support/engine.js';
import { useWorld, type Host, type World } from '../support/world.js';

/** Two hosts managing `~/.config/current` as a symlink to `themes/light`, set up and synced. */
const linkWorld = async (backend: RealBackend): Promise<{ w: World; a: Host; b: Host }> => {
  const w = await useWorld({ hosts: ['alpha', 'beta'], files: { 'dot_config/symlink_current': 'themes/light\n', dot_bashrc: '# bashrc\n' } });
  const [a, b] = [w.host('alpha'), w.host('beta')];
  for (const h of [a, b]) {
    setUpHost(w, h);
    expect(okReport(await syncHost(w, h, backend)).status).toBe('success');
    expect(readlinkSync(join(h.home, '.config/current'))).toBe('themes/light');
  }
  return { w, a, b };
};

const relink = (h: Host, to: string): void => {
  const p = join(h.home, '.config/current');
  unlinkSync(p);
  symlinkSync(to, p);
};

describe.each(['jj', 'git'] as const)('a managed symlink pointed elsewhere in HOME (%s)', (backend) => {
  it('is captured into its symlink_ source, published, and followed by the other host', async () => {
    const { w, a, b } = await linkWorld(backend);
    relink(a, 'themes/dark');
    const r = okReport(await syncHost(w, a, backend));
    expect(r.status).toBe('success');
    expect(r.keptLocal).toEqual([]);
    expect(w.readSource(a, 'dot_config/symlink_current')).toBe('themes/dark\n');
    expect(w.readRemote('dot_config/symlink_current')).toBe('themes/dark\n');
    expect(readlinkSync(join(a.home, '.config/current'))).toBe('themes/dark');

    expect(okReport(await syncHost(w, b, backend)).status).toBe('success');
    expect(lstatSync(join(b.home, '.config/current')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(b.home, '.config/current'))).toBe('themes/dark');
    // Nothing left to do on either side.
    expect(okReport(await syncHost(w, a, backend)).committed).toBe(0);
  });

  it('pointed elsewhere on two hosts: a conflict like any other — both kept, nothing overwritten', async () => {
    const { w, a, b } = await linkWorld(backend);
    relink(a, 'themes/dark');
    relink(b, 'themes/solarized');
    expect(okReport(await syncHost(w, a, backend)).status).toBe('success');
    const r = okReport(await syncHost(w, b, backend));
    expect(r.status).toBe('conflicts-preserved');
    expect(r.conflicts?.paths).toEqual(['dot_config/symlink_current']);
    expect(readlinkSync(join(b.home, '.config/current'))).toBe('themes/solarized');
    expect(w.readRemote('dot_config/symlink_current', 'sync/beta')).toBe('themes/solarized\n');
    expect(w.readRemote('dot_config/symlink_current')).toBe('themes/dark\n');
  });
});
