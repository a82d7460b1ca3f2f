/**
 * The route label of a request path: ids become `[id]` so the latency histogram keeps a small,
 * fixed set of series however many reports exist.
 */
export function routeLabel(pathname: string): string {
  const parts = pathname.split('/').filter(Boolean);
  const labelled = parts.map((part, i) => {
    if (parts[0] === 'api' && parts[1] === 'reports' && i === 2) return '[id]';
    return /\d/.test(part) && part.length >= 8 ? '[id]' : part;
  });
  return `/${labelled.slice(0, 4).join('/')}`;
}
