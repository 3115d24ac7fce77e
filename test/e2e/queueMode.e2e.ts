/**
 * ACORN in a real n8n in queue mode, all on 127.0.0.1: redis-server and PostgreSQL (Debian packages,
 * installed when missing), the SP-API emulator with time-scaled usage plans, the pinned n8n as main
 * (webhooks, the New Refund Trigger's polls) and two workers (`n8n worker --concurrency=2`, each with its
 * own task-broker and health port), ACORN installed into every process's own user folder as a queue-mode
 * deployment installs a community package. Main and workers share ACORN's buckets through n8n's Redis.
 *
 *   1. four refund pulls of one seller at once (two per worker) plus the trigger on main: each refund
 *      exactly once per workflow, at most one 429 per 100 requests;
 *   2. a worker killed in the middle of a pull: its executions fail as n8n fails a crashed job; running
 *      them again gives complete data, and the payout at the end of one of them happens once;
 *   3. Redis stopped in the middle of the pulls: they finish (each process falls back to its own buckets,
 *      one warning each), and share again when Redis is back (a log line each).
 * Run with `npm run test:e2e -- -t queue`.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startEmulator } from '../emulator';
import type { Emulator, RequestLogEntry, SellerFixtureKey } from '../emulator/types';
import { RedisServer } from '../helpers/redisServer';
import { sleep, until } from '../helpers/waiting';
import { PostgresServer } from './queue/postgres';
import { EU_CREDENTIAL, NA_CREDENTIAL, payoutWorkflow, pullWorkflow, triggerWorkflow, type Range } from './queue/workflows';
import { RealN8n, runtimeFromEnvironment, tail, type RunningN8n } from './realN8n';
import { tarballFromEnvironment } from './world';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureDebianPackages } = require('../../scripts/e2e/debianPackages.js') as { ensureDebianPackages: (packages: string[]) => string[] };

const DAY = 86_400_000;
/**
 * Usage plans ×5: listFinancialEvents 0.5/s → 2.5/s, burst 30. ACORN sends each paced request a tenth of a
 * token after it is due (40 ms here, 200 ms at Amazon's real rate); on a busy 2-core machine Node's timers
 * can fire that many ms off, so a faster scale would measure the machine rather than the shared budget.
 */
const TIME_SCALE = 5;
const PULLS = ['acorn-pull-1', 'acorn-pull-2', 'acorn-pull-3', 'acorn-pull-4'];
const PAYOUT = 'acorn-pay';
const TRIGGER = 'acorn-new-refund';
const PAGES_PER_PULL = 30;
const PAYOUT_PULL_PAGES = 60;
const TRIGGER_LOOKBACK_DAYS = 2;
const ENCRYPTION_KEY = 'acorn-queue-e2e-encryption-key-0123456789';

interface Receiver {
	url: string;
	bodies: Array<Record<string, unknown>>;
	close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
	const bodies: Array<Record<string, unknown>> = [];
	const server = http.createServer((request, response) => {
		let text = '';
		request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
		request.on('end', () => {
			bodies.push(JSON.parse(text) as Record<string, unknown>);
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}/refund`, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A range of settled events of `seller` holding about `pages` pages of 100, ending `endDaysAgo` before now. */
function rangeForPages(emulator: Emulator, seller: SellerFixtureKey, pages: number, endDaysAgo: number): Range {
	const now = emulator.control.now().getTime();
	const before = now - endDaysAgo * DAY;
	const posted = emulator.control.state
		.dataFor(seller)
		.events.filter((event) => event.postedAt < before && event.settledAt <= now)
		.map((event) => event.postedAt)
		.sort((a, b) => b - a);
	if (posted.length <= pages * 100) throw new Error(`seller ${seller} has ${posted.length} events before the range end: too few for ${pages} pages`);
	return { postedAfter: new Date(posted[pages * 100 - 1]).toISOString(), postedBefore: new Date(before).toISOString() };
}

const refundKeyOf = (event: { amazonOrderId?: string }, item: { orderAdjustmentItemId?: string }) => `refund:${event.amazonOrderId}:${item.orderAdjustmentItemId}`;

/** Refund lines Amazon (the emulator) has in [after, before), settled by `atMs`: what a pull must return. */
function refundKeysIn(emulator: Emulator, seller: SellerFixtureKey, after: number, before: number, atMs: number): string[] {
	return emulator.control.state
		.dataFor(seller)
		.events.filter((event) => event.kind === 'Refund' && event.postedAt >= after && event.postedAt < before && event.settledAt <= atMs)
		.flatMap((event) => ((event as { items?: Array<{ orderAdjustmentItemId?: string }> }).items ?? []).map((item) => refundKeyOf(event as { amazonOrderId?: string }, item)))
		.sort();
}

interface WebhookAnswer {
	path: string;
	status: number;
	items?: Array<Record<string, unknown>>;
	text: string;
	seconds: number;
}

async function callWebhook(main: RunningN8n, path: string, body: Record<string, unknown> = {}): Promise<WebhookAnswer> {
	const started = Date.now();
	try {
		const response = await fetch(`${main.url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(240_000),
		});
		const text = await response.text();
		let items: Array<Record<string, unknown>> | undefined;
		try {
			const parsed = JSON.parse(text) as unknown;
			if (Array.isArray(parsed)) items = parsed as Array<Record<string, unknown>>;
		} catch {
			items = undefined;
		}
		return { path, status: response.status, items, text: text.slice(0, 500), seconds: (Date.now() - started) / 1000 };
	} catch (error) {
		return { path, status: 0, text: error instanceof Error ? error.message : String(error), seconds: (Date.now() - started) / 1000 };
	}
}

function spApiCalls(emulator: Emulator, since: string): RequestLogEntry[] {
	return emulator.control.requests().filter((entry) => entry.operation && entry.at >= since);
}

function throttledPer100(calls: RequestLogEntry[]): number {
	return calls.length ? (calls.filter((entry) => entry.status === 429).length / calls.length) * 100 : 0;
}

/** Lines of a process's output that contain `text`. */
const linesWith = (output: string, text: string) => output.split('\n').filter((line) => line.includes(text));

describe('ACORN in n8n queue mode: main + two workers share one Amazon budget per seller', () => {
	let redis: RedisServer;
	let postgres: PostgresServer;
	let emulator: Emulator;
	let receiver: Receiver;
	let instances: RealN8n[] = [];
	let main: RunningN8n;
	const workers: RunningN8n[] = [];
	/** Workers that were killed, kept for their logs. */
	const killed: RunningN8n[] = [];
	let pullRange: Range;
	let payoutRange: Range;
	const timings: Record<string, number> = {};
	const startedAt = Date.now();
	const mark = (name: string) => (timings[name] = Math.round((Date.now() - startedAt) / 100) / 10);

	async function startWorker(index: number): Promise<RunningN8n> {
		const worker = await instances[index + 1].worker(2, 180_000);
		workers[index] = worker;
		return worker;
	}

	/** Where each worker's log stands now, to read only what it logs from here on. */
	const logOffsets = () => workers.map((worker) => worker.output().length);

	/** Execution id → workflow id for the executions each worker started since `offsets` (its log, then n8n's database). */
	function executionsByWorker(offsets: number[]): Array<Array<{ executionId: string; workflowId: string }>> {
		return workers.map((worker, index) => {
			const ids = [...worker.output().slice(offsets[index]).matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
			if (!ids.length) return [];
			const rows = postgres.query(`select id, "workflowId" from execution_entity where id in (${ids.join(',')})`);
			return rows.map(([executionId, workflowId]) => ({ executionId, workflowId }));
		});
	}

	beforeAll(async () => {
		ensureDebianPackages(['redis-server', 'postgresql']);
		mark('packages');
		[redis, postgres, receiver] = await Promise.all([RedisServer.start({ persistent: true }), PostgresServer.start(), startReceiver()]);
		emulator = await startEmulator({ timeScale: TIME_SCALE, historyDays: 150, ordersPerDay: 25 });
		pullRange = rangeForPages(emulator, 'na', PAGES_PER_PULL, 60);
		payoutRange = rangeForPages(emulator, 'eu', PAYOUT_PULL_PAGES, 60);
		mark('redis, postgres, emulator');
		const env: NodeJS.ProcessEnv = {
			...postgres.n8nEnv,
			EXECUTIONS_MODE: 'queue',
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// n8n ends a process whose Redis is away longer than this (default 10 s); the outage below is shorter
			QUEUE_BULL_REDIS_TIMEOUT_THRESHOLD: '120000',
			// a killed worker's job is found stalled within about 20 s instead of a minute
			QUEUE_WORKER_LOCK_DURATION: '15000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
			QUEUE_WORKER_STALLED_INTERVAL: '10000',
			ACORN_REDIS_RETRY_SECONDS: '3',
		};
		const runtime = runtimeFromEnvironment();
		const tarball = tarballFromEnvironment();
		instances = await Promise.all([0, 1, 2].map(() => RealN8n.create({ runtime, tarball, env, keep: process.env.ACORN_E2E_KEEP === '1' })));
		mark('ACORN installed for main and both workers');
		const [first] = instances;
		await first.importCredentials([
			{ ...NA_CREDENTIAL, type: 'amazonSpApi', data: { ...emulator.credentialsFor('na') } },
			{ ...EU_CREDENTIAL, type: 'amazonSpApi', data: { ...emulator.credentialsFor('eu') } },
		]);
		const all = [...PULLS.map((id) => pullWorkflow(id, pullRange)), payoutWorkflow(PAYOUT, payoutRange), triggerWorkflow(TRIGGER, receiver.url, TRIGGER_LOOKBACK_DAYS)];
		await first.importWorkflows(all);
		// what `n8n publish:workflow --id` does (WorkflowRepository.publishVersion), for all at once
		postgres.query(`update workflow_entity set active = true, "activeVersionId" = "versionId" where id in (${all.map((w) => `'${String(w.id)}'`).join(',')})`);
		mark('imported and published');
		emulator.control.clearRequests();
		main = await first.start(180_000);
		mark('main answers');
		await Promise.all([startWorker(0), startWorker(1)]);
		mark('workers started');
		// n8n 2.41 publishes workflows through its publication outbox, after start-up: wait until main answers
		// for every webhook (a GET to a POST webhook is refused with "Did you mean to make a POST request?")
		for (const path of [...PULLS, PAYOUT]) {
			const started = Date.now();
			for (;;) {
				const answer = await fetch(`${main.url}/webhook/${path}`).then((response) => response.text(), (error: Error) => error.message);
				if (answer.includes('Did you mean to make a POST request')) break;
				if (Date.now() - started > 240_000) throw new Error(`main did not register the webhook ${path}: ${answer}\n${tail(main.output(), 30)}`);
				await sleep(500);
			}
		}
		mark('main activated the workflows');
	}, 900_000);

	afterAll(async () => {
		// every process's log, for reading after a failure (CI prints the folder)
		const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-queue-e2e-logs-'));
		if (main) fs.writeFileSync(path.join(logDir, 'main.log'), main.output());
		workers.forEach((worker, index) => worker && fs.writeFileSync(path.join(logDir, `worker-${index + 1}.log`), worker.output()));
		killed.forEach((worker, index) => fs.writeFileSync(path.join(logDir, `killed-worker-${index + 1}.log`), worker.output()));
		process.stderr.write(`[queue e2e] n8n logs: ${logDir}\n`);
		await Promise.all([main?.stop(), ...workers.map((worker) => worker?.stop())].filter(Boolean));
		await Promise.all(instances.map((instance) => instance.dispose()));
		await Promise.all([redis?.dispose(), postgres?.stop(), receiver?.close(), emulator?.close()].filter(Boolean));
		process.stderr.write(`[queue e2e] seconds since start: ${JSON.stringify(timings)}\n`);
	});

	function expectCompletePull(answer: WebhookAnswer, expected: string[]): void {
		expect({ path: answer.path, status: answer.status, text: answer.items ? '' : answer.text }).toEqual({ path: answer.path, status: 200, text: '' });
		const keys = answer.items!.map((item) => String(item.refundKey)).sort();
		// every refund line of the range, none twice
		expect(new Set(keys).size).toBe(keys.length);
		expect(keys).toEqual(expected);
	}

	it('four pulls of one seller at once over both workers, plus the New Refund Trigger on main: every refund once per workflow, at most one 429 per 100 requests', async () => {
		const since = new Date().toISOString();
		const offsets = logOffsets();
		const answers = await Promise.all(PULLS.map((path) => callWebhook(main, path)));
		mark('round 1 done');
		const expected = refundKeysIn(emulator, 'na', Date.parse(pullRange.postedAfter), Date.parse(pullRange.postedBefore), Date.now());
		expect(expected.length).toBeGreaterThan(20);
		for (const answer of answers) expectCompletePull(answer, expected);
		// two executions on each worker (concurrency 2 each, four at once)
		const ran = executionsByWorker(offsets).map((executions) => executions.filter((e) => PULLS.includes(e.workflowId)).length);
		expect(ran).toEqual([2, 2]);
		const calls = spApiCalls(emulator, since).filter((entry) => entry.operation === 'listFinancialEvents');
		expect(calls.length).toBeGreaterThanOrEqual(PULLS.length * PAGES_PER_PULL);
		const per100 = throttledPer100(calls);
		process.stderr.write(`[queue e2e] round 1: ${calls.length} listFinancialEvents requests, ${calls.filter((e) => e.status === 429).length} answered 429 (${per100.toFixed(2)} per 100); pulls took ${answers.map((a) => a.seconds).join(', ')} s\n`);
		expect(per100).toBeLessThanOrEqual(1);
		// every process said it shares through Redis
		for (const process_ of [main, ...workers]) expect(linesWith(process_.output(), 'ACORN shares Amazon rate limits with the other n8n processes through Redis')).not.toEqual([]);
	}, 300_000);

	it('a worker killed in the middle of a pull: its executions fail, a rerun gives complete data, the payout happens once', async () => {
		const since = new Date().toISOString();
		const euSellerId = emulator.fixtures.sellers.eu.sellerId;
		const offsets = logOffsets();
		const pending = [...PULLS.slice(0, 3).map((path) => callWebhook(main, path)), callWebhook(main, PAYOUT, { marketplace: 'FR' })];
		// the payout workflow's pull is under way and paced (past its burst of 30 pages)
		await until(() => spApiCalls(emulator, since).filter((e) => e.sellerId === euSellerId && e.operation === 'listFinancialEvents').length >= 35, 120_000, 'the payout workflow pulling', 200);
		const byWorker = executionsByWorker(offsets);
		const victim = byWorker.findIndex((executions) => executions.some((e) => e.workflowId === PAYOUT));
		expect(victim).toBeGreaterThanOrEqual(0);
		const victimWorkflows = byWorker[victim].map((e) => e.workflowId);
		killed.push(workers[victim]);
		await workers[victim].kill();
		mark('worker killed');
		const answers = await Promise.all(pending);
		mark('round 2 answered');
		const failed = answers.filter((answer) => answer.status !== 200);
		// what the killed worker ran failed (n8n does not run a crashed job again); the others completed
		expect(failed.map((a) => a.path).sort()).toEqual(answers.filter((a) => victimWorkflows.includes(a.path)).map((a) => a.path).sort());
		expect(failed.map((a) => a.path)).toContain(PAYOUT);
		expect(emulator.control.requests().filter((e) => e.operation === 'initiatePayout')).toEqual([]);
		// the worker comes back (as an orchestrator restarts it) and the failed workflows are run again
		await startWorker(victim);
		const reruns = await Promise.all(failed.map((answer) => callWebhook(main, answer.path, answer.path === PAYOUT ? { marketplace: 'FR' } : {})));
		mark('round 2 reruns done');
		const expected = refundKeysIn(emulator, 'na', Date.parse(pullRange.postedAfter), Date.parse(pullRange.postedBefore), Date.now());
		for (const answer of [...answers.filter((a) => a.status === 200), ...reruns.filter((a) => a.path !== PAYOUT)]) expectCompletePull(answer, expected);
		const payout = reruns.find((a) => a.path === PAYOUT)!;
		expect(payout.status).toBe(200);
		expect(payout.items).toEqual([expect.objectContaining({ payoutReferenceId: expect.any(String), marketplaceId: 'A13V1IB3VIYZZH' })]);
		expect(emulator.control.requests().filter((e) => e.operation === 'initiatePayout').map((e) => e.status)).toEqual([200]);
	}, 420_000);

	it('Redis stopped in the middle: the pulls finish in each process’s own buckets, one warning per process, and sharing resumes when Redis is back', async () => {
		const since = new Date().toISOString();
		const outputBefore = logOffsets();
		const pending = [...PULLS.slice(0, 3).map((path) => callWebhook(main, path)), callWebhook(main, PAYOUT, { marketplace: 'DE' })];
		await until(() => spApiCalls(emulator, since).filter((e) => e.operation === 'listFinancialEvents').length >= 40, 120_000, 'the pulls under way', 200);
		await redis.stop();
		mark('redis stopped');
		await sleep(5000);
		await redis.resume();
		mark('redis back');
		const answers = await Promise.all(pending);
		mark('round 3 done');
		const expected = refundKeysIn(emulator, 'na', Date.parse(pullRange.postedAfter), Date.parse(pullRange.postedBefore), Date.now());
		for (const answer of answers.filter((a) => a.path !== PAYOUT)) expectCompletePull(answer, expected);
		const payout = answers.find((a) => a.path === PAYOUT)!;
		expect({ status: payout.status, text: payout.items ? '' : payout.text }).toEqual({ status: 200, text: '' });
		// one payout per marketplace over the whole run: FR (round 2) and DE (here), nothing repeated
		const payouts = emulator.control.requests().filter((e) => e.operation === 'initiatePayout');
		expect(payouts.map((e) => e.status)).toEqual([200, 200]);
		const calls = spApiCalls(emulator, since);
		process.stderr.write(`[queue e2e] round 3 (Redis stopped 5 s): ${calls.length} SP-API requests, ${calls.filter((e) => e.status === 429).length} answered 429\n`);
		// each worker: one warning for the outage, then back to sharing
		workers.forEach((worker, index) => {
			const output = worker.output().slice(outputBefore[index]);
			expect({ worker: index, warnings: linesWith(output, 'ACORN cannot use Redis at').length }).toEqual({ worker: index, warnings: 1 });
			expect({ worker: index, resumed: linesWith(output, 'ACORN reaches Redis at').length }).toEqual({ worker: index, resumed: 1 });
		});
		// and the shared bucket of the seller is in Redis again
		const client = redis.client();
		try {
			expect((await client.keys('acorn:bucket:*')).length).toBeGreaterThan(0);
		} finally {
			client.disconnect();
		}
	}, 420_000);

	it('the New Refund Trigger on main emitted every refund of its windows exactly once', async () => {
		// its first poll ran when main activated it; the executions it started ran on the workers
		await sleep(2000);
		// the trigger reads the last days; the pulls read ranges two months back
		const triggerCalls = emulator.control
			.requests()
			.filter((e) => e.operation === 'listFinancialEvents' && e.sellerId === emulator.fixtures.sellers.na.sellerId && !e.query.NextToken && e.status === 200 && Date.parse(e.query.PostedBefore) > Date.now() - 7 * DAY);
		expect(triggerCalls.length).toBeGreaterThan(0);
		const expected = [...new Set(triggerCalls.flatMap((call) => refundKeysIn(emulator, 'na', Date.parse(call.query.PostedAfter), Date.parse(call.query.PostedBefore), Date.parse(call.at))))].sort();
		const received = receiver.bodies.map((body) => String(body.refundKey)).sort();
		if (received.length !== expected.length) {
			const runs = postgres.query(`select e.id, e.status, left(d.data, 3000) from execution_entity e join execution_data d on d."executionId" = e.id where e."workflowId" = '${TRIGGER}'`);
			process.stderr.write(`[queue e2e] trigger executions: ${JSON.stringify(runs)}\n`);
		}
		expect(new Set(received).size).toBe(received.length);
		expect(received).toEqual(expected);
		expect(tail(main.output(), 200)).not.toMatch(/The polling interval is too short/);
	}, 120_000);
});
