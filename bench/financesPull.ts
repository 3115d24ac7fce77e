/**
 * The pull both paging benchmarks measure: Manual Trigger → Finances "Get Many Financial Events" (Return
 * All) in n8n-core with the built package, over a range of the emulator's data holding an exact number of
 * full pages. Shared by paging.bench.ts (one process) and queue.bench.ts (two processes, like two workers).
 */
import type { AcornCredentialData, Emulator, SellerFixtureKey } from '../test/emulator/types';

export const OPERATION = 'listFinancialEvents';
/** What the Finances node asks for (MaxResultsPerPage); a range holds exactly N × this many events. */
export const PAGE_SIZE = 100;
const DAY = 86_400_000;

export interface PullConfig {
	credentials: AcornCredentialData;
	postedAfter: string;
	postedBefore: string;
	/** How many workflows run at once in this process. */
	workflows?: number;
	/** Wall-clock time (ms since the epoch) to start at, so several processes start together. */
	startAt?: number;
}

export interface PullResult {
	seconds: number;
	/** Wall-clock start and end (ms since the epoch), to place the pull's requests in between. */
	startedAt: number;
	endedAt: number;
	/** Events received per workflow (items out of the node / events in the peer's pages). */
	events: number[];
	pages?: number;
}

/** Runs `workflows` pulls at once in this process, as n8n runs executions, and times them. */
export async function pullInN8n(config: PullConfig): Promise<PullResult> {
	const harness = await import('../test/harness/n8nHarness');
	// n8n loads its node packages once at start-up, not per execution: do that before the clock starts
	await harness.buildNodeTypes();
	const spec = {
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
			{
				name: 'Finances',
				type: 'n8n-nodes-acorn.amazonSpApiFinances',
				credentials: harness.spApiCredentialRef(),
				parameters: { resource: 'financialEvent', operation: 'getMany', postedAfter: config.postedAfter, postedBefore: config.postedBefore, returnAll: true },
			},
		],
		connections: { Start: ['Finances'] },
		credentials: { amazonSpApi: { ...config.credentials } },
	};
	if (config.startAt) await new Promise((resolve) => setTimeout(resolve, Math.max(0, config.startAt! - Date.now())));
	const startedAt = Date.now();
	const started = process.hrtime.bigint();
	const results = await Promise.all(Array.from({ length: config.workflows ?? 1 }, () => harness.runWorkflow(spec)));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const endedAt = Date.now();
	for (const result of results) {
		const error = result.error('Finances');
		if (error) throw new Error(`workflow failed: ${error.message} ${error.description ?? ''}`);
	}
	return { seconds, startedAt, endedAt, events: results.map((result) => result.output('Finances').length) };
}

/**
 * A range of one 180-day window (no split) holding exactly `pages` × 100 settled events of the seller,
 * so a Return All pull is `pages` full pages. Read from the emulator's data, as a test would.
 */
export function rangeForPages(emulator: Emulator, seller: SellerFixtureKey, pages: number): { postedAfter: string; postedBefore: string; events: number } {
	const sellerId = emulator.fixtures.sellers[seller].sellerId;
	const now = emulator.control.now().getTime();
	const after = now - 175 * DAY;
	const posted = emulator.control.state
		.dataFor(sellerId)
		.events.filter((event) => event.settledAt <= now && event.postedAt >= after)
		.map((event) => event.postedAt)
		.sort((a, b) => a - b);
	const wanted = pages * PAGE_SIZE;
	if (posted.length <= wanted) throw new Error(`the emulator's data holds ${posted.length} events in 175 days, fewer than ${wanted}: raise ordersPerDay`);
	const before = posted[wanted];
	// events that settle while the benchmark runs would add a page: none may fall in the range
	const settlingSoon = emulator.control.state.dataFor(sellerId).events.some((e) => e.postedAt >= after && e.postedAt < before && e.settledAt > now && e.settledAt <= now + DAY);
	if (settlingSoon) throw new Error('events of the chosen range settle during the benchmark: pick another seed or range');
	return { postedAfter: new Date(after).toISOString(), postedBefore: new Date(before).toISOString(), events: posted.filter((ms) => ms < before).length };
}
