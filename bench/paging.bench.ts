/**
 * Paging at Amazon's ceiling (`npm run bench`, or `npm run bench:paging` alone). Not a test: figures vary
 * with the machine. Prints a table and writes bench/results/paging.json.
 *
 * Amazon's usage plan is the physical limit of a long pull: N pages of an operation with rate r and burst
 * b take at least (N − b) / r seconds. The emulator (in this process) enforces the official plans from
 * the generated table, time-scaled (× BENCH_PAGING_SCALE, default 50: listFinancialEvents 0.5/s → 25/s,
 * burst 30), and sends `x-amzn-RateLimit-Limit` = rate × scale on 2xx, none on 429, like Amazon.
 * ACORN starts every run from the table's 0.5/s and learns the scaled rate from that header only: the
 * code path is production's, the time scale is the only difference.
 *
 *   solo       one workflow (Manual Trigger → Finances "Get Many Financial Events", Return All) in n8n-core
 *              (WorkflowExecute, the built package from dist), pulling N = 200 full pages of 100 events
 *   contended  three such workflows on the same seller at once, in one process, as n8n runs them: they
 *              share the process-wide limiter (one bucket per app + seller + region + operation), as
 *              they share Amazon's bucket
 *   peer       the same 200-page pull with the amazon-sp-api npm client: its own NextToken loop and its
 *              own 429 handling (wait its restore rate, retry), through an HTTPS front
 *   overhead   calls per second through the core with limits off against plain axios, same route
 *
 * Each pull runs in its own child process (a fresh n8n process: nothing learnt before), one after the
 * other, against the same emulator; between them the emulator's bucket refills. The 429s are read from
 * the emulator's request log.
 *
 * ceilingRatio = ceiling seconds / elapsed seconds, with ceiling = (pages − burst) / (rate × scale):
 * 1.0 is exactly at Amazon's limit, 0.5 takes twice as long as the limit allows.
 */
import axios from 'axios';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { AccessTokenCache } from '../nodes/sp-api/auth/tokenCache';
import { SpApiClient } from '../nodes/sp-api/client';
import { normalizeCredentials } from '../nodes/sp-api/credentials';
import { OPERATIONS } from '../nodes/sp-api/operations';
import { RateLimiter } from '../nodes/sp-api/rateLimit/limiter';
import { startEmulator } from '../test/emulator';
import type { AcornCredentialData, Emulator, SellerFixtureKey } from '../test/emulator/types';
import { startHttpsFront } from './httpsFront';
import { benchEntry, runBenchChild } from './childProcess';
import { OPERATION, PAGE_SIZE, pullInN8n, rangeForPages, type PullResult } from './financesPull';

const OUT = path.resolve(__dirname, '..', '..', 'bench', 'results', 'paging.json');
const SELLER: SellerFixtureKey = 'na';

type Mode = 'acorn' | 'peer';

interface ChildConfig {
	mode: Mode;
	credentials: AcornCredentialData;
	postedAfter: string;
	postedBefore: string;
	/** acorn: how many workflows run at once. */
	workflows?: number;
	/** peer: the HTTPS front's port and the restore rate (s) it waits after a 429. */
	frontPort?: number;
	restoreRateSeconds?: number;
}

type ChildResult = PullResult;

// ---------------------------------------------------------------- child side

function runAcorn(config: ChildConfig): Promise<ChildResult> {
	return pullInN8n(config);
}

interface PeerClient {
	callAPI(request: unknown): Promise<{ NextToken?: string; FinancialEvents?: Record<string, unknown[]> }>;
}

async function runPeer(config: ChildConfig): Promise<ChildResult> {
	// The peer only knows Amazon's host names on port 443: its connections go to the front instead.
	const frontPort = config.frontPort!;
	const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
	const createConnection = agent.createConnection.bind(agent) as (options: object, callback?: (error: Error | null, socket: Socket) => void) => Socket;
	agent.createConnection = ((options: object, callback?: (error: Error | null, socket: Socket) => void) =>
		createConnection({ ...options, host: '127.0.0.1', port: frontPort, servername: 'localhost' }, callback)) as typeof agent.createConnection;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const SellingPartner = require('amazon-sp-api') as new (config: unknown) => PeerClient;
	const credentials = config.credentials;
	const startedAt = Date.now();
	const started = process.hrtime.bigint();
	const peer = new SellingPartner({
		region: credentials.region.toLowerCase(),
		refresh_token: credentials.refreshToken,
		credentials: { SELLING_PARTNER_APP_CLIENT_ID: credentials.clientId, SELLING_PARTNER_APP_CLIENT_SECRET: credentials.clientSecret },
		options: { https_proxy_agent: agent, auto_request_throttled: true, auto_request_tokens: true },
	});
	let events = 0;
	let pages = 0;
	let nextToken: string | undefined;
	do {
		const payload = await peer.callAPI({
			operation: 'listFinancialEvents',
			endpoint: 'finances',
			query: { PostedAfter: config.postedAfter, PostedBefore: config.postedBefore, MaxResultsPerPage: PAGE_SIZE, ...(nextToken ? { NextToken: nextToken } : {}) },
			options: { version: 'v0', restore_rate: config.restoreRateSeconds },
		});
		pages += 1;
		for (const list of Object.values(payload.FinancialEvents ?? {})) if (Array.isArray(list)) events += list.length;
		nextToken = payload.NextToken;
	} while (nextToken);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const endedAt = Date.now();
	agent.destroy();
	return { seconds, startedAt, endedAt, events: [events], pages };
}

// ---------------------------------------------------------------- parent side

function spawnChild(config: ChildConfig, env: NodeJS.ProcessEnv = {}): Promise<ChildResult> {
	return runBenchChild<ChildConfig, ChildResult>(__filename, config, env);
}

interface PullFigures {
	workflows: number;
	pages: number;
	requests: number;
	throttled: number;
	rate: number;
	burst: number;
	timeScale: number;
	ceilingSeconds: number;
	seconds: number;
	ceilingRatio: number;
	pagesPerSecond: number;
	ceilingPagesPerSecond: number;
	throttledPer100: number;
	/** From the start to the first ${OPERATION} request's arrival (n8n, access token), ms. */
	firstRequestAfterMs: number;
	/** First to last request arrival at the emulator: the paced part, against the ceiling. */
	requestSpanSeconds: number;
	requestSpanCeilingRatio: number;
	/** From the last request's arrival to the end (last page, n8n's output), ms. */
	afterLastRequestMs: number;
	eventsPerWorkflow: number[];
}

const round = (value: number, digits = 3): number => Number(value.toFixed(digits));

async function pull(emulator: Emulator, config: ChildConfig, env: NodeJS.ProcessEnv, scale: number): Promise<PullFigures> {
	const plan = OPERATIONS[OPERATION];
	const rate = plan.rate! * scale;
	const burst = plan.burst!;
	// a full bucket at the emulator, as for a seller that has not pulled for a while
	await new Promise((resolve) => setTimeout(resolve, Math.ceil((burst / rate) * 1000) + 500));
	emulator.control.clearRequests();
	const result = await spawnChild(config, env);
	const log = emulator.control.requests().filter((entry) => entry.operation === OPERATION);
	const unexpected = log.filter((entry) => entry.status !== 200 && entry.status !== 429);
	if (unexpected.length) throw new Error(`${config.mode}: unexpected HTTP ${unexpected[0].status} from ${OPERATION}`);
	const pages = log.filter((entry) => entry.status === 200).length;
	const throttled = log.length - pages;
	const ceilingSeconds = Math.max(0, pages - burst) / rate;
	const arrivals = log.map((entry) => Date.parse(entry.at)); // the emulator's clock runs on the wall clock here
	const requestSpanSeconds = (arrivals[arrivals.length - 1] - arrivals[0]) / 1000;
	return {
		workflows: config.workflows ?? 1,
		pages,
		requests: log.length,
		throttled,
		rate,
		burst,
		timeScale: scale,
		ceilingSeconds: round(ceilingSeconds),
		seconds: round(result.seconds),
		ceilingRatio: round(ceilingSeconds / result.seconds),
		pagesPerSecond: round(pages / result.seconds, 2),
		ceilingPagesPerSecond: round(pages / ceilingSeconds, 2),
		throttledPer100: round((throttled / log.length) * 100, 2),
		firstRequestAfterMs: arrivals[0] - result.startedAt,
		requestSpanSeconds: round(requestSpanSeconds),
		requestSpanCeilingRatio: round(ceilingSeconds / requestSpanSeconds),
		afterLastRequestMs: result.endedAt - arrivals[arrivals.length - 1],
		eventsPerWorkflow: result.events,
	};
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
	const start = process.hrtime.bigint();
	const value = await fn();
	return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

async function runConcurrently(total: number, concurrency: number, task: () => Promise<unknown>): Promise<void> {
	let started = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (started < total) {
				started += 1;
				await task();
			}
		}),
	);
}

/**
 * Calls per second through the core with limits off, next to plain axios to the same emulator route
 * (16 at a time). Rounds alternate between the two (core, axios, axios, core, …) after one warm-up round
 * each, so that other work on the machine weighs on both alike; the times of all rounds are summed.
 */
async function overhead() {
	const emulator = await startEmulator({ enforceRateLimits: false, timeScale: 1_000_000, historyDays: 30, ordersPerDay: 2 });
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	try {
		const credentials = normalizeCredentials(emulator.credentialsFor('na'));
		const client = new SpApiClient({ credentials, tokenCache: new AccessTokenCache(), rateLimiter: new RateLimiter() });
		const rounds = 6;
		const perRound = 500;
		const concurrency = 16;
		await client.call('getMarketplaceParticipations'); // token and rate header
		const token = emulator.control.requests().at(-1)!.headers['x-amz-access-token'];
		const url = `${emulator.spApiUrl('NA')}/sellers/v1/marketplaceParticipations`;
		const viaCore = () => timed(() => runConcurrently(perRound, concurrency, () => client.call('getMarketplaceParticipations')));
		const viaAxios = () => timed(() => runConcurrently(perRound, concurrency, () => axios.get(url, { headers: { 'x-amz-access-token': token }, httpAgent: agent })));
		await viaCore();
		await viaAxios();
		let coreMs = 0;
		let plainMs = 0;
		for (let i = 0; i < rounds; i++) {
			const coreFirst = i % 2 === 0;
			if (coreFirst) coreMs += (await viaCore()).ms;
			plainMs += (await viaAxios()).ms;
			if (!coreFirst) coreMs += (await viaCore()).ms;
		}
		const total = rounds * perRound;
		const coreRequestsPerSecond = total / (coreMs / 1000);
		const plainAxiosRequestsPerSecond = total / (plainMs / 1000);
		return {
			requests: total,
			rounds,
			concurrency,
			coreRequestsPerSecond: Math.round(coreRequestsPerSecond),
			plainAxiosRequestsPerSecond: Math.round(plainAxiosRequestsPerSecond),
			coreOverheadMsPerRequest: round((coreMs - plainMs) / total),
			ratio: round(coreRequestsPerSecond / plainAxiosRequestsPerSecond),
		};
	} finally {
		agent.destroy();
		await emulator.close();
	}
}

async function main(): Promise<void> {
	const scale = Number(process.env.BENCH_PAGING_SCALE ?? 50);
	const pages = Number(process.env.BENCH_PAGING_PAGES ?? 200);
	const workflows = 3;
	const loadAtStart = os.loadavg()[0];
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'acorn-bench-n8n-'));
	const env = { N8N_USER_FOLDER: userFolder };
	const emulator = await startEmulator({ timeScale: scale, historyDays: 200, ordersPerDay: 40 });
	const front = await startHttpsFront(0, (request) => {
		const host = String(request.headers.host ?? '');
		if (host === 'api.amazon.com') return emulator.url; // Login with Amazon
		const region = /^sellingpartnerapi-(na|eu|fe)\.amazon\.com$/.exec(host)?.[1];
		if (!region) throw new Error(`the peer asked for an unexpected host ${host}`);
		return emulator.spApiUrl(region.toUpperCase() as 'NA' | 'EU' | 'FE');
	});
	try {
		const range = rangeForPages(emulator, SELLER, pages);
		const credentials = emulator.credentialsFor(SELLER);
		const base: ChildConfig = { mode: 'acorn', credentials, postedAfter: range.postedAfter, postedBefore: range.postedBefore };
		process.stderr.write(`Paging benchmark: ${OPERATION}, ${pages} pages of ${PAGE_SIZE} events (${range.events} events), time scale ×${scale}\n`);
		process.stderr.write('  solo…\n');
		const solo = await pull(emulator, base, env, scale);
		process.stderr.write(`  contended (${workflows} workflows)…\n`);
		const contended = await pull(emulator, { ...base, workflows }, env, scale);
		process.stderr.write('  peer (amazon-sp-api)…\n');
		// its built-in wait after a 429 is 2 s (one token at Amazon's 0.5/s); at this time scale one token takes 1 / (rate × scale)
		const restoreRateSeconds = 1 / (OPERATIONS[OPERATION].rate! * scale);
		const peer = await pull(emulator, { ...base, mode: 'peer', frontPort: front.port, restoreRateSeconds }, env, scale);
		process.stderr.write('  overhead…\n');
		const coreOverhead = await overhead();

		for (const figures of [solo, contended, peer]) {
			const expected = figures.workflows * range.events;
			const got = figures.eventsPerWorkflow.reduce((sum, n) => sum + n, 0);
			if (got !== expected) throw new Error(`a pull returned ${got} events, the range holds ${expected}`);
		}
		const results = {
			measuredAt: new Date().toISOString(),
			node: process.version,
			cpus: os.cpus().length,
			// other work on the machine weighs on every figure: the 1-minute load average at the start and end
			loadAverage: { start: round(loadAtStart, 2), end: round(os.loadavg()[0], 2) },
			operation: OPERATION,
			pageSize: PAGE_SIZE,
			eventsInRange: range.events,
			definitions: {
				ceilingSeconds: '(pages − burst) / (rate × timeScale): the least time Amazon’s usage plan allows',
				ceilingRatio: 'ceilingSeconds / seconds: 1.0 = at the ceiling, higher is faster',
				throttledPer100: '429 answers per 100 requests sent',
				peerSpeedup: 'peer seconds / ACORN solo seconds for the same pull (> 1 = ACORN faster)',
				overheadRatio: 'requests/s through the core (limits off) / requests/s of plain axios, same route',
			},
			solo,
			contended,
			peer: { package: 'amazon-sp-api@1.2.1', restoreRateSeconds: round(restoreRateSeconds, 4), ...peer, speedup: round(peer.seconds / solo.seconds) },
			overhead: coreOverhead,
			goals: {
				soloAtLeast95PercentWithoutThrottles: solo.ceilingRatio >= 0.95 && solo.throttled === 0,
				contendedAtLeast90PercentAtMostOneThrottlePer100: contended.ceilingRatio >= 0.9 && contended.throttledPer100 <= 1,
				neverSlowerThanPeer: peer.seconds >= solo.seconds,
				overheadAtLeast80Percent: coreOverhead.ratio >= 0.8,
			},
		};
		console.log(`\nPaging benchmark: ${OPERATION} against the emulator on 127.0.0.1 (rate ${solo.rate}/s, burst ${solo.burst}, time scale ×${scale})\n`);
		console.table(
			Object.fromEntries(
				[
					['ACORN solo (n8n)', solo],
					[`ACORN ${workflows} workflows at once`, contended],
					['amazon-sp-api (peer)', peer],
				].map(([name, f]) => {
					const figures = f as PullFigures;
					return [
						name as string,
						{
							pages: figures.pages,
							requests: figures.requests,
							'429s': figures.throttled,
							'429/100': figures.throttledPer100,
							seconds: figures.seconds,
							'ceiling s': figures.ceilingSeconds,
							'ceiling ratio': figures.ceilingRatio,
							'to 1st request ms': figures.firstRequestAfterMs,
							'request span s': figures.requestSpanSeconds,
							'after last ms': figures.afterLastRequestMs,
						},
					];
				}),
			),
		);
		console.table({ 'core, limits off': { 'requests/s': coreOverhead.coreRequestsPerSecond }, 'plain axios': { 'requests/s': coreOverhead.plainAxiosRequestsPerSecond } });
		console.log(`peer / ACORN time: ${results.peer.speedup}×; core / axios throughput: ${coreOverhead.ratio}`);
		console.log(`goals: ${JSON.stringify(results.goals)}`);
		fs.mkdirSync(path.dirname(OUT), { recursive: true });
		fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
		console.log(`written to ${path.relative(process.cwd(), OUT)}`);
	} finally {
		await front.close();
		await emulator.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

benchEntry<ChildConfig, ChildResult>((config) => (config.mode === 'peer' ? runPeer(config) : runAcorn(config)), main);
