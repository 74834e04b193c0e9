// Seeded generator of chezmoi templates (literal lines, actions, if/else, range, with, trim markers,
// comments, custom delimiters, includes) and of HOME edits of their renderings, for the mapper's
// property test and for checking the mini renderer against the real chezmoi.

/** mulberry32: a tiny deterministic PRNG. */
export const rng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export interface GenTemplate {
  readonly template: string;
  readonly data: Record<string, unknown>;
  readonly includes: Record<string, string>;
  readonly left: string;
  readonly right: string;
}

const DELIMS: readonly [string, string][] = [
  ['{{', '}}'],
  ['[[', ']]'],
  ['<%', '%>'],
];

export const generateTemplate = (seed: number): GenTemplate => {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const chance = (p: number): boolean => r() < p;
  const [L, R] = chance(0.3) ? pick(DELIMS.slice(1)) : (DELIMS[0] as [string, string]);
  let lit = 0;
  const open = (): string => (chance(0.3) ? `${L}- ` : `${L} `);
  const close = (): string => (chance(0.3) ? ` -${R}` : ` ${R}`);
  const act = (body: string): string => `${open()}${body}${close()}`;
  const word = (): string => pick(['alpha', 'beta', 'gamma', 'delta', 'x=1', 'path = ~/bin', '  indented', '', '#', 'same line']);
  const literal = (): string => (chance(0.15) ? 'same line\n' : `lit-${lit++} ${word()}\n`);
  const line = (depth: number): string => {
    const k = r();
    if (k < 0.45 || depth > 2) return literal();
    if (k < 0.55) return `val = ${act(pick(['.v1', '.v2', '.name']))}\n`;
    if (k < 0.6) return `${chance(0.5) ? `${L}- /* note */ -${R}` : `${L}/* note */${R}`}\n`;
    if (k < 0.65) return `${act('template "part" .')}\n`;
    if (k < 0.78) {
      const elif = chance(0.2) ? `${act(pick(['else if .on', 'else if eq .os "darwin"']))}\n${block(depth + 1)}` : '';
      const els = elif + (chance(0.5) ? `${act('else')}\n${block(depth + 1)}` : '');
      return `${act(pick(['if .on', 'if not .on', 'if eq .os "linux"']))}\n${block(depth + 1)}${els}${act('end')}\n`;
    }
    if (k < 0.84) return `${act('range .items')}\n${chance(0.5) ? `item ${act('.')}\n` : `rlit-${lit++}\n`}${chance(0.3) ? `${act('else')}\nrlit-${lit++}\n` : ''}${act('end')}\n`;
    if (k < 0.88) return `${act('template "local" .')}\n`;
    return `${act('with .user')}\n${block(depth + 1)}${act('end')}\n`;
  };
  const block = (depth: number): string => Array.from({ length: 1 + Math.floor(r() * 3) }, () => line(depth)).join('');
  let body = Array.from({ length: 3 + Math.floor(r() * 6) }, () => line(0)).join('');
  // An in-file template: defined at the top level (Go allows no nested define), printed by `template "local"`.
  body += `${act('define "local"')}\nrlit-${lit++} defined\n${act('end')}\n`;
  if (L !== '{{') {
    const lines = body.split('\n');
    lines.splice(Math.floor(r() * lines.length), 0, `# chezmoi:template:left-delimiter="${L}" right-delimiter=${R}`);
    body = lines.join('\n');
  }
  const base = { on: chance(0.5), os: pick(['linux', 'darwin']), v1: pick(['one', 'v-1']), v2: 'two', items: Array.from({ length: Math.floor(r() * 3) }, (_, i) => `i${i}`) };
  // `with .user` nests up to three deep: every level has the same keys.
  const level = (n: number): Record<string, unknown> => ({ ...base, name: pick(['ann', 'bob']), ...(n > 0 ? { user: level(n - 1) } : {}) });
  const data = level(4);
  const crlf = chance(0.1);
  const eol = (t: string): string => (crlf ? t.replace(/\n/g, '\r\n') : t);
  return { template: eol(body), data, includes: { part: eol('inc {{ .v1 }}\n') }, left: L, right: R };
};

/** One HOME edit of a rendering, and whether it only touches a line printed by literal text. */
export interface GenEdit {
  readonly home: string;
  /** `value`: an action-printed value changed (must never be mapped). */
  readonly kind: 'change' | 'value' | 'insert' | 'delete' | 'multi' | 'eol';
  readonly line: number;
}

export const generateEdit = (rendered: string, seed: number, left: string): GenEdit => {
  const r = rng(seed * 7919 + 1);
  const lines = rendered.split(/(?<=\n)/);
  const i = Math.floor(r() * Math.max(1, lines.length));
  const nl = rendered.includes('\r\n') ? '\r\n' : '\n';
  const fresh = (): string => (r() < 0.1 ? `new ${left} x${nl}` : `new-${Math.floor(r() * 1000)}${nl}`);
  const k = r();
  const out = [...lines];
  if (k < 0.5 && lines.length > 0) {
    const old = out[i] ?? '';
    if (/^(val = |inc |item )/.test(old) && r() < 0.6) {
      out[i] = old.replace(/^(val = |inc |item ).*/, '$1changed');
      return { home: out.join(''), kind: 'value', line: i };
    }
    out[i] = r() < 0.5 ? fresh() : old.replace(/^(\s*\S+)/, '$1-edited');
    return { home: out.join(''), kind: 'change', line: i };
  }
  if (k < 0.7) {
    out.splice(i, 0, fresh());
    return { home: out.join(''), kind: 'insert', line: i };
  }
  if (k < 0.85 && lines.length > 0) {
    out.splice(i, 1);
    return { home: out.join(''), kind: 'delete', line: i };
  }
  if (k < 0.95 && lines.length > 1) {
    out[i] = fresh();
    out.splice(Math.floor(r() * out.length), 0, fresh());
    return { home: out.join(''), kind: 'multi', line: i };
  }
  return { home: rendered.endsWith('\n') ? rendered.slice(0, -1) : `${rendered}\n`, kind: 'eol', line: lines.length - 1 };
};
