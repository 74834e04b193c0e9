import { err, ok, type Result } from 'neverthrow';
import { invalidInput, type InvalidInputError } from './errors.js';

// Validation of user values before any process runs: a value that could be read as an
// option, or that git would reject as a ref, never reaches a command line.

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A branch/bookmark name acceptable to both git (`git check-ref-format`) and jj.
 * @example validateRefName('sync/laptop') // ok
 */
export const validateRefName = (name: string, field = 'branch'): Result<string, InvalidInputError> => {
  const bad = (why: string) => err(invalidInput(field, name, `invalid ${field} name ${JSON.stringify(name)}: ${why}`));
  if (name.length === 0) return bad('it is empty');
  if (name.length > 200) return bad('it is longer than 200 characters');
  if (name.startsWith('-')) return bad('it starts with "-"');
  if (CONTROL.test(name)) return bad('it contains a control character');
  if (/[\s~^:?*[\\]/.test(name)) return bad('it contains a space or one of ~ ^ : ? * [ \\');
  if (name.includes('..')) return bad('it contains ".."');
  if (name.includes('@{') || name === '@') return bad('it contains "@{" or is "@"');
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return bad('it has an empty path component');
  if (name.endsWith('.') || name.endsWith('.lock')) return bad('it ends with "." or ".lock"');
  if (name.split('/').some((c) => c.startsWith('.'))) return bad('a component starts with "."');
  // jj revset syntax would read these as operators; keep names plain.
  if (/[()|&,'"`$<>!%+=;{}]/.test(name)) return bad('it contains a character reserved by revsets or shells');
  return ok(name);
};

/** A remote name: a plain word. */
export const validateRemoteName = (name: string): Result<string, InvalidInputError> =>
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name) && !name.endsWith('.lock')
    ? ok(name)
    : err(invalidInput('remote', name, `invalid remote name ${JSON.stringify(name)}: use letters, digits, ".", "_" or "-"`));

/**
 * What is wrong with a URL's authority (`user@host:port`, up to the first "/"), or undefined.
 * Caught here, it is one clear error before any process runs, not git's "remote helper aborted".
 */
const authorityProblem = (authority: string, mayBeEmpty: boolean): string | undefined => {
  if (authority.length === 0) return mayBeEmpty ? undefined : 'it names no host';
  if (/[\s<>"`{}|\\^]/.test(authority)) return 'the host part contains a space or a character no host name has';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  if (host.startsWith('[') !== /^\[[0-9A-Fa-f:.]+\](:\d*)?$/.test(host) || (!host.startsWith('[') && /[[\]]/.test(host))) return 'the host has an unbalanced or misplaced "[" or "]"';
  return undefined;
};

/**
 * A repository URL: ssh://, git://, https://, file://, scp-like `user@host:path`, or an
 * absolute/relative local path. Refuses transports that run commands (`ext::`) and
 * anything that could be read as an option.
 */
export const validateRepoUrl = (url: string): Result<string, InvalidInputError> => {
  const bad = (why: string) => err(invalidInput('url', url, `invalid repository URL ${JSON.stringify(url)}: ${why}`));
  if (url.length === 0) return bad('it is empty');
  if (url.startsWith('-')) return bad('it starts with "-" and would be read as an option');
  if (CONTROL.test(url)) return bad('it contains a control character');
  if (/^[a-z][a-z0-9+.-]*::/i.test(url)) return bad('remote helpers ("transport::address", e.g. ext::) can run commands');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if (!['ssh', 'git', 'http', 'https', 'file', 'git+ssh', 'ssh+git'].includes(scheme)) {
      return bad(`the scheme "${scheme}" is not supported`);
    }
    const rest = url.slice(scheme.length + 3);
    if (rest.startsWith('-')) return bad('the host starts with "-"');
    const malformed = authorityProblem(rest.split('/', 1)[0] ?? '', scheme === 'file');
    return malformed === undefined ? ok(url) : bad(malformed);
  }
  // scp-like user@host:path; the host must not look like an option.
  const scp = /^(?:([^@/]+)@)?([^:/]+):(.*)$/.exec(url);
  if (scp !== null && !url.startsWith('/') && !url.startsWith('.')) {
    if ((scp[2] ?? '').startsWith('-') || (scp[1] ?? '').startsWith('-')) return bad('the host starts with "-"');
    if (/\s/.test(`${scp[1] ?? ''}${scp[2] ?? ''}`)) return bad('the host or user name contains a space');
    return ok(url);
  }
  return ok(url);
};

/** A host name used in branch names and messages. */
export const validateHostName = (host: string): Result<string, InvalidInputError> =>
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(host) && !host.includes('..') && !host.endsWith('.lock')
    ? ok(host)
    : err(invalidInput('host', host, `invalid host name ${JSON.stringify(host)}: use letters, digits, ".", "_" or "-" (at most 63)`));

/** A commit message: any text but NUL; commands receive it as one argument, never parsed. */
export const validateMessage = (message: string): Result<string, InvalidInputError> => {
  if (message.trim().length === 0) return err(invalidInput('message', message, 'the commit message is empty'));
  if (message.includes('\u0000')) return err(invalidInput('message', message, 'the commit message contains a NUL byte'));
  if (message.length > 10_000) return err(invalidInput('message', message.slice(0, 50), 'the commit message is longer than 10000 characters'));
  return ok(message);
};

/** A filesystem path given by a user: absolute after resolution, no NUL. */
export const validatePath = (path: string, field = 'path'): Result<string, InvalidInputError> => {
  if (path.length === 0) return err(invalidInput(field, path, `the ${field} is empty`));
  if (path.includes('\u0000')) return err(invalidInput(field, path, `the ${field} contains a NUL byte`));
  return ok(path);
};
