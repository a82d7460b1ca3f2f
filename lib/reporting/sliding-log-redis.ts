/**
 * The sliding log shared by every replica: one sorted set of call times per application and
 * one Lua script that checks both windows and records the call atomically, so two replicas
 * can never both take the last slot. Times come from the caller's clock (replicas' clocks
 * agree to well within the policy's safety margin), which also lets tests drive it.
 *
 * Surviving an empty Redis. Redis runs without persistence, so a restart (or a FLUSHALL, or
 * the keys being deleted) loses the shared log, and every replica would see a fresh budget.
 * So:
 * - each replica also remembers, in memory, the calls IT released (pruned to the longest span);
 * - an epoch key (a random id) names the current log. ACQUIRE takes the epoch the replica last
 *   synced with and the member id of its own newest remembered call (the "canary"); if the
 *   epoch is missing or different, or the canary is gone from the log, it admits nothing and
 *   answers 'epoch';
 * - the replica then runs SYNC: it creates the epoch if missing, and, since it knows a wipe
 *   happened, re-adds its remembered calls (same member ids: re-seeding twice is harmless) and
 *   sets a cluster-wide "resync" back-off. A heartbeat (every `heartbeatMs`, unref'd) runs SYNC
 *   too, so replicas that are not calling re-seed within one heartbeat.
 *
 * The resync back-off lasts the shortest window's span (62 s with the real policy), far more
 * than two heartbeats. Why that long: a replica that died (or restarted) around the wipe took
 * its memory with it, and its calls are lost from the log for good. After a full minute with
 * no call at all, no call released before the wipe can share a rolling minute with one
 * released after it, so the minute limit holds exactly whatever was lost. A Redis restart is
 * rare; a minute of 429s is cheap next to a suspended application.
 *
 * Residual risks:
 * - the HOUR window: calls released in the last hour by a replica that is gone are not
 *   re-seeded by anyone, so the hour could see up to that replica's share over the limit;
 * - a replica that has never synced (a fresh process) and finds no epoch cannot tell the
 *   cluster's first start from a wipe. It creates the epoch WITHOUT a back-off (otherwise
 *   every deploy on an empty Redis would start with a minute of refusals); live replicas
 *   detect the new epoch within a heartbeat and then set the back-off, so the exposure is what
 *   that fresh replica admits in those ≤ 2 s;
 * - an upstream back-off ("slow down") in force at the wipe is lost; the resync back-off
 *   (≥ the default 60 s back-off) covers it in practice;
 * - Redis must not evict these keys (use `noeviction`, or at least no `allkeys-*` policy):
 *   an evicted log with the epoch kept is caught only through each replica's canary.
 * Redis unreachable (not wiped): commands fail fast (lib/redis.ts) and the Limiter refuses
 * with `unavailable` (503). It fails closed on purpose: a per-replica share of the limits
 * would need a trustworthy replica count, and replicas that can still reach Redis would keep
 * spending the whole budget beside the ones that cannot.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { systemClock, type Clock } from './clock';
import type { LimiterPolicy } from './policies';
import { longestSpan, spanOf, type Admission, type LogState, type SlidingLogStore } from './sliding-log';

// KEYS: log, backoff, resync, epoch. ARGV: now, member, background, longest span, known epoch,
// canary member ('' for none), window count, then (span, limit, reserve) per window.
// The rule of `admissionFor` (sliding-log.ts), in Lua. Only admitted calls are recorded.
const ACQUIRE = `
local now = tonumber(ARGV[1])
local epoch = redis.call('GET', KEYS[4])
if epoch ~= ARGV[5] then return {0, string.format('%d', now), 'epoch'} end
if ARGV[6] ~= '' and not redis.call('ZSCORE', KEYS[1], ARGV[6]) then return {0, string.format('%d', now), 'epoch'} end
local resync = tonumber(redis.call('GET', KEYS[3]) or '0')
if resync > now then return {0, string.format('%d', resync), 'resync'} end
local backoff = tonumber(redis.call('GET', KEYS[2]) or '0')
if backoff > now then return {0, string.format('%d', backoff), 'backoff'} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - tonumber(ARGV[4])))
local background = ARGV[3] == '1'
local retryAt = nil
for i = 0, tonumber(ARGV[7]) - 1 do
  local span = tonumber(ARGV[8 + i * 3])
  local cap = tonumber(ARGV[9 + i * 3])
  if background then cap = cap - tonumber(ARGV[10 + i * 3]) end
  local lower = string.format('(%d', now - span)
  local used = redis.call('ZCOUNT', KEYS[1], lower, '+inf')
  if used >= cap then
    local entry = redis.call('ZRANGEBYSCORE', KEYS[1], lower, '+inf', 'WITHSCORES', 'LIMIT', used - cap, 1)
    local at = tonumber(entry[2]) + span
    if retryAt == nil or at > retryAt then retryAt = at end
  end
end
if retryAt then return {0, string.format('%d', retryAt), 'budget'} end
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {1}
`;

// KEYS: log, resync, epoch. ARGV: known epoch ('' if never synced), candidate epoch, canary,
// now, resync back-off ms, longest span, then (score, member) pairs this replica released.
// Returns the current epoch. Atomic, so re-seeded calls always land in the epoch returned.
const SYNC = `
local known = ARGV[1]
local current = redis.call('GET', KEYS[3])
if current and current == known and ARGV[3] ~= '' and not redis.call('ZSCORE', KEYS[1], ARGV[3]) then
  current = false
end
if not current then
  current = ARGV[2]
  redis.call('SET', KEYS[3], current)
end
if known ~= '' and current ~= known then
  local now = tonumber(ARGV[4])
  local untilAt = now + tonumber(ARGV[5])
  if untilAt > tonumber(redis.call('GET', KEYS[2]) or '0') then
    redis.call('SET', KEYS[2], string.format('%d', untilAt), 'PX', ARGV[5])
  end
  local horizon = now - tonumber(ARGV[6])
  local batch = {}
  for i = 7, #ARGV, 2 do
    if tonumber(ARGV[i]) > horizon then
      table.insert(batch, ARGV[i])
      table.insert(batch, ARGV[i + 1])
    end
    if #batch >= 200 or (i + 2 > #ARGV and #batch > 0) then
      redis.call('ZADD', KEYS[1], unpack(batch))
      batch = {}
    end
  end
  if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[6]) end
end
return current
`;

const BACK_OFF = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1
`;

const acquireReply = z.union([
  z.tuple([z.literal(1)]),
  z.tuple([z.literal(0), z.coerce.number(), z.enum(['backoff', 'budget', 'resync', 'epoch'])]),
]);

const countReply = z.tuple([z.null(), z.number()]);
const oldestReply = z.tuple([z.null(), z.array(z.string())]);
const backoffReply = z.tuple([z.null(), z.string().nullable()]);

type Released = { at: number; member: string };

export type RedisSlidingLogOptions = {
  /** For the heartbeat's "now"; tests pass their manual clock. */
  clock?: Clock;
  /** How often an idle replica checks the epoch and re-seeds; 0 turns the timer off (tests). */
  heartbeatMs?: number;
  /** The cluster-wide pause after a wipe; defaults to the shortest window's span (see above). */
  resyncBackOffMs?: number;
};

export class RedisSlidingLog implements SlidingLogStore {
  private readonly logKey: string;
  private readonly backoffKey: string;
  private readonly resyncKey: string;
  private readonly epochKey: string;
  private readonly clock: Clock;
  private readonly heartbeatMs: number;
  readonly resyncBackOffMs: number;
  /** The calls this replica released, ascending, within the longest span. */
  private released: Released[] = [];
  private epoch: string | null = null;
  private syncing: Promise<string> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private stopped = false;

  constructor(
    private readonly redis: Redis,
    private readonly policy: LimiterPolicy,
    options: RedisSlidingLogOptions = {},
  ) {
    this.logKey = `${policy.keyPrefix}:log`;
    this.backoffKey = `${policy.keyPrefix}:backoff`;
    this.resyncKey = `${policy.keyPrefix}:resync`;
    this.epochKey = `${policy.keyPrefix}:epoch`;
    this.clock = options.clock ?? systemClock;
    this.heartbeatMs = options.heartbeatMs ?? 2_000;
    this.resyncBackOffMs =
      options.resyncBackOffMs ?? Math.min(...policy.windows.map((w) => spanOf(policy, w.windowMs)));
  }

  async tryAcquire(now: number, options: { background: boolean }): Promise<Admission> {
    this.startHeartbeat();
    const at = Math.floor(now);
    const windows = this.policy.windows.flatMap((w) => [spanOf(this.policy, w.windowMs), w.limit, w.backgroundReserve]);
    for (let attempt = 0; attempt < 3; attempt++) {
      const epoch = this.epoch ?? (await this.sync(at));
      const member = `${at}:${randomUUID()}`;
      const reply = acquireReply.parse(
        await this.redis.eval(
          ACQUIRE,
          4,
          this.logKey,
          this.backoffKey,
          this.resyncKey,
          this.epochKey,
          at,
          member,
          options.background ? '1' : '0',
          longestSpan(this.policy),
          epoch,
          this.canary(at),
          this.policy.windows.length,
          ...windows,
        ),
      );
      if (reply[0] === 1) {
        this.remember(at, member);
        return { admitted: true };
      }
      if (reply[2] !== 'epoch') return { admitted: false, retryAt: reply[1], reason: reply[2] };
      // The log was wiped (or replaced) since this replica last synced: re-seed, then ask again.
      await this.sync(at);
    }
    return { admitted: false, retryAt: at + Math.max(1_000, this.heartbeatMs), reason: 'resync' };
  }

  async state(now: number): Promise<LogState> {
    this.startHeartbeat();
    const at = Math.floor(now);
    // Joining the epoch early shortens the time this replica could mistake a wipe for a first start.
    if (this.epoch === null) await this.sync(at);
    const pipeline = this.redis.pipeline().get(this.backoffKey).get(this.resyncKey);
    for (const window of this.policy.windows) {
      const lower = `(${at - spanOf(this.policy, window.windowMs)}`;
      pipeline
        .zcount(this.logKey, lower, '+inf')
        .zrangebyscore(this.logKey, lower, '+inf', 'WITHSCORES', 'LIMIT', 0, 1);
    }
    const replies = (await pipeline.exec()) ?? [];
    const backoff = Math.max(
      Number(backoffReply.parse(replies[0])[1] ?? 0),
      Number(backoffReply.parse(replies[1])[1] ?? 0),
    );
    const windows = this.policy.windows.map((_, i) => {
      const used = countReply.parse(replies[2 + i * 2])[1];
      const oldest = oldestReply.parse(replies[3 + i * 2])[1][1];
      return { used, oldest: oldest === undefined ? null : Number(oldest) };
    });
    return { windows, backoffUntil: backoff > at ? backoff : null };
  }

  async backOff(until: number, now: number): Promise<void> {
    this.startHeartbeat();
    const at = Math.ceil(until);
    await this.redis.eval(BACK_OFF, 1, this.backoffKey, at, Math.max(1, at - Math.floor(now)));
  }

  /**
   * Checks the epoch; after a wipe, re-seeds this replica's calls and sets the resync back-off.
   * The heartbeat calls it; tests call it to stand in for the heartbeat. Returns the epoch.
   */
  sync(now: number = this.clock.now()): Promise<string> {
    if (this.syncing) return this.syncing;
    const at = Math.floor(now);
    this.prune(at);
    const pairs = this.released.flatMap((r) => [r.at, r.member]);
    this.syncing = (async () => {
      const reply = z
        .string()
        .parse(
          await this.redis.eval(
            SYNC,
            3,
            this.logKey,
            this.resyncKey,
            this.epochKey,
            this.epoch ?? '',
            randomUUID(),
            this.canary(at),
            at,
            this.resyncBackOffMs,
            longestSpan(this.policy),
            ...pairs,
          ),
        );
      this.epoch = reply;
      return reply;
    })().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** Stops the heartbeat (tests, shutdown). The store still works; it just stops checking. */
  stop(): void {
    this.stopped = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private startHeartbeat(): void {
    if (this.heartbeat || this.stopped || this.heartbeatMs <= 0) return;
    this.heartbeat = setInterval(() => {
      // Redis away: nothing to do; acquire fails closed meanwhile and the next beat tries again.
      this.sync().catch(() => {});
    }, this.heartbeatMs);
    this.heartbeat.unref?.();
  }

  /** This replica's newest call, when it is recent enough that no replica has pruned it yet. */
  private canary(now: number): string {
    const newest = this.released[this.released.length - 1];
    return newest && newest.at > now - longestSpan(this.policy) / 2 ? newest.member : '';
  }

  private remember(at: number, member: string): void {
    let i = this.released.length;
    while (i > 0 && this.released[i - 1].at > at) i--;
    this.released.splice(i, 0, { at, member });
    this.prune(at);
  }

  private prune(now: number): void {
    const horizon = now - longestSpan(this.policy);
    let drop = 0;
    while (drop < this.released.length && this.released[drop].at <= horizon) drop++;
    if (drop > 0) this.released.splice(0, drop);
  }
}
