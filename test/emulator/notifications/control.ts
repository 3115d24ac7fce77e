/** Builds emulator.control.sqs and emulator.control.notifications over the running parts. */
import type { EmulatorState } from '../data/state';
import type { EmulatedSqs } from '../sqs/service';
import type { NotificationsControl, SqsControl } from './controlTypes';
import type { NotificationsService } from './service';

export function createSqsControl(sqs: EmulatedSqs): SqsControl {
	const queueOf = (ref: string) => {
		const queue = sqs.queue(ref);
		if (!queue) throw new RangeError(`no SQS queue ${ref}`);
		return queue;
	};
	return {
		get url() {
			return sqs.url;
		},
		accountId: sqs.accountId,
		keys: sqs.keys,
		createQueue: (options) => {
			const queue = sqs.createQueue(options);
			return { name: queue.name, url: queue.url, arn: queue.arn, region: queue.region };
		},
		depth: (ref) => queueOf(ref).counts(),
		messages: (ref) => {
			const now = Date.now();
			return queueOf(ref).messages.map((m) => ({ messageId: m.messageId, body: m.body, receiveCount: m.receiveCount, visible: m.visibleAtMs <= now }));
		},
		send: (ref, body) => queueOf(ref).send(typeof body === 'string' ? body : JSON.stringify(body)).messageId,
		credentialsFor: (ref, key, by) => sqs.credentialsFor(queueOf(ref).name, key, by),
		credentialsForName: (name, options) => sqs.credentialsForName(name, options),
		addKey: (name, identityPolicy) => sqs.addKey(name, identityPolicy),
		attributes: (ref) => ({ ...queueOf(ref).attributes }),
		injectFault: (fault) => sqs.injectFault(fault),
		clearFaults: () => sqs.clearFaults(),
		requests: () => sqs.requests(),
		clearRequests: () => sqs.clearRequests(),
		setTimeScale: (scale) => sqs.setTimeScale(scale),
	};
}

export function createNotificationsControl(notifications: NotificationsService, state: EmulatorState): NotificationsControl {
	return {
		destinations: () => [...notifications.destinations.values()].map((d) => ({ ...d })),
		subscriptions: () => [...notifications.subscriptions.values()].map((s) => ({ ...s })),
		deliveries: () => notifications.deliveries.map((d) => ({ ...d })),
		eventBridgeEvents: () => notifications.eventBridgeEvents.map((e) => ({ ...e })),
		setBodyEncoding: (encoding) => void (notifications.bodyEncoding = encoding),
		subscribe: ({ app = 'A', seller, notificationType, payloadVersion, destinationId }) => {
			const fixture = state.seller(seller);
			if (!fixture) throw new RangeError(`no seller ${seller}`);
			return { ...notifications.addSubscription({ appKey: app, sellerId: fixture.sellerId, notificationType, payloadVersion, destinationId }) };
		},
		scanTransactions: () => notifications.scanTransactions(),
	};
}
