import { describe, expect, it } from 'vitest';
import { readPastedRequest } from './read-request';
import { shellWords } from './shell-words';

const URL = 'https://api.authy.com/protected/json/reporting/events?query[event][eq]=token_invalid';

describe('shellWords', () => {
  it('reads quotes, escapes and continued lines as a shell does', () => {
    expect(shellWords(`curl -g \\\n  "a b\\"c\\$d" 'e\\f' g\\ h`).words).toEqual([
      'curl',
      '-g',
      'a b"c$d',
      'e\\f',
      'g h',
    ]);
  });

  it('stops at a pipe or a comment and hands back the rest', () => {
    expect(shellWords('curl "x|y" | jq .')).toEqual({ words: ['curl', 'x|y'], rest: '| jq .', unclosedQuote: null });
    expect(shellWords('curl x # the key').rest).toBe('# the key');
  });

  it('says which quote was left open', () => {
    expect(shellWords(`curl "${URL}`).unclosedQuote).toBe('"');
  });
});

describe('readPastedRequest', () => {
  it('takes a curl command with its data, as -G sends it', () => {
    const request = readPastedRequest(
      `curl -sSG https://api.authy.com/protected/xml/reporting/terms -d field=event --data-urlencode "scope[objects.app.s_name][eq]=Demo & Co" -H 'Accept: application/xml'`,
    );
    expect(request).toMatchObject({ kind: 'curl', endpoint: 'terms', format: 'xml', problems: [] });
    expect(request.entries).toEqual([
      ['field', 'event'],
      ['scope[objects.app.s_name][eq]', 'Demo & Co'],
    ]);
    expect(request.notes).toEqual([
      'The Accept: application/xml header does not change the data shown.',
      'curl options that do not change the query: -s -S.',
      'The path asks for XML: the dashboard reads the same data and shows it, whatever the format.',
    ]);
  });

  it('reads the URL as if -g were given, and says so', () => {
    const request = readPastedRequest(`curl "${URL}"`);
    expect(request.entries).toEqual([['query[event][eq]', 'token_invalid']]);
    expect(request.notes).toContainEqual(expect.stringMatching(/Without -g curl refuses the brackets/));
  });

  it('names what a call cannot carry over: other methods, files, unknown options, a second URL', () => {
    const request = readPastedRequest(`curl -X POST --data-urlencode @query.txt --http2 "${URL}" "${URL}"`);
    expect(request.problems.map((p) => p.subject)).toEqual(['-X POST', '--data-urlencode @query.txt', '--http2', URL]);
  });

  it('takes a URL, quoted or not, and a bare query string with or without its ?', () => {
    expect(readPastedRequest(`"${URL}"`)).toMatchObject({ kind: 'url', endpoint: 'events', format: 'json' });
    expect(readPastedRequest('?field=event&size=5')).toMatchObject({
      kind: 'query',
      endpoint: null,
      entries: [
        ['field', 'event'],
        ['size', '5'],
      ],
    });
  });

  it('decodes percent-encoded brackets and values', () => {
    expect(readPastedRequest('query%5Bevent%5D%5Beq%5D=token%5Finvalid').entries).toEqual([
      ['query[event][eq]', 'token_invalid'],
    ]);
  });

  it('names a Postman placeholder', () => {
    expect(readPastedRequest(`${URL}&page={{REPORTING_PAGE}}`).problems).toEqual([
      {
        subject: '{{REPORTING_PAGE}}',
        message:
          '{{REPORTING_PAGE}} is a variable that was never filled in: paste the request with its value in place.',
      },
    ]);
  });
});
