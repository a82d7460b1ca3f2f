/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // ioredis, pg and libsql are Node-only and large: load them at run time, do not bundle them.
  // Separate build folders let several builds run side by side (tests, benchmarks).
  distDir: process.env.NEXT_DIST_DIR || '.next',
  serverExternalPackages: ['ioredis', 'pg', '@libsql/client', 'pino', 'prom-client'],
};

export default nextConfig;
