/**
 * Benchmarks of the notifications path against the emulator's SQS (`npm run bench:notifications`).
 * Prints the figures and writes bench/results/notifications.json. Not a test: figures vary with the machine.
 *
 * 1. Drain: a queue holding 2000 notifications, read in batches of 10, parsed, deduplicated and deleted
 *    by the core's poller (what the trigger does minus n8n itself).
 * 2. Latency: one notification every 20 ms into an idle, long-polling poller: time from SendMessage
 *    to the handler.
 * 3. Signing: cost of one SigV4 signature (aws4) per SQS request.
 */
import * as aws4 from 'aws4';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeSqsCredentials } from '../nodes/sp-api/aws/queueCredentials';
import { SqsClient } from '../nodes/sp-api/aws/sqs';
import { SqsPoller } from '../nodes/sp-api/aws/sqsPoller';
import { DedupeWindow } from '../nodes/sp-api/notifications/dedupe';
import { classify } from '../nodes/sp-api/notifications/pipeline';
import { startEmulator } from '../test/emulator';

const OUT = path.resolve(__dirname, '..', '..', 'bench', 'results', 'notifications.json');

function envelope(id: number): string {
	return JSON.stringify({
		NotificationVersion: '1.0',
		NotificationType: 'TRANSACTION_UPDATE',
		PayloadVersion: '1.0',
		EventTime: new Date().toISOString(),
		NotificationMetadata: { NotificationId: `bench-${id}`, SubscriptionId: 's', PublishTime: new Date().toISOString(), ApplicationId: 'a' },
		Payload: {
			TransactionUpdateNotification: {
				SellingPartnerMetadata: { SellingPartnerId: 'A1', MarketplaceId: 'ATVPDKIKX0DER', AccountType: 'PAYABLE' },
				RelatedIdentifiers: [{ RelatedIdentifierName: 'OrderId', RelatedIdentifierValue: `111-${id}` }],
				TransactionType: 'Refund',
				PostedDate: new Date().toISOString(),
				TotalAmount: { CurrencyAmount: -12.34, CurrencyCode: 'USD' },
			},
		},
	});
}

function percentile(sorted: number[], p: number): number {
	return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

async function main(): Promise<void> {
	const emulator = await startEmulator({ enforceRateLimits: false });
	const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), node: process.version };
	try {
		// 1. drain
		const total = 2000;
		emulator.control.sqs.createQueue({ name: 'drain' });
		for (let i = 0; i < total; i++) emulator.control.sqs.send('drain', envelope(i));
		const settings = normalizeSqsCredentials(emulator.control.sqs.credentialsFor('drain'));
		const client = new SqsClient({ credentials: settings.credentials, region: settings.region, endpoint: settings.endpoint });
		const dedupe = new DedupeWindow({ seen: [] }, { maxEntries: 1000, maxAgeMs: 86_400_000 });
		const selected = new Set(['TRANSACTION_UPDATE']);
		let handled = 0;
		const started = process.hrtime.bigint();
		const drain = new SqsPoller({
			client,
			queueUrl: settings.queueUrl!,
			waitSeconds: 1,
			handle: async (messages) => {
				const seen = new Set<string>();
				for (const m of messages) {
					const result = classify({ body: m.body, transportId: m.messageId, source: { kind: 'sqs', queueUrl: settings.queueUrl!, messageId: m.messageId } }, selected, dedupe, seen);
					if (result.kind === 'notification') dedupe.remember(result.dedupeId);
				}
				handled += messages.length;
				return { delete: messages, emitted: true };
			},
		});
		const drained = new Promise<void>((resolve) => {
			const timer = setInterval(() => {
				if (drain.stats.deleted >= total) {
					clearInterval(timer);
					resolve();
				}
			}, 5);
		});
		void drain.start();
		await drained;
		const drainMs = Number(process.hrtime.bigint() - started) / 1e6;
		await drain.stop();
		results.drain = {
			messages: total,
			seconds: Math.round(drainMs) / 1000,
			messagesPerSecond: Math.round((total / drainMs) * 1000),
			sqsRequests: emulator.control.sqs.requests().filter((r) => r.queueUrl?.endsWith('/drain')).length,
			handled,
		};

		// 2. latency
		emulator.control.sqs.createQueue({ name: 'latency' });
		const latencySettings = normalizeSqsCredentials(emulator.control.sqs.credentialsFor('latency'));
		const latencyClient = new SqsClient({ credentials: latencySettings.credentials, region: latencySettings.region, endpoint: latencySettings.endpoint });
		const sentAt = new Map<string, bigint>();
		const latencies: number[] = [];
		const latency = new SqsPoller({
			client: latencyClient,
			queueUrl: latencySettings.queueUrl!,
			waitSeconds: 20,
			handle: async (messages) => {
				const now = process.hrtime.bigint();
				for (const m of messages) {
					const id = JSON.parse(m.body).NotificationMetadata.NotificationId as string;
					latencies.push(Number(now - (sentAt.get(id) ?? now)) / 1e6);
				}
				return { delete: messages, emitted: true };
			},
		});
		void latency.start();
		await new Promise((resolve) => setTimeout(resolve, 200));
		const count = 200;
		for (let i = 0; i < count; i++) {
			sentAt.set(`bench-${i}`, process.hrtime.bigint());
			emulator.control.sqs.send('latency', envelope(i));
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		while (latencies.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
		await latency.stop();
		latencies.sort((a, b) => a - b);
		results.latency = { messages: count, p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), maxMs: percentile(latencies, 100) };

		// 3. signing
		const signings = 10_000;
		const body = JSON.stringify({ QueueUrl: latencySettings.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 });
		const signStart = process.hrtime.bigint();
		for (let i = 0; i < signings; i++) {
			aws4.sign(
				{ host: 'sqs.us-east-1.amazonaws.com', path: '/', method: 'POST', service: 'sqs', region: 'us-east-1', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AmazonSQS.ReceiveMessage' }, body },
				{ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
			);
		}
		results.signing = { signatures: signings, microsecondsEach: Math.round(Number(process.hrtime.bigint() - signStart) / 1e3 / signings) };
	} finally {
		await emulator.close();
	}
	fs.mkdirSync(path.dirname(OUT), { recursive: true });
	fs.writeFileSync(OUT, `${JSON.stringify(results, null, 2)}\n`);
	console.log(JSON.stringify(results, null, 2));
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
