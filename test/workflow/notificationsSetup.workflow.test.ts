import type { ICredentialDataDecryptedObject, INodeParameters, INodeType } from 'n8n-workflow';
import { startEmulator } from '../emulator';
import type { Emulator } from '../emulator/types';
import { loadAcornPackage, runWorkflow, spApiCredentialRef, type WorkflowSpec } from '../harness/n8nHarness';
import { callWebhook, webhookLifecycle, webhookWorkflow } from '../harness/triggerHarness';

const START = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} };
const SECRET = 'eventbridge-shared-secret-0123456789';

function settingsWorkflow(emulator: Emulator, parameters: INodeParameters, credential: Record<string, unknown> = {}): WorkflowSpec {
	return {
		nodes: [START, { name: 'Settings', type: 'n8n-nodes-acorn.amazonSpApiNotifications', parameters, credentials: spApiCredentialRef(), continueOnFail: true }],
		connections: { Start: ['Settings'] },
		credentials: { amazonSpApi: { ...emulator.credentialsFor('na'), ...credential } as unknown as ICredentialDataDecryptedObject },
	};
}

describe('Amazon SP-API EventBridge Trigger (webhook)', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 100 });
	});
	afterAll(async () => emulator.close());

	function spec(parameters: Record<string, unknown> = {}) {
		return {
			nodes: [
				{
					name: 'EventBridge',
					type: 'n8n-nodes-acorn.amazonSpApiEventBridgeTrigger',
					parameters: { awsAccountId: '123456789012', awsRegion: 'us-east-1', notificationTypes: ['LISTINGS_ITEM_STATUS_CHANGE'], manageSubscriptions: true, ...parameters },
					credentials: { amazonSpApi: { id: 'amazonSpApi', name: 'Amazon' }, amazonEventBridgeWebhookApi: { id: 'secret', name: 'Secret' } },
					webhookId: '7b0c3c7e-5d7a-4d8e-9c1f-3f0a5f1e2d11',
				},
			],
			connections: {},
			credentials: {
				amazonSpApi: { ...emulator.credentialsFor('na') } as unknown as ICredentialDataDecryptedObject,
				secret: { headerName: 'x-acorn-secret', secret: SECRET },
			},
		};
	}

	it('subscribes on activation, passes EventBridge events on once, refuses requests without the secret, and unsubscribes on deactivation', async () => {
		const target = await webhookWorkflow(spec());
		expect(await webhookLifecycle(target, 'EventBridge', 'activate')).toEqual({ existed: false, created: true });
		const destinations = emulator.control.notifications.destinations().filter((d) => d.eventBridge?.accountId === '123456789012');
		expect(destinations).toHaveLength(1);
		const subscriptions = emulator.control.notifications.subscriptions().filter((s) => s.notificationType === 'LISTINGS_ITEM_STATUS_CHANGE');
		expect(subscriptions).toHaveLength(1);

		emulator.control.events.emit({
			notificationType: 'LISTINGS_ITEM_STATUS_CHANGE',
			sellerId: 'A1ACORNSELLERNA',
			eventTime: emulator.control.now().toISOString(),
			payload: { SellerId: 'A1ACORNSELLERNA', MarketplaceId: 'A2EUQ1WTGCTBG2', Asin: 'B0ACORN001', Sku: 'ACORN-TENT-2P', CreatedDate: '2026-03-01T10:00:00Z', Status: ['BUYABLE', 'DISCOVERABLE'] },
		});
		const [{ event }] = emulator.control.notifications.eventBridgeEvents();
		const answer = await callWebhook(target, 'EventBridge', { headers: { 'X-Acorn-Secret': SECRET }, body: event });
		expect(answer.run?.run.status).toBe('success');
		const [item] = answer.run!.output('EventBridge');
		expect(item.json).toMatchObject({
			notificationType: 'LISTINGS_ITEM_STATUS_CHANGE',
			sku: 'ACORN-TENT-2P',
			asin: 'B0ACORN001',
			status: ['BUYABLE', 'DISCOVERABLE'],
			marketplaceId: 'A2EUQ1WTGCTBG2',
			marketplaceCountry: 'CA',
			createdDateLocal: '2026-03-01T05:00:00-05:00',
			source: { kind: 'eventBridge', eventId: event.id },
		});

		const again = await callWebhook(target, 'EventBridge', { headers: { 'x-acorn-secret': SECRET }, body: event });
		expect(again).toMatchObject({ response: { webhookResponse: { ignored: 'duplicate' } } });
		expect(again.run).toBeUndefined();
		const forged = await callWebhook(target, 'EventBridge', { headers: { 'x-acorn-secret': 'guess' }, body: event });
		expect(forged).toMatchObject({ status: 401, response: { noWebhookResponse: true } });
		const unsigned = await callWebhook(target, 'EventBridge', { body: event });
		expect(unsigned.status).toBe(401);
		const other = await callWebhook(target, 'EventBridge', { headers: { 'x-acorn-secret': SECRET }, body: { ...event, id: 'other', detail: { ...(event.detail as Record<string, unknown>), NotificationType: 'ITEM_PRODUCT_TYPE_CHANGE' } } });
		expect(other.response).toMatchObject({ webhookResponse: { ignored: expect.stringMatching(/ITEM_PRODUCT_TYPE_CHANGE/) } });
		const broken = await callWebhook(target, 'EventBridge', { headers: { 'x-acorn-secret': SECRET }, body: { version: '0', id: 'x', detail: 'not json' } });
		expect(broken.run?.output('EventBridge')).toEqual([]);
		expect(broken.response.workflowData?.[1]).toEqual([{ json: expect.objectContaining({ error: 'The message is not JSON.' }) }]);
		expect(JSON.stringify([answer, again, forged, broken].map((a) => a.response))).not.toContain(SECRET);

		// a test in the editor keeps its own ledger: it cannot remove the active workflow's subscription
		expect(await webhookLifecycle(target, 'EventBridge', 'activate', 'manual')).toEqual({ existed: false, created: true });
		expect(await webhookLifecycle(target, 'EventBridge', 'deactivate', 'manual')).toEqual({ deleted: true });
		expect(emulator.control.notifications.subscriptions().filter((s) => s.notificationType === 'LISTINGS_ITEM_STATUS_CHANGE')).toHaveLength(1);

		expect(await webhookLifecycle(target, 'EventBridge', 'deactivate')).toEqual({ deleted: true });
		expect(emulator.control.notifications.subscriptions().filter((s) => s.notificationType === 'LISTINGS_ITEM_STATUS_CHANGE')).toHaveLength(0);
		expect(emulator.control.notifications.destinations().filter((d) => d.eventBridge?.accountId === '123456789012')).toHaveLength(0);
	});

	it('rejects unreadable requests with 400 when asked, so EventBridge can dead-letter them', async () => {
		const target = await webhookWorkflow(spec({ manageSubscriptions: false, options: { unreadableMessages: 'reject' } }));
		const answer = await callWebhook(target, 'EventBridge', { headers: { 'x-acorn-secret': SECRET }, body: { hello: 'world' } });
		expect(answer).toMatchObject({ status: 400, sent: { error: expect.stringMatching(/no notificationType/) }, response: { noWebhookResponse: true } });
	});

	it('refuses to subscribe SQS-only types through EventBridge, before calling Amazon', async () => {
		const target = await webhookWorkflow(spec({ notificationTypes: ['TRANSACTION_UPDATE'] }));
		emulator.control.clearRequests();
		await expect(webhookLifecycle(target, 'EventBridge', 'activate')).rejects.toThrow(/only to SQS queues/);
		expect(emulator.control.requests()).toHaveLength(0);
	});
});

describe('Amazon SP-API Notifications (settings node)', () => {
	let emulator: Emulator;
	let destinationId: string;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 100 });
		const queue = emulator.control.sqs.createQueue({ name: 'settings' });
		const made = await runWorkflow(settingsWorkflow(emulator, { resource: 'destination', operation: 'getMany', returnAll: true }));
		expect(made.output('Settings')).toEqual([]);
		const created = await (await import('../emulator/testSupport')).call(emulator, '/notifications/v1/destinations', {
			method: 'POST',
			token: await (await import('../emulator/testSupport')).grantlessToken(emulator),
			body: { name: 'n8n', resourceSpecification: { sqs: { arn: queue.arn } } },
		});
		destinationId = created.body.payload.destinationId;
	});
	afterAll(async () => emulator.close());

	it('lists destinations and reads a store’s subscriptions in plain fields', async () => {
		const list = await runWorkflow(settingsWorkflow(emulator, { resource: 'destination', operation: 'getMany', returnAll: true, options: { includeResponseMetadata: true } }));
		expect(list.output('Settings').map((i) => i.json)).toEqual([
			expect.objectContaining({ destinationId, kind: 'sqs', sqsArn: 'arn:aws:sqs:us-east-1:123456789012:settings', responseMetadata: expect.objectContaining({ operation: 'getDestinations' }) }),
		]);
		const none = await runWorkflow(settingsWorkflow(emulator, { resource: 'subscription', operation: 'get', notificationType: 'ORDER_CHANGE' }));
		expect(none.output('Settings')[0].json).toEqual({ notificationType: 'ORDER_CHANGE', subscribed: false });
		const subscription = emulator.control.notifications.subscribe({ seller: 'na', notificationType: 'ORDER_CHANGE', payloadVersion: '1.0', destinationId });
		const one = await runWorkflow(settingsWorkflow(emulator, { resource: 'subscription', operation: 'get', notificationType: 'ORDER_CHANGE' }));
		expect(one.output('Settings')[0].json).toMatchObject({ subscribed: true, subscriptionId: subscription.subscriptionId, destinationId });
		const many = await runWorkflow(settingsWorkflow(emulator, { resource: 'subscription', operation: 'getMany', notificationType: 'ORDER_CHANGE', returnAll: true }));
		expect(many.output('Settings').map((i) => i.json.subscriptionId)).toEqual([subscription.subscriptionId]);

		// a destination in use cannot be deleted: Amazon's words and the request id reach the item
		const busy = await runWorkflow(settingsWorkflow(emulator, { resource: 'destination', operation: 'delete', destinationId }));
		expect(busy.output('Settings')[0].json).toMatchObject({ httpStatus: 403, errors: [expect.objectContaining({ details: 'Destination has subscriptions' })], requestId: expect.any(String) });
		const removed = await runWorkflow(settingsWorkflow(emulator, { resource: 'subscription', operation: 'delete', notificationType: 'ORDER_CHANGE', subscriptionId: subscription.subscriptionId }));
		expect(removed.output('Settings')[0].json).toMatchObject({ deleted: true });
		expect(emulator.control.notifications.subscriptions()).toHaveLength(0);
	});

	it('sends test notifications in the sandbox only, and refuses before calling Amazon elsewhere', async () => {
		emulator.control.clearRequests();
		const production = await runWorkflow(settingsWorkflow(emulator, { resource: 'testNotification', operation: 'send', notificationType: 'ORDER_CHANGE', destinationId, testScenario: 'OrderStatusChange' }));
		expect(production.output('Settings')[0].json.error).toMatch(/only in the sandbox/);
		expect(emulator.control.requests().filter((r) => r.operation === 'sendTestNotification')).toHaveLength(0);
		const sandbox = await runWorkflow(settingsWorkflow(emulator, { resource: 'testNotification', operation: 'send', notificationType: 'ORDER_CHANGE', destinationId, testScenario: 'OrderStatusChange' }, { environment: 'sandbox' }));
		expect(sandbox.output('Settings')[0].json).toMatchObject({ sent: true, payloadVersion: '1.0' });
		expect(emulator.control.sqs.messages('settings').map((m) => JSON.parse(m.body).NotificationType)).toEqual(['ORDER_CHANGE']);
	});
});

describe('Amazon SQS credential test (real calls, plain words)', () => {
	let emulator: Emulator;
	let test: (data: Record<string, unknown>) => Promise<{ status: string; message: string }>;
	beforeAll(async () => {
		emulator = await startEmulator();
		emulator.control.sqs.createQueue({ name: 'good' });
		emulator.control.sqs.createQueue({ name: 'closed', allowSpApi: false });
		emulator.control.sqs.createQueue({
			name: 'others-only',
			policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sqs:SendMessage', Resource: '*' }] }),
		});
		const loader = await loadAcornPackage();
		const node = loader.nodeTypes.amazonSpApiNotificationsTrigger.type as INodeType;
		const fn = node.methods!.credentialTest!.amazonSqsConnectionTest;
		test = async (data) => await fn.call({ logger: { debug: () => undefined, warn: () => undefined } } as never, { id: '1', name: 'q', type: 'amazonSqsApi', data: data as never });
	});
	afterAll(async () => emulator.close());

	it('connects and says Amazon may send to the queue', async () => {
		expect(await test({ ...emulator.control.sqs.credentialsFor('good') })).toEqual({ status: 'OK', message: expect.stringMatching(/Connected to queue good in us-east-1: Amazon SP-API may send to it; 0 message/) });
		expect((await test({ ...emulator.control.sqs.credentialsFor('good', 'temporary', 'name') })).status).toBe('OK');
	});

	it('says what is wrong in plain words', async () => {
		const good = emulator.control.sqs.credentialsFor('good');
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ ...good, secretAccessKey: 'wrong-secret-wrong-secret' }, /Secret Access Key does not match/],
			[{ ...good, accessKeyId: 'AKIANOTAKEYATALL0000' }, /does not recognise the Access Key ID/],
			[{ ...good, queueUrl: `${emulator.control.sqs.url}/123456789012/missing` }, /does not exist in us-east-1/],
			[{ ...good, accessKeyId: emulator.control.sqs.keys.noPermissions.accessKeyId, secretAccessKey: emulator.control.sqs.keys.noPermissions.secretAccessKey }, /may not use the queue/],
			[{ ...emulator.control.sqs.credentialsFor('closed') }, /has no access policy: Amazon SP-API \(AWS account 437568002678\) could not send.*Turn on "Prepare Queue".*sqs:SendMessage/],
			// named by region and name, before ACORN prepared it: not an error in the seller's key, a step still to come
			[{ ...emulator.control.sqs.credentialsForName('amazon-notifications-later', { region: 'eu-west-1' }) }, /^The AWS key works, but there is no queue amazon-notifications-later in eu-west-1 yet\. Turn on "Prepare Queue"/],
			[{ ...emulator.control.sqs.credentialsFor('others-only') }, /does not allow it: Amazon SP-API \(AWS account 437568002678\)/],
			[{ ...good, sqsEndpoint: 'http://127.0.0.1:9' }, /could not be reached/],
			[{ ...good, secretAccessKey: '' }, /missing: Secret Access Key/],
		];
		for (const [data, message] of cases) {
			const result = await test(data);
			expect([result.status, result.message]).toEqual(['Error', expect.stringMatching(message)]);
			expect(result.message).not.toContain(good.secretAccessKey);
		}
	});
});
