import type { ResponseMeta } from '@/lib/queries/meta';
import { formatAge } from '@/lib/format';
import { Badge } from './badge';

/** Says so when the server answered from a stale cache (upstream refused or budget spent). */
export function FreshnessBadge({ meta }: { meta: ResponseMeta | undefined }) {
  if (!meta || meta.cache !== 'stale') return null;
  return (
    <Badge tone="warning" title={`Fetched at ${meta.fetchedAt}`}>
      Stale data · {formatAge(meta.ageSeconds)} old
    </Badge>
  );
}
