// A streaming parser of `git cat-file --batch` output (`<id> <type> <size>\n<content>\n` per
// object, or `<name> missing\n`): content goes to the callback chunk by chunk, never collected.

/** Called with each piece of an object's content, in order; `id` names the object. */
export type BlobChunk = (id: string, chunk: Uint8Array) => void;

export interface BatchParser {
  push(chunk: Uint8Array): void;
  /** Ids reported missing, and whether the stream ended mid-object. */
  end(): { readonly missing: readonly string[]; readonly truncated: boolean };
}

export const batchParser = (onChunk: BlobChunk): BatchParser => {
  let header: number[] = [];
  let id = '';
  let remaining = -1; // bytes of content still due; -1 = reading a header; -2 = the newline after content
  const missing: string[] = [];
  const push = (chunk: Uint8Array): void => {
    let i = 0;
    while (i < chunk.length) {
      if (remaining === -1) {
        const nl = chunk.indexOf(10, i);
        const stop = nl === -1 ? chunk.length : nl;
        for (let j = i; j < stop; j++) header.push(chunk[j] ?? 0);
        i = stop;
        if (nl === -1) break;
        i = nl + 1;
        const line = Buffer.from(header).toString('utf8');
        header = [];
        const parts = line.split(' ');
        if (parts[1] === 'missing' || parts.length < 3) {
          missing.push(parts[0] ?? line);
          continue;
        }
        id = parts[0] ?? '';
        remaining = Number(parts[2]);
        if (remaining === 0) remaining = -2;
      } else if (remaining === -2) {
        i++; // the newline git prints after each object
        remaining = -1;
      } else {
        const take = Math.min(remaining, chunk.length - i);
        onChunk(id, chunk.subarray(i, i + take));
        remaining -= take;
        i += take;
        if (remaining === 0) remaining = -2;
      }
    }
  };
  return { push, end: () => ({ missing, truncated: remaining !== -1 || header.length > 0 }) };
};
