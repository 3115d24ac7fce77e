import type { SpApiClient } from '../client';
import type { DedupeWindow } from './dedupe';
import { parseNotification, type ParsedNotification } from './envelope';
import { notificationDedupeId, notificationItem, unreadableItem, type NotificationSource } from './item';
import { fetchTransactionDetails } from './transactionDetails';

/**
 * What both notification triggers (SQS and EventBridge) do with a message: read it, sort it into
 * "for the workflow", "another type" (dropped and counted), "seen before" (dropped) or "unreadable",
 * and add the details the workflow asked for.
 */
export interface IncomingNotification {
	/** The message text (SQS body) or parsed object (webhook body). */
	body: unknown;
	/** The transport's own id (SQS MessageId, EventBridge event id), used when Amazon's id is missing. */
	transportId?: string;
	source: NotificationSource;
}

export type Classified =
	| { kind: 'notification'; dedupeId: string; notification: ParsedNotification; item: Record<string, unknown> }
	| { kind: 'otherType'; notificationType: string }
	| { kind: 'duplicate'; notificationType: string; dedupeId: string }
	| { kind: 'unreadable'; reason: string; item: Record<string, unknown> };

export function classify(message: IncomingNotification, selected: ReadonlySet<string>, dedupe: DedupeWindow, seenInBatch: Set<string>): Classified {
	const text = typeof message.body === 'string' ? message.body : JSON.stringify(message.body ?? null);
	const parsed = parseNotification(message.body);
	if (!parsed.ok) return { kind: 'unreadable', reason: parsed.reason, item: unreadableItem(parsed.reason, text, message.source) };
	const { notification } = parsed;
	if (!selected.has(notification.notificationType)) return { kind: 'otherType', notificationType: notification.notificationType };
	const dedupeId = notificationDedupeId(notification, message.transportId, text);
	if (seenInBatch.has(dedupeId) || dedupe.has(dedupeId)) return { kind: 'duplicate', notificationType: notification.notificationType, dedupeId };
	seenInBatch.add(dedupeId);
	return { kind: 'notification', dedupeId, notification, item: notificationItem(notification, parsed.raw, message.source) };
}

/**
 * Extra lookups per notification type, each switched on by a node option. The report download for
 * REPORT_PROCESSING_FINISHED is not an enrichment of one item: it turns a notification into a run of
 * its own (rows, a file, or a "no data" / FATAL item) and may have to wait and try again later, so the
 * SQS trigger does it per message (`reportDownload.ts` here decides about failures, the trigger's
 * `reportDownload.ts` builds the items with the Reports node's output code).
 */
export interface EnrichOptions {
	/** TRANSACTION_UPDATE: look the transaction up with listTransactions and add it as `transaction`. */
	transactionDetails?: boolean;
}

export async function enrich(items: Array<Classified & { kind: 'notification' }>, client: SpApiClient | undefined, options: EnrichOptions): Promise<void> {
	if (!client) return;
	for (const entry of items) {
		if (options.transactionDetails && entry.notification.notificationType === 'TRANSACTION_UPDATE') {
			const item = entry.item;
			const details = await fetchTransactionDetails(client, {
				orderId: typeof item.orderId === 'string' ? item.orderId : undefined,
				transactionType: typeof item.transactionType === 'string' ? item.transactionType : undefined,
				postedDate: typeof item.postedDate === 'string' ? item.postedDate : undefined,
				amount: typeof item.amount === 'string' ? item.amount : undefined,
				currency: typeof item.currency === 'string' ? item.currency : undefined,
				marketplaceId: typeof item.marketplaceId === 'string' ? item.marketplaceId : undefined,
			});
			item.transactionDetailsStatus = details.status;
			if (details.transaction) item.transaction = details.transaction;
			if (details.message) item.transactionDetailsMessage = details.message;
		}
	}
}

/** Counters kept in static data, for the node's "what happened" log lines and for support. */
export interface NotificationStats {
	received: number;
	emitted: number;
	duplicates: number;
	unreadable: number;
	otherTypes: Record<string, number>;
	/** "Download Report": reports passed on (rows, file, no data or FATAL), failed attempts put back for later, and failures passed on. */
	reportDownloads: number;
	downloadRetries: number;
	downloadFailures: number;
	/** REPORT_PROCESSING_FINISHED about report types the trigger was told to skip, by report type. */
	otherReportTypes: Record<string, number>;
	lastEmittedAt?: string;
}

export function readStats(value: unknown): NotificationStats {
	const raw = value && typeof value === 'object' ? (value as Partial<NotificationStats>) : {};
	const number = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
	return {
		received: number(raw.received),
		emitted: number(raw.emitted),
		duplicates: number(raw.duplicates),
		unreadable: number(raw.unreadable),
		otherTypes: raw.otherTypes && typeof raw.otherTypes === 'object' ? { ...raw.otherTypes } : {},
		reportDownloads: number(raw.reportDownloads),
		downloadRetries: number(raw.downloadRetries),
		downloadFailures: number(raw.downloadFailures),
		otherReportTypes: raw.otherReportTypes && typeof raw.otherReportTypes === 'object' ? { ...raw.otherReportTypes } : {},
		lastEmittedAt: typeof raw.lastEmittedAt === 'string' ? raw.lastEmittedAt : undefined,
	};
}

export function count(stats: NotificationStats, results: readonly Classified[]): void {
	stats.received += results.length;
	for (const result of results) {
		if (result.kind === 'duplicate') stats.duplicates += 1;
		else if (result.kind === 'unreadable') stats.unreadable += 1;
		else if (result.kind === 'otherType') stats.otherTypes[result.notificationType] = (stats.otherTypes[result.notificationType] ?? 0) + 1;
	}
}
