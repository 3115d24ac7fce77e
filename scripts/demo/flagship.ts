/**
 * The core of `npm run demo`: the flagship workflow (examples/daily-refunds-flagship.json) inside n8n's
 * engine against the SP-API emulator, with no Amazon account and no internet.
 *
 *   1. The emulator starts on 127.0.0.1 with its seeded sellers in NA, EU and FE, plus one product
 *      problem (DEMO_REFUND_SPIKES: lanterns refunded as defective in Germany today) so that the anomaly
 *      check has something realistic to find. Amazon's usage plans stay as Amazon publishes them.
 *   2. A DingTalk-compatible robot starts on 127.0.0.1 (it checks `timestamp` + `sign` like DingTalk).
 *   3. The workflow file's ACORN part runs in-process, once for each of the emulator's three sellers with
 *      that seller's single credential — exactly as a seller of that region would run the file, unedited:
 *      n8n-core's WorkflowExecute with the built package loaded by PackageDirectoryLoader (test/harness).
 *      Its one Refunds node (Enrich Refunds with Return Reasons) reads every store of the credential and
 *      fetches Amazon's FBA returns report itself.
 *   4. The steps after it in the file are n8n-nodes-base nodes that cannot run in-process (Filter, Code,
 *      Convert to File, Read/Write Files, Crypto, HTTP Request). This runner does exactly what they do,
 *      from the workflow's own output: keep the refunds of the last 24 hours, write them as a CSV (UTF-8
 *      with BOM; the three sellers' days in one file) to the output folder, and when the anomaly node
 *      found something, sign and post that run's alert to the robot. The real-n8n end-to-end test runs the
 *      whole file, these nodes included.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IDataObject, INode, IRun } from 'n8n-workflow';
import { totalsByCurrency, money, sumMoney, type Money } from '../../nodes/sp-api/money';
import { startEmulator } from '../../test/emulator';
import type { Emulator, EmulatorOptions, SellerFixtureKey } from '../../test/emulator/types';
import { BASE_NODE_STAND_INS } from '../../test/harness/baseNodeStandIns';
import { REPO_ROOT, runWorkflowJson, type WorkflowFileJson } from '../../test/harness/n8nHarness';
import { dingTalkRobot, signedDingTalkUrl, type DingTalkMessage } from '../../test/harness/thirdParty/dingTalk';
import { startStandInServer } from '../../test/harness/thirdParty/standIns';
import { refundsCsv, UTF8_BOM } from './csv';
import { dingTalkAlertMessage } from './dingTalkMessage';
import { DEMO_REFUND_SPIKES } from './scenario';

export { DEMO_REFUND_SPIKES };

export const FLAGSHIP_FILE = path.join(REPO_ROOT, 'examples', 'daily-refunds-flagship.json');

/** Node names of the flagship the runner reads. */
export const NODES = {
	refunds: 'Refunds with return reasons',
	detect: 'Detect Refund Anomalies',
};

/**
 * The emulator's sellers the demo runs the flagship for, one per region, each with its own single
 * Amazon SP-API credential (the file's credential reference is matched by type).
 */
export const DEMO_SELLERS: ReadonlyArray<{ seller: SellerFixtureKey; region: 'NA' | 'EU' | 'FE' }> = [
	{ seller: 'na', region: 'NA' },
	{ seller: 'eu', region: 'EU' },
	{ seller: 'fe', region: 'FE' },
];

const DAY_MS = 86_400_000;

export interface MarketplaceLine {
	marketplaceId: string;
	marketplaceName: string;
	currency: string;
	refunds: number;
	units: number;
	/** Exact decimal text: the refunds' net effect on the seller's money (negative). */
	total: string;
}

export interface RegionLine {
	region: string;
	/** When that seller's run started (its "last 24 hours" end here). */
	startedAt: string;
	/** Refund lines of the whole look-back (29 days) the region's Refunds node returned. */
	refundsFetched: number;
	/** Refund lines of the look-back that found their return in Amazon's returns report. */
	matched: number;
	/** Returns reports the node requested from Amazon (one per store), as Amazon's request log shows. */
	returnsReports: number;
}

export interface AlertLine {
	message: string;
	group: string;
	currency: string;
	refundCount: number;
	refundedAmount: string;
	rules: string[];
}

export interface DemoSummary {
	/** When the run started, and the 24 hours the CSV and the per-marketplace lines cover. */
	startedAt: string;
	window: { from: string; to: string };
	marketplaces: MarketplaceLine[];
	totals: Array<{ currency: string; refunds: number; total: string }>;
	regions: RegionLine[];
	alerts: AlertLine[];
	dingTalk: { url: string; posted: number; accepted: DingTalkMessage[]; rejected: Array<{ errcode: number; errmsg: string }> };
	files: { csv: string; csvLines: number; alerts: string };
	seconds: number;
}

/** One seller's run of the flagship. */
export interface SellerRun {
	seller: SellerFixtureKey;
	region: string;
	run: IRun;
	refunds: IDataObject[];
	anomalies: IDataObject[];
}

export interface DemoRun {
	summary: DemoSummary;
	/** Every refund line (enriched) the runs produced, and the anomalies, as items. */
	refunds: IDataObject[];
	anomalies: IDataObject[];
	runs: SellerRun[];
	/** The emulator stays up for inspection (tests compare with its data); close it when done. */
	emulator: Emulator;
	close(): Promise<void>;
}

export interface DemoOptions {
	outputDir: string;
	/** Overrides of the emulator settings (tests). */
	emulator?: EmulatorOptions;
	workflowFile?: string;
	/** Progress lines while it runs. */
	progress?: (line: string) => void;
}

export class DemoError extends Error {}

/** The nodes of an n8n workflow file that run in-process: the manual trigger, ACORN nodes and Merge (a seller's own multi-region copy). */
export function inProcessPart(workflow: WorkflowFileJson): WorkflowFileJson {
	const keep = (type: string) => type === 'n8n-nodes-base.manualTrigger' || type === 'n8n-nodes-base.merge' || type.startsWith('n8n-nodes-acorn.');
	const nodes = workflow.nodes.filter((node) => keep(node.type));
	const names = new Set(nodes.map((node) => node.name));
	const connections: WorkflowFileJson['connections'] = {};
	for (const [from, byType] of Object.entries(workflow.connections)) {
		if (!names.has(from)) continue;
		const main = (byType.main ?? []).map((targets) => (targets ?? []).filter((target) => names.has(target.node)));
		if (main.some((targets) => targets.length > 0)) connections[from] = { main };
	}
	return { ...workflow, nodes, connections };
}

/** One line per failing node: name, message, Amazon's hint. */
export function nodeErrors(run: IRun): string[] {
	const lines: string[] = [];
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		for (const task of tasks ?? []) {
			const error = task.error as (Error & { description?: string }) | undefined;
			if (error) lines.push(`${name}: ${error.message}${error.description ? ` — ${error.description}` : ''}`);
		}
	}
	const top = run.data.resultData.error;
	if (top && lines.length === 0) lines.push(top.message);
	return lines;
}

function outputJson(run: IRun, node: string): IDataObject[] {
	return (run.data.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
}

/** A refund line's total as exact money: `totalExact` (every node version has it); `total` is a number for sheets. */
function exactTotal(refund: IDataObject): Money {
	return money(String(refund.totalExact), String(refund.currency));
}

function marketplaceLines(refunds: readonly IDataObject[]): MarketplaceLine[] {
	const byKey = new Map<string, { first: IDataObject; items: IDataObject[] }>();
	for (const refund of refunds) {
		const key = `${String(refund.marketplaceId)}|${String(refund.currency)}`;
		const entry = byKey.get(key) ?? { first: refund, items: [] };
		entry.items.push(refund);
		byKey.set(key, entry);
	}
	return [...byKey.values()]
		.map(({ first, items }) => ({
			marketplaceId: String(first.marketplaceId ?? ''),
			marketplaceName: String(first.marketplaceName ?? first.marketplaceId ?? '?'),
			currency: String(first.currency),
			refunds: items.length,
			units: items.reduce((sum, item) => sum + Math.abs(Number(item.quantity ?? 0)), 0),
			total: sumMoney(items.map(exactTotal), String(first.currency)).amount,
		}))
		.sort((a, b) => a.marketplaceName.localeCompare(b.marketplaceName) || a.currency.localeCompare(b.currency));
}

function dateStamp(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

export async function runFlagshipDemo(options: DemoOptions): Promise<DemoRun> {
	const progress = options.progress ?? (() => undefined);
	const began = Date.now();
	const emulator = await startEmulator({ refundSpikes: DEMO_REFUND_SPIKES, ...options.emulator });
	const robotToken = 'acorn-demo-robot';
	const robotSecret = `SEC${randomBytes(24).toString('hex')}`;
	const robot = dingTalkRobot({ accessToken: robotToken, secret: robotSecret });
	let robotServer: Awaited<ReturnType<typeof startStandInServer>> | undefined;
	const close = async () => {
		await robotServer?.close();
		await emulator.close();
	};
	try {
		robotServer = await startStandInServer([robot]);
		progress(`SP-API emulator on ${emulator.url}; DingTalk robot on ${robotServer.url}`);
		const workflow = JSON.parse(fs.readFileSync(options.workflowFile ?? FLAGSHIP_FILE, 'utf8')) as WorkflowFileJson;
		const part = inProcessPart(workflow);
		const runs: SellerRun[] = [];
		let posted = 0;
		for (const { seller, region } of DEMO_SELLERS) {
			progress(`running "${workflow.name ?? 'flagship'}" in n8n's engine for the ${region} seller (its one credential): ${part.nodes.filter((node: INode) => node.type.startsWith('n8n-nodes-acorn.')).length} ACORN nodes`);
			const result = await runWorkflowJson(part, { credentials: { amazonSpApi: { ...emulator.credentialsFor(seller) } }, extraNodeTypes: BASE_NODE_STAND_INS, timezone: 'UTC' });
			const problems = nodeErrors(result.run);
			if (problems.length) throw new DemoError(`The workflow stopped with an error (${region} seller):\n  ${problems.join('\n  ')}`);
			const sellerRun: SellerRun = { seller, region, run: result.run, refunds: outputJson(result.run, NODES.refunds), anomalies: outputJson(result.run, NODES.detect) };
			runs.push(sellerRun);
			if (sellerRun.anomalies.length > 0) {
				// What the file's DingTalk steps do: the Set/Crypto nodes sign, the HTTP Request node posts.
				const message = dingTalkAlertMessage(sellerRun.anomalies);
				const url = signedDingTalkUrl(`${robotServer.url}/robot/send?access_token=${robotToken}`, robotSecret);
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ msgtype: 'markdown', markdown: message }),
				});
				posted += 1;
				const answer = (await response.json()) as { errcode?: number; errmsg?: string };
				if (answer.errcode !== 0) throw new DemoError(`DingTalk refused the message: errcode ${answer.errcode}, ${answer.errmsg}`);
			}
		}

		const startOf = (sellerRun: SellerRun) => new Date(sellerRun.run.startedAt).getTime();
		// What the file's "Last 24 hours" Filter keeps: posted after the run's start minus one day.
		const lastDayOf = (sellerRun: SellerRun) => sellerRun.refunds.filter((refund) => Date.parse(String(refund.postedDate)) > startOf(sellerRun) - DAY_MS);
		const refunds = runs.flatMap((sellerRun) => sellerRun.refunds);
		const anomalies = runs.flatMap((sellerRun) => sellerRun.anomalies);
		const lastDay = runs.flatMap(lastDayOf);
		const firstStart = Math.min(...runs.map(startOf));
		const lastStart = Math.max(...runs.map(startOf));

		fs.mkdirSync(options.outputDir, { recursive: true });
		const csvPath = path.join(options.outputDir, `amazon-refunds-${dateStamp(firstStart)}.csv`);
		fs.writeFileSync(csvPath, UTF8_BOM + refundsCsv(lastDay), 'utf8');
		const alertsPath = path.join(options.outputDir, `refund-alerts-${dateStamp(firstStart)}.json`);
		fs.writeFileSync(alertsPath, `${JSON.stringify(anomalies, null, 2)}\n`, 'utf8');

		const returnsReportsOf = (seller: SellerFixtureKey) => {
			const sellerId = emulator.fixtures.sellers[seller].sellerId;
			return emulator.control
				.requests()
				.filter((entry) => entry.operation === 'createReport' && entry.sellerId === sellerId && entry.status === 202).length;
		};
		const summary: DemoSummary = {
			startedAt: new Date(firstStart).toISOString(),
			window: { from: new Date(firstStart - DAY_MS).toISOString(), to: new Date(lastStart).toISOString() },
			marketplaces: marketplaceLines(lastDay),
			totals: totalsByCurrency(lastDay.map(exactTotal)).map((total: Money) => ({
				currency: total.currency,
				refunds: lastDay.filter((refund) => refund.currency === total.currency).length,
				total: total.amount,
			})),
			regions: runs.map((sellerRun) => ({
				region: sellerRun.region,
				startedAt: new Date(startOf(sellerRun)).toISOString(),
				refundsFetched: sellerRun.refunds.length,
				matched: sellerRun.refunds.filter((refund) => refund.returnMatched === true).length,
				returnsReports: returnsReportsOf(sellerRun.seller),
			})),
			alerts: anomalies.map((anomaly) => ({
				message: String(anomaly.message),
				group: String(anomaly.group),
				currency: String(anomaly.currency),
				refundCount: Number(anomaly.refundCount),
				// the exact text ("179.70"), as the sentence shows it; the number next to it is for spreadsheets
				refundedAmount: String(anomaly.refundedAmountExact ?? anomaly.refundedAmount),
				rules: (anomaly.rules as string[]) ?? [],
			})),
			dingTalk: { url: robotServer.url, posted, accepted: [...robot.messages], rejected: [...robot.rejected] },
			files: { csv: csvPath, csvLines: lastDay.length + 1, alerts: alertsPath },
			seconds: (Date.now() - began) / 1000,
		};
		await robotServer.close();
		robotServer = undefined;
		return { summary, refunds, anomalies, runs, emulator, close };
	} catch (error) {
		await close();
		throw error;
	}
}
