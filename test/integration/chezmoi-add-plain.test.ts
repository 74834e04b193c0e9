// The adapter copies HOME edits of plain files with `chezmoi add` (no chezmoi secret scan) and of
// the rest with `chezmoi re-add`. Checked against chezmoi itself: two hosts get the same edits,
// one captured by the adapter, the other by a person's own `chezmoi re-add`; the source trees,
// chezmoi's record of what it wrote, and `chezmoi status` must come out the same.
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chezmoiCli } from '../../src/backends/chezmoi/index.js';
import { execaRunner, type Runner } from '../../src/backends/process/runner.js';
import { useWorld, type Host, type World } from '../support/world.js';

const FILES = {
  dot_plain: 'plain\n',
  private_dot_secretish: 'private\n',
  executable_dot_tool: '#!/bin/sh\necho tool\n',
  readonly_dot_frozen: 'frozen\n',
  empty_dot_empty: '',
  'exact_dot_exact/file': 'in an exact dir\n',
  'private_dot_ssh/config': 'Host *\n',
  literal_dot_dot_literal: 'literal\n',
  create_dot_created: 'created once\n',
  dot_untouched: 'untouched\n',
};

/** The same edits on a host's HOME: contents, a mode change, an empty file filled, a read-only file rewritten. */
const edit = (w: World, h: Host): string[] => {
  const edits: Record<string, string> = {
    '.plain': 'plain, edited\n',
    '.secretish': 'private, edited\n',
    '.tool': '#!/bin/sh\necho edited\n',
    '.empty': 'no longer empty\n',
    '.exact/file': 'exact, edited\n',
    '.ssh/config': 'Host example\n',
    dot_dot_literal: 'literal, edited\n',
    '.created': 'created, then edited\n',
  };
  chmodSync(join(h.home, '.frozen'), 0o644);
  edits['.frozen'] = 'frozen, edited\n';
  for (const [rel, text] of Object.entries(edits)) w.writeHome(h, rel, text);
  chmodSync(join(h.home, '.frozen'), 0o444);
  // A mode change with the edit: chezmoi renames the source (private_).
  chmodSync(join(h.home, '.plain'), 0o600);
  return Object.keys(edits).map((rel) => join(h.home, rel));
};

/** Every source file: its name, content and mode, relative to the source dir (chezmoi's and git's own dirs left out). */
const sourceTree = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !relative(dir, join(e.parentPath, e.name)).startsWith('.git'))
    .map((e) => {
      const p = join(e.parentPath, e.name);
      return `${relative(dir, p)} ${(statSync(p).mode & 0o777).toString(8)} ${JSON.stringify(readFileSync(p, 'utf8'))}`;
    })
    .sort();

const chezmoi = (w: World, h: Host, args: string[]) =>
  w.run(h, 'chezmoi', [`--config=${h.chezmoiConfig}`, `--source=${h.source}`, `--destination=${h.home}`, ...args]).stdout;

/** chezmoi's entry state with each host's HOME written as ~. */
const entryState = (w: World, h: Host): unknown =>
  JSON.parse(chezmoi(w, h, ['state', 'get-bucket', '--bucket=entryState', '--format=json']).split(h.home).join('~')) as unknown;

describe('capture of plain files through chezmoi add (real chezmoi)', () => {
  it("leaves the source, chezmoi's record and its status exactly as a person's chezmoi re-add does", async () => {
    const w = await useWorld({ hosts: ['alpha', 'beta'], files: FILES });
    const [a, b] = [w.host('alpha'), w.host('beta')];
    for (const h of [a, b]) {
      w.cloneWithGit(h);
      w.chezmoiApply(h);
    }
    const ran: string[] = [];
    const runner: Runner = (c) => {
      ran.push(c.args.find((x) => !x.startsWith('-')) ?? '');
      return execaRunner(c);
    };
    const cz = chezmoiCli({ env: a.env, source: a.source, destination: a.home, config: a.chezmoiConfig, runner });
    const targets = edit(w, a);
    const r = await cz.reAdd(targets);
    expect(r.isOk() && [...r.value.updated].sort()).toEqual([...targets].sort());
    // Plain files through add; the create_ file through re-add (add would write a second source for it).
    expect(ran.filter((x) => x === 'add' || x === 're-add')).toEqual(['add', 're-add']);

    chezmoi(w, b, ['re-add', '--recursive=false', '--', ...edit(w, b)]);
    expect(sourceTree(a.source)).toEqual(sourceTree(b.source));
    expect(sourceTree(a.source)).toContain('private_dot_plain 644 "plain, edited\\n"');
    // chezmoi's re-add leaves a create_ source as it was (chezmoi only creates that file once).
    expect(sourceTree(a.source)).toContain('create_dot_created 644 "created once\\n"');
    expect(entryState(w, a)).toEqual(entryState(w, b));
    expect(chezmoi(w, a, ['status'])).toBe('');
    expect(chezmoi(w, b, ['status'])).toBe('');
  });

  it("pins what chezmoi's [add] settings would change (encrypt, create), and keeps chezmoi's refusal when the person asked for it (secrets = error)", async () => {
    const w = await useWorld({ hosts: ['alpha'], files: FILES });
    const a = w.host('alpha');
    w.cloneWithGit(a);
    w.chezmoiApply(a);
    const config = readFileSync(a.chezmoiConfig, 'utf8');
    const withAdd = (lines: string): void => writeFileSync(a.chezmoiConfig, `${config}[add]\n${lines}`);
    const cz = chezmoiCli({ env: a.env, source: a.source, destination: a.home, config: a.chezmoiConfig });
    // Looks like a token to chezmoi's own scan (chezmoi-sync's guard is the engine's, not this adapter's).
    const token = 'token = "ghp_0123456789abcdefghijABCDEFGHIJ012345"\n';
    withAdd('  encrypt = true\n  create = true\n');
    w.writeHome(a, '.plain', token);
    expect((await cz.reAdd([join(a.home, '.plain')])).isOk()).toBe(true);
    expect(sourceTree(a.source).filter((l) => l.includes('plain'))).toEqual([`dot_plain 644 ${JSON.stringify(token)}`]);

    withAdd('  secrets = "error"\n');
    w.writeHome(a, '.plain', `${token}# again\n`);
    expect((await cz.reAdd([join(a.home, '.plain')])).isErr()).toBe(true);
    expect(w.readSource(a, 'dot_plain')).toBe(token);
  });
});
