// Where output goes. Human mode: results on stdout, problems on stderr. --json: the one
// document on stdout and every log line on stderr. Colour only on a TTY without NO_COLOR.

/** A writable stream as far as the CLI cares. */
export interface Stream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface OutputOptions {
  readonly stdout: Stream;
  readonly stderr: Stream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
}

export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
}

const plain: Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s };
const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const colour: Style = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) };

/** The CLI's view of its terminal: what to print where, and how. */
export interface Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** Human log lines (progress, notes): stdout in human mode, stderr with --json. */
  readonly log: Stream;
  /** True when `log` is a terminal we may redraw (never with --json). */
  readonly live: boolean;
  readonly style: Style;
  /** A result line for a person (human mode only; ignored with --json). */
  line(text?: string): void;
  /** A note (suppressed by --quiet). */
  note(text: string): void;
  /** A warning or error line on stderr, always shown. */
  problem(text: string): void;
  /** The --json document: the only thing ever written to stdout in that mode. */
  document(doc: Record<string, unknown>): void;
}

const colourAllowed = (stream: Stream, env: OutputOptions['env']): boolean =>
  stream.isTTY === true && (env['NO_COLOR'] === undefined || env['NO_COLOR'] === '') && env['TERM'] !== 'dumb';

export const createOutput = (o: OutputOptions): Output => {
  const log = o.json ? o.stderr : o.stdout;
  const style = colourAllowed(log, o.env) ? colour : plain;
  return {
    json: o.json,
    quiet: o.quiet,
    verbose: o.verbose,
    log,
    live: !o.json && log.isTTY === true && o.env['TERM'] !== 'dumb',
    style,
    line: (text = '') => {
      if (!o.json) o.stdout.write(`${text}\n`);
    },
    note: (text) => {
      if (!o.quiet) log.write(`${text}\n`);
    },
    problem: (text) => {
      o.stderr.write(`${text}\n`);
    },
    document: (doc) => {
      o.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    },
  };
};
