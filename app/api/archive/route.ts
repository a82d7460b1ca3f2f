// GET /api/archive: what the archive holds and how its sync stands (the header's coverage indicator and panel).
import { route } from '@/lib/api/route';
import type { ArchiveStatus } from '@/lib/archive/sync/types';
import { archiveStatus } from '@/lib/services';

export const GET = route('viewer', async () => {
  const body: ArchiveStatus = await archiveStatus();
  return Response.json(body, { headers: { 'Cache-Control': 'private, no-store' } });
});
