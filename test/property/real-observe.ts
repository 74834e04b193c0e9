// Reading the real world: files under a directory and every branch of a bare repository, with
// names as bytes (a name that is not UTF-8 becomes a model path with `\xNN` escapes), and which
// contents are stored as blobs in which repositories.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesName, nameBytes } from './model.js';

/** Files under `dir`, relative, skipping the named top-level entries and symlinks. */
export const walk = (dir: string, skip: readonly string[]): Map<string, string> => {
  const out = new Map<string, string>();
  const go = (abs: Buffer, rel: string): void => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      return;
    }
    for (const e of entries) {
      const name = bytesName(e.name);
      const r = rel === '' ? name : `${rel}/${name}`;
      if (rel === '' && skip.includes(name)) continue;
      const child = Buffer.concat([abs, Buffer.from('/'), e.name]);
      if (e.isDirectory()) go(child, r);
      else if (e.isFile()) out.set(r, readFileSync(child, 'utf8'));
    }
  };
  go(Buffer.from(dir), '');
  return out;
};

/** A model path under `dir` as the file system names it. */
export const fsPath = (dir: string, rel: string): Buffer => nameBytes(join(dir, rel));

export const readOr = (p: string | Buffer): string | undefined => (existsSync(p) ? readFileSync(p, 'utf8') : undefined);

const git = (gitDir: string, args: string[], input?: string) => spawnSync('git', ['--git-dir', gitDir, ...args], { input: input ?? '', maxBuffer: 256 * 1024 * 1024 });

/** Every branch of a bare repository with its files, in three processes plus one per branch. */
export const remoteTrees = (gitDir: string): Map<string, Map<string, string>> => {
  const refs = git(gitDir, ['for-each-ref', '--format=%(refname:lstrip=2)', 'refs/heads']).stdout.toString('utf8').split('\n').filter((l) => l !== '');
  const listing = new Map<string, [string, string][]>();
  const blobs = new Set<string>();
  for (const ref of refs) {
    const entries: [string, string][] = [];
    const out = git(gitDir, ['ls-tree', '-r', '-z', `refs/heads/${ref}`]).stdout;
    for (let at = 0; at < out.length; ) {
      const end = out.indexOf(0, at) === -1 ? out.length : out.indexOf(0, at);
      const rec = out.subarray(at, end);
      at = end + 1;
      const tab = rec.indexOf(0x09);
      const m = /^\d+ blob ([0-9a-f]+)$/.exec(rec.subarray(0, tab).toString('utf8'));
      if (m?.[1] === undefined || tab < 0) continue;
      entries.push([bytesName(rec.subarray(tab + 1)), m[1]]);
      blobs.add(m[1]);
    }
    listing.set(ref, entries);
  }
  const contents = new Map<string, string>();
  if (blobs.size > 0) {
    const ids = [...blobs];
    const out = git(gitDir, ['cat-file', '--batch'], `${ids.join('\n')}\n`).stdout;
    let at = 0;
    for (const id of ids) {
      const nl = out.indexOf(0x0a, at);
      const size = Number(/ (\d+)$/.exec(out.subarray(at, nl).toString('utf8'))?.[1] ?? 0);
      contents.set(id, out.subarray(nl + 1, nl + 1 + size).toString('utf8'));
      at = nl + 1 + size + 1;
    }
  }
  return new Map([...listing].map(([ref, entries]) => [ref, new Map(entries.map(([p, id]) => [p, contents.get(id) ?? '']))]));
};

const blobId = (text: string): string => {
  const body = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
};

/** The object store of a working copy: `.git`, or a jj repository's own git store. */
export const objectStore = (source: string): string | undefined =>
  [join(source, '.git'), join(source, '.jj', 'repo', 'store', 'git')].find((d) => existsSync(join(d, 'objects')));

/** Which of `texts` some repository in `gitDirs` holds as a blob (one process per repository still looked at). */
export const storedIn = (gitDirs: readonly string[], texts: readonly string[]): Set<string> => {
  const byId = new Map(texts.map((t) => [blobId(t), t]));
  const found = new Set<string>();
  for (const dir of gitDirs) {
    const missing = [...byId.keys()].filter((id) => !found.has(byId.get(id) as string));
    if (missing.length === 0) break;
    const out = git(dir, ['cat-file', '--batch-check'], `${missing.join('\n')}\n`).stdout.toString('utf8');
    for (const line of out.split('\n')) {
      const [id, type] = line.split(' ');
      if (type === 'blob' && id !== undefined && byId.has(id)) found.add(byId.get(id) as string);
    }
  }
  return found;
};
