/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // ioredis, pg and libsql are Node-only and large: load them at run time, do not bundle them.
  // Separate build folders let several builds run side by side (tests, benchmarks).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  serverExternalPackages: ['ioredis', 'pg', '@libsql/client', '@libsql/kysely-libsql', 'pino', 'prom-client'],
  async headers() {
    // The CSP carries a per-request nonce, so it is set in proxy.ts; these hold for every response.
    const security = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
      // A private dashboard: nothing it answers belongs in a search index (public/robots.txt too).
      { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
    ];
    if (process.env.NODE_ENV === 'production') {
      security.push({ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' });
    }
    return [{ source: '/:path*', headers: security }];
  },
};

export default nextConfig;
