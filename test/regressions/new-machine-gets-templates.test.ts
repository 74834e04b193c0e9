// Regression: a new machine's first sync (it clones the repository) applied the plain files but
// none of the templates or encrypted files: nothing "came in" (the clone is the starting point) and
// capture only planned plain files, so `~/.fileK` from `dot_fileK.tmpl` never appeared, on that
// sync or any later one. Targets missing from HOME that chezmoi never wrote are applied now.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncHost } from '../support/engine.js';
import { DEFAULT_FILES, useWorld } from '../support/world.js';

const files = {
  ...DEFAULT_FILES,
  'dot_profile.tmpl': '# profile\nexport HOST={{ .chezmoi.hostname }}\nexport PAGER=less\n',
  'dot_config/app/conf.tmpl': '[app]\n{{- if eq .chezmoi.os "linux" }}\nos = linux\n{{- end }}\n',
};

describe.each(['jj', 'git'] as const)('a new machine syncing for the first time (%s)', (backend) => {
  it('gets its templates rendered into HOME, and a HOME deletion afterwards is not undone', { timeout: 90_000 }, async () => {
    const w = await useWorld({ hosts: ['alpha'], files });
    const a = w.host('alpha');
    const first = await syncHost(w, a, backend);
    expect(first.result.isOk() ? first.result.value.status : first.result.error.message).toBe('success');
    expect(readFileSync(join(a.home, '.bashrc'), 'utf8')).toBe(DEFAULT_FILES.dot_bashrc);
    expect(readFileSync(join(a.home, '.profile'), 'utf8')).toMatch(/^# profile\nexport HOST=\S+\nexport PAGER=less\n$/);
    expect(readFileSync(join(a.home, '.config/app/conf'), 'utf8')).toBe('[app]\nos = linux\n');

    // The person removes a generated file on purpose: the next sync does not bring it back.
    w.run(a, 'rm', [join(a.home, '.profile')]);
    const second = await syncHost(w, a, backend);
    expect(second.result.isOk() ? second.result.value.status : second.result.error.message).toBe('success');
    expect(existsSync(join(a.home, '.profile'))).toBe(false);
  });
});
