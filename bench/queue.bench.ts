/**
 * Queue mode (`npm run bench:queue`): one seller's pull spread over two n8n processes, as over two queue-mode
 * workers, with ACORN's buckets shared through Redis and with sharing off. Writes bench/results/queue.json.
 * Not a test: figures vary with the machine.
 *
 * Each "worker" is a child process running two Finances pulls at once in n8n-core (the built package),
 * with EXECUTIONS_MODE=queue and n8n's QUEUE_BULL_REDIS_* settings pointing at a redis-server started here
 * on 127.0.0.1 (sharing on), or the same with ACORN_SHARING=off (each process its own buckets, as before).
 * Both children start at the same wall-clock moment against one emulator in this process, whose usage
 * plans are time-scaled (× BENCH_QUEUE_SCALE, default 20: listFinancialEvents 0.5/s → 10/s, burst 30; BENCH_QUEUE_PAGES pages per pull, default 60).
 *
 *   ceilingRatio   = ((pages − burst) / (rate × scale)) / elapsed: 1.0 is exactly Amazon's limit for the
 *                    whole fleet (Amazon's budget is per seller + app, whatever the number of processes)
 *   throttledPer100 = 429 answers per 100 requests (the emulator's request log)
 *   reserve.p50Ms / p95Ms: one reservation in the shared bucket (a Lua script on Redis) on loopback
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OPERATIONS } from '../nodes/sp-api/operations';
import { RateLimiter } from '../nodes/sp-api/rateLimit/limiter';
import { SharedRateLimiter } from '../nodes/sp-api/sharing/rateBuckets';
import { SharedRedis } from '../nodes/sp-api/sharing/redis';
import { readSharingSettings } from '../nodes/sp-api/sharing/settings';
import { startEmulator } from '../test/emulator';
import type { Emulator } from '../test/emulator/types';
import { RedisServer } from '../test/helpers/redisServer';
import { benchEntry, runBenchChild } from './childProcess';
import { OPERATION, pullInN8n, rangeForPages, type PullConfig, type PullResult } from './financesPull';

const OUT = path.resolve(__dirname, '..', '..', 'bench', 'results', 'queue.json');
const WORKERS = 2;
const WORKFLOWS_PER_WORKER = 2;

interface ChildConfig extends PullConfig {
	mode: 'worker';
}

interface WorkerResult extends PullResult {
	/** The child's Redis use: calls answered by Redis, calls made in memory, outages (none when sharing is off). */
	redis?: { shared: number; fallback: number; outages: number; recoveries: number };
}

/** A "worker": its pulls, then how often ACORN's shared buckets had to fall back (the package n8n loaded, from dist). */
async function runWorker(config: ChildConfig): Promise<WorkerResult> {
	const result = await pullInN8n(config);
	const { REPO_ROOT } = await import('../test/harness/n8nHarness');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const sharing = require(path.join(REPO_ROOT, 'dist', 'nodes', 'sp-api', 'sharing')) as { processSharing(): { redis: { counts: WorkerResult['redis'] } } | undefined };
	return { ...result, redis: sharing.processSharing()?.redis.counts };
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

interface FleetFigures {
	processes: number;
	workflowsPerProcess: number;
	pages: number;
	requests: number;
	throttled: number;
	throttledPer100: number;
	ceilingSeconds: number;
	seconds: number;
	ceilingRatio: number;
	eventsPerWorkflow: number[];
	/** When the 429s came: ms after the first request, and how many requests had been answered before. */
	throttledAt: Array<{ ms: number; index: number }>;
	/** Per process: reservations answered by Redis / made in memory (fallback) and outages seen. */
	redisPerProcess: Array<WorkerResult['redis'] | null>;
}

async function fleetPull(emulator: Emulator, base: PullConfig, env: NodeJS.ProcessEnv, rate: number, burst: number): Promise<FleetFigures> {
	// a full bucket at the emulator, as for a seller that has not pulled for a while
	await new Promise((resolve) => setTimeout(resolve, Math.ceil((burst / rate) * 1000) + 500));
	emulator.control.clearRequests();
	// children need a moment to load n8n-core and the package; they all start their pulls at startAt
	const startAt = Date.now() + 6000;
	const results = await Promise.all(
		Array.from({ length: WORKERS }, () => runBenchChild<ChildConfig, WorkerResult>(__filename, { ...base, mode: 'worker', workflows: WORKFLOWS_PER_WORKER, startAt }, env)),
	);
	const log = emulator.control.requests().filter((entry) => entry.operation === OPERATION);
	const unexpected = log.filter((entry) => entry.status !== 200 && entry.status !== 429);
	if (unexpected.length) throw new Error(`unexpected HTTP ${unexpected[0].status} from ${OPERATION}`);
	const pages = log.filter((entry) => entry.status === 200).length;
	const throttled = log.length - pages;
	const seconds = (Math.max(...results.map((r) => r.endedAt)) - Math.min(...results.map((r) => r.startedAt))) / 1000;
	const ceilingSeconds = Math.max(0, pages - burst) / rate;
	return {
		processes: WORKERS,
		workflowsPerProcess: WORKFLOWS_PER_WORKER,
		pages,
		requests: log.length,
		throttled,
		throttledPer100: round((throttled / log.length) * 100, 2),
		ceilingSeconds: round(ceilingSeconds),
		seconds: round(seconds),
		ceilingRatio: round(ceilingSeconds / seconds),
		eventsPerWorkflow: results.flatMap((r) => r.events),
		redisPerProcess: results.map((r) => r.redis ?? null),
		throttledAt: log.flatMap((entry, index) => (entry.status === 429 ? [{ ms: Date.parse(entry.at) - Date.parse(log[0].at), index }] : [])),
	};
}

/** Latency of one reservation in the shared bucket on loopback (sequential calls, after a warm-up). */
async function reservationLatency(redisPort: number, count = 3000): Promise<{ count: number; p50Ms: number; p95Ms: number; p99Ms: number; meanMs: number }> {
	const settings = readSharingSettings({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redisPort), ACORN_REDIS_PREFIX: 'bench-latency' })!;
	const redis = new SharedRedis(settings);
	try {
		const limiter = new SharedRateLimiter(redis, new RateLimiter());
		// a plan no test would exhaust: the figure is the round trip, never a wait
		const budget = limiter.budget({ clientId: 'bench', subject: 'latency', region: 'NA', environment: 'production', operation: OPERATION }, { rate: 1e9, burst: 1e9, published: true }, { now: Date.now });
		for (let i = 0; i < 200; i++) await budget.reserve();
		const samples: number[] = [];
		for (let i = 0; i < count; i++) {
			const started = process.hrtime.bigint();
			await budget.reserve();
			samples.push(Number(process.hrtime.bigint() - started) / 1e6);
		}
		if (redis.counts.fallback) throw new Error(`${redis.counts.fallback} reservations fell back: Redis was not used`);
		samples.sort((a, b) => a - b);
		const at = (q: number) => round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))], 4);
		return { count, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length, 4) };
	} finally {
		await redis.close();
	}
}

async function main(): Promise<void> {
	const scale = Number(process.env.BENCH_QUEUE_SCALE ?? 20);
	const pagesPerWorkflow = Number(process.env.BENCH_QUEUE_PAGES ?? 60);
	const loadAtStart = os.loadavg()[0];
	const redis = await RedisServer.start();
	const emulator = await startEmulator({ timeScale: scale, historyDays: 200, ordersPerDay: 40 });
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-bench-queue-'));
	try {
		const plan = OPERATIONS[OPERATION];
		const rate = plan.rate! * scale;
		const burst = plan.burst!;
		const range = rangeForPages(emulator, 'na', pagesPerWorkflow);
		const base: PullConfig = { credentials: emulator.credentialsFor('na'), postedAfter: range.postedAfter, postedBefore: range.postedBefore };
		const queueEnv = { N8N_USER_FOLDER: userFolder, EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(redis.port) };
		process.stderr.write(
			`Queue-mode benchmark: ${OPERATION}, ${WORKERS} processes × ${WORKFLOWS_PER_WORKER} workflows × ${pagesPerWorkflow} pages, rate ${rate}/s, burst ${burst} (×${scale})\n  shared…\n`,
		);
		const shared = await fleetPull(emulator, base, { ...queueEnv, ACORN_REDIS_PREFIX: `bench-${Date.now()}` }, rate, burst);
		process.stderr.write('  unshared (ACORN_SHARING=off)…\n');
		const unshared = await fleetPull(emulator, base, { ...queueEnv, ACORN_SHARING: 'off' }, rate, burst);
		process.stderr.write('  reservation latency…\n');
		const reserve = await reservationLatency(redis.port);
		for (const figures of [shared, unshared]) {
			const wrong = figures.eventsPerWorkflow.filter((events) => events !== range.events);
			if (wrong.length) throw new Error(`a pull returned ${wrong[0]} events, the range holds ${range.events}`);
		}
		const results = {
			measuredAt: new Date().toISOString(),
			node: process.version,
			cpus: os.cpus().length,
			loadAverage: { start: round(loadAtStart, 2), end: round(os.loadavg()[0], 2) },
			redis: 'redis-server on 127.0.0.1 (Debian package), started by the benchmark',
			operation: OPERATION,
			rate,
			burst,
			timeScale: scale,
			pagesPerWorkflow,
			definitions: {
				ceilingSeconds: '(all pages − burst) / (rate × timeScale): the least time Amazon allows the whole fleet, since its budget is per seller + app',
				ceilingRatio: 'ceilingSeconds / seconds (first start to last end over both processes): 1.0 = at the ceiling',
				throttledPer100: '429 answers per 100 requests sent',
				reserve: 'one reservation in the shared bucket (Lua script, Redis on loopback), ms',
			},
			shared,
			unshared,
			reserve,
			goals: {
				sharedAtLeast90Percent: shared.ceilingRatio >= 0.9,
				sharedAtMostOneThrottlePer100: shared.throttledPer100 <= 1,
				reserveP95UnderOneMs: reserve.p95Ms < 1,
			},
		};
		console.log(`\nQueue-mode benchmark: ${WORKERS} processes (like 2 workers) × ${WORKFLOWS_PER_WORKER} pulls of ${pagesPerWorkflow} pages, one seller, rate ${rate}/s, burst ${burst}\n`);
		console.table({
			'shared (Redis)': { pages: shared.pages, requests: shared.requests, '429s': shared.throttled, '429/100': shared.throttledPer100, seconds: shared.seconds, 'ceiling s': shared.ceilingSeconds, 'ceiling ratio': shared.ceilingRatio },
			'unshared (ACORN_SHARING=off)': { pages: unshared.pages, requests: unshared.requests, '429s': unshared.throttled, '429/100': unshared.throttledPer100, seconds: unshared.seconds, 'ceiling s': unshared.ceilingSeconds, 'ceiling ratio': unshared.ceilingRatio },
		});
		console.log(`one reservation on loopback: p50 ${reserve.p50Ms} ms, p95 ${reserve.p95Ms} ms, p99 ${reserve.p99Ms} ms (${reserve.count} calls)`);
		console.log(`goals: ${JSON.stringify(results.goals)}`);
		fs.mkdirSync(path.dirname(OUT), { recursive: true });
		fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
		console.log(`written to ${path.relative(process.cwd(), OUT)}`);
	} finally {
		await emulator.close();
		await redis.dispose();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

benchEntry<ChildConfig, WorkerResult>(runWorker, main);
