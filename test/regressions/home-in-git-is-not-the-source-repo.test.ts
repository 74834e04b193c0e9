// Regression: with the jj backend, a source dir that is not a repository itself, inside a HOME that
// is kept in git, was taken for a `.chezmoiroot` subdirectory of the HOME repository: the sync ran
// `jj git init --colocate` on HOME's repository. A repository above the source dir counts only when
// its `.chezmoiroot` names the source dir (as every other command already decides).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncHost } from '../support/engine.js';
import { useWorld } from '../support/world.js';

describe('a source dir that is no repository, inside a HOME kept in git (jj)', () => {
  it('is not a repository: HOME’s repository is left alone', { timeout: 60_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha'] });
    const a = w.host('alpha');
    w.run(a, 'git', ['init', '-q', a.home]);
    mkdirSync(a.source, { recursive: true });
    writeFileSync(join(a.source, 'dot_bashrc'), '# bashrc\n');
    const c = await syncHost(w, a, 'jj', { repoUrl: undefined as unknown as string });
    expect(c.result.isErr() ? `${c.result.error.kind}: ${c.result.error.message}` : c.result.value.status).toMatch(/^not-a-repo/);
    expect(existsSync(join(a.home, '.jj'))).toBe(false);
  });
});
