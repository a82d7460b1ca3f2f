// GET /api/health: liveness and mode (demo or live) for load balancers; no secrets, no data.
import { route } from '@/lib/api/route';
import { appMode } from '@/lib/services';

export const GET = route('public', async () => {
  return Response.json({ status: 'ok', mode: appMode() }, { headers: { 'Cache-Control': 'no-store' } });
});
