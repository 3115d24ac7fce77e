/**
 * Benchmarks of the SP-API core against the emulator (`npm run bench`). Prints a table and writes
 * bench/results/core.json. Not a test: figures vary with the machine.
 *
 * 1. Overhead: requests per second the core sustains with rate limits off, next to plain axios
 *    requests to the same emulator route (the difference is ACORN's own cost).
 * 2. Pacing: a 100-page pull with limits on, compared with Amazon's floor (N − burst) / rate.
 */
import axios from 'axios';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { AccessTokenCache } from '../nodes/sp-api/auth/tokenCache';
import { SpApiClient } from '../nodes/sp-api/client';
import { normalizeCredentials } from '../nodes/sp-api/credentials';
import { OPERATIONS } from '../nodes/sp-api/operations';
import { paginate } from '../nodes/sp-api/pagination';
import { RateLimiter } from '../nodes/sp-api/rateLimit/limiter';
import { startEmulator } from '../test/emulator';

const OUT = path.resolve(__dirname, '..', '..', 'bench', 'results', 'core.json');

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

function freshClient(credentials: ReturnType<typeof normalizeCredentials>): SpApiClient {
	return new SpApiClient({ credentials, tokenCache: new AccessTokenCache(), rateLimiter: new RateLimiter() });
}

async function overhead() {
	const emulator = await startEmulator({ enforceRateLimits: false, timeScale: 1_000_000, historyDays: 30, ordersPerDay: 2 });
	try {
		const credentials = normalizeCredentials(emulator.credentialsFor('na'));
		const client = freshClient(credentials);
		const total = 3000;
		const concurrency = 16;
		await client.call('getMarketplaceParticipations'); // token and rate header
		const viaCore = await timed(() => runConcurrently(total, concurrency, () => client.call('getMarketplaceParticipations')));
		const token = emulator.control.requests().at(-1)!.headers['x-amz-access-token'];
		const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
		const url = `${emulator.spApiUrl('NA')}/sellers/v1/marketplaceParticipations`;
		const plain = await timed(() =>
			runConcurrently(total, concurrency, () => axios.get(url, { headers: { 'x-amz-access-token': token }, httpAgent: agent })),
		);
		agent.destroy();
		return {
			requests: total,
			concurrency,
			coreRequestsPerSecond: Math.round(total / (viaCore.ms / 1000)),
			plainAxiosRequestsPerSecond: Math.round(total / (plain.ms / 1000)),
			coreOverheadMsPerRequest: Number(((viaCore.ms - plain.ms) / total).toFixed(3)),
		};
	} finally {
		await emulator.close();
	}
}

async function pacing(pages: number, timeScale: number) {
	const emulator = await startEmulator({ timeScale, historyDays: 1500, ordersPerDay: 1 });
	try {
		const client = freshClient(normalizeCredentials(emulator.credentialsFor('eu')));
		const op = OPERATIONS.listFinancialEventGroups;
		const rate = op.rate! * timeScale;
		const burst = op.burst!;
		let fetched = 0;
		const started = new Date(emulator.control.now().getTime() - 1400 * 86_400_000);
		const result = await timed(async () => {
			// windows of 180 days (Amazon's limit), one group per page, until `pages` pages are fetched
			for (let from = started.getTime(); fetched < pages; from += 180 * 86_400_000) {
				const to = Math.min(from + 180 * 86_400_000, emulator.control.now().getTime() - 180_000);
				if (from >= to) break;
				const params = {
					MaxResultsPerPage: 1,
					FinancialEventGroupStartedAfter: new Date(from).toISOString(),
					FinancialEventGroupStartedBefore: new Date(to).toISOString(),
				};
				for await (const page of paginate(client, 'listFinancialEventGroups', { params })) {
					void page;
					fetched += 1;
					if (fetched >= pages) break;
				}
			}
		});
		const throttled = emulator.control.requests().filter((r) => r.status === 429).length;
		const floorSeconds = Math.max(0, (fetched - burst) / rate);
		return {
			pages: fetched,
			timeScale,
			rate,
			burst,
			floorSeconds: Number(floorSeconds.toFixed(2)),
			actualSeconds: Number((result.ms / 1000).toFixed(2)),
			ratioToFloor: Number((result.ms / 1000 / floorSeconds).toFixed(3)),
			throttled429: throttled,
		};
	} finally {
		await emulator.close();
	}
}

async function main(): Promise<void> {
	const results = {
		measuredAt: new Date().toISOString(),
		node: process.version,
		overhead: await overhead(),
		pacing: [await pacing(100, 20), await pacing(40, 1)],
	};
	console.log('\nSP-API core benchmark (against the emulator on 127.0.0.1)\n');
	console.table([results.overhead]);
	console.table(results.pacing);
	fs.mkdirSync(path.dirname(OUT), { recursive: true });
	fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
	console.log(`written to ${path.relative(process.cwd(), OUT)}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
