/**
 * Requests the dashboard must answer as the Authy Reporting API would: every example of the
 * reference (its curl commands as printed, key and all), and the six requests of Authy's own
 * published sample scripts (AuthySE/Authy-Reporting-Samples) with the values of their demo.env
 * filled in (a 2017 date range, page 1, 100 a page; country code 1 for YOUR_COUNTRY_CODE).
 */

export type ExampleRequest = { title: string; curl: string };

const KEY = 'd57d919d11e6b221c9bf6f7c882028f9';
const docs = (url: string) => `curl -g \\\n  "${url}" \\\n  -H "X-Authy-API-Key: ${KEY}"`;
const API = 'https://api.authy.com/protected/json/reporting';

export const REFERENCE_EXAMPLES: ExampleRequest[] = [
  {
    title: 'Events Reporting API Example',
    curl: docs(
      `${API}/events?query[event][eq]=one_touch_request_responded&query[objects.device.s_device_type][eq]=iphone&page=1&per_page=50`,
    ),
  },
  {
    title: 'Date Histogram Reporting API Example',
    curl: docs(`${API}/date_histogram?report[users_added][event][eq]=user_added&interval=month&page=1&per_page=10`),
  },
  {
    title: 'Terms Reporting API Example',
    curl: docs(
      `${API}/terms?field=event&scope[time][gte]=2019-01-01T00:00:00.000Z&scope[time][lt]=2020-01-01T00:00:00.000Z`,
    ),
  },
  {
    title: 'Events: Get logs from December 17, 2019',
    curl: docs(`${API}/events?query[time][gte]=2019-12-17T00:00:00.000Z&query[time][lte]=2019-12-17T23:59:59.999Z`),
  },
  {
    title: 'Events: Authentication Details Q2 2019',
    curl: docs(
      `${API}/events?query[time][gte]=2019-04-01T00:00:00.000Z&query[time][lt]=2019-07-01T00:00:00.000Z&page=2&per_page=5`,
    ),
  },
  {
    title: 'Date Histogram: Get Invalid Tokens and Valid Tokens over time',
    curl: docs(
      `${API}/date_histogram?interval=month&report[verified_tokens][event][eq]=token_verified&report[invalid_tokens][event][eq]=token_invalid`,
    ),
  },
  {
    title: 'Date Histogram: Verified Tokens with Scope',
    curl: docs(
      `${API}/date_histogram?scope[time][gte]=2019-04-01T00:00:00.000Z&scope[time][lt]=2019-07-01T00:00:00.000Z&report[verified_tokens][event][eq]=token_verified`,
    ),
  },
  {
    title: 'Terms: Monthly Active Users',
    curl: docs(
      `${API}/terms?field=objects.user.s_authy_id&scope[time][gte]=2019-11-01T00:00:00.000Z&scope[time][lt]=2019-12-01T00:00:00.000Z`,
    ),
  },
  {
    title: 'Terms: Authentications by Device Type',
    curl: docs(
      `${API}/terms?field=objects.device.s_device_type&scope[time][gte]=2019-01-01T00:00:00.000Z&scope[time][lt]=2020-01-01T00:00:00.000Z`,
    ),
  },
];

/** The query-format snippets of the reference, bare as printed; each is an events query. */
export const REFERENCE_SNIPPETS = [
  'query[event][eq]=one_touch_request_responded',
  'query[objects.device.s_device_type][eq]=iphone',
  'query[event][eq]=totp_token_sent&query[objects.user.s_locale][eq]=en',
];

const script = (url: string, pipe = '') =>
  `curl -g "${url}" \\\n-H "X-Authy-API-Key: YOUR_API_KEY_HERE"${pipe ? ` | ${pipe}` : ''}`;
const BEGIN = '2017-01-01T00:00:00.000Z';
const END = '2017-12-31T23:59:59.999Z';
const PRETTY = 'underscore print --outfmt pretty';

export const SAMPLE_SCRIPT_REQUESTS: ExampleRequest[] = [
  {
    title: 'get_all_events_for_a_date_range.sh',
    curl: script(`${API}/events?query[time][gte]=${BEGIN}&query[time][lte]=${END}&page=1&per_page=100`, PRETTY),
  },
  {
    title: 'get_all_phone_verification_events_for_date_range.sh',
    curl: script(
      `${API}/events?query[time][gte]=${BEGIN}&query[time][lte]=${END}&query[event][gte]=phone_verification_&query[event][lt]=q`,
      PRETTY,
    ),
  },
  {
    title: 'get_phone_verifications_started.sh',
    curl: script(
      `${API}/date_histogram?report[phone_verification_started][event][eq]=phone_verification_started&scope[objects.phone_verification.country_code][eq]=1&interval=hour&page=1`,
    ),
  },
  {
    title: 'get_phone_verifications_started_by_country_per_minute.sh',
    curl: script(
      `${API}/date_histogram?report[phone_verification_started][event][eq]=phone_verification_started&scope[objects.phone_verification.country_code][eq]=1&page=1&interval=minute`,
      PRETTY,
    ),
  },
  {
    title: 'get_phone_verifications_validated.sh',
    curl: script(
      `${API}/date_histogram?report[phone_verification_code_is_valid][event][eq]=phone_verification_code_is_valid&scope[objects.phone_verification.country_code][eq]=1&interval=hour&page=1`,
    ),
  },
  {
    title: 'summary_phone_verifications__valid_invalid_started.sh',
    curl: script(
      `${API}/date_histogram?report[phone_verification_started][event][eq]=phone_verification_started&report[phone_verification_code_is_invalid][event][eq]=phone_verification_code_is_invalid&report[phone_verification_code_is_valid][event][eq]=phone_verification_code_is_valid&scope[time][gte]=${BEGIN}&interval=day&page=1`,
      PRETTY,
    ),
  },
];

/** The request's URL as curl would send it: the quoted https URL of the command. */
export function exampleUrl(example: ExampleRequest): URL {
  const match = /"(https:\/\/[^"]+)"/.exec(example.curl);
  if (!match) throw new Error(`no URL in ${example.title}`);
  return new URL(match[1]);
}
