/**
 * The sliding log shared by every replica: one sorted set of the calls per application (each
 * member names its class and person), beside it one set per share and one per person so that
 * every count is a ZCOUNT, a sorted set of the people waiting on each replica, and one Lua
 * script that decides (`decide` of sliding-log.ts, step for step) and records the call
 * atomically, so two replicas can never both take the last slot. Times come from the caller's
 * clock (replicas' clocks agree to well within the policy's safety margin), which also lets
 * tests drive it.
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
 *   an evicted log with the epoch kept is caught only through each replica's canary, and a
 *   share's or a person's set evicted alone is not caught at all (the windows still hold);
 * - a replica that dies with people waiting leaves them counted as waiting until their next
 *   try was due plus `presenceMs`: people with more calls wait that much longer for nothing.
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
import { shareCap, type LimiterPolicy } from './policies';
import { PRIORITIES } from './priorities';
import {
  longestSpan,
  spanOf,
  type AcquireRequest,
  type Admission,
  type LogEntry,
  type LogState,
  type SlidingLogStore,
} from './sliding-log';

// A log member is "id|class|user", its score the call's time. Besides the log (KEYS[1]) each call
// is kept in the sets the rule counts it in, so that counting is a ZCOUNT, never a scan: one per
// share of its class ("<log>:share:<name>") and, for people, one per person ("<log>:people:<user>").
const RECORD = `
local function ms(n) return string.format('%d', n) end
local function record(rules, now, at, member)
  local class, user = string.match(member, '^[^|]*|([^|]*)|(.*)$')
  local keys = {KEYS[1]}
  for _, share in ipairs(rules.shares) do
    if class and share.classes[class] then table.insert(keys, KEYS[1] .. ':share:' .. share.name) end
  end
  if class == rules.people then table.insert(keys, KEYS[1] .. ':people:' .. user) end
  for _, key in ipairs(keys) do
    redis.call('ZADD', key, ms(at), member)
    redis.call('ZREMRANGEBYSCORE', key, '-inf', ms(now - rules.longest))
    redis.call('PEXPIRE', key, ms(rules.longest))
  end
end
`;

// KEYS: log, backoff, resync, epoch, waiting. ARGV[1]: the request as JSON (now, id, priority,
// users, waiter, others, epoch, canary); ARGV[2]: the policy's rules as JSON (see `rulesOf`).
// A waiting member is "waiter|user", its score when it stops counting. `decide` is the rule of
// `decide` in sliding-log.ts, step for step; only admitted calls are recorded.
const ACQUIRE = `${RECORD}
local req = cjson.decode(ARGV[1])
local rules = cjson.decode(ARGV[2])
local now = req.now
if redis.call('GET', KEYS[4]) ~= req.epoch then return {0, ms(now), 'epoch'} end
if req.canary ~= '' and not redis.call('ZSCORE', KEYS[1], req.canary) then return {0, ms(now), 'epoch'} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms(now - rules.longest))
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', ms(now))

-- People waiting: this replica's (req.others) replace what it said before; other replicas' stand.
local waiting = {}
for _, member in ipairs(redis.call('ZRANGE', KEYS[5], 0, -1)) do
  local waiter, user = string.match(member, '^([^|]*)|(.*)$')
  if waiter == req.waiter then redis.call('ZREM', KEYS[5], member) else table.insert(waiting, user) end
end
for _, user in ipairs(req.others) do table.insert(waiting, user) end
local candidates = req.users
if #candidates == 0 then candidates = {''} end

-- The calls in a set since a time, and the k-th of them (from 0), oldest first.
local function count(key, since) return redis.call('ZCOUNT', key, '(' .. ms(since), '+inf') end
local function nth(key, since, k)
  return tonumber(redis.call('ZRANGEBYSCORE', key, '(' .. ms(since), '+inf', 'WITHSCORES', 'LIMIT', k, 1)[2])
end

local counted = {}
local function callsOf(user)
  if not counted[user] then
    counted[user] = {}
    for w, window in ipairs(rules.windows) do counted[user][w] = count(KEYS[1] .. ':people:' .. user, now - window.span) end
  end
  return counted[user]
end

local function fewer(a, b)
  for i = 1, #a do
    if a[i] ~= b[i] then return a[i] < b[i] end
  end
  return false
end

local function decide(backoffUntil)
  if backoffUntil > now then return {retryAt = backoffUntil, reason = 'backoff'} end
  local refusal = nil
  local function limit(key, cap, span, reason)
    local n = count(key, now - span)
    if n < cap then return end
    local retryAt = nth(key, now - span, n - cap) + span
    if refusal == nil or retryAt > refusal.retryAt then refusal = {retryAt = retryAt, reason = reason} end
  end
  for w, window in ipairs(rules.windows) do
    local cap = window.limit
    if req.priority ~= rules.people then cap = cap - window.reserve end
    limit(KEYS[1], cap, window.span, 'budget')
    for _, share in ipairs(rules.shares) do
      if share.classes[req.priority] then limit(KEYS[1] .. ':share:' .. share.name, share.caps[w], window.span, 'share') end
    end
  end
  if refusal then return refusal end
  local user = candidates[1]
  for _, other in ipairs(candidates) do
    if fewer(callsOf(other), callsOf(user)) then user = other end
  end
  local theirTurn = #waiting > 0
  if req.priority == rules.people then
    local isCandidate = {}
    for _, c in ipairs(candidates) do isCandidate[c] = true end
    theirTurn = false
    for _, w in ipairs(waiting) do
      if not isCandidate[w] and fewer(callsOf(w), callsOf(user)) then theirTurn = true end
    end
  end
  if theirTurn then return {retryAt = now + rules.turnMs, reason = 'fair'} end
  return {admitted = true, user = user}
end

local admission
local resync = tonumber(redis.call('GET', KEYS[3]) or '0')
if resync > now then
  admission = {retryAt = resync, reason = 'resync'}
else
  admission = decide(tonumber(redis.call('GET', KEYS[2]) or '0'))
end
-- Who of this replica's people still wait, until its next try (plus presenceMs) at the latest.
local present = {}
for _, user in ipairs(req.others) do table.insert(present, user) end
if not admission.admitted and req.priority == rules.people then
  for _, user in ipairs(candidates) do table.insert(present, user) end
end
local untilAt = (admission.retryAt or now) + rules.presenceMs
for _, user in ipairs(present) do redis.call('ZADD', KEYS[5], ms(untilAt), req.waiter .. '|' .. user) end
if #present > 0 and redis.call('PTTL', KEYS[5]) < untilAt - now then redis.call('PEXPIRE', KEYS[5], ms(untilAt - now)) end
if not admission.admitted then return {0, ms(admission.retryAt), admission.reason} end
local member = req.id .. '|' .. req.priority .. '|' .. admission.user
record(rules, now, now, member)
return {1, admission.user, member}
`;

// KEYS: log, resync, epoch. ARGV: known epoch ('' if never synced), candidate epoch, canary,
// now, resync back-off ms, the rules as JSON, then (score, member) pairs this replica released.
// Returns the current epoch. Atomic, so re-seeded calls always land in the epoch returned.
const SYNC = `${RECORD}
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
  local rules = cjson.decode(ARGV[6])
  local untilAt = now + tonumber(ARGV[5])
  if untilAt > tonumber(redis.call('GET', KEYS[2]) or '0') then
    redis.call('SET', KEYS[2], ms(untilAt), 'PX', ARGV[5])
  end
  for i = 7, #ARGV, 2 do
    local at = tonumber(ARGV[i])
    if at > now - rules.longest then record(rules, now, at, ARGV[i + 1]) end
  end
end
return current
`;

const BACK_OFF = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1
`;

const acquireReply = z.union([
  z.tuple([z.literal(1), z.string(), z.string()]),
  z.tuple([z.literal(0), z.coerce.number(), z.enum(['backoff', 'budget', 'share', 'fair', 'resync', 'epoch'])]),
]);

const stringReply = z.tuple([z.null(), z.string().nullable()]);
const listReply = z.tuple([z.null(), z.array(z.string())]);

/** A log member, "id|class|user", as ACQUIRE writes it. */
const MEMBER = /^[^|]*\|([^|]*)\|([\s\S]*)$/;

/** A member written before classes were recorded counts in the windows only, as `background` does. */
function entryOf(member: string, score: string): LogEntry {
  const [, priority = '', user = ''] = MEMBER.exec(member) ?? [];
  const known = PRIORITIES.find((p) => p === priority);
  return { at: Number(score), priority: known ?? 'background', user };
}

/** The policy as the Lua script reads it. */
function rulesOf(policy: LimiterPolicy): string {
  return JSON.stringify({
    longest: longestSpan(policy),
    windows: policy.windows.map((w) => ({ span: spanOf(policy, w.windowMs), limit: w.limit, reserve: w.reserve })),
    shares: policy.shares.map((share) => ({
      name: share.name,
      classes: Object.fromEntries(share.classes.map((c) => [c, true])),
      caps: policy.windows.map((w) => shareCap(w, share)),
    })),
    people: policy.people,
    turnMs: policy.turnMs,
    presenceMs: policy.presenceMs,
  });
}

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
  private readonly waitingKey: string;
  private readonly rules: string;
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
    this.waitingKey = `${policy.keyPrefix}:waiting`;
    this.rules = rulesOf(policy);
    this.clock = options.clock ?? systemClock;
    this.heartbeatMs = options.heartbeatMs ?? 2_000;
    this.resyncBackOffMs =
      options.resyncBackOffMs ?? Math.min(...policy.windows.map((w) => spanOf(policy, w.windowMs)));
  }

  async tryAcquire(request: AcquireRequest): Promise<Admission> {
    this.startHeartbeat();
    const at = Math.floor(request.now);
    for (let attempt = 0; attempt < 3; attempt++) {
      const epoch = this.epoch ?? (await this.sync(at));
      const asked = {
        now: at,
        id: randomUUID(),
        priority: request.priority,
        users: request.users,
        waiter: request.waiter.id,
        others: request.waiter.others,
        epoch,
        canary: this.canary(at),
      };
      const reply = acquireReply.parse(
        await this.redis.eval(
          ACQUIRE,
          5,
          this.logKey,
          this.backoffKey,
          this.resyncKey,
          this.epochKey,
          this.waitingKey,
          JSON.stringify(asked),
          this.rules,
        ),
      );
      if (reply[0] === 1) {
        this.remember(at, reply[2]);
        return { admitted: true, user: reply[1] };
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
    const replies =
      (await this.redis
        .pipeline()
        .get(this.backoffKey)
        .get(this.resyncKey)
        .zrangebyscore(this.logKey, `(${at - longestSpan(this.policy)}`, '+inf', 'WITHSCORES')
        .zrangebyscore(this.waitingKey, `(${at}`, '+inf')
        .exec()) ?? [];
    const backoff = Number(stringReply.parse(replies[0])[1] ?? 0);
    const resync = Number(stringReply.parse(replies[1])[1] ?? 0);
    const log = listReply.parse(replies[2])[1];
    const entries: LogEntry[] = [];
    for (let i = 0; i < log.length; i += 2) entries.push(entryOf(log[i], log[i + 1]));
    const waiting = listReply.parse(replies[3])[1].map((member) => member.slice(member.indexOf('|') + 1));
    const pause = Math.max(backoff, resync);
    return {
      entries,
      backoff: pause > at ? { until: pause, reason: resync >= backoff ? 'resync' : 'backoff' } : null,
      waiting: [...new Set(waiting)],
    };
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
            this.rules,
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
