import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteWords, splitWords } from '../../../src/cli/config/split-words.js';

describe('splitWords', () => {
  it('splits on blanks and honours quotes', () => {
    expect(splitWords(`notify-send  "sync: conflict" 'a b' c\\ d`)._unsafeUnwrap()).toEqual(['notify-send', 'sync: conflict', 'a b', 'c d']);
  });

  it('expands nothing: variables, tildes, globs and pipes stay text', () => {
    expect(splitWords('echo $HOME ~/x *.txt | rm -rf ; `id`')._unsafeUnwrap()).toEqual(['echo', '$HOME', '~/x', '*.txt', '|', 'rm', '-rf', ';', '`id`']);
  });

  it('keeps empty quoted words and escapes inside double quotes', () => {
    expect(splitWords(`a "" 'x'"y" "say \\"hi\\" \\\\ \\n"`)._unsafeUnwrap()).toEqual(['a', '', 'xy', 'say "hi" \\ \\n']);
  });

  it('refuses unclosed quotes and a trailing backslash', () => {
    expect(splitWords(`a 'b`)._unsafeUnwrapErr()).toBe('a single quote is not closed');
    expect(splitWords(`a "b`)._unsafeUnwrapErr()).toBe('a double quote is not closed');
    expect(splitWords('a \\')._unsafeUnwrapErr()).toBe('it ends with a lone backslash');
  });

  it('round-trips any words through quoteWords', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (words) => {
        expect(splitWords(quoteWords(words))._unsafeUnwrap()).toEqual(words);
      }),
    );
  });
});
