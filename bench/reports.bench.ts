/**
 * Report download benchmark (`npm run bench`, or `npm run bench:reports` alone). Not a test: figures
 * vary with the machine. Prints a table and writes bench/results/reports.json.
 *
 * The emulator (in this process) publishes a generated settlement V2 flat file of ~200 MB decoded
 * (windows-1252, gzip), streamed while it is downloaded. Each measurement runs in its own child
 * process, so its peak RSS (getrusage maxRSS) is its own:
 *   - items:    ACORN's pipeline to rows (download → gunzip → decode → TSV parser), each row counted
 *   - binary:   ACORN's pipeline to a UTF-8 file (what n8n's filesystem binary mode receives), at 50 MB
 *               and 200 MB to show that memory stays flat
 *   - baseline: plain http.get → zlib gunzip → TextDecoder, nothing else
 *   - peer:     the amazon-sp-api npm client's download(details, { json: true }) of the same document.
 *               Its HTTP layer only speaks https on port 443, so this process serves the document on
 *               https://127.0.0.1:443 with a throw-away self-signed certificate made with openssl; TLS
 *               checks are relaxed in the peer's child process only.
 *   - source:   the raw download alone (how fast the emulator serves; a ceiling for the others)
 *   - filteredRows / unfilteredRows: the Reports node's own download glue (downloadItems, output "Rows
 *               as Items") on a ~100 MB settlement, with "Only Rows Where transaction-type is Refund"
 *               and without: every kept row becomes an n8n item held in memory, as in a workflow run.
 *               Goal: filtered peak RSS below 300 MB; the unfiltered figure is recorded beside it.
 *
 * Environment: BENCH_REPORTS_MB (default 200), BENCH_REPORTS_SMALL_MB (default 50),
 * BENCH_REPORTS_SKIP_PEER=1 to leave the (slow, ~3 min, ~5 GB) peer out, BENCH_REPORTS_FILTERED_MB
 * (default 100), BENCH_REPORTS_ONLY=filteredRows to measure only the filtered rows and update that
 * entry of bench/results/reports.json (the other figures stay as they were).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { TextDecoder } from 'node:util';
import * as zlib from 'node:zlib';
import { AccessTokenCache } from '../nodes/sp-api/auth/tokenCache';
import { SpApiClient } from '../nodes/sp-api/client';
import { normalizeCredentials, type SpApiCredentialData } from '../nodes/sp-api/credentials';
import { findMarketplace } from '../nodes/sp-api/marketplaces';
import { RateLimiter } from '../nodes/sp-api/rateLimit/limiter';
import { getReportDocument, openReportDocument, rowBatchesOf } from '../nodes/sp-api/reports';
import { downloadItems, downloadSettingsFrom, type BinaryHelpers } from '../nodes/sp-api/n8n/reportOutput';
import { startEmulator } from '../test/emulator';
import { startHttpsFront } from './httpsFront';
import { benchEntry, runBenchChild } from './childProcess';

const OUT = path.resolve(__dirname, '..', '..', 'bench', 'results', 'reports.json');
const MB = 1024 * 1024;
const REPORT_TYPE = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';

type Mode = 'items' | 'binary' | 'baseline' | 'peer' | 'source' | 'filteredRows' | 'unfilteredRows';

interface ChildConfig {
	mode: Mode;
	credentials: SpApiCredentialData;
	reportDocumentId: string;
	/** For baseline / peer / source: a fresh presigned URL (peer: rewritten to https://127.0.0.1). */
	url?: string;
}

interface ChildResult {
	mode: Mode;
	seconds: number;
	decodedBytes: number;
	rows?: number;
	peakRssMb: number;
	note?: string;
}

function peakRssMb(): number {
	// maxRSS is in kilobytes on Linux
	return Math.round(process.resourceUsage().maxRSS / 1024);
}

function client(credentials: SpApiCredentialData): SpApiClient {
	return new SpApiClient({ credentials: normalizeCredentials(credentials), tokenCache: new AccessTokenCache(), rateLimiter: new RateLimiter(), timeoutMs: 120_000 });
}

// ---------------------------------------------------------------- child side

async function runChild(config: ChildConfig): Promise<ChildResult> {
	const started = process.hrtime.bigint();
	const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
	switch (config.mode) {
		case 'items': {
			const opened = await openReportDocument(client(config.credentials), config.reportDocumentId, { marketplace: findMarketplace('DE') });
			let rows = 0;
			let problems = 0;
			// as the node's items mode reads them: batches of rows, each row looked at
			for await (const batch of rowBatchesOf(opened, { reportType: REPORT_TYPE })) {
				for (const row of batch) {
					rows += 1;
					if (row.problem) problems += 1;
				}
			}
			if (!opened.stats.complete || problems > 0) throw new Error(`items: complete=${opened.stats.complete} problems=${problems}`);
			return { mode: 'items', seconds: seconds(), decodedBytes: opened.stats.decompressedBytes, rows, peakRssMb: peakRssMb() };
		}
		case 'binary': {
			const opened = await openReportDocument(client(config.credentials), config.reportDocumentId, { marketplace: findMarketplace('DE') });
			const file = path.join(os.tmpdir(), `acorn-bench-${process.pid}.tsv`);
			try {
				await pipeline(opened.utf8(), fs.createWriteStream(file));
			} finally {
				fs.rmSync(file, { force: true });
			}
			if (!opened.stats.complete) throw new Error('binary: incomplete');
			return { mode: 'binary', seconds: seconds(), decodedBytes: opened.stats.decompressedBytes, peakRssMb: peakRssMb() };
		}
		case 'baseline':
		case 'source': {
			const response = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(config.url!, resolve).on('error', reject));
			if (response.statusCode !== 200) throw new Error(`${config.mode}: HTTP ${response.statusCode}`);
			let decodedBytes = 0;
			if (config.mode === 'source') {
				for await (const chunk of response) decodedBytes += (chunk as Buffer).length;
				return { mode: 'source', seconds: seconds(), decodedBytes, peakRssMb: peakRssMb(), note: 'compressed bytes' };
			}
			const decoder = new TextDecoder('windows-1252');
			let characters = 0;
			for await (const chunk of response.pipe(zlib.createGunzip())) {
				decodedBytes += (chunk as Buffer).length;
				characters += decoder.decode(chunk as Buffer, { stream: true }).length;
			}
			characters += decoder.decode().length;
			return { mode: 'baseline', seconds: seconds(), decodedBytes, peakRssMb: peakRssMb(), note: `${characters} characters` };
		}
		case 'filteredRows':
		case 'unfilteredRows': {
			const options = config.mode === 'filteredRows' ? { onlyRowsWhere: { condition: [{ column: 'transaction-type', operator: 'isOneOf', values: 'Refund' }] } } : {};
			const settings = downloadSettingsFrom({ output: 'items', returnAll: true, options }, REPORT_TYPE, findMarketplace('DE'));
			const context: BinaryHelpers = { helpers: { prepareBinaryData: () => Promise.reject(new Error('rows only')) } };
			const items = await downloadItems(context, client(config.credentials), { reportDocumentId: config.reportDocumentId, reportType: REPORT_TYPE, summary: {} }, settings);
			if (config.mode === 'filteredRows' && items.some((item) => item.json['transaction-type'] !== 'Refund')) throw new Error('filteredRows: a row that is not a refund');
			return { mode: config.mode, seconds: seconds(), decodedBytes: 0, rows: items.length, peakRssMb: peakRssMb() };
		}
		case 'peer': {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const SellingPartner = require('amazon-sp-api') as new (config: unknown) => { download(details: unknown, options: unknown): Promise<unknown> };
			const peer = new SellingPartner({
				region: 'eu',
				refresh_token: 'not-used-by-download',
				credentials: { SELLING_PARTNER_APP_CLIENT_ID: 'not-used', SELLING_PARTNER_APP_CLIENT_SECRET: 'not-used' },
				options: { auto_request_tokens: false },
			});
			const rows = (await peer.download({ url: config.url, compressionAlgorithm: 'GZIP' }, { json: true })) as unknown[];
			return { mode: 'peer', seconds: seconds(), decodedBytes: 0, rows: rows.length, peakRssMb: peakRssMb() };
		}
	}
}

// ---------------------------------------------------------------- parent side

function spawnChild(config: ChildConfig, env: NodeJS.ProcessEnv = {}): Promise<ChildResult> {
	return runBenchChild<ChildConfig, ChildResult>(__filename, config, env);
}

const mbps = (result: ChildResult, bytes: number): number => Number((bytes / MB / result.seconds).toFixed(1));

interface FilteredRowsFigures {
	decodedMb: number;
	rowsInFile: number;
	filter: string;
	rowsKept: number;
	peakRssMb: number;
	seconds: number;
	unfilteredRows: number | null;
	unfilteredPeakRssMb: number | null;
	unfilteredSeconds: number | null;
	goalPeakRssMbBelow: number;
}

/** A ~100 MB settlement as n8n items, filtered to its refund lines in the stream, and unfiltered beside it. */
async function measureFilteredRows(emulator: Awaited<ReturnType<typeof startEmulator>>, credentials: SpApiCredentialData): Promise<FilteredRowsFigures> {
	const sizeMb = Number(process.env.BENCH_REPORTS_FILTERED_MB ?? 100);
	const document = emulator.control.reports.addGeneratedSettlementReport({ seller: 'eu', targetBytes: sizeMb * MB, marketplaceId: 'A1PA6795UKMFR9', charset: 'Cp1252' });
	process.stderr.write(`  filteredRows (${sizeMb} MB, ${document.rows} rows, refund lines only)…\n`);
	const filtered = await spawnChild({ mode: 'filteredRows', credentials, reportDocumentId: document.reportDocumentId });
	let unfiltered: ChildResult | undefined;
	if (process.env.BENCH_REPORTS_SKIP_UNFILTERED !== '1') {
		process.stderr.write(`  unfilteredRows (${sizeMb} MB, every row an item)…\n`);
		unfiltered = await spawnChild({ mode: 'unfilteredRows', credentials, reportDocumentId: document.reportDocumentId });
		if (unfiltered.rows !== document.rows) throw new Error(`unfilteredRows gave ${unfiltered.rows} items, the file has ${document.rows} rows`);
	}
	return {
		decodedMb: Number((document.bytes / MB).toFixed(1)),
		rowsInFile: document.rows,
		filter: 'Only Rows Where transaction-type is one of Refund',
		rowsKept: filtered.rows ?? 0,
		peakRssMb: filtered.peakRssMb,
		seconds: Number(filtered.seconds.toFixed(2)),
		unfilteredRows: unfiltered?.rows ?? null,
		unfilteredPeakRssMb: unfiltered?.peakRssMb ?? null,
		unfilteredSeconds: unfiltered ? Number(unfiltered.seconds.toFixed(2)) : null,
		goalPeakRssMbBelow: 300,
	};
}

function printFilteredRows(figures: FilteredRowsFigures): void {
	console.log(`\nSettlement of ${figures.decodedMb} MB (${figures.rowsInFile} rows) as n8n items:`);
	console.table([
		{ run: `${figures.filter} (${figures.rowsKept} items)`, seconds: figures.seconds, 'peak RSS MB': figures.peakRssMb },
		{ run: `no filter (${figures.unfilteredRows ?? 'not measured'} items)`, seconds: figures.unfilteredSeconds, 'peak RSS MB': figures.unfilteredPeakRssMb },
	]);
	console.log(`filtered peak RSS ${figures.peakRssMb} MB, goal below ${figures.goalPeakRssMbBelow} MB: ${figures.peakRssMb < figures.goalPeakRssMbBelow ? 'met' : 'NOT met'}`);
}

/** BENCH_REPORTS_ONLY=filteredRows: measure that alone and update its entry, keeping the other figures. */
async function mainFilteredRowsOnly(): Promise<void> {
	const emulator = await startEmulator({ enforceRateLimits: false, historyDays: 30, ordersPerDay: 1, tokenLifetimeSeconds: 86_400 });
	try {
		const figures = await measureFilteredRows(emulator, emulator.credentialsFor('eu') as unknown as SpApiCredentialData);
		printFilteredRows(figures);
		const results = fs.existsSync(OUT) ? (JSON.parse(fs.readFileSync(OUT, 'utf8')) as Record<string, unknown>) : {};
		results.filteredRows = { measuredAt: new Date().toISOString(), ...figures };
		results.goals = { ...(results.goals as object), filteredRowsBelow300Mb: figures.peakRssMb < figures.goalPeakRssMbBelow };
		fs.mkdirSync(path.dirname(OUT), { recursive: true });
		fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
		console.log(`written to ${path.relative(process.cwd(), OUT)} (filteredRows only)`);
	} finally {
		await emulator.close();
	}
}

async function main(): Promise<void> {
	if (process.env.BENCH_REPORTS_ONLY === 'filteredRows') return await mainFilteredRowsOnly();
	const largeMb = Number(process.env.BENCH_REPORTS_MB ?? 200);
	const smallMb = Number(process.env.BENCH_REPORTS_SMALL_MB ?? 50);
	const skipPeer = process.env.BENCH_REPORTS_SKIP_PEER === '1';
	const emulator = await startEmulator({ enforceRateLimits: false, historyDays: 30, ordersPerDay: 1, tokenLifetimeSeconds: 86_400 });
	const front = skipPeer ? undefined : await startHttpsFront(443, () => emulator.url);
	try {
		const credentials = emulator.credentialsFor('eu') as unknown as SpApiCredentialData;
		const large = emulator.control.reports.addGeneratedSettlementReport({ seller: 'eu', targetBytes: largeMb * MB, marketplaceId: 'A1PA6795UKMFR9', charset: 'Cp1252' });
		const small = emulator.control.reports.addGeneratedSettlementReport({ seller: 'eu', targetBytes: smallMb * MB, marketplaceId: 'A1PA6795UKMFR9', charset: 'Cp1252' });
		const api = client(credentials);
		const freshUrl = async (documentId: string): Promise<string> => (await getReportDocument(api, documentId)).url;
		const run = async (mode: Mode, documentId: string, extra: Partial<ChildConfig> = {}, env: NodeJS.ProcessEnv = {}): Promise<ChildResult> => {
			process.stderr.write(`  ${mode} (${documentId === large.reportDocumentId ? largeMb : smallMb} MB)…\n`);
			return await spawnChild({ mode, credentials, reportDocumentId: documentId, ...extra }, env);
		};
		process.stderr.write(`Reports benchmark: settlement V2 flat file, ${(large.bytes / MB).toFixed(1)} MB decoded, ${large.rows} rows, windows-1252, gzip\n`);
		const source = await run('source', large.reportDocumentId, { url: await freshUrl(large.reportDocumentId) });
		const baseline = await run('baseline', large.reportDocumentId, { url: await freshUrl(large.reportDocumentId) });
		const items = await run('items', large.reportDocumentId);
		const binary = await run('binary', large.reportDocumentId);
		const binarySmall = await run('binary', small.reportDocumentId);
		const itemsSmall = await run('items', small.reportDocumentId);
		let peer: ChildResult | undefined;
		if (!skipPeer) {
			const url = (await freshUrl(large.reportDocumentId)).replace(emulator.url, 'https://127.0.0.1');
			peer = await run('peer', large.reportDocumentId, { url }, { NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' });
			if (peer.rows !== large.rows - 1 && peer.rows !== large.rows) process.stderr.write(`  note: the peer returned ${peer.rows} rows for ${large.rows} lines\n`);
		}
		if (items.rows !== large.rows) throw new Error(`items mode read ${items.rows} rows, the file has ${large.rows}`);
		const filteredRows = await measureFilteredRows(emulator, credentials);

		const bytes = large.bytes;
		const results = {
			measuredAt: new Date().toISOString(),
			node: process.version,
			cpus: os.cpus().length,
			document: { reportType: REPORT_TYPE, decodedMb: Number((bytes / MB).toFixed(1)), rows: large.rows, charset: 'windows-1252', compression: 'gzip (level 1)', smallDecodedMb: Number((small.bytes / MB).toFixed(1)) },
			items: {
				seconds: Number(items.seconds.toFixed(2)),
				mbPerSecond: mbps(items, bytes),
				rowsPerSecond: Math.round(large.rows / items.seconds),
				peakRssMb: items.peakRssMb,
				peakRssMbBySize: { [`${smallMb}MB`]: itemsSmall.peakRssMb, [`${largeMb}MB`]: items.peakRssMb },
				speedupVsAmazonSpApi: peer ? Number((peer.seconds / items.seconds).toFixed(1)) : null,
			},
			binary: {
				seconds: Number(binary.seconds.toFixed(2)),
				mbPerSecond: mbps(binary, bytes),
				peakRssMb: binary.peakRssMb,
				peakRssMbBySize: { [`${smallMb}MB`]: binarySmall.peakRssMb, [`${largeMb}MB`]: binary.peakRssMb },
				ratioToPlainGunzipDecode: Number((binary.seconds / baseline.seconds).toFixed(2)),
			},
			plainGunzipDecode: { seconds: Number(baseline.seconds.toFixed(2)), mbPerSecond: mbps(baseline, bytes), peakRssMb: baseline.peakRssMb },
			emulatorServing: { seconds: Number(source.seconds.toFixed(2)), decodedMbPerSecond: mbps(source, bytes), compressedMb: Number((source.decodedBytes / MB).toFixed(1)) },
			amazonSpApi: peer
				? { package: 'amazon-sp-api@1.2.1', call: 'download(details, { json: true })', seconds: Number(peer.seconds.toFixed(2)), mbPerSecond: mbps(peer, bytes), peakRssMb: peer.peakRssMb, rows: peer.rows }
				: null,
			filteredRows,
			goals: {
				itemsAtLeast30xPeer: peer ? peer.seconds / items.seconds >= 30 : null,
				binaryWithin2xOfPlainGunzipDecode: binary.seconds / baseline.seconds <= 2,
				filteredRowsBelow300Mb: filteredRows.peakRssMb < filteredRows.goalPeakRssMbBelow,
			},
		};
		console.log('\nReport download benchmark (emulator on 127.0.0.1, one child process per row)\n');
		console.table([
			{ mode: 'ACORN items (rows)', seconds: results.items.seconds, 'MB/s': results.items.mbPerSecond, 'peak RSS MB': items.peakRssMb },
			{ mode: 'ACORN binary (UTF-8 file)', seconds: results.binary.seconds, 'MB/s': results.binary.mbPerSecond, 'peak RSS MB': binary.peakRssMb },
			{ mode: `ACORN binary, ${smallMb} MB file`, seconds: Number(binarySmall.seconds.toFixed(2)), 'MB/s': mbps(binarySmall, small.bytes), 'peak RSS MB': binarySmall.peakRssMb },
			{ mode: 'plain gunzip + decode', seconds: results.plainGunzipDecode.seconds, 'MB/s': results.plainGunzipDecode.mbPerSecond, 'peak RSS MB': baseline.peakRssMb },
			...(peer ? [{ mode: 'amazon-sp-api download json:true', seconds: Number(peer.seconds.toFixed(2)), 'MB/s': mbps(peer, bytes), 'peak RSS MB': peer.peakRssMb }] : []),
			{ mode: 'emulator serving (raw bytes)', seconds: results.emulatorServing.seconds, 'MB/s': results.emulatorServing.decodedMbPerSecond, 'peak RSS MB': source.peakRssMb },
		]);
		console.log(`items vs amazon-sp-api: ${results.items.speedupVsAmazonSpApi ?? 'not measured'}×; binary / plain gunzip+decode: ${results.binary.ratioToPlainGunzipDecode}×`);
		printFilteredRows(filteredRows);
		fs.mkdirSync(path.dirname(OUT), { recursive: true });
		fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
		console.log(`written to ${path.relative(process.cwd(), OUT)}`);
	} finally {
		await front?.close();
		await emulator.close();
	}
}

benchEntry<ChildConfig, ChildResult>(runChild, main);
