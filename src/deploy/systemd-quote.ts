// Quoting for values written into systemd unit files. systemd parses these itself (no shell):
// a JSON string is a valid C-style quoted word for it, and `%` (specifiers) and `$` (variable
// expansion in ExecStart= arguments) must be doubled to stay literal. nix/lib.nix does the same.

/** Control characters cannot be written into a unit file line safely. */
export const hasControl = (s: string): boolean => /[\u0000-\u001f\u007f]/.test(s);

/**
 * One word of an ExecStart= line, taken literally by systemd. Variables (`$X`) are expanded
 * in arguments only, so `$` is doubled there and left alone in the executable's path.
 * @example quoteExecArg('--source=/home/a b') // '"--source=/home/a b"'
 * @example quoteExecArg('100%') // '"100%%"'
 */
export const quoteExecArg = (arg: string, position: 'executable' | 'argument' = 'argument'): string =>
  JSON.stringify(arg).replace(position === 'executable' ? /%/g : /[%$]/g, (c) => c + c);

/** A whole ExecStart= value from an argv list (argv[0] is the executable). */
export const execLine = (argv: readonly string[]): string =>
  argv.map((a, i) => quoteExecArg(a, i === 0 ? 'executable' : 'argument')).join(' ');

/** systemd refuses an executable path with a quote or a backslash in it, however quoted. */
export const badExecutableChar = (path: string): boolean => /["'\\]/.test(path);

/**
 * One Environment= assignment, quoted: specifiers are expanded there (so `%` is doubled),
 * variables are not (so `$` stays as it is).
 * @example quoteEnvironment('SSH_AUTH_SOCK', '/run/user/1000/agent') // '"SSH_AUTH_SOCK=/run/user/1000/agent"'
 */
export const quoteEnvironment = (name: string, value: string): string =>
  JSON.stringify(`${name}=${value}`).replace(/%/g, '%%');

/** A path in a setting that takes the rest of the line (PathChanged=): only specifiers escaped. */
export const escapeSpecifiers = (s: string): string => s.replace(/%/g, '%%');

/** sh quoting, for GIT_SSH_COMMAND, which git runs through `sh -c`. */
export const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
