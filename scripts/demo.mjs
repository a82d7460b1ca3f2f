#!/usr/bin/env node
// `npm run demo`: builds when the build is missing or older than the sources, then starts the
// production server in demo mode (the emulator in process, no API key) and prints its URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const port = process.env.PORT || '3000';
const host = process.env.HOST || '127.0.0.1';
const buildId = path.join(root, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ['app', 'components', 'lib', 'public'].map((d) => path.join(root, d)).filter(existsSync);
  const files = ['next.config.mjs', 'proxy.ts', 'instrumentation.ts', 'package.json'].map((f) => path.join(root, f));
  return Math.max(...sources.map(newestSource), ...files.filter(existsSync).map((f) => statSync(f).mtimeMs)) > built;
}

const env = { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' };
delete env.AUTHY_API_KEY; // demo mode means the emulator, whatever the shell exports

if (needsBuild()) {
  console.log('Building the dashboard (once; about a minute)…');
  const build = spawnSync('npx', ['next', 'build'], { cwd: root, env, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// server.mjs, as `npm start`: Next behind a server that tells it each request's peer address.
const server = spawn(process.execPath, ['server.mjs', '-H', host, '-p', port], { cwd: root, env, stdio: 'inherit' });
const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
const started = Date.now();
let announced = false; // probes overlap when the server is slow to answer: announce once
const timer = setInterval(async () => {
  try {
    const res = await fetch(`${url}/api/health`);
    if (res.ok && !announced) {
      announced = true;
      clearInterval(timer);
      console.log(`\n  Authy Reporting dashboard (demo data) is running at ${url}`);
      console.log('  Sign in as "demo" with password "demo". Press Ctrl+C to stop.\n');
    }
  } catch {
    if (Date.now() - started > 120_000) clearInterval(timer);
  }
}, 500);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
