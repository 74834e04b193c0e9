// A small word splitter for command strings (notify command from a flag or env var). It
// understands quoting only — 'single', "double" (where \" and \\ escape) and \x outside
// quotes — and expands nothing: no $VAR, no ~, no globs, no pipes. The words become argv.
import { err, ok, type Result } from 'neverthrow';

/**
 * Splits `text` into words the way a shell would for quoting, without any expansion.
 * @example splitWords(`notify-send "sync: conflict" 'a b'`) // ok(['notify-send', 'sync: conflict', 'a b'])
 */
export const splitWords = (text: string): Result<string[], string> => {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i] ?? '';
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= text.length) return err('it ends with a lone backslash');
      word += text[++i] ?? '';
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== undefined) return err(`a ${quote === "'" ? 'single' : 'double'} quote is not closed`);
  if (inWord) words.push(word);
  return ok(words);
};

/**
 * The inverse of splitWords: words quoted so that splitWords returns them unchanged.
 * @example quoteWords(['notify-send', "it's"]) // `notify-send 'it'\''s'`
 */
export const quoteWords = (words: readonly string[]): string =>
  words.map((w) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
