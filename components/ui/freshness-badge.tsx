import { staleMark, type ResponseMeta } from '@/lib/queries/meta';
import { Badge } from './badge';

/** Says so when the server answered from a stale cache (upstream refused or budget spent). */
export function FreshnessBadge({ meta }: { meta: ResponseMeta | undefined }) {
  const mark = staleMark(meta);
  if (!mark || !meta) return null;
  return (
    <Badge tone="warning" title={`Fetched at ${meta.fetchedAt}`}>
      {mark}
    </Badge>
  );
}
