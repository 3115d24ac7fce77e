import type { ICredentialDataDecryptedObject, IDataObject, INodeCredentials } from 'n8n-workflow';
import { startEmulator } from '../emulator';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { runWorkflow, type WorkflowSpec } from '../harness/n8nHarness';
import { activateWorkflow, type ActiveWorkflow } from '../harness/triggerHarness';
import { call, grantlessToken } from '../emulator/testSupport';
import { until } from '../helpers/waiting';

const TRIGGER = 'Amazon Notifications';
const HOUR = 3_600_000;

const credentialRefs: INodeCredentials = { amazonSpApi: { id: 'amazonSpApi', name: 'Amazon' }, amazonSqsApi: { id: 'amazonSqsApi', name: 'Queue' } };

function triggerSpec(emulator: Emulator, queue: string, parameters: Record<string, unknown>, seller: SellerFixtureKey = 'na', sqsOverrides: Record<string, unknown> = {}): WorkflowSpec {
	return {
		nodes: [
			{
				name: TRIGGER,
				type: 'n8n-nodes-acorn.amazonSpApiNotificationsTrigger',
				parameters: { notificationTypes: ['TRANSACTION_UPDATE'], manageSubscriptions: true, ...parameters, options: { unsubscribeDelay: 0, ...(parameters.options as object) } },
				credentials: credentialRefs,
			},
		],
		connections: {},
		credentials: {
			amazonSpApi: { ...emulator.credentialsFor(seller) } as unknown as ICredentialDataDecryptedObject,
			amazonSqsApi: { ...emulator.control.sqs.credentialsFor(queue), ...sqsOverrides } as unknown as ICredentialDataDecryptedObject,
		},
	};
}

function envelope(type: string, id: string, payload: Record<string, unknown>, casing: 'pascal' | 'camel' = 'pascal'): Record<string, unknown> {
	return casing === 'pascal'
		? { NotificationVersion: '1.0', NotificationType: type, PayloadVersion: '1.0', EventTime: new Date().toISOString(), NotificationMetadata: { NotificationId: id, SubscriptionId: 's', PublishTime: new Date().toISOString(), ApplicationId: 'a' }, Payload: payload }
		: { notificationVersion: '2020-09-04', notificationType: type, payloadVersion: '2020-09-04', eventTime: new Date().toISOString(), notificationMetadata: { notificationId: id, subscriptionId: 's', publishTime: new Date().toISOString(), applicationId: 'a' }, payload };
}

const refundEnvelope = (id: string, orderId = '111-2222222-3333333') =>
	envelope('TRANSACTION_UPDATE', id, {
		TransactionUpdateNotification: {
			SellingPartnerMetadata: { SellingPartnerId: 'A1ACORNSELLERNA', MarketplaceId: 'ATVPDKIKX0DER', AccountType: 'PAYABLE' },
			RelatedIdentifiers: [{ RelatedIdentifierName: 'OrderId', RelatedIdentifierValue: orderId }],
			TransactionType: 'Refund',
			PostedDate: '2026-03-01T10:00:00.000Z',
			TotalAmount: { CurrencyAmount: -25.5, CurrencyCode: 'USD' },
		},
	});

function emitted(active: ActiveWorkflow, output = 0): IDataObject[] {
	return active.emits.flatMap((e) => (e.data[output] ?? []).map((item) => item.json));
}

describe('Amazon SP-API Notifications Trigger (SQS) on an active workflow', () => {
	let emulator: Emulator;
	let queueNo = 0;
	const active: ActiveWorkflow[] = [];
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 100, queueTimeScale: 100 });
	});
	afterEach(async () => {
		for (const workflow of active.splice(0)) await workflow.deactivate().catch(() => undefined);
		emulator.control.sqs.clearFaults();
		emulator.control.notifications.setBodyEncoding('plain');
	});
	afterAll(async () => emulator.close());

	const newQueue = (options: { allowSpApi?: boolean } = {}) => emulator.control.sqs.createQueue({ name: `n8n-${++queueNo}`, ...options }).name;
	async function activate(spec: WorkflowSpec, options: Parameters<typeof activateWorkflow>[1] = {}): Promise<ActiveWorkflow> {
		const workflow = await activateWorkflow(spec, options);
		active.push(workflow);
		return workflow;
	}
	const subscriptionsOf = (sellerId: string, type: string) => emulator.control.notifications.subscriptions().filter((s) => s.sellerId === sellerId && s.notificationType === type);

	it('subscribes on activation, passes refunds and other transactions on as they post, and deletes them only after emitting', async () => {
		const queue = newQueue();
		let depthAtEmit: { visible: number; inFlight: number } | undefined;
		const workflow = await activate(triggerSpec(emulator, queue, { options: { fetchTransactionDetails: true } }), {
			onEmit: () => void (depthAtEmit ??= emulator.control.sqs.depth(queue)),
		});
		const [subscription] = subscriptionsOf('A1ACORNSELLERNA', 'TRANSACTION_UPDATE');
		expect(subscription).toBeDefined();
		expect(emulator.control.notifications.destinations().find((d) => d.destinationId === subscription.destinationId)?.sqsArn).toBe(`arn:aws:sqs:us-east-1:123456789012:${queue}`);
		expect((workflow.staticData[`node:${TRIGGER}`] as IDataObject).subscriptions).toMatchObject({ createdDestination: true, subscriptions: [{ notificationType: 'TRANSACTION_UPDATE', subscriptionId: subscription.subscriptionId }] });

		emulator.control.advanceClock(6 * HOUR);
		const published = emulator.control.notifications.deliveries().filter((d) => d.subscriptionId === subscription.subscriptionId && d.outcome === 'queued');
		expect(published.length).toBeGreaterThan(0);
		await until(() => emitted(workflow).length === published.length, 15_000, 'all notifications emitted');
		await until(() => emulator.control.sqs.depth(queue).visible + emulator.control.sqs.depth(queue).inFlight === 0, 5000, 'queue drained');
		expect(depthAtEmit?.inFlight).toBeGreaterThan(0); // still in the queue (hidden) while emitting
		const items = emitted(workflow);
		expect(new Set(items.map((i) => i.notificationId)).size).toBe(items.length);
		for (const item of items) {
			expect(item).toMatchObject({ notificationType: 'TRANSACTION_UPDATE', transactionType: expect.any(String), amount: expect.stringMatching(/^-?\d+\.\d{2}$/), currency: expect.stringMatching(/^(USD|CAD|MXN)$/), postedDate: expect.any(String), postedDateLocal: expect.any(String), source: { kind: 'sqs', messageId: expect.any(String) } });
		}
		// the transaction details come from listTransactions and agree with the notification to the cent
		const withOrder = items.filter((i) => i.orderId);
		expect(withOrder.length).toBeGreaterThan(0);
		for (const item of withOrder) {
			expect(item.transactionDetailsStatus).toBe('found');
			expect((item.transaction as IDataObject).totalAmount).toEqual({ amount: item.amount, currency: item.currency });
			expect((item.transaction as IDataObject).transactionType).toBe(item.transactionType);
		}
		expect(workflow.emits.every((e) => e.run?.run.status === 'success' || e.run === undefined)).toBe(true);
	});

	it('activating twice (another workflow, or n8n restarting) does not create a second subscription', async () => {
		const queue = newQueue();
		const spec = triggerSpec(emulator, queue, { notificationTypes: ['FEE_PROMOTION'] }, 'na2');
		const first = await activate(spec);
		const staticCopy = JSON.parse(JSON.stringify(first.staticData)) as IDataObject;
		const second = await activate({ ...spec, staticData: staticCopy }, { activation: 'init' });
		const third = await activate(triggerSpec(emulator, queue, { notificationTypes: ['FEE_PROMOTION'] }, 'na2'));
		expect(subscriptionsOf('A1ACORNSELLERN2', 'FEE_PROMOTION')).toHaveLength(1);
		expect(emulator.control.requests().filter((r) => r.operation === 'createSubscription' && r.sellerId === 'A1ACORNSELLERN2' && r.status === 200)).toHaveLength(1);
		expect(emulator.control.notifications.destinations().filter((d) => d.sqsArn?.endsWith(`:${queue}`))).toHaveLength(1);
		// the restarted trigger still knows the subscription is its own
		expect(((second.staticData[`node:${TRIGGER}`] as IDataObject).subscriptions as IDataObject).subscriptions).toHaveLength(1);
		expect(((third.staticData[`node:${TRIGGER}`] as IDataObject).subscriptions as IDataObject).subscriptions).toHaveLength(0);
	});

	it('when the credential now points at another store, it says which old subscriptions remain instead of deleting the wrong ones', async () => {
		const queue = newQueue();
		const first = await activate(triggerSpec(emulator, queue, { notificationTypes: ['FULFILLMENT_ORDER_STATUS'] }, 'na2'));
		const saved = JSON.parse(JSON.stringify(first.staticData)) as IDataObject;
		const [old] = subscriptionsOf('A1ACORNSELLERN2', 'FULFILLMENT_ORDER_STATUS');
		const switched = await activate({ ...triggerSpec(emulator, queue, { notificationTypes: ['FULFILLMENT_ORDER_STATUS'] }, 'na'), staticData: saved }, { activation: 'update' });
		expect(switched.logs().find((l) => l.level === 'warn' && /now belongs to another app or store/.test(l.message))?.message).toContain(old.subscriptionId);
		expect(subscriptionsOf('A1ACORNSELLERNA', 'FULFILLMENT_ORDER_STATUS')).toHaveLength(1);
		await switched.deactivate();
		await until(() => subscriptionsOf('A1ACORNSELLERNA', 'FULFILLMENT_ORDER_STATUS').length === 0, 5000, 'new store unsubscribed');
		expect(subscriptionsOf('A1ACORNSELLERN2', 'FULFILLMENT_ORDER_STATUS').map((s) => s.subscriptionId)).toEqual([old.subscriptionId]);
	});

	it('deactivation removes only what the trigger created and leaves foreign subscriptions alone', async () => {
		const queue = newQueue();
		const arn = `arn:aws:sqs:us-east-1:123456789012:${queue}`;
		// another tool of the same app already set up the destination and an ORDER_CHANGE subscription
		const grantless = await grantlessToken(emulator);
		const destination = await call(emulator, '/notifications/v1/destinations', { method: 'POST', token: grantless, body: { name: 'other tool', resourceSpecification: { sqs: { arn } } } });
		const destinationId = destination.body.payload.destinationId as string;
		const foreign = emulator.control.notifications.subscribe({ seller: 'eu', notificationType: 'ORDER_CHANGE', payloadVersion: '1.0', destinationId });
		const workflow = await activate(triggerSpec(emulator, queue, { notificationTypes: ['ORDER_CHANGE', 'TRANSACTION_UPDATE'] }, 'eu'));
		const ours = subscriptionsOf('A1ACORNSELLEREU', 'TRANSACTION_UPDATE');
		expect(ours).toHaveLength(1);
		expect(workflow.logs().some((l) => /ORDER_CHANGE \(already subscribed elsewhere, shared\)/.test(l.message))).toBe(true);
		await workflow.deactivate();
		await until(() => subscriptionsOf('A1ACORNSELLEREU', 'TRANSACTION_UPDATE').length === 0, 5000, 'unsubscribe');
		expect(subscriptionsOf('A1ACORNSELLEREU', 'ORDER_CHANGE').map((s) => s.subscriptionId)).toEqual([foreign.subscriptionId]);
		expect(emulator.control.notifications.destinations().some((d) => d.destinationId === destinationId)).toBe(true);
	});

	it('refuses to activate when Amazon already sends a type elsewhere, and leaves nothing half-done', async () => {
		const queue = newQueue();
		const grantless = await grantlessToken(emulator);
		const elsewhere = emulator.control.sqs.createQueue({ name: `elsewhere-${queueNo}` });
		const other = await call(emulator, '/notifications/v1/destinations', { method: 'POST', token: grantless, body: { name: 'elsewhere', resourceSpecification: { sqs: { arn: elsewhere.arn } } } });
		emulator.control.notifications.subscribe({ seller: 'fe', notificationType: 'ANY_OFFER_CHANGED', payloadVersion: '1.0', destinationId: other.body.payload.destinationId });
		const before = emulator.control.notifications.subscriptions().length;
		await expect(activate(triggerSpec(emulator, queue, { notificationTypes: ['TRANSACTION_UPDATE', 'ANY_OFFER_CHANGED'] }, 'fe'))).rejects.toThrow(/already sends ANY_OFFER_CHANGED.*another destination/);
		expect(emulator.control.notifications.subscriptions()).toHaveLength(before);
		expect(emulator.control.notifications.destinations().some((d) => d.sqsArn?.endsWith(`:${queue}`))).toBe(false);
	});

	it('a crash between emit and delete leads to a redelivery that the dedupe window absorbs, also across a restart', async () => {
		const queue = newQueue();
		const spec = triggerSpec(emulator, queue, { manageSubscriptions: false, options: { visibilityTimeout: 30 } });
		// the deletes after emitting never arrive: as if n8n died right after handing the items over
		emulator.control.sqs.injectFault({ action: 'DeleteMessageBatch', queue, connectionReset: true, count: 2 });
		// n8n saves static data when a trigger emits, but only if it is marked changed: the dedupe entry must be
		let first: ActiveWorkflow | undefined;
		let changedAtEmit: boolean | undefined;
		first = await activate(spec, { onEmit: () => void (changedAtEmit = (first!.staticData as { __dataChanged?: boolean }).__dataChanged) });
		(first.staticData as { __dataChanged?: boolean }).__dataChanged = false;
		emulator.control.sqs.send(queue, refundEnvelope('dup-1'));
		await first.waitForEmits(1);
		expect(changedAtEmit).toBe(true);
		await until(() => emulator.control.sqs.requests().filter((r) => r.action === 'DeleteMessageBatch' && r.queueUrl?.endsWith(queue)).length === 2, 5000, 'two delete attempts');
		// "restart": a new trigger with the static data n8n saved when the items were emitted
		const saved = JSON.parse(JSON.stringify(first.staticData)) as IDataObject;
		await first.deactivate();
		expect(emulator.control.sqs.messages(queue)).toHaveLength(1);
		const second = await activate({ ...spec, staticData: saved });
		await until(() => emulator.control.sqs.depth(queue).visible + emulator.control.sqs.depth(queue).inFlight === 0, 8000, 'redelivered message removed');
		expect(second.emits).toHaveLength(0);
		expect(((second.staticData[`node:${TRIGGER}`] as IDataObject).stats as IDataObject).duplicates).toBe(1);
		expect(emitted(first).map((i) => i.notificationId)).toEqual(['dup-1']);
		// Amazon publishing the same notification twice is absorbed the same way
		emulator.control.sqs.send(queue, refundEnvelope('dup-2'));
		emulator.control.sqs.send(queue, refundEnvelope('dup-2'));
		await until(() => emitted(second).length === 1 && emulator.control.sqs.depth(queue).visible + emulator.control.sqs.depth(queue).inFlight === 0, 8000, 'one of two');
		expect(emitted(second).map((i) => i.notificationId)).toEqual(['dup-2']);
	});

	it('when n8n cannot take the items, the messages stay and are passed on later', async () => {
		const queue = newQueue();
		let refuse = true;
		const workflow = await activate(triggerSpec(emulator, queue, { manageSubscriptions: false, options: { visibilityTimeout: 30 } }), {
			onEmit: () => {
				if (refuse) {
					refuse = false;
					throw new Error('n8n is shutting down');
				}
			},
		});
		emulator.control.sqs.send(queue, refundEnvelope('retry-1'));
		await workflow.waitForEmits(1, 8000);
		await until(() => emulator.control.sqs.messages(queue).length === 0, 5000, 'deleted after the second delivery');
		// refused once (not deleted, not remembered as seen), then received again and passed on
		expect(emitted(workflow)).toEqual([expect.objectContaining({ notificationId: 'retry-1', source: expect.objectContaining({ receiveCount: 2 }) })]);
		expect(workflow.logs().some((l) => l.level === 'warn' && /n8n did not take the 1 item\(s\); the messages stay in the queue/.test(l.message))).toBe(true);
	});

	it('removes and counts other types, reads double-encoded bodies, and sends unreadable messages to the second output without logging their text', async () => {
		const queue = newQueue();
		const workflow = await activate(triggerSpec(emulator, queue, { notificationTypes: ['TRANSACTION_UPDATE', 'REPORT_PROCESSING_FINISHED'], manageSubscriptions: false }));
		emulator.control.sqs.send(queue, envelope('ORDER_CHANGE', 'other-1', { OrderChangeNotification: { AmazonOrderId: '1' } }));
		emulator.control.sqs.send(queue, JSON.stringify(JSON.stringify(envelope('REPORT_PROCESSING_FINISHED', 'rep-1', { reportProcessingFinishedNotification: { reportId: '42', reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', processingStatus: 'DONE', reportDocumentId: 'doc-1' } }, 'camel'))));
		// an unreadable body is passed on for a person to look at; a secret ACORN knows is hidden even there
		const secret = emulator.control.sqs.keys.consumer.secretAccessKey;
		const garbage = `not json { ${secret}`;
		emulator.control.sqs.send(queue, garbage);
		await until(() => emulator.control.sqs.depth(queue).visible + emulator.control.sqs.depth(queue).inFlight === 0, 8000, 'queue drained');
		const main = emitted(workflow, 0);
		const unreadable = emitted(workflow, 1);
		expect(main).toEqual([expect.objectContaining({ notificationType: 'REPORT_PROCESSING_FINISHED', reportId: '42', reportDocumentId: 'doc-1', processingStatus: 'DONE' })]);
		expect(unreadable).toEqual([expect.objectContaining({ error: 'The message is not JSON.', bodyLength: garbage.length, body: 'not json { [redacted]', source: expect.objectContaining({ kind: 'sqs' }) })]);
		const stats = (workflow.staticData[`node:${TRIGGER}`] as IDataObject).stats as IDataObject;
		expect(stats).toMatchObject({ received: 3, emitted: 1, unreadable: 1, otherTypes: { ORDER_CHANGE: 1 } });
		const logText = JSON.stringify(workflow.logs());
		expect(logText).toMatch(new RegExp(`Unreadable SQS message .*${garbage.length} characters`));
		expect(logText).not.toContain('not json');
		expect(logText).not.toContain(secret);
	});

	it('leaves unreadable messages in the queue for its dead-letter queue when asked, reporting each once', async () => {
		const queue = emulator.control.sqs.createQueue({ name: `n8n-dlq-${++queueNo}`, deadLetter: { name: `n8n-dlq-${queueNo}-dead`, maxReceiveCount: 2 } }).name;
		const workflow = await activate(triggerSpec(emulator, queue, { manageSubscriptions: false, options: { unreadableMessages: 'leave', visibilityTimeout: 10 } }));
		emulator.control.sqs.send(queue, '<html>not a notification</html>');
		await until(() => emulator.control.sqs.depth(`${queue}-dead`).visible === 1, 8000, 'moved to the dead-letter queue');
		expect(workflow.emits).toHaveLength(0);
		expect(workflow.logs().filter((l) => l.level === 'warn' && /Unreadable SQS message/.test(l.message))).toHaveLength(1);
	});

	it('stops at once on deactivation; messages that arrive later, or were in flight, are not lost', async () => {
		const queue = newQueue();
		const spec = triggerSpec(emulator, queue, { manageSubscriptions: false, options: { visibilityTimeout: 20 } });
		const workflow = await activate(spec);
		await until(() => emulator.control.sqs.requests().some((r) => r.action === 'ReceiveMessage' && r.queueUrl?.endsWith(queue)), 5000, 'long poll');
		// a receive that SQS answers (messages hidden) just as the workflow is deactivated
		emulator.control.sqs.injectFault({ action: 'ReceiveMessage', queue, afterEffect: true, delayMs: 3000 });
		await until(() => emulator.control.sqs.requests().filter((r) => r.action === 'ReceiveMessage' && r.queueUrl?.endsWith(queue)).length >= 2, 5000, 'second long poll');
		emulator.control.sqs.send(queue, refundEnvelope('in-flight'));
		await until(() => emulator.control.sqs.depth(queue).inFlight === 1, 5000, 'message taken by the held receive');
		const started = Date.now();
		await workflow.deactivate();
		expect(Date.now() - started).toBeLessThan(1500);
		emulator.control.sqs.send(queue, refundEnvelope('after-close'));
		expect(workflow.emits).toHaveLength(0);
		const next = await activate(spec);
		await until(() => emitted(next).length === 2, 8000, 'both delivered to the next trigger');
		expect(emitted(next).map((i) => i.notificationId).sort()).toEqual(['after-close', 'in-flight']);
	});

	it('saving an active workflow (stop, start again) keeps the subscription; deactivating removes it after the delay', async () => {
		const queue = newQueue();
		const spec = triggerSpec(emulator, queue, { options: { unsubscribeDelay: 1 } }, 'fe');
		emulator.control.clearRequests();
		const first = await activate(spec, { workflowId: 'wf-saved' });
		const [subscription] = subscriptionsOf('A1ACORNSELLERFE', 'TRANSACTION_UPDATE');
		const saved = JSON.parse(JSON.stringify(first.staticData)) as IDataObject;
		await first.deactivate();
		const second = await activate({ ...spec, staticData: saved }, { workflowId: 'wf-saved', activation: 'update' });
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(subscriptionsOf('A1ACORNSELLERFE', 'TRANSACTION_UPDATE').map((s) => s.subscriptionId)).toEqual([subscription.subscriptionId]);
		expect(emulator.control.requests().filter((r) => r.operation === 'deleteSubscriptionById')).toHaveLength(0);
		await second.deactivate();
		expect(subscriptionsOf('A1ACORNSELLERFE', 'TRANSACTION_UPDATE')).toHaveLength(1);
		await until(() => subscriptionsOf('A1ACORNSELLERFE', 'TRANSACTION_UPDATE').length === 0, 5000, 'unsubscribed after the delay');
		// then the destination it had created, once nothing uses it
		await until(() => !emulator.control.notifications.destinations().some((d) => d.sqsArn?.endsWith(`:${queue}`)), 5000, 'destination removed');
	});

	it('backs off when SQS has trouble, logs it once and once more when it recovers, and loses nothing', async () => {
		const queue = newQueue();
		// two failures: the waits (full jitter, at most 2 s then 4 s) stay short enough for a test
		emulator.control.sqs.injectFault({ action: 'ReceiveMessage', queue, status: 503, code: 'ServiceUnavailable', count: 2 });
		emulator.control.sqs.send(queue, refundEnvelope('after-outage'));
		const workflow = await activate(triggerSpec(emulator, queue, { manageSubscriptions: false }));
		await workflow.waitForEmits(1, 20_000);
		const sqsLogs = workflow.logs().filter((l) => /Amazon SQS/.test(l.message));
		expect(sqsLogs.map((l) => l.level)).toEqual(['warn', 'info']);
		expect(sqsLogs[1].message).toBe('Amazon SQS answers again after 2 failed attempt(s).');
	}, 30_000);

	it('a wrong AWS secret fails the activation with a clear message, and a key that stops working later deactivates it', async () => {
		const queue = newQueue();
		const wrong = triggerSpec(emulator, queue, { manageSubscriptions: false }, 'na', { secretAccessKey: 'this-is-not-the-secret-0000' });
		await expect(activate(wrong)).rejects.toThrow(/Secret Access Key does not match the Access Key ID/);
		const workflow = await activate(triggerSpec(emulator, queue, { manageSubscriptions: false }));
		emulator.control.sqs.injectFault({ action: 'ReceiveMessage', queue, status: 403, code: 'InvalidClientTokenId', type: 'com.amazon.coral.service#UnrecognizedClientException', message: 'The security token included in the request is invalid.', count: 5 });
		const [error] = await workflow.waitForErrors(1, 25_000);
		expect(error.message).toMatch(/does not recognise the Access Key ID/);
	});

	it('warns when the queue policy does not let Amazon send, and never shows a secret', async () => {
		const queue = newQueue({ allowSpApi: false });
		const workflow = await activate(triggerSpec(emulator, queue, { notificationTypes: ['TRANSACTION_UPDATE'] }, 'na'));
		const logs = workflow.logs();
		expect(logs.some((l) => l.level === 'warn' && /does not let Amazon SP-API send to it.*437568002678/.test(l.message))).toBe(true);
		await workflow.deactivate();
		const visible = JSON.stringify({ logs: workflow.logs(), emits: workflow.emits.map((e) => e.data), errors: workflow.errors.map((e) => e.message) });
		const sqsKeys = emulator.control.sqs.keys;
		const credential = emulator.credentialsFor('na');
		const accessTokens = emulator.control.state.tokens.issued().map((t) => t.token);
		for (const secret of [sqsKeys.consumer.secretAccessKey, credential.clientSecret, credential.refreshToken, ...accessTokens]) expect(visible).not.toContain(secret);
	});
});

describe('Amazon SP-API Notifications Trigger in the editor (manual test)', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 100, queueTimeScale: 100 });
	});
	afterAll(async () => emulator.close());

	it('waits for one message, shows it, removes it from the queue, and undoes the subscriptions it made for the test', async () => {
		const queue = emulator.control.sqs.createQueue({ name: 'manual-test' }).name;
		emulator.control.sqs.send(queue, envelope('ORDER_CHANGE', 'not-chosen', { OrderChangeNotification: {} }));
		setTimeout(() => emulator.control.sqs.send(queue, refundEnvelope('manual-1')), 300);
		setTimeout(() => emulator.control.sqs.send(queue, refundEnvelope('manual-2')), 350);
		const result = await runWorkflow({ ...triggerSpec(emulator, queue, {}), mode: 'manual' });
		expect(result.error(TRIGGER)).toBeUndefined();
		expect(result.output(TRIGGER).map((i) => i.json.notificationId)).toEqual(['manual-1']);
		await until(() => emulator.control.notifications.subscriptions().filter((s) => s.sellerId === 'A1ACORNSELLERNA').length === 0, 5000, 'test subscriptions removed');
		// only the one message shown was taken; the next one waits for the active workflow
		await until(() => emulator.control.sqs.messages(queue).map((m) => JSON.parse(m.body).NotificationMetadata.NotificationId).join() === 'manual-2', 5000, 'manual-2 left');
	});

	it('shows a clear error in the editor when the queue does not exist', async () => {
		emulator.control.sqs.createQueue({ name: 'exists' });
		const spec = triggerSpec(emulator, 'exists', { manageSubscriptions: false }, 'na', { queueUrl: `${emulator.control.sqs.url}/123456789012/gone` });
		const result = await runWorkflow({ ...spec, mode: 'manual' });
		expect(result.error(TRIGGER)?.message).toMatch(/does not exist in us-east-1/);
	});
});
