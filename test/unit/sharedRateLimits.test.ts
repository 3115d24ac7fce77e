/**
 * ACORN's usage-plan buckets shared in Redis (queue mode), against a real redis-server started here on
 * 127.0.0.1: the same maths as the in-memory TokenBucket, one budget for several processes (each
 * "process" here is its own SharedRedis + in-memory limiter), Redis's clock, key expiry, hash-tagged
 * keys on a real (one-node) Redis Cluster, and what happens when Redis is stopped or slow.
 */
import { RateLimiter, type BucketIdentity } from '../../nodes/sp-api/rateLimit/limiter';
import { sendMarginTokens } from '../../nodes/sp-api/rateLimit/tokenBucket';
import { BUCKET_IDLE_TTL_MS, SharedRateLimiter } from '../../nodes/sp-api/sharing/rateBuckets';
import { SharedRedis } from '../../nodes/sp-api/sharing/redis';
import { readSharingSettings, type SharingSettings } from '../../nodes/sp-api/sharing/settings';
import { claimInRedis } from '../../nodes/sp-api/sharing/onceClaims';
import { describeWithRedis } from '../helpers/describeWithRedis';
import { RedisServer } from '../helpers/redisServer';
import { recordingLogger, sleep } from '../helpers/waiting';

const identity: BucketIdentity = { clientId: 'app-1', subject: 'refresh-token-of-seller-a', region: 'NA', environment: 'production', operation: 'listFinancialEvents' };
const plan = { rate: 1, burst: 3, published: true };
const marginMs = (rate: number) => Math.ceil((sendMarginTokens(rate) / rate) * 1000);

function settingsFor(server: RedisServer, extra: Partial<SharingSettings> = {}): SharingSettings {
	const settings = readSharingSettings({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(server.port), ACORN_REDIS_PREFIX: `t${Date.now()}${Math.random().toString(36).slice(2, 6)}` })!;
	return { ...settings, ...extra };
}

/** One n8n process: its own connection and its own in-memory fallback. */
function aProcess(settings: SharingSettings, logger = recordingLogger()) {
	const redis = new SharedRedis(settings);
	const limiter = new SharedRateLimiter(redis, new RateLimiter());
	const budget = (id: BucketIdentity = identity, usagePlan = plan) => limiter.budget(id, usagePlan, { now: Date.now, logger: logger.logger });
	return { redis, limiter, budget, logs: logger.logs };
}

describeWithRedis('shared rate limits in Redis', () => {
	let server: RedisServer;
	const processes: Array<{ redis: SharedRedis }> = [];
	const started = (settings: SharingSettings) => {
		const p = aProcess(settings);
		processes.push(p);
		return p;
	};

	beforeAll(async () => {
		server = await RedisServer.start();
	});
	afterEach(async () => {
		for (const p of processes.splice(0)) await p.redis.close();
		if (!server.running) await server.resume();
	});
	afterAll(async () => {
		await server?.dispose();
	});

	it('starts full at burst, then makes callers wait their turn (same maths as TokenBucket)', async () => {
		const p = started(settingsFor(server));
		const bucket = p.budget();
		const waits = [await bucket.reserve(), await bucket.reserve(), await bucket.reserve(), await bucket.reserve()];
		expect(waits.slice(0, 2)).toEqual([0, 0]);
		// third token: the balance is back at the margin after a tenth of a token; fourth: one token later.
		// Redis's clock moves on while we ask (a few ms at 1 token/s), so the waits may be a little shorter.
		expect(waits[2]).toBeLessThanOrEqual(marginMs(1));
		expect(waits[2]).toBeGreaterThan(marginMs(1) - 30);
		expect(waits[3]).toBeLessThanOrEqual(1000 + marginMs(1));
		expect(waits[3]).toBeGreaterThan(1000 + marginMs(1) - 30);
		expect(p.redis.counts).toMatchObject({ shared: 4, fallback: 0 });
	});

	it('is one budget for every process: a second process waits behind the first one’s reservations', async () => {
		const settings = settingsFor(server);
		const a = started(settings);
		const b = started(settings);
		expect([await a.budget().reserve(), await a.budget().reserve()]).toEqual([0, 0]);
		expect(await a.budget().reserve()).toBeLessThanOrEqual(marginMs(1)); // the burst's last token
		// b has never called: its own memory would say "full", the shared bucket says "empty"
		const wait = await b.budget().reserve();
		expect(wait).toBeGreaterThan(1000 - 30);
		// and the reservations queue: the next one (from a) waits a token longer
		expect(await a.budget().reserve()).toBeGreaterThan(2000 - 30);
		// another seller has a budget of its own
		expect(await b.budget({ ...identity, subject: 'seller-b' }).reserve()).toBe(0);
	});

	it('drains on 429 and keeps queued reservations', async () => {
		const p = started(settingsFor(server));
		const bucket = p.budget();
		await bucket.drain();
		expect(await bucket.reserve()).toBeGreaterThan(1000 - 30);
		// balance now about -1: a drain does not forgive the queue
		await bucket.drain();
		const raw = await server.client().hget(p.redis.key('bucket', RateLimiter.keyFor(identity)), 'tokens');
		expect(Number(raw)).toBeLessThan(-0.9);
	});

	it('learns the rate from x-amzn-RateLimit-Limit counted from the send time, for every process', async () => {
		const settings = settingsFor(server);
		const a = started(settings);
		const b = started(settings);
		const slow = { rate: 0.5, burst: 8, published: true };
		const bucket = a.budget(identity, slow);
		for (let i = 0; i < 8; i++) await bucket.reserve(); // empty at 0.5/s
		// the request that brings the header is sent now and answered 80 ms later
		const sentAt = Date.now();
		await sleep(80);
		await bucket.learnRate(25, sentAt, Date.now());
		expect(bucket.rate).toBe(25);
		// 80 ms at 25/s ≈ 2 tokens (not 80 ms at 0.5/s = 0.04): the next request leaves within the send margin
		// (150 ms at any rate this fast) less the token those 80 ms brought back beyond its own, about 110 ms;
		// counted from the answer it would wait about 190 ms, at the old rate over 2 s
		const next = await bucket.reserve();
		expect(next).toBeLessThan(marginMs(25) - 25);
		expect(next).toBeGreaterThan(marginMs(25) - 100);
		// the other process uses the learnt rate from its first answer on
		const other = b.budget(identity, slow);
		const wait = await other.reserve();
		expect(other.rate).toBe(25);
		// one token at 25/s (40 ms) after the margin; at 0.5/s it would be over 2 s
		expect(wait).toBeLessThan(marginMs(25) + 100);
	});

	it('keeps a bucket only until it would be full again (plus an idle margin), under one hash-tagged key', async () => {
		const p = started(settingsFor(server));
		const bucket = p.budget();
		await bucket.reserve();
		await bucket.reserve();
		const key = p.redis.key('bucket', RateLimiter.keyFor(identity));
		expect(key).toMatch(new RegExp(`^${p.redis.settings.prefix}:bucket:\\{[0-9a-f]{64}:NA:production:listFinancialEvents\\}$`));
		expect(key).not.toContain(identity.subject);
		const client = server.client();
		try {
			const ttl = await client.pttl(key);
			// 2 tokens short at 1/s: full again in 2 s
			expect(ttl).toBeGreaterThan(BUCKET_IDLE_TTL_MS + 1500);
			expect(ttl).toBeLessThanOrEqual(BUCKET_IDLE_TTL_MS + 2000);
		} finally {
			client.disconnect();
		}
	});

	it('runs on Redis’s clock: a process whose own clock is an hour off paces the same', async () => {
		const settings = settingsFor(server);
		const redis = new SharedRedis(settings);
		processes.push({ redis });
		const limiter = new SharedRateLimiter(redis, new RateLimiter());
		const skewed = () => Date.now() + 3_600_000;
		const bucket = limiter.budget(identity, plan, { now: skewed });
		const waits = [];
		for (let i = 0; i < 4; i++) waits.push(await bucket.reserve());
		expect(waits[3]).toBeGreaterThan(1000);
		expect(waits[3]).toBeLessThanOrEqual(1000 + marginMs(1));
	});

	it('Redis stopped: never fails, goes on from the last shared balance in memory, warns once, and shares again when Redis is back', async () => {
		const settings = settingsFor(server);
		const quick = { ...settings, retryAfterMs: 300, timeoutMs: 300 };
		const p = started(quick);
		const bucket = p.budget();
		for (let i = 0; i < 3; i++) await bucket.reserve(); // shared balance ≈ 0
		await server.stop();
		const offline = [await bucket.reserve(), await bucket.reserve(), await bucket.reserve()];
		// the fallback carries on from the mirror (not a fresh full burst): each request still waits
		expect(offline.every((wait) => wait > 500)).toBe(true);
		expect(p.redis.state).toBe('unavailable');
		const warnings = p.logs.filter((line) => line.level === 'warn');
		expect(warnings).toHaveLength(1);
		expect(warnings[0].message).toMatch(/^ACORN cannot use Redis at 127\.0\.0\.1:\d+ \(.+\)\. Until Redis answers again, each n8n process paces its Amazon calls on its own/);
		await server.resume();
		await sleep(1200); // the cool-down, and ioredis reconnecting in the background
		await bucket.reserve();
		expect(p.redis.state).toBe('shared');
		expect(p.logs.filter((line) => line.level === 'warn')).toHaveLength(1);
		expect(p.logs.map((line) => line.message)).toContainEqual(expect.stringMatching(/^ACORN reaches Redis at 127\.0\.0\.1:\d+ again: Amazon rate limits are shared by all n8n processes again\.$/));
		expect(p.redis.counts).toMatchObject({ outages: 1, recoveries: 1 });
		expect(await server.client().exists(p.redis.key('bucket', RateLimiter.keyFor(identity)))).toBe(1);
	}, 20_000);

	it('Redis slow: a reservation that gets no answer in time is made in memory, without waiting for Redis', async () => {
		const p = started({ ...settingsFor(server), timeoutMs: 150, retryAfterMs: 60_000 });
		const bucket = p.budget();
		await bucket.reserve();
		const admin = server.client();
		try {
			await admin.call('CLIENT', 'PAUSE', '1500', 'ALL');
			const before = Date.now();
			const wait = await bucket.reserve();
			expect(Date.now() - before).toBeLessThan(1000);
			expect(wait).toBe(0); // second of a burst of 3, from the mirror
			expect(p.redis.counts.fallback).toBe(1);
			expect(p.logs.filter((line) => line.level === 'warn')[0].message).toContain('no answer within 150 ms');
			// within the cool-down Redis is not asked again
			await bucket.reserve();
			expect(p.redis.counts).toMatchObject({ shared: 1, fallback: 2 });
		} finally {
			await sleep(1600);
			admin.disconnect();
		}
	});

	it('Redis never reachable: the first call falls back at once and the workflow goes on', async () => {
		const p = started(readSharingSettings({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: '1', ACORN_REDIS_TIMEOUT_MS: '500' })!);
		const bucket = p.budget();
		const waits = [await bucket.reserve(), await bucket.reserve(), await bucket.reserve(), await bucket.reserve()];
		expect(waits.slice(0, 2)).toEqual([0, 0]);
		// one token and the margin after the third; the real clock moved on a little between the calls
		expect(waits[3]).toBeLessThanOrEqual(1000 + marginMs(1));
		expect(waits[3]).toBeGreaterThan(1000 + marginMs(1) - 50);
		expect(p.logs.filter((line) => line.level === 'warn')).toHaveLength(1);
	});

	it('keeps Seller Wallet’s once-per-execution claims for the whole execution, whichever process asks', async () => {
		const settings = settingsFor(server);
		const a = started(settings);
		const b = started(settings);
		expect(await claimInRedis(a.redis, 'exec-7', ['ref|A'], { itemIndex: 0, nodeName: 'Pay' })).toEqual({ kind: 'claimed' });
		// another worker resumes the same execution after a long wait: the claim is still there
		expect(await claimInRedis(b.redis, 'exec-7', ['ref|B', 'ref|A'], { itemIndex: 3, nodeName: 'Pay again' })).toEqual({ kind: 'taken', index: 1, earlier: { itemIndex: 0, nodeName: 'Pay' } });
		// all or none: ref|B was not taken by the refused item
		expect(await claimInRedis(b.redis, 'exec-7', ['ref|B'], { itemIndex: 4, nodeName: 'Pay again' })).toEqual({ kind: 'claimed' });
		expect(await claimInRedis(b.redis, 'exec-8', ['ref|A'], { itemIndex: 0, nodeName: 'Pay' })).toEqual({ kind: 'claimed' });
		// no account or reference in Redis, only hashes
		const client = server.client();
		try {
			const keys = await client.keys(`${settings.prefix}:once:*`);
			expect(keys).toHaveLength(2);
			const fields = await client.hkeys(keys[0]);
			expect(fields.every((field) => /^[0-9a-f]{64}$/.test(field))).toBe(true);
			expect(await client.pttl(keys[0])).toBeGreaterThan(29 * 24 * 3_600_000);
		} finally {
			client.disconnect();
		}
	});
});

describeWithRedis('Seller Wallet’s once-per-execution guard in queue mode', () => {
	let server: RedisServer;
	const saved = { ...process.env };
	beforeAll(async () => {
		server = await RedisServer.start();
		Object.assign(process.env, { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(server.port), ACORN_REDIS_PREFIX: `guard${Date.now()}` });
	});
	afterAll(async () => {
		for (const key of ['EXECUTIONS_MODE', 'QUEUE_BULL_REDIS_HOST', 'QUEUE_BULL_REDIS_PORT', 'ACORN_REDIS_PREFIX']) {
			if (saved[key] === undefined) delete process.env[key];
			else process.env[key] = saved[key];
		}
		await server?.dispose();
	});

	type Guard = typeof import('../../nodes/sp-api/n8n/oncePerExecution');
	type Sharing = typeof import('../../nodes/sp-api/sharing');
	/** The guard as one n8n process loads it: its own memory, its own connection to Redis. */
	function loadProcess(): { guard: Guard; sharing: Sharing } {
		let loaded: { guard: Guard; sharing: Sharing } | undefined;
		jest.isolateModules(() => {
			loaded = {
				// eslint-disable-next-line @typescript-eslint/no-require-imports
				guard: require('../../nodes/sp-api/n8n/oncePerExecution') as Guard,
				// eslint-disable-next-line @typescript-eslint/no-require-imports
				sharing: require('../../nodes/sp-api/sharing') as Sharing,
			};
		});
		return loaded!;
	}
	const context = (executionId: string, nodeName: string) =>
		({ getExecutionId: () => executionId, getNode: () => ({ name: nodeName }) }) as unknown as Parameters<Guard['claimOncePerExecution']>[0];

	it('refuses on another worker a payment this execution already claimed before it waited', async () => {
		const first = loadProcess();
		const second = loadProcess();
		try {
			const claim = { key: 'payout|A13V1IB3VIYZZH|Standard Orders', describe: ({ item, nodeName }: { item: number; nodeName: string }) => `already by item ${item} of ${nodeName}` };
			await first.guard.claimOncePerExecution(context('exec-42', 'Payout'), 0, claim);
			// the execution resumes on the other worker after a long Wait: its memory has never seen the claim
			await expect(second.guard.claimOncePerExecution(context('exec-42', 'Payout again'), 0, claim)).rejects.toThrow('already by item 1 of Payout');
			// another execution is free to pay
			await expect(second.guard.claimOncePerExecution(context('exec-43', 'Payout'), 0, claim)).resolves.toBeUndefined();
			expect(second.sharing.processSharing()?.redis.counts).toMatchObject({ shared: 2, fallback: 0 });
		} finally {
			await first.sharing.resetProcessSharing();
			await second.sharing.resetProcessSharing();
		}
	});
});

describeWithRedis('shared rate limits on a Redis Cluster (QUEUE_BULL_REDIS_CLUSTER_NODES)', () => {
	let cluster: RedisServer;
	beforeAll(async () => {
		cluster = await RedisServer.start({ cluster: true });
	});
	afterAll(async () => cluster?.dispose());

	it('uses the cluster nodes n8n is given, and keeps each bucket’s keys on one slot', async () => {
		const settings = readSharingSettings({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: 'ignored.invalid', QUEUE_BULL_REDIS_CLUSTER_NODES: `127.0.0.1:${cluster.port}` })!;
		expect(settings.target.kind).toBe('cluster');
		const a = aProcess(settings);
		const b = aProcess(settings);
		try {
			for (let i = 0; i < 3; i++) await a.budget().reserve();
			expect(await b.budget().reserve()).toBeGreaterThan(1000 - 30);
			const key = a.redis.key('bucket', RateLimiter.keyFor(identity));
			const client = cluster.client();
			try {
				const tag = key.slice(key.indexOf('{') + 1, key.indexOf('}'));
				expect(await client.call('CLUSTER', 'KEYSLOT', key)).toBe(await client.call('CLUSTER', 'KEYSLOT', tag));
				expect(await client.exists(key)).toBe(1);
			} finally {
				client.disconnect();
			}
			expect(a.logs.filter((line) => line.level === 'warn')).toEqual([]);
		} finally {
			await a.redis.close();
			await b.redis.close();
		}
	});
});
