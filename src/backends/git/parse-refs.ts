// `git for-each-ref` and `git config -z --get-regexp` → branches and remotes. Pure.
import { err, ok, type Result } from 'neverthrow';
import { parseError, type ParseError } from '../../core/errors.js';
import type { BranchInfo, RemoteInfo } from '../../core/vcs.js';

/** NUL between fields; a ref name cannot contain a newline or a NUL, so newline ends a record. */
export const REF_FORMAT = '%(refname)%00%(objectname)%00%(symref)';

/**
 * Parses `git config -z --get-regexp '^remote\..*\.url$'`: records `remote.NAME.url\nURL\0`.
 *
 * @example parseRemoteUrls('remote.origin.url\nssh://h/r.git\0') // ok([{ name: 'origin', url: 'ssh://h/r.git' }])
 */
export const parseRemoteUrls = (stdout: string): Result<RemoteInfo[], ParseError> => {
  const out: RemoteInfo[] = [];
  for (const record of stdout.split('\0')) {
    if (record === '') continue;
    const nl = record.indexOf('\n');
    const key = nl < 0 ? record : record.slice(0, nl);
    const m = /^remote\.(.+)\.url$/i.exec(key);
    if (m === null || nl < 0) return err(parseError(`git config: unexpected entry ${JSON.stringify(key.slice(0, 80))}`, stdout));
    const name = m[1] ?? '';
    // A remote with several urls fetches from the first.
    if (!out.some((r) => r.name === name)) out.push({ name, url: record.slice(nl + 1) });
  }
  return ok(out);
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
