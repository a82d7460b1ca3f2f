/**
 * The sliding log shared by every replica: one sorted set of call times per application and
 * one Lua script that checks both windows and records the call atomically, so two replicas
 * can never both take the last slot. Times come from the caller's clock (replicas' clocks
 * agree to well within the policy's safety margin), which also lets tests drive it.
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { LimiterPolicy } from './policies';
import { longestSpan, spanOf, type Admission, type LogState, type SlidingLogStore } from './sliding-log';

// The rule of `admissionFor` (sliding-log.ts), in Lua. Only admitted calls are recorded.
const ACQUIRE = `
local now = tonumber(ARGV[1])
local backoff = tonumber(redis.call('GET', KEYS[2]) or '0')
if backoff > now then return {0, tostring(backoff), 'backoff'} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - tonumber(ARGV[4])))
local background = ARGV[3] == '1'
local retryAt = nil
for i = 0, tonumber(ARGV[5]) - 1 do
  local span = tonumber(ARGV[6 + i * 3])
  local cap = tonumber(ARGV[7 + i * 3])
  if background then cap = cap - tonumber(ARGV[8 + i * 3]) end
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

const BACK_OFF = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1
`;

const acquireReply = z.union([
  z.tuple([z.literal(1)]),
  z.tuple([z.literal(0), z.coerce.number(), z.enum(['backoff', 'budget'])]),
]);

const countReply = z.tuple([z.null(), z.number()]);
const oldestReply = z.tuple([z.null(), z.array(z.string())]);
const backoffReply = z.tuple([z.null(), z.string().nullable()]);

export class RedisSlidingLog implements SlidingLogStore {
  private readonly logKey: string;
  private readonly backoffKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly policy: LimiterPolicy,
  ) {
    this.logKey = `${policy.keyPrefix}:log`;
    this.backoffKey = `${policy.keyPrefix}:backoff`;
  }

  async tryAcquire(now: number, options: { background: boolean }): Promise<Admission> {
    const at = Math.floor(now);
    const windows = this.policy.windows.flatMap((w) => [spanOf(this.policy, w.windowMs), w.limit, w.backgroundReserve]);
    const reply = acquireReply.parse(
      await this.redis.eval(
        ACQUIRE,
        2,
        this.logKey,
        this.backoffKey,
        at,
        `${at}:${randomUUID()}`,
        options.background ? '1' : '0',
        longestSpan(this.policy),
        this.policy.windows.length,
        ...windows,
      ),
    );
    return reply[0] === 1 ? { admitted: true } : { admitted: false, retryAt: reply[1], reason: reply[2] };
  }

  async state(now: number): Promise<LogState> {
    const at = Math.floor(now);
    const pipeline = this.redis.pipeline().get(this.backoffKey);
    for (const window of this.policy.windows) {
      const lower = `(${at - spanOf(this.policy, window.windowMs)}`;
      pipeline.zcount(this.logKey, lower, '+inf').zrangebyscore(this.logKey, lower, '+inf', 'WITHSCORES', 'LIMIT', 0, 1);
    }
    const replies = (await pipeline.exec()) ?? [];
    const backoff = Number(backoffReply.parse(replies[0])[1] ?? 0);
    const windows = this.policy.windows.map((_, i) => {
      const used = countReply.parse(replies[1 + i * 2])[1];
      const oldest = oldestReply.parse(replies[2 + i * 2])[1][1];
      return { used, oldest: oldest === undefined ? null : Number(oldest) };
    });
    return { windows, backoffUntil: backoff > at ? backoff : null };
  }

  async backOff(until: number, now: number): Promise<void> {
    const at = Math.ceil(until);
    await this.redis.eval(BACK_OFF, 1, this.backoffKey, at, Math.max(1, at - Math.floor(now)));
  }
}
