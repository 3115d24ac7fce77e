/**
 * Amazon's notification system inside the emulator: destinations per application, subscriptions per
 * application and seller, and delivery. Anything the emulator would notify about comes over its event
 * bus (events.ts); transactions also announce themselves when they become visible as the emulator clock
 * moves on (late arrival). A notification goes to the SQS queue of the destination only if the queue's
 * access policy lets Amazon's SP-API account send to it; otherwise it is dropped silently, like Amazon.
 */
import { createHash, randomUUID } from 'node:crypto';
import { isOrderEvent, type FinanceEvent } from '../data/model';
import type { EmulatorState } from '../data/state';
import type { EmulatorClock } from '../clock';
import type { EmulatorEvent, EmulatorEvents } from '../events';
import { formatTransaction } from '../format/transactions';
import { v0Money } from '../money';
import { SP_API_NOTIFICATIONS_PRINCIPAL } from '../sqs/accounts';
import { policyAllows } from '../sqs/policy';
import type { EmulatedSqs } from '../sqs/service';
import type { AppFixture, AppFixtureKey, EmulatorFixtures } from '../types';
import { buildEnvelope, eventBridgeEvent } from './envelope';

export interface DestinationRecord {
	destinationId: string;
	appKey: AppFixtureKey;
	name: string;
	sqsArn?: string;
	eventBridge?: { name: string; region: string; accountId: string };
}

export interface SubscriptionRecord {
	subscriptionId: string;
	appKey: AppFixtureKey;
	sellerId: string;
	notificationType: string;
	payloadVersion: string;
	destinationId: string;
	processingDirective?: Record<string, unknown>;
	/** Emulator clock ms. */
	createdAtMs: number;
}

export interface DeliveryRecord {
	/** Emulator clock time of publishing. */
	at: string;
	notificationType: string;
	notificationId: string;
	sellerId?: string;
	destinationId: string;
	subscriptionId: string;
	outcome: 'queued' | 'eventBridge' | 'dropped';
	reason?: string;
	messageId?: string;
}

export interface EventBridgeDelivery {
	destinationId: string;
	event: Record<string, unknown>;
}

const TRANSACTION_UPDATE = 'TRANSACTION_UPDATE';

export class NotificationsService {
	readonly destinations = new Map<string, DestinationRecord>();
	readonly subscriptions = new Map<string, SubscriptionRecord>();
	readonly deliveries: DeliveryRecord[] = [];
	readonly eventBridgeEvents: EventBridgeDelivery[] = [];
	/** 'double' sends the envelope JSON-encoded twice, as some producers do. */
	bodyEncoding: 'plain' | 'double' = 'plain';
	/** Per seller: transactions visible up to this emulator time have been announced. */
	private readonly transactionCursor = new Map<string, number>();

	constructor(
		private readonly deps: { fixtures: EmulatorFixtures; clock: EmulatorClock; state: EmulatorState; events: EmulatorEvents; sqs: EmulatedSqs; seed: number },
	) {
		deps.events.on((event) => this.publish(event));
		deps.clock.onAdvance(() => this.scanTransactions());
	}

	/** Amazon's application id (amzn1.sellerapps.app.…) of an emulator app. */
	applicationIdOf(appKey: AppFixtureKey): string {
		const digest = createHash('sha256').update(`acorn-emulator-app-${appKey}`).digest('hex');
		return `amzn1.sellerapps.app.${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
	}

	appOf(appKey: AppFixtureKey): AppFixture {
		return this.deps.fixtures.apps[appKey];
	}

	subscriptionsOf(appKey: AppFixtureKey, sellerId: string, type: string): SubscriptionRecord[] {
		return [...this.subscriptions.values()].filter((s) => s.appKey === appKey && s.sellerId === sellerId && s.notificationType === type);
	}

	addSubscription(record: Omit<SubscriptionRecord, 'subscriptionId' | 'createdAtMs'>): SubscriptionRecord {
		const subscription: SubscriptionRecord = { ...record, subscriptionId: randomUUID(), createdAtMs: this.deps.clock.nowMs() };
		if (record.notificationType === TRANSACTION_UPDATE && !this.hasTransactionSubscribers(record.sellerId)) {
			this.transactionCursor.set(record.sellerId, subscription.createdAtMs);
		}
		this.subscriptions.set(subscription.subscriptionId, subscription);
		return subscription;
	}

	private hasTransactionSubscribers(sellerId: string): boolean {
		return [...this.subscriptions.values()].some((s) => s.sellerId === sellerId && s.notificationType === TRANSACTION_UPDATE);
	}

	/**
	 * Announces transactions that became visible since the last scan, for sellers someone subscribed
	 * TRANSACTION_UPDATE for. Runs when the clock is advanced and whenever a queue is read.
	 */
	scanTransactions(): void {
		const now = this.deps.clock.nowMs();
		for (const [sellerId, cursor] of this.transactionCursor) {
			if (!this.hasTransactionSubscribers(sellerId)) {
				this.transactionCursor.delete(sellerId);
				continue;
			}
			if (now <= cursor) continue;
			this.transactionCursor.set(sellerId, now);
			const data = this.deps.state.dataFor(sellerId);
			const appeared = data.events.filter((event) => event.visibleAt > cursor && event.visibleAt <= now).sort((a, b) => a.visibleAt - b.visibleAt);
			for (const event of appeared) {
				this.deps.events.emit({ notificationType: TRANSACTION_UPDATE, sellerId, eventTime: new Date(event.visibleAt).toISOString(), payload: this.transactionPayload(event, now) });
			}
		}
	}

	/** TRANSACTION_UPDATE's payload (TransactionUpdateNotification.json) for a finance event. */
	transactionPayload(event: FinanceEvent, nowMs: number): Record<string, unknown> {
		const transaction = formatTransaction(event, this.deps.seed, nowMs);
		const money = v0Money(event.totalMinor, event.currency);
		return {
			TransactionUpdateNotification: {
				SellingPartnerMetadata: { SellingPartnerId: event.sellerId, MarketplaceId: event.marketplaceId, AccountType: 'PAYABLE' },
				RelatedIdentifiers: isOrderEvent(event) ? [{ RelatedIdentifierName: 'OrderId', RelatedIdentifierValue: event.amazonOrderId }] : [],
				TransactionType: transaction.transactionType,
				PostedDate: new Date(event.postedAt).toISOString(),
				TotalAmount: { CurrencyAmount: money.CurrencyAmount, CurrencyCode: money.CurrencyCode },
			},
		};
	}

	/** Delivers an event to every subscription of its seller and type (events before a subscription existed are not delivered). */
	publish(event: EmulatorEvent): DeliveryRecord[] {
		const eventMs = Date.parse(event.eventTime);
		const targets = [...this.subscriptions.values()].filter(
			(s) => s.sellerId === event.sellerId && s.notificationType === event.notificationType && !(eventMs < s.createdAtMs),
		);
		return targets.map((subscription) => this.deliver(subscription, event.payload, event.eventTime));
	}

	deliver(subscription: SubscriptionRecord, payload: Record<string, unknown>, eventTime: string, notificationId: string = randomUUID()): DeliveryRecord {
		const destination = this.destinations.get(subscription.destinationId);
		const now = this.deps.clock.now().toISOString();
		const record: DeliveryRecord = {
			at: now,
			notificationType: subscription.notificationType,
			notificationId,
			sellerId: subscription.sellerId,
			destinationId: subscription.destinationId,
			subscriptionId: subscription.subscriptionId,
			outcome: 'dropped',
		};
		this.deliveries.push(record);
		if (!destination) {
			record.reason = 'the destination was deleted';
			return record;
		}
		const envelope = buildEnvelope({
			notificationType: subscription.notificationType,
			payloadVersion: subscription.payloadVersion,
			eventTime,
			publishTime: now,
			applicationId: this.applicationIdOf(subscription.appKey),
			subscriptionId: subscription.subscriptionId,
			notificationId,
			payload,
		});
		if (destination.eventBridge) {
			const { name, region, accountId } = destination.eventBridge;
			this.eventBridgeEvents.push({ destinationId: destination.destinationId, event: eventBridgeEvent(envelope, subscription.notificationType, accountId, region, name, now) });
			record.outcome = 'eventBridge';
			return record;
		}
		const queue = destination.sqsArn ? this.deps.sqs.queue(destination.sqsArn) : undefined;
		if (!queue) {
			record.reason = `no queue ${destination.sqsArn}`;
			return record;
		}
		if (!policyAllows(queue.attributes.Policy, SP_API_NOTIFICATIONS_PRINCIPAL, 'sqs:SendMessage', queue.arn)) {
			record.reason = 'the queue policy does not let Amazon SP-API send messages';
			return record;
		}
		const body = this.bodyEncoding === 'double' ? JSON.stringify(JSON.stringify(envelope)) : JSON.stringify(envelope);
		record.messageId = queue.send(body).messageId;
		record.outcome = 'queued';
		return record;
	}

	/** sendTestNotification: a mock notification of the type to the destination. */
	sendTest(appKey: AppFixtureKey, destination: DestinationRecord, notificationType: string, payloadVersion: string, testScenario: string): DeliveryRecord {
		const subscription: SubscriptionRecord = {
			subscriptionId: `test-${randomUUID()}`,
			appKey,
			sellerId: 'A1ACORNTESTSELR',
			notificationType,
			payloadVersion,
			destinationId: destination.destinationId,
			createdAtMs: this.deps.clock.nowMs(),
		};
		return this.deliver(subscription, testPayload(notificationType, testScenario, this.deps.clock.now().toISOString()), this.deps.clock.now().toISOString());
	}
}

/** The mock payloads sendTestNotification delivers (a few types in full, the rest minimal). */
function testPayload(type: string, scenario: string, now: string): Record<string, unknown> {
	switch (type) {
		case 'TRANSACTION_UPDATE':
			return {
				TransactionUpdateNotification: {
					SellingPartnerMetadata: { SellingPartnerId: 'A1ACORNTESTSELR', MarketplaceId: 'ATVPDKIKX0DER', AccountType: 'PAYABLE' },
					RelatedIdentifiers: [{ RelatedIdentifierName: 'OrderId', RelatedIdentifierValue: '111-0000000-0000000' }],
					TransactionType: scenario === 'REFUND' ? 'Refund' : 'Shipment',
					PostedDate: now,
					TotalAmount: { CurrencyAmount: scenario === 'REFUND' ? -12.34 : 12.34, CurrencyCode: 'USD' },
				},
			};
		case 'REPORT_PROCESSING_FINISHED':
			return {
				reportProcessingFinishedNotification: {
					sellerId: 'A1ACORNTESTSELR',
					accountId: 'amzn1.merchant.o.A1ACORNTESTSELR',
					reportId: '50000000001',
					reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
					processingStatus: scenario === 'CANCELLED' || scenario === 'FATAL' ? scenario : 'DONE',
					...(scenario === 'CANCELLED' ? {} : { reportDocumentId: 'amzn1.spdoc.1.4.na.test-document' }),
				},
			};
		case 'ORDER_CHANGE':
			return {
				OrderChangeNotification: {
					NotificationLevel: 'OrderLevel',
					SellerId: 'A1ACORNTESTSELR',
					AmazonOrderId: '111-0000000-0000000',
					OrderChangeType: scenario || 'OrderStatusChange',
					OrderChangeTrigger: { TimeOfOrderChange: now, ChangeReason: 'Order status changed' },
					Summary: {
						MarketplaceId: 'ATVPDKIKX0DER',
						OrderStatus: 'Shipped',
						PurchaseDate: now,
						DestinationPostalCode: '98109',
						FulfillmentType: 'AFN',
						OrderType: 'StandardOrder',
						OrderItems: [{ OrderItemId: '00000000000001', SellerSKU: 'ACORN-TEST-SKU', SupplySourceId: 'acorn-test-supply-source', OrderItemStatus: 'Shipped', Quantity: 1, QuantityShipped: 1 }],
					},
				},
			};
		default:
			return {};
	}
}
