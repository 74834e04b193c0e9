import { describe, expect, it } from 'vitest';
import { isPlainSource, KEPT_BOTH, planCapture, undoBaseOf, type CaptureInput } from '../../../src/core/sync/capture.js';

const f = (over: Partial<CaptureInput>): CaptureInput => ({
  target: '/h/.bashrc',
  homeHash: 'a',
  sourceHash: 'a',
  recorded: 'a',
  sourceDirty: false,
  ...over,
});

describe('planCapture', () => {
  it('records files where HOME and source agree', () => {
    const p = planCapture([f({})]);
    expect(p).toEqual({ reAdd: [], keptLocal: [], pendingApply: [], agreed: { '/h/.bashrc': 'a' }, keptRecord: {} });
  });

  it('re-adds a HOME edit when the source did not move', () => {
    expect(planCapture([f({ homeHash: 'b' })]).reAdd).toEqual(['/h/.bashrc']);
  });

  it('never re-adds a stale HOME file over a newer source (the seed plan bug)', () => {
    const p = planCapture([f({ sourceHash: 'incoming' })]);
    expect(p.reAdd).toEqual([]);
    expect(p.pendingApply).toEqual(['/h/.bashrc']);
  });

  it('keeps both when HOME and source both changed', () => {
    const p = planCapture([f({ homeHash: 'home', sourceHash: 'src' })]);
    expect(p.keptLocal).toEqual(['/h/.bashrc']);
    expect(p.reAdd).toEqual([]);
  });

  it('without a record, re-adds unless the source has uncommitted edits', () => {
    expect(planCapture([f({ recorded: undefined, homeHash: 'b' })]).reAdd).toEqual(['/h/.bashrc']);
    expect(planCapture([f({ recorded: undefined, homeHash: 'b', sourceDirty: true })]).keptLocal).toEqual(['/h/.bashrc']);
  });

  it('without a record, trusts chezmoi\'s state: a HOME chezmoi wrote and nobody touched is stale, not edited', () => {
    const stale = planCapture([f({ recorded: undefined, homeHash: 'old', sourceHash: 'incoming', homeEditedHint: false })]);
    expect(stale.reAdd).toEqual([]);
    expect(stale.pendingApply).toEqual(['/h/.bashrc']);
    expect(planCapture([f({ recorded: undefined, homeHash: 'b', homeEditedHint: true })]).reAdd).toEqual(['/h/.bashrc']);
  });

  it('keeps both, run after run, when both moved with no record to compare against', () => {
    const first = planCapture([f({ recorded: undefined, homeHash: 'home', sourceHash: 'src', sourceDirty: true, homeEditedHint: true })]);
    expect(first.keptLocal).toEqual(['/h/.bashrc']);
    expect(first.keptRecord).toEqual({ '/h/.bashrc': KEPT_BOTH });
    // Next run: the source edit is committed (no longer dirty); the mark keeps it from being re-added over.
    const next = planCapture([f({ recorded: KEPT_BOTH, homeHash: 'home', sourceHash: 'src', sourceDirty: false, homeEditedHint: true })]);
    expect(next).toMatchObject({ reAdd: [], keptLocal: ['/h/.bashrc'] });
    // Once a person makes them agree, the file is synced again.
    expect(planCapture([f({ recorded: KEPT_BOTH, homeHash: 'same', sourceHash: 'same' })]).agreed).toEqual({ '/h/.bashrc': 'same' });
  });

  it('treats a file missing from HOME as something to apply, not to capture', () => {
    expect(planCapture([f({ homeHash: undefined })]).pendingApply).toEqual(['/h/.bashrc']);
  });
});

describe('isPlainSource', () => {
  it.each([
    ['/s/dot_bashrc', true],
    ['/s/private_dot_ssh/config', true],
    ['/s/executable_dot_local/bin/x', true],
    ['/s/private_executable_dot_x', true],
    ['/s/dot_gitconfig.tmpl', false],
    ['/s/encrypted_dot_netrc.age', false],
    ['/s/private_encrypted_dot_y', false],
    ['/s/modify_dot_z', false],
    ['/s/create_dot_w', false],
    ['/s/symlink_dot_v', false],
    ['/s/run_once_setup.sh', false],
  ])('%s → %s', (path, plain) => {
    expect(isPlainSource(path)).toBe(plain);
  });
});

describe('undoBaseOf: what HOME and the source agreed on before a run changed either', () => {
  it('keeps the record, agrees a re-added file at the source side and a file to apply at the HOME side', () => {
    const inputs = [
      { target: '/h/.a', homeHash: 'edited', sourceHash: 'old', recorded: undefined, sourceDirty: false },
      { target: '/h/.b', homeHash: 'stale', sourceHash: 'new', recorded: 'stale', sourceDirty: false },
      { target: '/h/.c', homeHash: 'same', sourceHash: 'same', recorded: 'same', sourceDirty: false },
    ];
    const base = undoBaseOf({ '/h/.c': 'same', '/h/.gone': 'x' }, inputs, { reAdd: ['/h/.a'], pendingApply: ['/h/.b'] });
    expect(base).toEqual({ '/h/.a': 'old', '/h/.b': 'stale', '/h/.c': 'same', '/h/.gone': 'x' });
  });
});

