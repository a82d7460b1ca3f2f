// GET /api/ready: readiness for load balancers — settings valid, store and Redis reachable; 503 naming what failed.
import { route } from '@/lib/api/route';
import { readiness } from './checks';

export const GET = route('public', async () => {
  const { ready, checks } = await readiness();
  return Response.json(
    { status: ready ? 'ready' : 'not_ready', checks },
    { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
});
