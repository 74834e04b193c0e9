import { describe, expect, it } from 'vitest';
import { legendLines, markerLegend } from '../../../src/cli/commands/marker-legend.js';

describe('markerLegend', () => {
  it('explains the markers of the style in use; the git backend always writes git\'s', () => {
    expect(markerLegend('jj', 'git').lines.map((l) => l.marker)).toEqual(['<<<<<<<', '|||||||', '=======', '>>>>>>>']);
    expect(markerLegend('git', 'diff').style).toBe('git');
    expect(markerLegend('jj', 'diff').lines.map((l) => l.marker)).toEqual(['<<<<<<<', '%%%%%%%', '\\\\\\\\\\\\\\', '+++++++', '>>>>>>>']);
    expect(markerLegend('jj', 'snapshot').lines.map((l) => l.marker)).toContain('-------');
    expect(legendLines(markerLegend('jj', 'diff'))[0]).toBe('how to read the markers (diff style; --marker-style git gives git-style ones):');
    expect(legendLines(markerLegend('jj', 'git')).at(-1)).toBe('  write each file as it should be and delete every marker line');
  });
});
