/**
 * Reads what was pasted: a curl command, a full API URL or a bare query string, into the
 * endpoint (when a path names one) and the query's entries. Every part of the paste is either
 * used, set aside with a note saying why it does not matter, or named as a problem.
 */
import { ENDPOINTS, type Endpoint } from '@/lib/authy/schemas';
import { readCurl } from './read-curl';
import type { ImportProblem } from './types';

export type PastedRequest = {
  kind: 'curl' | 'url' | 'query';
  /** Named by the path; null for a bare query string. */
  endpoint: Endpoint | null;
  format: 'json' | 'xml' | null;
  entries: [string, string][];
  notes: string[];
  problems: ImportProblem[];
};

const API_PATH = /^\/protected\/([^/]+)\/reporting\/([^/]+?)\/?$/;
const SHELL_VARIABLE = /\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g;
const TEMPLATE_VARIABLE = /\{\{\s*[A-Za-z_][\w.]*\s*\}\}/g;

export function readPastedRequest(pasted: string): PastedRequest {
  const text = pasted.trim().replace(/^\$\s+/, '');
  if (/^curl(\s|$)/.test(text)) {
    const curl = readCurl(text);
    const target = curl.url === null ? null : readUrl(curl.url);
    const problems = [...curl.problems, ...(target?.problems ?? [])];
    if (curl.url === null && problems.length === 0) {
      problems.push({ subject: 'curl', message: 'The curl command has no URL.' });
    }
    const request: PastedRequest = {
      kind: 'curl',
      endpoint: target?.endpoint ?? null,
      format: target?.format ?? null,
      entries: [...(target?.entries ?? []), ...curl.data],
      notes: [...curl.notes, ...(target?.notes ?? [])],
      problems,
    };
    return withVariablesNamed(request, [curl.url ?? '', ...curl.data.flat()]);
  }
  const unquoted = text.replace(/^(["'])(.*)\1$/s, '$2');
  if (/^https?:\/\//i.test(unquoted) || unquoted.startsWith('/')) {
    return withVariablesNamed({ kind: 'url', ...readUrl(unquoted) }, [unquoted]);
  }
  if (unquoted.includes('=')) {
    const entries = [...new URLSearchParams(unquoted.replace(/^\?/, ''))];
    const request: PastedRequest = { kind: 'query', endpoint: null, format: null, entries, notes: [], problems: [] };
    return withVariablesNamed(request, [unquoted]);
  }
  return {
    kind: 'query',
    endpoint: null,
    format: null,
    entries: [],
    notes: [],
    problems: [
      {
        subject: 'paste',
        message:
          text === ''
            ? 'Paste a curl command, an API URL or a query string.'
            : 'This is not a curl command, an API URL or a query string such as query[event][eq]=token_invalid.',
      },
    ],
  };
}

/** Endpoint, format and entries of an API URL. */
function readUrl(raw: string): Pick<PastedRequest, 'endpoint' | 'format' | 'entries' | 'notes' | 'problems'> {
  const none = { endpoint: null, format: null, entries: [], notes: [] };
  let url: URL;
  try {
    url = new URL(raw, 'https://api.authy.com');
  } catch {
    return { ...none, problems: [{ subject: 'URL', message: `"${raw}" is not a URL.` }] };
  }
  const entries = [...url.searchParams];
  const api = API_PATH.exec(url.pathname);
  const format = api?.[1] ?? null;
  const name = api?.[2];
  const problems: ImportProblem[] = [];
  if (name === undefined) {
    problems.push({
      subject: 'URL',
      message: `${url.pathname} is not a Reporting API path: expected /protected/json/reporting/events, …/date_histogram or …/terms.`,
    });
    return { ...none, entries, problems };
  }
  if (format !== null && format !== 'json' && format !== 'xml') {
    problems.push({
      subject: 'format',
      message: `The format in the path is "${format}": the API answers json or xml.`,
    });
  }
  const endpoint = (ENDPOINTS as readonly string[]).includes(name) ? (name as Endpoint) : null;
  if (!endpoint) {
    problems.push({
      subject: 'endpoint',
      message: `"${name}" is not a Reporting API endpoint: the API has events, date_histogram and terms.`,
    });
  }
  const notes =
    format === 'xml'
      ? ['The path asks for XML: the dashboard reads the same data and shows it, whatever the format.']
      : [];
  return {
    endpoint,
    format: format === 'json' || format === 'xml' ? format : null,
    entries,
    notes,
    problems,
  };
}

/**
 * A `$VAR` or `{{VAR}}` left in the query is a value the shell or Postman would have filled in:
 * named once, and the entries holding it left out (their values mean nothing yet).
 */
function withVariablesNamed(request: PastedRequest, texts: string[]): PastedRequest {
  const found = (text: string) => [...(text.match(SHELL_VARIABLE) ?? []), ...(text.match(TEMPLATE_VARIABLE) ?? [])];
  const names = new Set(texts.flatMap(found));
  if (names.size === 0) return request;
  const problems = [...names].map((name) => ({
    subject: name,
    message: `${name} is a variable that was never filled in: paste the request with its value in place.`,
  }));
  const entries = request.entries.filter(([key, value]) => found(key).length === 0 && found(value).length === 0);
  return { ...request, entries, problems: [...request.problems, ...problems] };
}
