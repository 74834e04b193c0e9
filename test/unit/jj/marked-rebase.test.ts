import { describe, expect, it } from 'vitest';
import { classifyMarkedRebase, parseLoggedOperations, type LoggedOperation } from '../../../src/backends/jj/marked-rebase.js';

const MARKED = 'a'.repeat(128);
const id = (c: string): string => c.repeat(128);
const op = (c: string, description: string, snapshot = false): LoggedOperation => ({ id: id(c), snapshot, description });
const snap = (c: string): LoggedOperation => op(c, 'snapshot working copy', true);
const marked = op('a', 'snapshot working copy', true);
const rebase = op('b', 'rebase commit 0123 and descendants');
const restore = op('c', `restore to operation ${MARKED}`);

// Newest first, as `jj op log` prints them.
describe('classifyMarkedRebase (what happened since a sync marked its rebase)', () => {
  it('only the rebase and snapshots since: ours alone, restore the marked operation', () => {
    expect(classifyMarkedRebase([snap('e'), rebase, marked, op('0', 'older')], MARKED)).toEqual({ kind: 'ours-only' });
    expect(classifyMarkedRebase([op('d', 'reconcile divergent operations'), snap('e'), rebase, marked], MARKED)).toEqual({ kind: 'ours-only' });
  });

  it("a person's operation after the rebase: revert the rebase alone", () => {
    expect(classifyMarkedRebase([snap('f'), op('e', 'commit 1234'), snap('d'), rebase, marked], MARKED)).toEqual({ kind: 'built-on', rebase: id('b') });
    expect(classifyMarkedRebase([op('e', 'import git head'), rebase, marked], MARKED)).toEqual({ kind: 'built-on', rebase: id('b') });
  });

  it('a restore of the marked operation after the rebase: already undone, whatever came after', () => {
    expect(classifyMarkedRebase([restore, rebase, marked], MARKED)).toEqual({ kind: 'undone' });
    expect(classifyMarkedRebase([op('e', 'commit 1234'), restore, rebase, marked], MARKED.slice(0, 12))).toEqual({ kind: 'undone' });
  });

  it('a restore of another operation is a person\'s', () => {
    expect(classifyMarkedRebase([op('c', `restore to operation ${id('9')}`), rebase, marked], MARKED)).toEqual({ kind: 'built-on', rebase: id('b') });
  });

  it('no rebase right after the marked operation: the sync died before it', () => {
    expect(classifyMarkedRebase([snap('c'), marked], MARKED)).toEqual({ kind: 'not-run' });
    expect(classifyMarkedRebase([rebase, op('c', 'new empty commit'), marked], MARKED)).toEqual({ kind: 'not-run' });
  });

  it('the marked operation not listed: unknown', () => {
    expect(classifyMarkedRebase([snap('c'), rebase], MARKED)).toEqual({ kind: 'unknown' });
  });
});

describe('parseLoggedOperations', () => {
  it('reads the JSON lines of the template', () => {
    const out = `{"id":"${id('a')}","snapshot":true,"description":"snapshot working copy"}\n{"id":"${id('b')}","snapshot":false,"description":"rebase commit 1 and descendants"}\n`;
    expect(parseLoggedOperations(out)._unsafeUnwrap()).toEqual([op('a', 'snapshot working copy', true), op('b', 'rebase commit 1 and descendants')]);
  });

  it('refuses anything else', () => {
    expect(parseLoggedOperations('{"id":"xyz","snapshot":false,"description":""}\n').isErr()).toBe(true);
    expect(parseLoggedOperations('not json\n').isErr()).toBe(true);
  });
});
