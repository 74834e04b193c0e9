// A tiny, pure Go text/template renderer for the subset `mini-parse.ts` reads, with chezmoi's
// conventions: `missingkey=error`, `.chezmoitemplates` reachable by `{{ template "name" . }}`
// (each with its own delimiters), Go's printing of values (`<no value>`, `[a b]`, `map[k:v]`).
// Checked against the real `chezmoi execute-template` by test/unit/core/template/mini-render-real.
import { err, ok, type Result } from 'neverthrow';
import { parseMini, type Node, type Operand, type Parsed, type Pipe } from './mini-parse.js';

/** Template data: what `.` is at the top (chezmoi's merged data). */
export type MiniData = Readonly<Record<string, unknown>>;

class RenderError extends Error {}

type Vars = Map<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's truth: false, 0, "", nil and empty collections are false. */
const truthy = (v: unknown): boolean => {
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return v !== false && v !== 0 && v !== '' && v !== null && v !== undefined;
};

/** Go's fmt.Sprint of a value as text/template prints it. */
const show = (v: unknown): string => {
  if (v === null || v === undefined) return '<no value>';
  if (Array.isArray(v)) return `[${v.map(show).join(' ')}]`;
  if (isObject(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${show(v[k])}`).join(' ')}]`;
  return String(v);
};

const FUNCS: Readonly<Record<string, (...a: unknown[]) => unknown>> = {
  eq: (a, ...bs) => bs.some((b) => a === b),
  ne: (a, b) => a !== b,
  not: (a) => !truthy(a),
  and: (...a) => a.find((x) => !truthy(x)) ?? a.at(-1),
  or: (...a) => a.find((x) => truthy(x)) ?? a.at(-1),
  len: (a) => (Array.isArray(a) ? a.length : typeof a === 'string' ? a.length : isObject(a) ? Object.keys(a).length : 0),
  list: (...a) => a,
  dict: (...a) => Object.fromEntries(a.flatMap((k, i) => (i % 2 === 0 ? [[String(k), a[i + 1]]] : []))),
};

class Run {
  private readonly defines: Map<string, readonly Node[]>;
  constructor(
    parsed: Parsed,
    private readonly includes: Readonly<Record<string, string>>,
    private readonly depth: number,
  ) {
    this.defines = new Map(parsed.defines);
  }

  private field(dot: unknown, vars: Vars, o: Extract<Operand, { t: 'field' }>): unknown {
    let v: unknown = o.root === '' ? dot : o.root === '$' ? vars.get('$') : vars.get(o.root);
    if (o.root !== '' && !vars.has(o.root)) throw new RenderError(`undefined variable "${o.root}"`);
    for (const key of o.path) {
      if (!isObject(v)) throw new RenderError(`can't evaluate field ${key} in ${show(v)}`);
      if (!(key in v)) throw new RenderError(`map has no entry for key "${key}"`);
      v = v[key];
    }
    return v;
  }

  private arg(dot: unknown, vars: Vars, o: Operand): unknown {
    if (o.t === 'lit') return o.v;
    if (o.t === 'field') return this.field(dot, vars, o);
    if (o.t === 'sub') return this.pipe(dot, vars, o.pipe);
    return this.call(o.name, []);
  }

  private call(name: string, args: unknown[]): unknown {
    const f = FUNCS[name];
    if (f === undefined) throw new RenderError(`function "${name}" not defined`);
    return f(...args);
  }

  pipe(dot: unknown, vars: Vars, p: Pipe): unknown {
    let value: unknown;
    p.cmds.forEach((cmd, i) => {
      const [head, ...rest] = cmd;
      const piped = i > 0 ? [value] : [];
      if (head?.t === 'fn') value = this.call(head.name, [...rest.map((o) => this.arg(dot, vars, o)), ...piped]);
      else if (head !== undefined && rest.length === 0 && piped.length === 0) value = this.arg(dot, vars, head);
      else throw new RenderError("can't give argument to non-function");
    });
    if (p.decl.length > 0) {
      const [name] = p.decl;
      if (p.assign && !vars.has(name ?? '')) throw new RenderError(`undefined variable "${name ?? ''}"`);
      vars.set(name ?? '', value);
      return undefined;
    }
    return value;
  }

  nodes(ns: readonly Node[], dot: unknown, vars: Vars): string {
    return ns.map((n) => this.node(n, dot, vars)).join('');
  }

  private node(n: Node, dot: unknown, vars: Vars): string {
    switch (n.t) {
      case 'text':
        return n.s;
      case 'print': {
        const v = this.pipe(dot, vars, n.pipe);
        return n.pipe.decl.length > 0 ? '' : show(v);
      }
      case 'if':
      case 'with': {
        for (const b of n.branches) {
          const inner = new Map(vars);
          const v = this.pipe(dot, inner, { ...b.pipe, decl: [] });
          if (b.pipe.decl.length > 0) inner.set(b.pipe.decl[0] ?? '', v);
          if (truthy(v)) return this.nodes(b.body, n.t === 'with' ? v : dot, inner);
        }
        return this.nodes(n.orElse, dot, new Map(vars));
      }
      case 'range': {
        const v = this.pipe(dot, vars, { ...n.pipe, decl: [] });
        const entries: [unknown, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : isObject(v) ? Object.keys(v).sort().map((k) => [k, v[k]]) : [];
        if (!Array.isArray(v) && !isObject(v) && v !== null && v !== undefined) throw new RenderError(`range can't iterate over ${show(v)}`);
        if (entries.length === 0) return this.nodes(n.orElse, dot, new Map(vars));
        const [kName, vName] = n.pipe.decl.length === 2 ? n.pipe.decl : [undefined, n.pipe.decl[0]];
        return entries
          .map(([k, x]) => {
            const inner = new Map(vars);
            if (kName !== undefined) inner.set(kName, k);
            if (vName !== undefined) inner.set(vName, x);
            return this.nodes(n.body, x, inner);
          })
          .join('');
      }
      case 'template':
        return this.include(n.name, n.pipe === undefined ? undefined : this.pipe(dot, vars, n.pipe));
    }
  }

  private include(name: string, dot: unknown): string {
    if (this.depth > 20) throw new RenderError('exceeded maximum template depth');
    const local = this.defines.get(name);
    if (local !== undefined) return this.nodes(local, dot, new Map([['$', dot]]));
    const text = this.includes[name];
    if (text === undefined) throw new RenderError(`no such template "${name}"`);
    const parsed = parseMini(text);
    if (parsed.isErr()) throw new RenderError(parsed.error);
    const run = new Run(parsed.value, this.includes, this.depth + 1);
    for (const [k, v] of this.defines) if (!run.defines.has(k)) run.defines.set(k, v);
    return run.nodes(parsed.value.root, dot, new Map([['$', dot]]));
  }
}

/**
 * Renders `template` with `data`; `includes` are the `.chezmoitemplates` by name.
 * @example renderMini('{{ if .a }}x{{ else }}y{{ end }}\n', { a: false }) // ok('y\n')
 */
export const renderMini = (template: string, data: MiniData, includes: Readonly<Record<string, string>> = {}): Result<string, string> => {
  const parsed = parseMini(template);
  if (parsed.isErr()) return err(`template: ${parsed.error}`);
  try {
    return ok(new Run(parsed.value, includes, 0).nodes(parsed.value.root, data, new Map([['$', data]])));
  } catch (e) {
    if (e instanceof RenderError) return err(`template: ${e.message}`);
    throw e;
  }
};
