import { describe, expect, it } from 'vitest';
import { bracketParamsOutcome } from './bracket-params';

const NOW = Date.parse('2026-03-10T12:34:56.000Z');
const raw = (query: string) => {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const seen = params[key];
    params[key] = seen === undefined ? value : [seen, value].flat();
  }
  return params;
};
const outcome = (path: Parameters<typeof bracketParamsOutcome>[0], query: string) =>
  bracketParamsOutcome(path, raw(query), NOW);

describe('a page URL with the API bracket parameters', () => {
  it('leaves a URL without them alone', () => {
    expect(outcome('/events', 'range=7d&f=event~eq~token_invalid&foo=1')).toEqual({ kind: 'none' });
  });

  it('redirects to the page’s own parameters, keeping its own', () => {
    expect(outcome('/events', 'range=7d&query[event][eq]=token_invalid')).toEqual({
      kind: 'redirect',
      href: '/events?range=7d&f=event~eq~token_invalid',
    });
    expect(
      outcome(
        '/events',
        'utc=true&f=objects.user.s_country_code~eq~1&query[event][eq]=token_invalid&query[time][gte]=2026-03-01T00:00:00Z&query[time][lt]=2026-03-02T00:00:00Z&range=7d',
      ),
    ).toEqual({
      kind: 'redirect',
      href: '/events?utc=true&f=objects.user.s_country_code~eq~1,event~eq~token_invalid&from=2026-03-01T00:00:00.000Z&to=2026-03-02T00:00:00.000Z',
    });
  });

  it('turns reports into series and keeps a histogram drawable', () => {
    // 30 days of minutes are 43,200 buckets, past the 10,000 a histogram draws: the range narrows.
    expect(outcome('/histogram', 'range=30d&report[added][event][eq]=user_added&interval=minute&view=table')).toEqual({
      kind: 'redirect',
      href: '/histogram?range=7d&view=table&s=added:event~eq~user_added&interval=minute',
    });
    // 30 days of hours (720) are drawable: the range stays (30 days is the default, so unnamed).
    expect(outcome('/histogram', 'range=30d&report[added][event][eq]=user_added&interval=hour&view=table')).toEqual({
      kind: 'redirect',
      href: '/histogram?view=table&s=added:event~eq~user_added&interval=hour',
    });
  });

  it('reads terms parameters as the API does', () => {
    expect(outcome('/terms', 'scope[objects.device.s_device_type][eq]=iphone&field=event&size=5')).toEqual({
      kind: 'redirect',
      href: '/terms?field=event&size=5&f=objects.device.s_device_type~eq~iphone',
    });
  });

  it('refuses what does not fit, naming it, and points at the page that answers it', () => {
    expect(outcome('/histogram', 'range=7d&query[event][eq]=token_invalid')).toEqual({
      kind: 'refuse',
      problems: [{ subject: 'query[event][eq]', message: expect.stringMatching(/not a parameter of date_histogram/) }],
      elsewhere: { page: '/events', href: '/events?range=7d&f=event~eq~token_invalid' },
    });
    expect(outcome('/events', 'query[event][ne]=token_invalid')).toEqual({
      kind: 'refuse',
      problems: [{ subject: 'query[event][ne]', message: expect.stringMatching(/unknown operator "ne"/) }],
      elsewhere: null,
    });
  });

  it('refuses a series name the page already has', () => {
    const result = outcome('/histogram', 's=a:event~eq~token_verified&report[a][event][eq]=user_added');
    expect(result).toMatchObject({ kind: 'refuse', problems: [{ subject: 'report[a]' }] });
  });

  it('refuses them on pages without filters, with a link to where they belong', () => {
    expect(outcome('/', 'range=7d&query[event][eq]=token_invalid')).toEqual({
      kind: 'refuse',
      problems: [
        {
          subject: 'query[event][eq]',
          message: 'query[event][eq] is a Reporting API parameter; this page takes none.',
        },
      ],
      elsewhere: { page: '/events', href: '/events?range=7d&f=event~eq~token_invalid' },
    });
    expect(outcome('/users', 'range=12mo&report[a][event][eq]=user_added')).toMatchObject({
      kind: 'refuse',
      elsewhere: { page: '/histogram', href: '/histogram?range=12mo&s=a:event~eq~user_added' },
    });
  });
});
