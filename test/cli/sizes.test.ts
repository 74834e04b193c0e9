// status and doctor show how big the repository's history is (what housekeeping keeps bounded);
// the sync remembers tool versions in its state dir (built CLI, real tools).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWorld } from '../support/world.js';
import { cli, ensureBuilt, jsonOf } from './support/cli.js';

beforeAll(() => ensureBuilt());

describe('repository sizes (built CLI, real tools)', () => {
  it('status and doctor report operations and object bytes after a jj sync', async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    w.chezmoiApply(a);
    w.writeHome(a, '.bashrc', '# edited\n');
    expect(jsonOf(cli(['sync', '--json'], { env: a.env }))).toMatchObject({ ok: true, status: 'success' });
    expect(readdirSync(join(a.stateDir, 'cache')).length).toBeGreaterThan(0);

    const status = jsonOf(cli(['status', '--json'], { env: a.env }));
    const sizes = status['sizes'] as { operations: number; opStoreBytes: number; objectBytes: number };
    expect(sizes.operations).toBeGreaterThan(0);
    expect(sizes.opStoreBytes).toBeGreaterThan(0);
    expect(sizes.objectBytes).toBeGreaterThan(0);
    expect(cli(['status'], { env: a.env }).stdout).toMatch(/^size {10}\d+ operations \([\d.]+ (B|KiB|MiB) operation store\), git objects [\d.]+ (B|KiB|MiB)$/m);

    const findings = jsonOf(cli(['doctor', '--json'], { env: a.env }))['findings'] as { id: string; status: string; detail: string }[];
    expect(findings.find((f) => f.id === 'repo.size')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^\d+ operations/) });
  });
});
