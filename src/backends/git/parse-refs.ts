// `git for-each-ref` and `git config -z --get-regexp` → branches and remotes. Pure.
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';
import type { BranchInfo, RemoteInfo } from '../../core/vcs.js';

/** NUL between fields; a ref name cannot contain a newline or a NUL, so newline ends a record. */
export const REF_FORMAT = '%(refname)%00%(objectname)%00%(symref)';

/**
 * Parses `git config -z --get-regexp '^remote\..*\.(url|pushurl)$'`: records `remote.NAME.KEY\nVALUE\0`,
 * remotes in file order. A remote fetches from its first `url`; a push goes to its `pushurl`s, else
 * to every `url`: the rest are `otherUrls`. A remote with no `url` is not one git can fetch from:
 * not listed.
 *
 * @example parseRemoteUrls('remote.origin.url\nssh://h/r.git\0') // ok([{ name: 'origin', url: 'ssh://h/r.git' }])
 */
export const parseRemoteUrls = (stdout: string): Result<RemoteInfo[], ParseError> => {
  const urls = new Map<string, { fetch: string[]; push: string[] }>();
  for (const record of stdout.split('\0')) {
    if (record === '') continue;
    const nl = record.indexOf('\n');
    const key = nl < 0 ? record : record.slice(0, nl);
    const m = /^remote\.(.+)\.(url|pushurl)$/i.exec(key);
    if (m === null || nl < 0) return err(parseError(`git config: unexpected entry ${JSON.stringify(key.slice(0, 80))}`, stdout));
    const name = m[1] ?? '';
    const entry = urls.get(name) ?? { fetch: [], push: [] };
    urls.set(name, entry);
    (m[2]?.toLowerCase() === 'url' ? entry.fetch : entry.push).push(record.slice(nl + 1));
  }
  return ok(
    [...urls].flatMap(([name, { fetch, push }]): RemoteInfo[] => {
      const [url, ...rest] = fetch;
      if (url === undefined) return [];
      const otherUrls = [...rest, ...push];
      return [otherUrls.length > 0 ? { name, url, otherUrls } : { name, url }];
    }),
  );
};

/**
 * Parses `git for-each-ref --format=${REF_FORMAT} refs/heads refs/remotes` into branches, local
 * and remote-tracking merged by name. `remotes` are the configured remote names (they may
 * contain `/`; the longest match wins). Symbolic refs such as `origin/HEAD` are skipped.
 *
 * @example parseBranches('refs/heads/main\0abc…\0\n', ['origin'])
 */
export const parseBranches = (stdout: string, remotes: readonly string[]): Result<BranchInfo[], ParseError> => {
  const byName = new Map<string, { target?: string; remoteTargets: Record<string, string> }>();
  const entry = (name: string) => {
    let e = byName.get(name);
    if (e === undefined) byName.set(name, (e = { remoteTargets: {} }));
    return e;
  };
  const longestFirst = [...remotes].sort((a, b) => b.length - a.length);
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const [ref = '', target = '', symref] = line.split('\0');
    if (symref === undefined || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(target)) {
      return err(parseError(`git for-each-ref: unexpected line ${JSON.stringify(line.slice(0, 120))}`, stdout));
    }
    if (symref !== '') continue;
    if (ref.startsWith('refs/heads/')) {
      entry(ref.slice('refs/heads/'.length)).target = target;
      continue;
    }
    if (!ref.startsWith('refs/remotes/')) continue;
    const rest = ref.slice('refs/remotes/'.length);
    const remote = longestFirst.find((r) => rest.startsWith(`${r}/`)) ?? rest.split('/')[0] ?? '';
    const name = rest.slice(remote.length + 1);
    if (name === '' || name === 'HEAD') continue;
    entry(name).remoteTargets[remote] = target;
  }
  return ok(
    [...byName.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, e]) => ({ name, ...(e.target !== undefined ? { target: e.target } : {}), remoteTargets: e.remoteTargets })),
  );
};
