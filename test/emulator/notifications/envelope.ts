/**
 * Amazon's notification envelope as the emulator publishes it, in the casing of each type's schema:
 * PascalCase (NotificationType, Payload, NotificationMetadata.NotificationId) for ORDER_CHANGE,
 * TRANSACTION_UPDATE and most others; camelCase for REPORT_PROCESSING_FINISHED, FEED_PROCESSING_FINISHED,
 * DATA_KIOSK_QUERY_PROCESSING_FINISHED and the other date-versioned types. The casing and versions come
 * from the table generated from Amazon's schemas (a static table like the operation table).
 */
import { randomUUID } from 'node:crypto';
import { NOTIFICATION_TYPES, type NotificationTypeSpec } from '../../../nodes/sp-api/generated/notificationTypes.generated';

export function notificationTypeSpec(type: string): NotificationTypeSpec | undefined {
	return NOTIFICATION_TYPES.find((spec) => spec.type === type);
}

export interface EnvelopeFields {
	notificationType: string;
	payloadVersion: string;
	eventTime: string;
	publishTime: string;
	applicationId: string;
	subscriptionId: string;
	notificationId?: string;
	payload: Record<string, unknown>;
}

/** Date-versioned types carry the date as notification version too (as Amazon's examples show); others 1.0. */
function notificationVersionOf(payloadVersion: string): string {
	return /^\d{4}-\d{2}-\d{2}$/.test(payloadVersion) ? payloadVersion : '1.0';
}

export function buildEnvelope(fields: EnvelopeFields): Record<string, unknown> {
	const casing = notificationTypeSpec(fields.notificationType)?.casing ?? 'pascal';
	const notificationId = fields.notificationId ?? randomUUID();
	if (casing === 'camel') {
		return {
			notificationVersion: notificationVersionOf(fields.payloadVersion),
			notificationType: fields.notificationType,
			payloadVersion: fields.payloadVersion,
			eventTime: fields.eventTime,
			payload: fields.payload,
			notificationMetadata: { applicationId: fields.applicationId, subscriptionId: fields.subscriptionId, publishTime: fields.publishTime, notificationId },
		};
	}
	return {
		NotificationVersion: notificationVersionOf(fields.payloadVersion),
		NotificationType: fields.notificationType,
		PayloadVersion: fields.payloadVersion,
		EventTime: fields.eventTime,
		NotificationMetadata: { ApplicationId: fields.applicationId, SubscriptionId: fields.subscriptionId, PublishTime: fields.publishTime, NotificationId: notificationId },
		Payload: fields.payload,
	};
}

/** The EventBridge event Amazon's partner event source puts on the seller's event bus. */
export function eventBridgeEvent(envelope: Record<string, unknown>, notificationType: string, accountId: string, region: string, sourceName: string, time: string): Record<string, unknown> {
	return {
		version: '0',
		id: randomUUID(),
		'detail-type': notificationType,
		source: sourceName,
		account: accountId,
		time,
		region,
		resources: [],
		detail: envelope,
	};
}
