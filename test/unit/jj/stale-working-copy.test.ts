import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutOperation } from '../../../src/backends/jj/stale-working-copy.js';

// `.jj/working_copy/checkout` as jj 0.46 wrote it, and the operation head it named then.
const CHECKOUT = readFileSync(join(import.meta.dirname, '../../fixtures/jj/working-copy-checkout.bin'));
const HEAD = '74b63596ba225e828b2c7ae5686bc6b4c004ae108f92cfff82cdeea488fb29009a6e153ebdbc2256d122f97326eb6c13463aedbcb50ee86fdb54e4678d082843';

describe('checkoutOperation (the operation the working copy was last updated to)', () => {
  it('reads it from the file jj wrote', () => {
    expect(checkoutOperation(CHECKOUT)).toBe(HEAD);
  });

  it('finds field 2 after other fields, whatever their wire type', () => {
    const other = [0x08, 0x96, 0x01, 0x0a, 0x02, 0xaa, 0xbb, 0x1d, 1, 2, 3, 4, 0x11, 1, 2, 3, 4, 5, 6, 7, 8];
    expect(checkoutOperation(Uint8Array.from([...other, 0x12, 0x02, 0xde, 0xad]))).toBe('dead');
  });

  it('gives undefined for anything it cannot read as that message', () => {
    expect(checkoutOperation(new Uint8Array())).toBeUndefined();
    // Field 2 cut short, a length past the end, an unknown wire type, a varint that never ends.
    expect(checkoutOperation(CHECKOUT.subarray(0, 20))).toBeUndefined();
    expect(checkoutOperation(Uint8Array.from([0x12, 0x7f, 0x00]))).toBeUndefined();
    expect(checkoutOperation(Uint8Array.from([0x13, 0x00]))).toBeUndefined();
    expect(checkoutOperation(Uint8Array.from([0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toBeUndefined();
    // An empty operation id is no operation.
    expect(checkoutOperation(Uint8Array.from([0x12, 0x00]))).toBeUndefined();
    // Text is not that message.
    expect(checkoutOperation(Buffer.from('not protobuf at all'))).toBeUndefined();
  });
});
