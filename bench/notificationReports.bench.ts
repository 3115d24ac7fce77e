/**
 * "Download Report" of the Notifications trigger, measured against the emulator (`npm run bench:notification-reports`).
 * Prints the figures and writes bench/results/notification-reports.json. Not a test: figures vary with the machine.
 *
 * A REPORT_PROCESSING_FINISHED notification for a big generated settlement report (windows-1252, gzip)
 * goes into an SQS queue whose visibility timeout is 10 s (queue time = real time here). The core's
 * poller with the trigger's heartbeat (every third of the timeout) hands it to the trigger's report code
 * (`reportRun`): once as a file (streamed into a byte counter standing in for n8n's binary store) and once
 * as rows (every row an item in memory, as n8n holds them). A third run starts with Amazon's
 * getReportDocument quota used up (15 download addresses fetched just before, burst 15, then one a
 * minute): the trigger waits about a minute before it can download, far longer than the visibility
 * timeout. Reported: time, rows, throughput, peak RSS, heartbeat calls, and how often SQS handed the
 * message out (1 = never again mid-download).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { reportRun } from '../nodes/AmazonSpApiNotificationsTrigger/reportDownload';
import { AccessTokenCache } from '../nodes/sp-api/auth/tokenCache';
import { normalizeSqsCredentials } from '../nodes/sp-api/aws/queueCredentials';
import { SqsClient } from '../nodes/sp-api/aws/sqs';
import { SqsPoller } from '../nodes/sp-api/aws/sqsPoller';
import { SpApiClient } from '../nodes/sp-api/client';
import { normalizeCredentials, type SpApiCredentialData } from '../nodes/sp-api/credentials';
import type { BinaryHelpers } from '../nodes/sp-api/n8n/reportOutput';
import { DedupeWindow } from '../nodes/sp-api/notifications/dedupe';
import { classify } from '../nodes/sp-api/notifications/pipeline';
import { RateLimiter } from '../nodes/sp-api/rateLimit/limiter';
import { startEmulator } from '../test/emulator';

const OUT = path.resolve(__dirname, '..', '..', 'bench', 'results', 'notification-reports.json');
const MB = 1024 * 1024;
const VISIBILITY_SECONDS = 10;

function envelope(id: string, reportId: string, reportDocumentId: string): string {
	const now = new Date().toISOString();
	return JSON.stringify({
		notificationVersion: '2020-09-04',
		notificationType: 'REPORT_PROCESSING_FINISHED',
		payloadVersion: '2020-09-04',
		eventTime: now,
		notificationMetadata: { notificationId: id, subscriptionId: 's', publishTime: now, applicationId: 'a' },
		payload: {
			reportProcessingFinishedNotification: {
				sellerId: 'A1ACORNSELLEREU',
				accountId: 'amzn1.merchant.o.A1ACORNSELLEREU',
				reportId,
				reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
				processingStatus: 'DONE',
				reportDocumentId,
			},
		},
	});
}

/** n8n's binary store stand-in: reads the stream to the end and counts its bytes. */
function countingBinaryStore(counted: { bytes: number }): BinaryHelpers {
	return {
		helpers: {
			prepareBinaryData: (async (stream: Readable, fileName?: string, mimeType?: string) => {
				for await (const chunk of stream) counted.bytes += (chunk as Buffer).length;
				return { data: '', mimeType: mimeType ?? 'application/octet-stream', fileName };
			}) as unknown as BinaryHelpers['helpers']['prepareBinaryData'],
		},
	};
}

interface Scenario {
	name: string;
	output: 'binary' | 'items';
	mb: number;
	/** getReportDocument calls made just before with the same quota (the usage plan's burst is 15). */
	quotaUsedFirst: number;
}

async function main(): Promise<void> {
	const targetMb = Number(process.env.REPORT_MB ?? 100);
	const scenarios: Scenario[] = [
		// lightest first: peak RSS is the process's, so each figure includes what the runs before left
		{ name: 'quotaUsedUp', output: 'binary', mb: 5, quotaUsedFirst: 15 },
		{ name: 'file', output: 'binary', mb: targetMb, quotaUsedFirst: 0 },
		{ name: 'rows', output: 'items', mb: targetMb, quotaUsedFirst: 0 },
	];
	const emulator = await startEmulator({ enforceRateLimits: false, ordersPerDay: 4 });
	const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), node: process.version, visibilityTimeoutSeconds: VISIBILITY_SECONDS };
	try {
		for (const { name, output, mb, quotaUsedFirst } of scenarios) {
			const generated = emulator.control.reports.addGeneratedSettlementReport({ seller: 'eu', targetBytes: mb * MB, marketplaceId: 'A1PA6795UKMFR9' });
			const queue = emulator.control.sqs.createQueue({ name: `bench-${name}`, visibilityTimeout: VISIBILITY_SECONDS }).name;
			emulator.control.sqs.send(queue, envelope(`bench-${name}`, generated.reportId, generated.reportDocumentId));
			const settings = normalizeSqsCredentials(emulator.control.sqs.credentialsFor(queue));
			const sqs = new SqsClient({ credentials: settings.credentials, region: settings.region, endpoint: settings.endpoint });
			// ACORN paces every call by Amazon's usage plan (getReportDocument: burst 15, then 0.0167/s)
			const spApi = new SpApiClient({
				credentials: normalizeCredentials(emulator.credentialsFor('eu') as unknown as SpApiCredentialData),
				tokenCache: new AccessTokenCache(),
				rateLimiter: new RateLimiter(),
				timeoutMs: 120_000,
			});
			for (let i = 0; i < quotaUsedFirst; i++) await spApi.call('getReportDocument', { params: { reportDocumentId: generated.reportDocumentId } });
			const dedupe = new DedupeWindow({ seen: [] });
			const counted = { bytes: 0 };
			let items = 0;
			let peakRss = process.memoryUsage().rss;
			const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
			const started = process.hrtime.bigint();
			const poller = new SqsPoller({
				client: sqs,
				queueUrl: settings.queueUrl!,
				waitSeconds: 1,
				visibilityTimeout: VISIBILITY_SECONDS,
				heartbeat: { everyMs: (VISIBILITY_SECONDS * 1000) / 3, extendSeconds: VISIBILITY_SECONDS },
				handle: async (messages, batch) => {
					const done = [];
					for (const message of messages) {
						const classified = classify({ body: message.body, transportId: message.messageId, source: { kind: 'sqs', queueUrl: settings.queueUrl!, messageId: message.messageId } }, new Set(['REPORT_PROCESSING_FINISHED']), dedupe, new Set());
						if (classified.kind !== 'notification') continue;
						const run = await reportRun(countingBinaryStore(counted), spApi, classified.item as never, { output, options: {} }, message.receiveCount, batch.signal);
						if (run.kind !== 'items') throw new Error(`download did not finish: ${run.kind}`);
						items = run.items.length;
						dedupe.remember(classified.dedupeId);
						done.push(message);
					}
					return { delete: done, emitted: done.length > 0, stop: true };
				},
			});
			await poller.start();
			const seconds = Number(process.hrtime.bigint() - started) / 1e9;
			clearInterval(sampler);
			const receives = emulator.control.sqs.requests().filter((r) => r.action === 'ReceiveMessage' && r.queueUrl?.endsWith(`/${queue}`) && (r.count ?? 0) > 0).length;
			const entry = {
				output,
				quotaUsedFirst,
				documentMb: Math.round((generated.bytes / MB) * 10) / 10,
				rowsInFile: generated.rows,
				items,
				fileBytesOut: output === 'binary' ? counted.bytes : undefined,
				seconds: Math.round(seconds * 100) / 100,
				mbPerSecond: Math.round((generated.bytes / MB / seconds) * 10) / 10,
				peakRssMb: Math.round(peakRss / MB),
				heartbeatCalls: poller.stats.heartbeats,
				messagesKeptHidden: poller.stats.extended,
				timesReceived: receives,
				deleted: poller.stats.deleted,
			};
			results[name] = entry;
			console.log(`${name}: ${JSON.stringify(entry)}`);
		}
	} finally {
		await emulator.close();
	}
	fs.mkdirSync(path.dirname(OUT), { recursive: true });
	fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
	console.log(`written to ${OUT}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
