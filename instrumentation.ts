// Next.js calls register() once per server process, before the first request.
export async function register() {
  // NEXT_RUNTIME and NEXT_PHASE are Next's own markers, not settings: there is no store to
  // open while the build prerenders, and no Node APIs in the edge runtime.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServer } = await import('./lib/startup');
  await startServer();
}
