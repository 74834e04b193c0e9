// Parsers over outputs captured from chezmoi 2.73 (test/fixtures/chezmoi/capture.sh).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEntryState } from '../../../src/backends/chezmoi/parse-entry-state.js';
import { parseManaged } from '../../../src/backends/chezmoi/parse-managed.js';
import { parseSourcePath } from '../../../src/backends/chezmoi/parse-source-path.js';
import { parseStatus } from '../../../src/backends/chezmoi/parse-status.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, '../../fixtures/chezmoi', name), 'utf8');
const H = '/tmp/czfix/home';

describe('parseSourcePath', () => {
  it('keeps the path byte for byte, without the final newline', () => {
    expect(parseSourcePath(fixture('source-path.txt'))._unsafeUnwrap()).toBe('/tmp/czfix/src');
    expect(parseSourcePath('/home/me/my dotfiles \n')._unsafeUnwrap()).toBe('/home/me/my dotfiles ');
  });

  it('refuses anything but one absolute path', () => {
    expect(parseSourcePath('relative\n').isErr()).toBe(true);
    expect(parseSourcePath('/a\n/b\n').isErr()).toBe(true);
    expect(parseSourcePath('').isErr()).toBe(true);
  });
});

describe('parseManaged', () => {
  it('reads targets with absolute and source paths, sorted, odd names intact', () => {
    const m = parseManaged(fixture('managed-all.json'))._unsafeUnwrap();
    expect(m.map((e) => e.target.slice(H.length + 1))).toEqual([
      '.bashrc',
      '.config',
      '.config/nvim',
      '.config/nvim/init.lua',
      '.emptydir',
      '.gitconfig',
      '.link',
      '.profile',
      '.script',
      '.secret',
      '.tab\there',
      '.with space',
      'hello.sh',
    ]);
    expect(m.find((e) => e.target === `${H}/.profile`)).toEqual({ target: `${H}/.profile`, source: '/tmp/czfix/src/dot_profile.tmpl', sourceRelative: 'dot_profile.tmpl' });
  });

  it('reads an empty object as nothing managed', () => {
    expect(parseManaged(fixture('managed-none.json'))._unsafeUnwrap()).toEqual([]);
  });

  it('refuses garbage and entries without paths', () => {
    expect(parseManaged('.bashrc\n.profile\n')._unsafeUnwrapErr().kind).toBe('parse');
    expect(parseManaged('[]').isErr()).toBe(true);
    expect(parseManaged('{".x": {"absolute": "/h/.x"}}').isErr()).toBe(true);
  });
});

describe('parseStatus', () => {
  it('reads both columns and the absolute path', () => {
    expect(parseStatus(fixture('status.txt'))._unsafeUnwrap()).toEqual([
      { target: `${H}/.bashrc`, lastWritten: 'M', apply: 'M' },
      { target: `${H}/.config/nvim/init.lua`, lastWritten: ' ', apply: 'M' },
      { target: `${H}/.gitconfig`, lastWritten: 'D', apply: 'A' },
      { target: `${H}/.newrc`, lastWritten: ' ', apply: 'A' },
      { target: `${H}/.other`, lastWritten: ' ', apply: 'M' },
      { target: `${H}/.profile`, lastWritten: 'M', apply: 'M' },
      { target: `${H}/hello.sh`, lastWritten: ' ', apply: 'R' },
    ]);
  });

  it('keeps spaces and tabs in paths; empty output is no entries', () => {
    expect(parseStatus(' A /h/.with space\n A /h/.tab\there\n')._unsafeUnwrap().map((s) => s.target)).toEqual(['/h/.with space', '/h/.tab\there']);
    expect(parseStatus('')._unsafeUnwrap()).toEqual([]);
  });

  it('refuses lines that are not "XY /path" (such as a newline inside a file name)', () => {
    expect(parseStatus(' A /h/.odd\nname\n')._unsafeUnwrapErr().kind).toBe('parse');
    expect(parseStatus('MM .bashrc\n').isErr()).toBe(true);
    expect(parseStatus('XX /h/.bashrc\n').isErr()).toBe(true);
  });
});

describe('parseEntryState', () => {
  it('reads what chezmoi last wrote per target', () => {
    const s = parseEntryState(fixture('entry-state.json'))._unsafeUnwrap();
    expect(s.get(`${H}/.bashrc`)).toEqual({ type: 'file', contentsSHA256: '54b3478abf84fde9a70599100c4118dcbe99106b9606ab1f446b645d51f0b72c' });
    expect(s.get(`${H}/.config`)).toEqual({ type: 'dir' });
    expect(s.get(`${H}/.link`)?.type).toBe('symlink');
    expect(s.has(`${H}/.newrc`)).toBe(false);
  });

  it('reads an empty database as no entries', () => {
    expect(parseEntryState(fixture('entry-state-empty.json'))._unsafeUnwrap().size).toBe(0);
    expect(parseEntryState('null')._unsafeUnwrap().size).toBe(0);
  });

  it('refuses garbage', () => {
    expect(parseEntryState('timeout')._unsafeUnwrapErr().kind).toBe('parse');
    expect(parseEntryState('{"/h/.x": {"mode": 1}}').isErr()).toBe(true);
  });
});
