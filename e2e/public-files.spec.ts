/**
 * What the dashboard says to crawlers and browsers about itself: robots.txt keeps crawlers out,
 * every kind of response (page, redirect, API, static file) says noindex, and the icons a page
 * names exist, so no page logs a 404 for them.
 */
import { expect, request as http, test } from '@playwright/test';

test('robots.txt keeps crawlers out, and every kind of response says noindex', async ({ page, baseURL }) => {
  // Explicitly without the suite's signed-in state, which new contexts otherwise inherit.
  const anonymous = await http.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const robots = await anonymous.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toBe('User-agent: *\nDisallow: /\n');

  const signedIn = await page.goto('/');
  expect(signedIn?.headers()['x-robots-tag']).toBe('noindex, nofollow');
  const script = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
  const paths = ['/robots.txt', '/favicon.ico', '/icon.svg', '/', '/login', '/api/health', '/api/budget', script];
  for (const path of paths) {
    const response = await anonymous.get(path ?? '', { maxRedirects: 0 });
    expect(response.headers()['x-robots-tag'], `${path} (${response.status()})`).toBe('noindex, nofollow');
  }
  // Crawlers and browsers without a session reach these; everything else sends them to sign in.
  for (const path of ['/robots.txt', '/favicon.ico', '/icon.svg'])
    expect((await anonymous.get(path)).status()).toBe(200);
  expect((await anonymous.get('/', { maxRedirects: 0 })).status()).toBe(307);
  await anonymous.dispose();
});

test('the icons a page names are there, and the page asks for nothing missing', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  const icons = await page
    .locator('link[rel="icon"]')
    .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
  expect(icons.map((href) => new URL(href).pathname).sort()).toEqual(['/favicon.ico', '/icon.svg']);
  for (const href of icons) {
    const icon = await page.request.get(href);
    expect(icon.status(), href).toBe(200);
    expect(icon.headers()['content-type'], href).toMatch(/^image\//);
  }
  expect(missing).toEqual([]);
});
