// The docs show runnable code: an example embedded in a page must be the file the suite runs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const EMBED = /<!-- example:(\S+) -->\n```ts\n([\s\S]*?)```\n<!-- \/example -->/g;

describe('docs examples', () => {
  it('docs/backends.md embeds test/contract/memory-example.test.ts unchanged', () => {
    const page = readFileSync('docs/backends.md', 'utf8');
    const embeds = [...page.matchAll(EMBED)];
    expect(embeds.map((m) => m[1])).toEqual(['test/contract/memory-example.test.ts']);
    for (const [, file, code] of embeds) expect(code).toBe(readFileSync(file ?? '', 'utf8'));
  });
});
