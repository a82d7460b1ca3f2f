import { describe, expect, it } from 'vitest';
import { csvField, csvRow, toCsv } from './csv';

/** A small RFC 4180 reader, to prove that what we write reads back unchanged. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('csvField', () => {
  it('leaves plain text alone', () => {
    expect(csvField('token_invalid')).toBe('token_invalid');
    expect(csvField('')).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line1\nline2')).toBe('"line1\nline2"');
    expect(csvField('line1\r\nline2')).toBe('"line1\r\nline2"');
  });

  it('quotes leading or trailing spaces so they survive', () => {
    expect(csvField(' padded ')).toBe('" padded "');
  });

  it.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=1', '\r=1'])('neutralises the formula %j', (input) => {
    const out = csvField(input);
    expect(parseCsv(`${out}\r\n`)[0][0]).toBe(`'${input}`);
  });

  it('neutralises a formula that also needs quoting', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('writes numbers, booleans, null and objects', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField({ a: 1, b: 'x,y' })).toBe('"{""a"":1,""b"":""x,y""}"');
  });
});

describe('toCsv', () => {
  it('writes a header and CRLF rows', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [2, null],
        ],
      ),
    ).toBe('a,b\r\n1,x\r\n2,\r\n');
    expect(csvRow(['a', 'b,c'])).toBe('a,"b,c"');
  });

  it('round-trips awkward values through a CSV reader', () => {
    const rows = [
      ['plain', 'with,comma', 'with "quotes"', 'multi\nline'],
      ['', ' spaced ', 'ünïcödé', '😀'],
    ];
    expect(parseCsv(toCsv(['w', 'x', 'y', 'z'], rows))).toEqual([['w', 'x', 'y', 'z'], ...rows]);
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(['time', 'event'], [])).toBe('time,event\r\n');
  });
});
