/**
 * Every API route, found on disk, must answer 401 without a session, except the few that are
 * public on purpose. A new route that forgets `route('viewer', …)` fails here.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/auth/session', () => ({
  currentUser: async () => null,
  getSession: async () => ({ destroy: () => undefined, save: async () => undefined }),
}));

const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/session',
  'DELETE /api/session',
  'GET /api/ready',
  'GET /api/metrics',
]);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const apiRoot = path.resolve(__dirname, '../../app/api');

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === 'route.ts' ? [full] : [];
  });
}

/** `app/api/reports/[id]/route.ts` → `/api/reports/[id]`, and a URL with a sample id. */
function routePath(file: string): string {
  return `/api/${path.relative(apiRoot, path.dirname(file)).split(path.sep).join('/')}`;
}

const files = routeFiles(apiRoot);

describe('API routes require a session', () => {
  it('finds the routes', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  for (const file of files) {
    const pattern = routePath(file);
    it(`${pattern}: every method but the public ones answers 401`, async () => {
      const mod = (await import(file)) as Record<string, unknown>;
      const exported = METHODS.filter((m) => typeof mod[m] === 'function');
      expect(exported.length).toBeGreaterThan(0);
      for (const method of exported) {
        if (PUBLIC.has(`${method} ${pattern}`)) continue;
        const url = `http://127.0.0.1:3000${pattern.replace(/\[[^\]]+\]/g, 'sample')}`;
        const handler = mod[method] as (
          r: NextRequest,
          c: { params: Promise<Record<string, string>> },
        ) => Promise<Response>;
        const response = await handler(new NextRequest(url, { method }), { params: Promise.resolve({ id: 'sample' }) });
        expect(response.status, `${method} ${pattern}`).toBe(401);
        expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
      }
    });
  }
});
