import { describe, expect, it } from 'vitest';
import { issueField, mauInputSchema } from './mau-input';
import { monthWindow } from './months';

const NOW = Date.parse('2026-11-15T12:34:00.000Z');
const parse = (query: string) => mauInputSchema(NOW).safeParse([...new URLSearchParams(query)]);

describe('mau input', () => {
  it('defaults to the last 12 months, ending with the current one', () => {
    const months = parse('').data?.months ?? [];
    expect(months).toHaveLength(12);
    expect([months[0], months[11]]).toEqual(['2025-12', '2026-11']);
  });

  it('takes months=N or from/to, inclusive', () => {
    expect(parse('months=3').data?.months).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(parse('from=2025-11&to=2026-01').data?.months).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(parse('to=2026-01').data?.months).toHaveLength(12);
    expect(parse('from=2026-10').data?.months).toEqual(['2026-10', '2026-11']);
  });

  it.each([
    ['months=x', 'months'],
    ['months=3&to=2026-10', 'months'],
    ['from=2026-1', 'from'],
    ['to=2026-12', 'to'],
    ['from=2026-11&to=2026-10', 'from'],
    ['bogus=1', 'bogus'],
  ])('refuses %s, naming %s', (query, field) => {
    const parsed = parse(query);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(issueField(parsed.error)).toBe(field);
  });
});

describe('month windows', () => {
  const margin = 15 * 60_000;

  it('are whole months once they are over', () => {
    expect(monthWindow('2026-10', NOW, margin)).toEqual({
      month: '2026-10',
      from: Date.parse('2026-10-01T00:00:00Z'),
      to: Date.parse('2026-11-01T00:00:00Z'),
      over: true,
    });
  });

  it('end at "now" minus the settle margin, snapped to the hour, while live', () => {
    const live = monthWindow('2026-11', NOW, margin);
    expect(live).toMatchObject({ over: false, to: Date.parse('2026-11-15T12:00:00Z') });
    expect(monthWindow('2026-11', Date.parse('2026-11-15T12:10:00Z'), margin).to).toBe(
      Date.parse('2026-11-15T11:00:00Z'),
    );
  });

  it('stay live until the settle margin after the month ends, and are empty just after it starts', () => {
    expect(monthWindow('2026-10', Date.parse('2026-11-01T00:10:00Z'), margin).over).toBe(false);
    const fresh = monthWindow('2026-11', Date.parse('2026-11-01T00:10:00Z'), margin);
    expect(fresh.to).toBe(fresh.from);
  });
});
