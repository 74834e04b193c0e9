// One behaviour contract for every Chezmoi port implementation: the CLI adapter on a real
// chezmoi and the in-memory fake run the same scenarios and must give the same answers.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ResultAsync } from 'neverthrow';
import type { Chezmoi, ManagedFile } from '../../src/core/chezmoi.js';
import type { SyncError } from '../../src/core/errors.js';
import { compareVersions } from '../../src/backends/tool-version.js';
import { SKIP_REASONS } from '../../src/backends/chezmoi/source-names.js';

/** A chezmoi port on a source dir and HOME that the scenarios can edit directly. */
export interface ChezmoiSubject {
  readonly chezmoi: Chezmoi;
  /** Absolute HOME (destination). */
  readonly home: string;
  /** Absolute source dir (a git clone for the real tool). */
  readonly source: string;
  writeHome(rel: string, content: string): void;
  readHome(rel: string): string | undefined;
  removeHome(rel: string): void;
  writeSource(rel: string, content: string): void;
  readSource(rel: string): string | undefined;
  /** Puts HOME file `rel` under chezmoi, encrypted (`chezmoi add --encrypt`). */
  addEncrypted(rel: string, content: string): Promise<void>;
  /** The plaintext of an encrypted source file. */
  decryptSource(rel: string): string;
}

/** Makes a subject whose source holds `files` and whose HOME has them applied. */
export type MakeChezmoiSubject = (files: Readonly<Record<string, string>>) => Promise<ChezmoiSubject>;

/** The seed source state of every scenario. */
export const CONTRACT_FILES: Readonly<Record<string, string>> = {
  dot_bashrc: '# bashrc\nexport EDITOR=vi\n',
  dot_gitconfig: '[core]\n\tautocrlf = false\n',
  'dot_config/nvim/init.lua': '-- nvim\nvim.o.number = true\n',
  'dot_profile.tmpl': '# profile\nexport PROFILE_KIND={{ "templated" }}\n',
  private_dot_netrc: 'machine example.com\n',
  'README.md': '# my dotfiles\n',
  '.chezmoiignore': 'README.md\n',
  'dot_emptydir/.keep': '',
};

const ok = async <T>(r: ResultAsync<T, SyncError>): Promise<T> => {
  const x = await r;
  if (x.isErr()) throw new Error(`expected Ok, got ${JSON.stringify(x.error)}`);
  return x.value;
};

export const chezmoiContract = (name: string, make: MakeChezmoiSubject): void => {
  describe(`Chezmoi contract: ${name}`, () => {
    const setup = () => make(CONTRACT_FILES);

    it('reports a version of at least 2.71 and its source dir', async () => {
      const s = await setup();
      expect(compareVersions(await ok(s.chezmoi.version()), '2.71.0')).toBeGreaterThanOrEqual(0);
      expect(await ok(s.chezmoi.sourcePath())).toBe(s.source);
    });

    it('lists the seed targets with types and sources; ignored and dot files are not targets', async () => {
      const s = await setup();
      const managed = await ok(s.chezmoi.managed());
      const rel = (m: ManagedFile) => ({ target: m.target.slice(s.home.length + 1), type: m.type, source: m.source?.slice(s.source.length + 1) });
      expect(managed.map(rel)).toEqual([
        { target: '.bashrc', type: 'file', source: 'dot_bashrc' },
        { target: '.config', type: 'dir', source: 'dot_config' },
        { target: '.config/nvim', type: 'dir', source: 'dot_config/nvim' },
        { target: '.config/nvim/init.lua', type: 'file', source: 'dot_config/nvim/init.lua' },
        { target: '.emptydir', type: 'dir', source: 'dot_emptydir' },
        { target: '.gitconfig', type: 'file', source: 'dot_gitconfig' },
        { target: '.netrc', type: 'file', source: 'private_dot_netrc' },
        { target: '.profile', type: 'file', source: 'dot_profile.tmpl' },
      ]);
      expect(s.readHome('.profile')).toBe('# profile\nexport PROFILE_KIND=templated\n');
      expect(await ok(s.chezmoi.status())).toEqual([]);
    });

    it('shows a HOME edit in status and re-adds it into the source', async () => {
      const s = await setup();
      s.writeHome('.bashrc', '# bashrc\nexport EDITOR=nvim\n');
      const bashrc = `${s.home}/.bashrc`;
      expect(await ok(s.chezmoi.status())).toEqual([{ target: bashrc, lastWritten: 'M', apply: 'M' }]);
      expect(await ok(s.chezmoi.reAdd())).toEqual({ updated: [bashrc], skipped: [] });
      expect(s.readSource('dot_bashrc')).toBe('# bashrc\nexport EDITOR=nvim\n');
      expect(await ok(s.chezmoi.status())).toEqual([]);
    });

    it('reports a HOME edit of a template target as skipped and leaves the source alone', async () => {
      const s = await setup();
      s.writeHome('.profile', '# profile\nexport PROFILE_KIND=edited\n');
      const profile = `${s.home}/.profile`;
      const skipped = { updated: [], skipped: [{ target: profile, reason: SKIP_REASONS.template }] };
      expect(await ok(s.chezmoi.reAdd())).toEqual(skipped);
      expect(await ok(s.chezmoi.reAdd([profile]))).toEqual(skipped);
      expect(s.readSource('dot_profile.tmpl')).toBe(CONTRACT_FILES['dot_profile.tmpl']);
      expect(s.readHome('.profile')).toBe('# profile\nexport PROFILE_KIND=edited\n');
    });

    it('re-adds only the targets it is given, and reports unmanaged and missing ones', async () => {
      const s = await setup();
      s.writeHome('.bashrc', 'edited bashrc\n');
      s.writeHome('.gitconfig', 'edited gitconfig\n');
      s.removeHome('.netrc');
      const [bashrc, netrc, other] = [`${s.home}/.bashrc`, `${s.home}/.netrc`, `${s.home}/.not-managed`];
      expect(await ok(s.chezmoi.reAdd([bashrc, netrc, other]))).toEqual({
        updated: [bashrc],
        skipped: [
          { target: netrc, reason: SKIP_REASONS.missing },
          { target: other, reason: SKIP_REASONS.notManaged },
        ],
      });
      expect(s.readSource('dot_bashrc')).toBe('edited bashrc\n');
      expect(s.readSource('dot_gitconfig')).toBe(CONTRACT_FILES['dot_gitconfig']);
      expect(s.readSource('private_dot_netrc')).toBe(CONTRACT_FILES['private_dot_netrc']);
    });

    it('reports a target deleted in HOME as skipped and keeps its source', async () => {
      const s = await setup();
      s.removeHome('.gitconfig');
      expect(await ok(s.chezmoi.reAdd())).toEqual({ updated: [], skipped: [{ target: `${s.home}/.gitconfig`, reason: SKIP_REASONS.missing }] });
      expect(s.readSource('dot_gitconfig')).toBe(CONTRACT_FILES['dot_gitconfig']);
    });

    it('narrows status to the given targets', async () => {
      const s = await setup();
      s.writeHome('.bashrc', '# bashrc\nexport EDITOR=nvim\n');
      s.writeHome('.gitconfig', 'edited in HOME\n');
      const bashrc = `${s.home}/.bashrc`;
      expect(await ok(s.chezmoi.status([bashrc]))).toEqual([{ target: bashrc, lastWritten: 'M', apply: 'M' }]);
      expect(await ok(s.chezmoi.status([]))).toEqual([]);
      expect((await s.chezmoi.status(['relative/path']))._unsafeUnwrapErr().kind).toBe('invalid-input');
    });

    it('never re-adds a HOME file that is merely older than the source (incoming change not applied yet)', async () => {
      const s = await setup();
      s.writeSource('dot_bashrc', '# bashrc\nexport EDITOR=hx\n');
      expect(await ok(s.chezmoi.status())).toEqual([{ target: `${s.home}/.bashrc`, lastWritten: ' ', apply: 'M' }]);
      expect(await ok(s.chezmoi.reAdd())).toEqual({ updated: [], skipped: [] });
      expect(s.readSource('dot_bashrc')).toBe('# bashrc\nexport EDITOR=hx\n');
    });

    it('keeps an encrypted file encrypted when re-adding it', async () => {
      const s = await setup();
      await s.addEncrypted('.token', 'token=1\n');
      s.writeHome('.token', 'token=2\n');
      const token = `${s.home}/.token`;
      expect(await ok(s.chezmoi.reAdd())).toEqual({ updated: [token], skipped: [] });
      const stored = s.readSource('encrypted_dot_token.age');
      expect(stored).toBeDefined();
      expect(stored).not.toContain('token=');
      expect(s.decryptSource('encrypted_dot_token.age')).toBe('token=2\n');
    });

    it('applies targets changed in the source, templates rendered', async () => {
      const s = await setup();
      s.writeSource('dot_gitconfig', '[core]\n\tautocrlf = input\n');
      s.writeSource('dot_profile.tmpl', '# profile\nexport PROFILE_KIND={{ "v2" }}\n');
      const targets = [`${s.home}/.gitconfig`, `${s.home}/.profile`];
      expect(await ok(s.chezmoi.apply({ targets }))).toEqual({ applied: targets, keptLocal: [] });
      expect(s.readHome('.gitconfig')).toBe('[core]\n\tautocrlf = input\n');
      expect(s.readHome('.profile')).toBe('# profile\nexport PROFILE_KIND=v2\n');
      expect(await ok(s.chezmoi.status())).toEqual([]);
    });

    it('never applies over a HOME edit: HOME untouched, reported as kept, source unchanged', async () => {
      const s = await setup();
      s.writeHome('.gitconfig', 'edited in HOME\n');
      s.writeSource('dot_gitconfig', 'changed in the source\n');
      const gitconfig = `${s.home}/.gitconfig`;
      expect(await ok(s.chezmoi.apply({ targets: [gitconfig] }))).toEqual({ applied: [], keptLocal: [gitconfig] });
      expect(s.readHome('.gitconfig')).toBe('edited in HOME\n');
      expect(s.readSource('dot_gitconfig')).toBe('changed in the source\n');
    });

    it('applies a merge over the HOME edit it holds, only while HOME still holds what it was made from', async () => {
      const s = await setup();
      const sha = (t: string): string => createHash('sha256').update(t, 'utf8').digest('hex');
      s.writeHome('.gitconfig', 'edited in HOME\n');
      s.writeSource('dot_gitconfig', 'edited in HOME\nand elsewhere\n');
      s.writeSource('dot_bashrc', '# bashrc v2\n');
      const [gitconfig, bashrc] = [`${s.home}/.gitconfig`, `${s.home}/.bashrc`];
      // Made from other content (HOME was edited again since): kept like any edit.
      expect(await ok(s.chezmoi.apply({ targets: [gitconfig], merged: new Map([[gitconfig, sha('older\n')]]) }))).toEqual({ applied: [], keptLocal: [gitconfig] });
      expect(s.readHome('.gitconfig')).toBe('edited in HOME\n');
      const r = await ok(s.chezmoi.apply({ targets: [gitconfig, bashrc], merged: new Map([[gitconfig, sha('edited in HOME\n')]]) }));
      expect([...r.applied].sort()).toEqual([bashrc, gitconfig].sort());
      expect(r.keptLocal).toEqual([]);
      expect(s.readHome('.gitconfig')).toBe('edited in HOME\nand elsewhere\n');
      expect(s.readHome('.bashrc')).toBe('# bashrc v2\n');
      expect(await ok(s.chezmoi.status([gitconfig]))).toEqual([]);
    });

    it('applies the other targets when one is kept', async () => {
      const s = await setup();
      s.writeHome('.profile', 'edited template output\n');
      s.writeSource('dot_profile.tmpl', '# profile v2\n');
      s.writeSource('dot_bashrc', '# bashrc v2\n');
      s.writeSource('dot_config/nvim/init.lua', '-- nvim v2\n');
      const [bashrc, profile, init] = [`${s.home}/.bashrc`, `${s.home}/.profile`, `${s.home}/.config/nvim/init.lua`];
      expect(await ok(s.chezmoi.apply({ targets: [bashrc, profile, init] }))).toEqual({ applied: [bashrc, init], keptLocal: [profile] });
      expect(s.readHome('.bashrc')).toBe('# bashrc v2\n');
      expect(s.readHome('.config/nvim/init.lua')).toBe('-- nvim v2\n');
      expect(s.readHome('.profile')).toBe('edited template output\n');
    });

    it('does not recreate a target deleted in HOME', async () => {
      const s = await setup();
      s.removeHome('.gitconfig');
      s.writeSource('dot_gitconfig', 'changed in the source\n');
      const gitconfig = `${s.home}/.gitconfig`;
      expect(await ok(s.chezmoi.apply({ targets: [gitconfig] }))).toEqual({ applied: [], keptLocal: [gitconfig] });
      expect(s.readHome('.gitconfig')).toBeUndefined();
    });

    it('creates new targets (parents too) but keeps a HOME file chezmoi never wrote, unless it already matches', async () => {
      const s = await setup();
      s.writeSource('dot_newrc', 'new\n');
      s.writeSource('dot_config/git/config', '[user]\n');
      s.writeSource('dot_zshrc', 'zshrc from another host\n');
      s.writeHome('.zshrc', 'my local zshrc\n');
      s.writeSource('dot_same', 'same\n');
      s.writeHome('.same', 'same\n');
      const [newrc, gitcfg, zshrc, same] = [`${s.home}/.newrc`, `${s.home}/.config/git/config`, `${s.home}/.zshrc`, `${s.home}/.same`];
      expect(await ok(s.chezmoi.apply({ targets: [newrc, gitcfg, zshrc, same] }))).toEqual({ applied: [newrc, gitcfg, same], keptLocal: [zshrc] });
      expect(s.readHome('.newrc')).toBe('new\n');
      expect(s.readHome('.config/git/config')).toBe('[user]\n');
      expect(s.readHome('.zshrc')).toBe('my local zshrc\n');
    });

    it('after a re-add, an incoming change to that file applies without seeing a HOME edit', async () => {
      const s = await setup();
      s.writeHome('.bashrc', 'edited in HOME\n');
      await ok(s.chezmoi.reAdd());
      s.writeSource('dot_bashrc', 'changed by another host\n');
      const bashrc = `${s.home}/.bashrc`;
      expect(await ok(s.chezmoi.apply({ targets: [bashrc] }))).toEqual({ applied: [bashrc], keptLocal: [] });
      expect(s.readHome('.bashrc')).toBe('changed by another host\n');
    });

    it('cat shows what apply would write: templates rendered, encrypted files decrypted; unmanaged targets fail', async () => {
      const s = await setup();
      expect(await ok(s.chezmoi.cat(`${s.home}/.profile`))).toBe('# profile\nexport PROFILE_KIND=templated\n');
      expect(await ok(s.chezmoi.cat(`${s.home}/.bashrc`))).toBe(CONTRACT_FILES['dot_bashrc']);
      await s.addEncrypted('.token', 'token=1\n');
      expect(await ok(s.chezmoi.cat(`${s.home}/.token`))).toBe('token=1\n');
      expect((await s.chezmoi.cat(`${s.home}/.not-managed`)).isErr()).toBe(true);
      expect((await s.chezmoi.cat('relative')).isErr() && (await s.chezmoi.cat('relative'))._unsafeUnwrapErr().kind).toBe('invalid-input');
    });

    it('renders template text given on stdin: variables, if/else, trim markers, a delimiter line; text starting with "-" is text', async () => {
      const s = await setup();
      const text = [
        '--not-an-option',
        'src={{ .chezmoi.sourceDir }}',
        '{{- if eq "a" "b" }}',
        'never',
        '{{- else if not false }}',
        'second',
        '{{- else }}',
        'third',
        '{{- end }}',
        '{{/* a comment */}}last',
        '',
      ].join('\n');
      expect(await ok(s.chezmoi.renderTemplate(text))).toBe(`--not-an-option\nsrc=${s.source}\nsecond\nlast\n`);
      const custom = '# chezmoi:template:left-delimiter="[[" right-delimiter="]]"\nx=[[ "y" ]] {{ kept }}\n';
      expect(await ok(s.chezmoi.renderTemplate(custom))).toBe('x=y {{ kept }}\n');
      const bad = await s.chezmoi.renderTemplate('{{ .no_such_key }}\n');
      expect(bad.isErr() && bad.error.kind).toBe('command-failed');
    });

    it('a template edited to render what HOME holds: a no-op apply records it, and a later template change applies', async () => {
      const s = await setup();
      const profile = `${s.home}/.profile`;
      s.writeHome('.profile', '# profile edited\nexport PROFILE_KIND=templated\n');
      s.writeSource('dot_profile.tmpl', '# profile edited\nexport PROFILE_KIND={{ "templated" }}\n');
      expect(await ok(s.chezmoi.cat(profile))).toBe(s.readHome('.profile'));
      expect(await ok(s.chezmoi.apply({ targets: [profile] }))).toEqual({ applied: [profile], keptLocal: [] });
      expect(await ok(s.chezmoi.status())).toEqual([]);
      s.writeSource('dot_profile.tmpl', '# profile v3\nexport PROFILE_KIND={{ "templated" }}\n');
      expect(await ok(s.chezmoi.apply({ targets: [profile] }))).toEqual({ applied: [profile], keptLocal: [] });
      expect(s.readHome('.profile')).toBe('# profile v3\nexport PROFILE_KIND=templated\n');
    });

    it('maps source paths to targets; non-targets drop out', async () => {
      const s = await setup();
      const paths = ['dot_bashrc', '.chezmoiignore', 'README.md', '.git/config', 'dot_emptydir/.keep', 'dot_profile.tmpl', 'dot_config/nvim/init.lua', 'dot_gone', 'dot_bashrc'];
      expect(await ok(s.chezmoi.targetPaths(paths))).toEqual([`${s.home}/.bashrc`, `${s.home}/.profile`, `${s.home}/.config/nvim/init.lua`]);
      expect(await ok(s.chezmoi.targetPaths([]))).toEqual([]);
    });

    it('does nothing for no targets, and refuses unmanaged or relative targets before writing', async () => {
      const s = await setup();
      expect(await ok(s.chezmoi.apply({ targets: [] }))).toEqual({ applied: [], keptLocal: [] });
      s.writeSource('dot_gitconfig', 'changed in the source\n');
      const bad = await s.chezmoi.apply({ targets: [`${s.home}/.gitconfig`, `${s.home}/.not-managed`] });
      expect(bad.isErr() && bad.error.kind).toBe('command-failed');
      expect(s.readHome('.gitconfig')).toBe(CONTRACT_FILES['dot_gitconfig']);
      const rel = await s.chezmoi.apply({ targets: ['.gitconfig'] });
      expect(rel.isErr() && rel.error.kind).toBe('invalid-input');
      const abs = await s.chezmoi.targetPaths(['/etc/passwd']);
      expect(abs.isErr() && abs.error.kind).toBe('invalid-input');
    });
  });
};
