/**
 * The parts of a curl command a Reporting API call uses: its URL, `-d`/`--data-urlencode` data
 * (query parameters, as with `-G`), and its headers and options, each either harmless (a note)
 * or something the dashboard cannot reproduce (a problem).
 */
import { shellWords } from './shell-words';
import type { ImportProblem } from './types';

type CurlReading = {
  url: string | null;
  data: [string, string][];
  notes: string[];
  problems: ImportProblem[];
};

type Flag = 'globoff' | 'get' | 'harmless';
type ValueOption = 'header' | 'request' | 'data' | 'urlencode' | 'url' | 'harmless';

const FLAGS: Record<string, Flag> = {
  '-g': 'globoff',
  '--globoff': 'globoff',
  '-G': 'get',
  '--get': 'get',
  '-s': 'harmless',
  '--silent': 'harmless',
  '-S': 'harmless',
  '--show-error': 'harmless',
  '-i': 'harmless',
  '--include': 'harmless',
  '-v': 'harmless',
  '--verbose': 'harmless',
  '-L': 'harmless',
  '--location': 'harmless',
  '-k': 'harmless',
  '--insecure': 'harmless',
  '-f': 'harmless',
  '--fail': 'harmless',
  '--compressed': 'harmless',
};

const VALUE_OPTIONS: Record<string, ValueOption> = {
  '-H': 'header',
  '--header': 'header',
  '-X': 'request',
  '--request': 'request',
  '-d': 'data',
  '--data': 'data',
  '--data-raw': 'data',
  '--data-ascii': 'data',
  '--data-binary': 'data',
  '--data-urlencode': 'urlencode',
  '--url': 'url',
  '-o': 'harmless',
  '--output': 'harmless',
  '-A': 'harmless',
  '--user-agent': 'harmless',
};

export function readCurl(text: string): CurlReading {
  const { words, rest, unclosedQuote } = shellWords(text);
  const reading: CurlReading = { url: null, data: [], notes: [], problems: [] };
  const ignored: string[] = [];
  let globoff = false;
  let get = false;
  if (unclosedQuote) {
    reading.problems.push({ subject: 'quotes', message: `A ${unclosedQuote} quote is opened and never closed.` });
  }
  if (rest) reading.notes.push(`Only the curl command was read; "${rest}" after it does not change the query.`);

  const setUrl = (url: string) => {
    if (reading.url !== null) reading.problems.push({ subject: url, message: 'The command has more than one URL.' });
    else reading.url = url;
  };

  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith('-') || word === '-') {
      setUrl(word);
      continue;
    }
    const flags = FLAGS[word] ? [word] : combinedFlags(word);
    if (flags) {
      for (const f of flags) {
        if (FLAGS[f] === 'globoff') globoff = true;
        else if (FLAGS[f] === 'get') get = true;
        else ignored.push(f);
      }
      continue;
    }
    const { option, value, consumed } = valueOption(word, words[i + 1]);
    if (!option) {
      reading.problems.push({
        subject: word,
        message: `The curl option ${word} is not one a Reporting API call uses.`,
      });
      continue;
    }
    i += consumed;
    if (value === undefined) {
      reading.problems.push({ subject: word, message: `The curl option ${word} needs a value.` });
      continue;
    }
    readOption(reading, VALUE_OPTIONS[option], option, value, ignored, setUrl);
  }

  if (reading.data.length > 0 && !get) {
    reading.notes.push(
      'Without -G curl would send the -d data as a POST body; it is read as query parameters, as -G sends it.',
    );
  }
  if (!globoff && reading.url !== null && /[[\]]/.test(reading.url)) {
    reading.notes.push(
      'Without -g curl refuses the brackets ("[globbing] bad range"); the URL is read as if -g were given.',
    );
  }
  if (ignored.length > 0) reading.notes.push(`curl options that do not change the query: ${ignored.join(' ')}.`);
  return reading;
}

/** `-sSg`: several flags in one word, when every letter is a known flag. */
function combinedFlags(word: string): string[] | null {
  if (!/^-[A-Za-z]{2,}$/.test(word)) return null;
  const flags = [...word.slice(1)].map((letter) => `-${letter}`);
  return flags.every((f) => FLAGS[f]) ? flags : null;
}

/** `-H value`, or a short option with its value attached (`-HAccept: …`). */
function valueOption(
  word: string,
  next: string | undefined,
): { option: string | null; value: string | undefined; consumed: number } {
  if (VALUE_OPTIONS[word]) return { option: word, value: next, consumed: 1 };
  const short = word.slice(0, 2);
  if (!word.startsWith('--') && word.length > 2 && VALUE_OPTIONS[short]) {
    return { option: short, value: word.slice(2), consumed: 0 };
  }
  return { option: null, value: undefined, consumed: 0 };
}

function readOption(
  reading: CurlReading,
  kind: ValueOption,
  option: string,
  value: string,
  ignored: string[],
  setUrl: (url: string) => void,
): void {
  switch (kind) {
    case 'url':
      setUrl(value);
      return;
    case 'data':
      reading.data.push(...new URLSearchParams(value));
      return;
    case 'urlencode':
      readUrlencode(reading, option, value);
      return;
    case 'request':
      if (!/^(GET|HEAD)$/i.test(value)) {
        reading.problems.push({
          subject: `${option} ${value}`,
          message: `The Reporting API is read with GET; ${option} ${value} asks for something else.`,
        });
      }
      return;
    case 'header':
      readHeader(reading, value);
      return;
    case 'harmless':
      ignored.push(`${option} ${value}`);
  }
}

/** `name=content` (content sent encoded), `=content`, or `content`; `@file` forms need a file. */
function readUrlencode(reading: CurlReading, option: string, value: string): void {
  const eq = value.indexOf('=');
  const at = value.indexOf('@');
  if (at >= 0 && (eq < 0 || at < eq)) {
    reading.problems.push({
      subject: `${option} ${value}`,
      message: `${option} ${value} reads a file, which a pasted command cannot bring along.`,
    });
    return;
  }
  if (eq > 0) reading.data.push([value.slice(0, eq), value.slice(eq + 1)]);
  else reading.data.push(...new URLSearchParams(eq === 0 ? value.slice(1) : value));
}

function readHeader(reading: CurlReading, header: string): void {
  const name = header.split(':')[0].trim();
  if (/^x-authy-api-key$/i.test(name)) {
    reading.notes.push('The X-Authy-API-Key header is not used or kept: the dashboard calls the API with its own key.');
  } else if (/^accept$/i.test(name)) {
    reading.notes.push(`The ${header.trim()} header does not change the data shown.`);
  } else {
    reading.notes.push(`The ${name} header does not change the query; it is not used.`);
  }
}
