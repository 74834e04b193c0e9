import { describe, expect, it } from 'vitest';
import { soleOperationHead } from '../../../src/backends/jj/op-heads.js';

const ID = 'a'.repeat(64) + '0123456789'.repeat(6) + 'beef';

describe('the operation head read from disk', () => {
  it('is the one head of the simple store', () => {
    expect(soleOperationHead('simple_op_heads_store', [ID])).toBe(ID);
    expect(soleOperationHead('simple_op_heads_store\n', [ID])).toBe(ID);
  });

  it('is not read when jj has to say: two heads, none, a stray name or another store', () => {
    expect(soleOperationHead('simple_op_heads_store', [ID, ID.replace('beef', 'cafe')])).toBeUndefined();
    expect(soleOperationHead('simple_op_heads_store', [])).toBeUndefined();
    expect(soleOperationHead('simple_op_heads_store', [`${ID}.tmp`])).toBeUndefined();
    expect(soleOperationHead('simple_op_heads_store', [ID.slice(0, 12)])).toBeUndefined();
    expect(soleOperationHead('some_future_store', [ID])).toBeUndefined();
  });
});
