/**
 * The processes a load script (the soak, the team drill) starts and must stop: each in its own
 * process group with its log in the script's state folder, stopped at the end, on failure and
 * on Ctrl-C, and the state folder removed. Also the production build they run against.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function safeKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

export function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
    const pid = child.pid;
    const timer = setTimeout(() => safeKill(-pid, 'SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    safeKill(-pid, signal);
  });
}

export function ownedProcesses(options: {
  root: string;
  /** Logs and data; removed at the end. */
  state: string;
  /** How long `waitFor` waits by default. */
  waitTimeoutMs: number;
  /** Said on Ctrl-C, before stopping. */
  interrupted?: string;
  /** More to stop after the processes (services the script started). */
  alsoStop?: () => void;
}) {
  const owned = new Set<ChildProcess>();
  let cleaning: Promise<void> | undefined;

  function start(name: string, command: string, argv: string[], env: Record<string, string>): ChildProcess {
    const out = openSync(path.join(options.state, `${name}.log`), 'a');
    // Own process group, so stopping it stops what it spawned; nothing from the caller's shell
    // (an AUTHY_API_KEY, say) leaks in.
    const childEnv: NodeJS.ProcessEnv = { NODE_ENV: 'production', PATH: process.env.PATH ?? '', ...env };
    const child = spawn(command, argv, {
      cwd: options.root,
      env: childEnv,
      stdio: ['ignore', out, out],
      detached: true,
    });
    owned.add(child);
    child.once('exit', () => owned.delete(child));
    return child;
  }

  /** Stops everything it started, once, however often it is called. */
  function cleanup(): Promise<void> {
    cleaning ??= (async () => {
      await Promise.all([...owned].map((c) => stop(c)));
      options.alsoStop?.();
      rmSync(options.state, { recursive: true, force: true });
    })();
    return cleaning;
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (options.interrupted) console.error(`\n${signal}: ${options.interrupted}`);
      void cleanup().then(() => process.exit(130));
    });
  }

  async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = options.waitTimeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check().catch(() => false)) return;
      await sleep(250);
    }
    throw new Error(`${what} did not come up within ${timeoutMs / 1000} s (logs in ${options.state})`);
  }

  return { start, cleanup, waitFor };
}

/** A production build into `dist`, unless one is there (or `force`). */
export function buildInto(root: string, dist: string, force = false): void {
  if (!force && existsSync(path.join(root, dist, 'BUILD_ID'))) return;
  console.log(`building into ${dist} (next build)…`);
  const result = spawnSync(path.join(root, 'node_modules/.bin/next'), ['build'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: dist, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'inherit',
  });
  // next build rewrites tsconfig.json; the checkout must not change under colleagues.
  spawnSync('git', ['checkout', 'tsconfig.json'], { cwd: root });
  if (result.status !== 0) throw new Error('next build failed');
}
