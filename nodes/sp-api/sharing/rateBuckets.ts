/**
 * Amazon's usage-plan buckets kept in Redis, so that main and every worker of a queue-mode n8n draw on
 * one budget per application + seller + region + environment + operation, as Amazon counts. Same maths
 * as the in-memory TokenBucket (start full at burst, refill at rate, reservations below zero so callers
 * wait their turn, drain on 429, the announced rate counted from the send time, the send margin), done
 * atomically in one Lua script on Redis's own clock (TIME), so the processes' clocks never matter.
 *
 * Each process keeps a mirror of the last balance Redis gave it. When Redis cannot be used, the process
 * goes on from that mirror in its own memory (shared with its other executions) and returns to Redis
 * after the cool-down (see SharedRedis).
 */
import type { UsagePlan } from '../operations';
import type { Budget, BudgetContext, BudgetSource } from '../rateLimit/budget';
import { RateLimiter, type BucketIdentity } from '../rateLimit/limiter';
import { SEND_MARGIN_MIN_MS, SEND_MARGIN_TOKENS, type TokenBucket } from '../rateLimit/tokenBucket';
import { luaScript, type SharedRedis } from './redis';

/**
 * A bucket's key lives until the bucket would be full again plus this long; a missing key means a full
 * bucket, which is what it would be by then.
 */
export const BUCKET_IDLE_TTL_MS = 10 * 60_000;

/**
 * KEYS[1]: the bucket (hash of tokens, at = ms on Redis's clock, rate).
 * ARGV: operation (reserve | drain | rate), the plan's rate, burst, send margin (tokens), new rate, ms since
 * the request was sent, idle TTL ms, least send margin (ms). Returns { ms to wait, tokens, rate } (numbers as text: Redis would cut
 * a Lua number to an integer).
 */
export const BUCKET_SCRIPT = luaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local burst = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'rate')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
local rate = tonumber(state[3]) or tonumber(ARGV[2])
local function refill(to)
  if to > at then
    tokens = math.min(burst, tokens + (to - at) / 1000 * rate)
    at = to
  end
end
local op = ARGV[1]
local wait = 0
if op == 'reserve' then
  refill(now)
  tokens = tokens - 1
  local margin = math.min(math.max(tonumber(ARGV[4]), rate * tonumber(ARGV[8]) / 1000), math.max(tonumber(ARGV[4]), burst - 1))
  local short = margin - tokens
  if short > 0 then wait = math.ceil(short / rate * 1000) end
elseif op == 'drain' then
  refill(now)
  if tokens > 0 then tokens = 0 end
elseif op == 'rate' then
  local announced = tonumber(ARGV[5])
  if announced and announced > 0 and announced ~= rate then
    refill(math.min(now - tonumber(ARGV[6]), now))
    rate = announced
    refill(now)
  end
end
local function text(x) return string.format('%.17g', x) end
redis.call('HSET', KEYS[1], 'tokens', text(tokens), 'at', text(at), 'rate', text(rate))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000 + tonumber(ARGV[7])))
return { wait, text(tokens), text(rate) }
`);

type Operation = 'reserve' | 'drain' | 'rate';

interface BucketAnswer {
	waitMs: number;
	tokens: number;
	rate: number;
}

function readAnswer(raw: unknown): BucketAnswer | undefined {
	if (!Array.isArray(raw) || raw.length !== 3) return undefined;
	const [waitMs, tokens, rate] = raw.map(Number);
	return [waitMs, tokens, rate].every(Number.isFinite) ? { waitMs, tokens, rate } : undefined;
}

class SharedBudget implements Budget {
	constructor(
		private readonly redis: SharedRedis,
		private readonly key: string,
		private readonly plan: UsagePlan,
		/** This process's bucket of the same identity: the mirror, and the fallback. */
		private readonly local: TokenBucket,
		private readonly context: BudgetContext,
	) {}

	get rate(): number {
		return this.local.rate;
	}

	get refillMs(): number {
		return this.local.refillMs;
	}

	private async ask(operation: Operation, rate = 0, sinceSentMs = 0): Promise<BucketAnswer | undefined> {
		const raw = await this.redis.run(
			BUCKET_SCRIPT,
			[this.key],
			[operation, this.plan.rate, this.plan.burst, SEND_MARGIN_TOKENS, rate, Math.max(0, sinceSentMs), BUCKET_IDLE_TTL_MS, SEND_MARGIN_MIN_MS],
			this.context.logger,
		);
		const answer = readAnswer(raw);
		if (answer) this.local.restore(answer.tokens, answer.rate, this.context.now());
		return answer;
	}

	async reserve(): Promise<number> {
		const answer = await this.ask('reserve');
		return answer ? answer.waitMs : this.local.reserve(this.context.now());
	}

	async learnRate(rate: number, sentAt: number, answeredAt: number): Promise<void> {
		// every answer carries the header: only a rate this process has not seen yet is worth a round trip
		if (!Number.isFinite(rate) || rate <= 0 || rate === this.local.rate) return;
		const answer = await this.ask('rate', rate, answeredAt - sentAt);
		if (!answer) this.local.setRate(rate, answeredAt, sentAt);
	}

	async drain(): Promise<void> {
		const answer = await this.ask('drain');
		if (!answer) this.local.drain(this.context.now());
	}
}

/** The buckets of every n8n process in one Redis; this process's own limiter is the fallback. */
export class SharedRateLimiter implements BudgetSource {
	constructor(
		readonly redis: SharedRedis,
		readonly fallback: RateLimiter = new RateLimiter(),
	) {}

	budget(identity: BucketIdentity, plan: UsagePlan, context: BudgetContext): Budget {
		const local = this.fallback.bucket(identity, plan, context.now());
		return new SharedBudget(this.redis, this.redis.key('bucket', RateLimiter.keyFor(identity)), plan, local, context);
	}
}
