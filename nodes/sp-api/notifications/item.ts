import { createHash } from 'node:crypto';
import { redact, redactDeep } from '../redact';
import type { ParsedNotification } from './envelope';
import { fieldsFirst } from './fieldsFirst';

/** Where a notification came from, for tracing a message back in AWS. */
export type NotificationSource =
	| { kind: 'sqs'; queueUrl: string; messageId: string; receiveCount?: number; sentAt?: string }
	| { kind: 'eventBridge'; eventId?: string; source?: string; detailType?: string; time?: string };

/**
 * One clean item per notification: the standard fields, the type's "fields first", Amazon's payload
 * unchanged, and the raw message as it arrived (for audits and for fields ACORN does not lift out).
 */
export function notificationItem(notification: ParsedNotification, raw: unknown, source: NotificationSource): Record<string, unknown> {
	const json: Record<string, unknown> = {
		notificationType: notification.notificationType,
		notificationId: notification.notificationId,
		eventTime: notification.eventTime,
		...fieldsFirst(notification.notificationType, notification.payload),
		payloadVersion: notification.payloadVersion,
		notificationVersion: notification.notificationVersion,
		publishTime: notification.publishTime,
		subscriptionId: notification.subscriptionId,
		applicationId: notification.applicationId,
		payload: notification.payload,
		source,
		raw,
	};
	for (const key of Object.keys(json)) if (json[key] === undefined) delete json[key];
	// notifications carry no secrets, but a message body is untrusted text: same rule as everything else
	return redactDeep(json);
}

/** The key a notification is deduplicated by: Amazon's notification id, else the transport's id, else the content. */
export function notificationDedupeId(notification: ParsedNotification | undefined, fallbackId: string | undefined, body: string): string {
	if (notification?.notificationId) return `n:${notification.notificationId}`;
	if (fallbackId) return `m:${fallbackId}`;
	return `b:${createHash('sha256').update(body).digest('hex')}`;
}

/** Item for a message that is not a readable notification: why, and the text, trimmed and redacted. */
export function unreadableItem(reason: string, body: string, source: NotificationSource): Record<string, unknown> {
	const MAX = 10_000;
	return {
		error: reason,
		body: redact(body.length > MAX ? `${body.slice(0, MAX)}…` : body),
		bodyLength: body.length,
		source,
	};
}
