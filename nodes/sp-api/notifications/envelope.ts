import { canonicalNotificationType } from './types';
import { tr } from '../i18n/translate';

/**
 * Amazon's notification envelope, whatever way it arrived: an SQS message body (sometimes JSON
 * encoded twice, sometimes inside an SNS envelope when a topic sits in between), or an EventBridge
 * event with the notification in `detail`. Both casings are read: PascalCase (`NotificationType`,
 * `Payload`, `NotificationMetadata.NotificationId`) for types like ORDER_CHANGE and TRANSACTION_UPDATE,
 * camelCase for REPORT_PROCESSING_FINISHED, FEED_PROCESSING_FINISHED and others.
 */
export interface ParsedNotification {
	/** Amazon's spelling, aliases folded (LISTINGS_ITEM_STATUS_CHANGED → LISTINGS_ITEM_STATUS_CHANGE). */
	notificationType: string;
	notificationId?: string;
	eventTime?: string;
	publishTime?: string;
	payloadVersion?: string;
	notificationVersion?: string;
	subscriptionId?: string;
	applicationId?: string;
	payload: Record<string, unknown>;
	/** The notification object itself (inside any wrapper), as Amazon sent it. */
	envelope: Record<string, unknown>;
	/** The wrappers that were removed, outermost first. */
	wrappers: Array<'json-string' | 'sns' | 'eventBridge'>;
	/** EventBridge event fields (id, source, detail-type, time) when it came through EventBridge. */
	eventBridge?: { id?: string; source?: string; detailType?: string; time?: string; account?: string; region?: string };
}

export type ParseResult =
	| { ok: true; notification: ParsedNotification; raw: unknown }
	| { ok: false; reason: string; raw: unknown };

/** JSON encoded more often than this is not something Amazon sends. */
const MAX_DECODE_DEPTH = 4;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of `name` in either casing of its first letter (notificationType / NotificationType). */
export function field(object: Json, name: string): unknown {
	if (name in object) return object[name];
	const flipped = name[0] === name[0].toUpperCase() ? name[0].toLowerCase() + name.slice(1) : name[0].toUpperCase() + name.slice(1);
	return object[flipped];
}

function text(object: Json, name: string): string | undefined {
	const value = field(object, name);
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number') return String(value);
	return undefined;
}

function decodeJson(value: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(value) as unknown };
	} catch {
		return { ok: false };
	}
}

function isEventBridgeEvent(object: Json): boolean {
	return 'detail' in object && ('detail-type' in object || 'source' in object || ('version' in object && 'id' in object));
}

function isSnsEnvelope(object: Json): boolean {
	return object.Type === 'Notification' && typeof object.Message === 'string' && 'TopicArn' in object;
}

/** Takes an SQS body, a webhook body or an already parsed object and finds the notification inside. */
export function parseNotification(input: unknown): ParseResult {
	const raw = input;
	const wrappers: ParsedNotification['wrappers'] = [];
	let eventBridge: ParsedNotification['eventBridge'];
	let current: unknown = input;
	for (let depth = 0; depth <= MAX_DECODE_DEPTH; depth++) {
		if (typeof current === 'string') {
			const trimmed = current.trim();
			if (!trimmed) return { ok: false, reason: tr`The message is empty.`, raw };
			const decoded = decodeJson(trimmed);
			if (!decoded.ok) return { ok: false, reason: tr`The message is not JSON.`, raw };
			if (depth > 0) wrappers.push('json-string');
			current = decoded.value;
			continue;
		}
		if (!isObject(current)) return { ok: false, reason: tr`The message is JSON but not an object (${Array.isArray(current) ? tr`an array` : typeof current}).`, raw };
		if (isSnsEnvelope(current)) {
			wrappers.push('sns');
			current = current.Message;
			continue;
		}
		if (isEventBridgeEvent(current)) {
			wrappers.push('eventBridge');
			eventBridge = {
				id: typeof current.id === 'string' ? current.id : undefined,
				source: typeof current.source === 'string' ? current.source : undefined,
				detailType: typeof current['detail-type'] === 'string' ? current['detail-type'] : undefined,
				time: typeof current.time === 'string' ? current.time : undefined,
				account: typeof current.account === 'string' ? current.account : undefined,
				region: typeof current.region === 'string' ? current.region : undefined,
			};
			current = current.detail;
			continue;
		}
		return readEnvelope(current, wrappers, eventBridge, raw);
	}
	return { ok: false, reason: tr`The message is wrapped or encoded more than ${MAX_DECODE_DEPTH} times.`, raw };
}

function readEnvelope(envelope: Json, wrappers: ParsedNotification['wrappers'], eventBridge: ParsedNotification['eventBridge'], raw: unknown): ParseResult {
	const type = text(envelope, 'notificationType');
	if (!type) return { ok: false, reason: tr`The message has no notificationType: it is not an Amazon SP-API notification.`, raw };
	let payload = field(envelope, 'payload');
	if (typeof payload === 'string') {
		// some producers encode the payload on its own
		const decoded = decodeJson(payload);
		payload = decoded.ok ? decoded.value : payload;
	}
	if (!isObject(payload)) return { ok: false, reason: tr`The ${type} notification has no payload object.`, raw };
	const metadata = field(envelope, 'notificationMetadata');
	const meta = isObject(metadata) ? metadata : {};
	return {
		ok: true,
		raw,
		notification: {
			notificationType: canonicalNotificationType(type),
			notificationId: text(meta, 'notificationId'),
			eventTime: text(envelope, 'eventTime'),
			publishTime: text(meta, 'publishTime'),
			payloadVersion: text(envelope, 'payloadVersion'),
			notificationVersion: text(envelope, 'notificationVersion'),
			subscriptionId: text(meta, 'subscriptionId'),
			applicationId: text(meta, 'applicationId'),
			payload,
			envelope,
			wrappers,
			eventBridge,
		},
	};
}
