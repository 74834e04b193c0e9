// How to read the conflict markers `resolve` leaves in a file, for the style that wrote them.
import type { ConflictMarkerStyle } from '../../backends/jj/marker-style.js';

export interface MarkerLegend {
  /** `git` for the git backend (git's own markers), else the jj style in use. */
  readonly style: ConflictMarkerStyle;
  readonly lines: readonly { readonly marker: string; readonly means: string }[];
}

const GIT: MarkerLegend['lines'] = [
  { marker: '<<<<<<<', means: "this host's version starts" },
  { marker: '|||||||', means: 'the common ancestor follows, for reference (only in diff3 style)' },
  { marker: '=======', means: "trunk's version follows" },
  { marker: '>>>>>>>', means: 'the conflict ends' },
];

const JJ_DIFF: MarkerLegend['lines'] = [
  { marker: '<<<<<<<', means: 'a conflict starts' },
  { marker: '%%%%%%%', means: 'a diff follows: how one side changed the common ancestor (-removed, +added)' },
  { marker: '\\\\\\\\\\\\\\', means: 'names that side (the diff leads "to" it)' },
  { marker: '+++++++', means: "the other side's text follows, as it is" },
  { marker: '>>>>>>>', means: 'the conflict ends' },
];

const JJ_SNAPSHOT: MarkerLegend['lines'] = [
  { marker: '<<<<<<<', means: 'a conflict starts' },
  { marker: '+++++++', means: "a side's text follows, as it is (one for each side)" },
  { marker: '-------', means: 'the common ancestor follows, for reference' },
  { marker: '>>>>>>>', means: 'the conflict ends' },
];

/** The legend for a backend (`git` writes git's markers whatever the setting says). */
export const markerLegend = (backend: 'jj' | 'git' | string, style: ConflictMarkerStyle): MarkerLegend => {
  const s = backend === 'jj' ? style : 'git';
  return { style: s, lines: s === 'git' ? GIT : s === 'diff' ? JJ_DIFF : JJ_SNAPSHOT };
};

/** The legend as text lines for people. */
export const legendLines = (l: MarkerLegend): string[] => [
  `how to read the markers (${l.style} style${l.style === 'git' ? '' : '; --marker-style git gives git-style ones'}):`,
  ...l.lines.map((x) => `  ${x.marker}  ${x.means}`),
  '  write each file as it should be and delete every marker line',
];
