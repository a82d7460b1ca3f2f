/**
 * Splits a pasted shell command into words the way a POSIX shell would before running it:
 * single quotes are literal, double quotes keep `\"`, `\\`, `\$` and `` \` `` escapes, a
 * backslash outside quotes escapes the next character, and a backslash before a line break
 * continues the line (the docs' curl examples span lines that way). Nothing is expanded:
 * `$VAR` stays as written, so the caller can name it. Reading stops at the first unquoted
 * `|`, `;`, `&`, `<`, `>` or `#` comment; what follows is returned so it can be named too.
 */

type ShellWords = {
  words: string[];
  /** The unread rest of the line from the first operator on, or null when all was read. */
  rest: string | null;
  /** A quote was opened and never closed. */
  unclosedQuote: '"' | "'" | null;
};

const OPERATORS = new Set(['|', ';', '&', '<', '>']);
const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`']);

export function shellWords(text: string): ShellWords {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  const push = () => {
    if (word !== null) words.push(word);
    word = null;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '\n' || (next === '\r' && text[i + 2] === '\n')) {
        i += next === '\n' ? 2 : 3;
        continue;
      }
      if (next !== undefined) word = (word ?? '') + next;
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { words: [...words, (word ?? '') + text.slice(i + 1)], rest: null, unclosedQuote: "'" };
      word = (word ?? '') + text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      const read = doubleQuoted(text, i + 1);
      word = (word ?? '') + read.value;
      if (read.end < 0) return { words: [...words, word], rest: null, unclosedQuote: '"' };
      i = read.end + 1;
      continue;
    }
    if (/\s/.test(c)) {
      push();
      i += 1;
      continue;
    }
    if (OPERATORS.has(c) || (c === '#' && word === null)) {
      push();
      return { words, rest: text.slice(i).trim(), unclosedQuote: null };
    }
    word = (word ?? '') + c;
    i += 1;
  }
  push();
  return { words, rest: null, unclosedQuote: null };
}

/** The text of a double-quoted part starting at `start`, and the index of its closing quote (-1: none). */
function doubleQuoted(text: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return { value, end: i };
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '\n') {
        i += 1;
        continue;
      }
      if (next !== undefined && DOUBLE_QUOTE_ESCAPES.has(next)) {
        value += next;
        i += 1;
        continue;
      }
    }
    value += c;
  }
  return { value, end: -1 };
}
