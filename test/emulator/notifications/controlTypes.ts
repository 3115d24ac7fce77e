/** Control API of the emulated SQS and of the notifications part (emulator.control.sqs / .notifications). */
import type { AwsKey, AwsKeyName } from '../sqs/accounts';
import type { QueueAttributes } from '../sqs/queue';
import type { CreateQueueOptions, SqsCredentialData, SqsFault, SqsRequestLogEntry } from '../sqs/service';
import type { DeliveryRecord, DestinationRecord, EventBridgeDelivery, SubscriptionRecord } from './service';

export type { CreateQueueOptions, SqsCredentialData, SqsFault, SqsRequestLogEntry, DeliveryRecord, DestinationRecord, EventBridgeDelivery, SubscriptionRecord, AwsKey, AwsKeyName };

export interface QueueInfo {
	name: string;
	url: string;
	arn: string;
	region: string;
}

export interface SqsControl {
	/** Base URL of the SQS endpoint (use as the credential's endpoint override). */
	readonly url: string;
	readonly accountId: string;
	/** The fixed keys (consumer, temporary, noPermissions) and those added with addKey. */
	readonly keys: Record<AwsKeyName, AwsKey> & Record<string, AwsKey>;
	createQueue(options: CreateQueueOptions): QueueInfo;
	/** Messages waiting (visible), received but not deleted (inFlight), and delayed. */
	depth(queue: string): { visible: number; inFlight: number; delayed: number };
	/** What the queue holds right now, oldest first. */
	messages(queue: string): Array<{ messageId: string; body: string; receiveCount: number; visible: boolean }>;
	/** Puts any body into a queue (an arbitrary envelope, a broken message, ...); returns the message id. */
	send(queue: string, body: string | Record<string, unknown>): string;
	/** n8n `amazonSqsApi` credential data for a queue. */
	credentialsFor(queue: string, key?: AwsKeyName | string, by?: 'url' | 'name'): SqsCredentialData;
	/** Credential data naming a queue by region and name, which need not exist yet (Queue → Prepare creates it). */
	credentialsForName(queue: string, options?: { key?: AwsKeyName | string; region?: string }): SqsCredentialData;
	/** A new access key whose IAM user has this identity policy (JSON; none = may do nothing). */
	addKey(name: string, identityPolicy?: string): AwsKey;
	/** The queue's attributes as stored (Policy, RedrivePolicy, VisibilityTimeout, …). */
	attributes(queue: string): QueueAttributes;
	injectFault(fault: SqsFault): void;
	clearFaults(): void;
	requests(): SqsRequestLogEntry[];
	clearRequests(): void;
	/** Divides visibility timeouts, long-poll waits and retention (seconds) by this factor. */
	setTimeScale(scale: number): void;
}

export interface NotificationsControl {
	destinations(): DestinationRecord[];
	subscriptions(): SubscriptionRecord[];
	/** Every notification published (queued, sent to EventBridge, or dropped and why). */
	deliveries(): DeliveryRecord[];
	/** Events published to EventBridge destinations, for forwarding to a webhook in tests. */
	eventBridgeEvents(): EventBridgeDelivery[];
	/** 'double' sends SQS bodies JSON-encoded twice, as some producers do. */
	setBodyEncoding(encoding: 'plain' | 'double'): void;
	/** Creates a subscription directly, as another tool of the same app would (seller fixture key or id). */
	subscribe(options: { app?: 'A' | 'B'; seller: string; notificationType: string; payloadVersion: string; destinationId: string }): SubscriptionRecord;
	/** Announces transactions that became visible (also runs on advanceClock and on every queue read). */
	scanTransactions(): void;
}
