// A world of two hosts where alpha and beta appended different lines to ~/.bashrc: alpha's
// edit is on the trunk, beta's run ended `conflicts-preserved` (its side on `sync/beta`).
import { expect } from 'vitest';
import { okReport, setUpHost, syncHost, type RealBackend } from './engine.js';
import { useWorld, type Host, type World } from './world.js';

export const preservedConflict = async (backend: RealBackend): Promise<{ w: World; a: Host; b: Host; base: string }> => {
  const w = await useWorld({ hosts: ['alpha', 'beta'] });
  const [a, b] = [w.host('alpha'), w.host('beta')];
  for (const h of [a, b]) setUpHost(w, h);
  const base = w.readHome(a, '.bashrc') ?? '';
  w.writeHome(a, '.bashrc', `${base}export FROM=alpha\n`);
  w.writeHome(b, '.bashrc', `${base}export FROM=beta\n`);
  okReport(await syncHost(w, a, backend));
  expect(okReport(await syncHost(w, b, backend)).status).toBe('conflicts-preserved');
  return { w, a, b, base };
};
