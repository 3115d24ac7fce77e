import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isOrderEvent } from './data/model';
import { startEmulator } from './index';
import { requireModelsDir } from '../helpers/models';
import { SchemaChecker, type SchemaObject } from './schemaCheck';
import { call, grantlessToken, sellerToken, signedSqs, type HttpAnswer } from './testSupport';
import type { Emulator } from './types';

const NOW = new Date('2025-03-15T12:00:00Z');
const HOUR = 3_600_000;

function envelopesIn(emulator: Emulator, queue: string): Array<Record<string, unknown>> {
	return emulator.control.sqs.messages(queue).map((m) => JSON.parse(m.body) as Record<string, unknown>);
}

describe('emulated SQS: signatures checked independently (@smithy/signature-v4), AWS error wording', () => {
	let emulator: Emulator;
	let queueUrl: string;
	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW });
		queueUrl = emulator.control.sqs.createQueue({ name: 'sig-check' }).url;
	});
	afterAll(() => emulator.close());

	it('accepts a correct signature and refuses a tampered body, target or secret with SignatureDoesNotMatch', async () => {
		expect((await signedSqs(emulator, 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['QueueArn'] })).status).toBe(200);
		const mismatch = {
			status: 403,
			queryError: 'SignatureDoesNotMatch;Sender',
			body: {
				__type: 'com.amazon.coral.service#InvalidSignatureException',
				message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
			},
		};
		expect(await signedSqs(emulator, 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }, { tamper: (r) => (r.body = r.body.replace('QueueArn', 'Policy')) })).toEqual(mismatch);
		expect(await signedSqs(emulator, 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }, { tamper: (r) => (r.headers['X-Amz-Target'] = 'AmazonSQS.PurgeQueue') })).toEqual(mismatch);
		expect(await signedSqs(emulator, 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }, { secret: 'not-the-secret' })).toEqual(mismatch);
	});

	it('refuses unsigned requests and unknown keys', async () => {
		const unsigned = await signedSqs(emulator, 'GetQueueAttributes', { QueueUrl: queueUrl }, { tamper: (r) => delete r.headers.Authorization });
		expect(unsigned).toMatchObject({ status: 400, queryError: 'MissingAuthenticationToken;Sender' });
		const unknown = await signedSqs(emulator, 'GetQueueAttributes', { QueueUrl: queueUrl }, { tamper: (r) => (r.headers.Authorization = r.headers.Authorization.replace(emulator.control.sqs.keys.consumer.accessKeyId, 'AKIAUNKNOWNUNKNOWN00')) });
		expect(unknown).toEqual({ status: 403, queryError: 'InvalidClientTokenId;Sender', body: { __type: 'com.amazon.coral.service#UnrecognizedClientException', message: 'The security token included in the request is invalid.' } });
	});

	it('answers a missing queue like AWS', async () => {
		const answer = await signedSqs(emulator, 'ReceiveMessage', { QueueUrl: `${emulator.control.sqs.url}/123456789012/missing` });
		expect(answer).toEqual({ status: 400, queryError: 'AWS.SimpleQueueService.NonExistentQueue;Sender', body: { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' } });
	});
});

describe('notifications API of the emulator', () => {
	let emulator: Emulator;
	let grantless: string;
	let seller: string;
	const regionNa = { region: 'NA' as const };
	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, enforceRateLimits: false, queueTimeScale: 50 });
		grantless = await grantlessToken(emulator);
		seller = await sellerToken(emulator, 'na');
	});
	afterAll(() => emulator.close());

	const post = (pathname: string, token: string, body: unknown) => call(emulator, pathname, { ...regionNa, method: 'POST', token, body });
	const get = (pathname: string, token: string, query?: Record<string, string>) => call(emulator, pathname, { ...regionNa, token, query });
	const del = (pathname: string, token: string) => call(emulator, pathname, { ...regionNa, method: 'DELETE', token });

	it('enforces grantless tokens for destinations and seller tokens for subscriptions, as the model says', async () => {
		expect((await get('/notifications/v1/destinations', seller)).status).toBe(403);
		expect((await get('/notifications/v1/destinations', grantless)).status).toBe(200);
		expect((await post('/notifications/v1/subscriptions/ORDER_CHANGE', grantless, { payloadVersion: '1.0', destinationId: 'x' })).status).toBe(403);
		expect((await get('/notifications/v1/subscriptions/ORDER_CHANGE', grantless)).status).toBe(403);
		expect((await del('/notifications/v1/subscriptions/ORDER_CHANGE/abc', seller)).status).toBe(403);
		const rotation = await grantlessToken(emulator, 'A', 'sellingpartnerapi::client_credential:rotation');
		const wrongScope = await get('/notifications/v1/destinations', rotation);
		expect(wrongScope).toMatchObject({ status: 403, body: { errors: [{ code: 'Unauthorized' }] } });
	});

	it('keeps one destination per queue and one subscription per type and payload version, with Amazon’s conflict answers', async () => {
		const queue = emulator.control.sqs.createQueue({ name: 'conflicts' });
		const created = await post('/notifications/v1/destinations', grantless, { name: 'n8n', resourceSpecification: { sqs: { arn: queue.arn } } });
		expect(created.status).toBe(200);
		const destinationId = created.body.payload.destinationId as string;
		const again = await post('/notifications/v1/destinations', grantless, { name: 'n8n', resourceSpecification: { sqs: { arn: queue.arn } } });
		expect(again).toMatchObject({ status: 409, body: { errors: [{ code: 'Conflict', details: expect.stringMatching(/already exists for the application amzn1\.sellerapps\.app\./) }] } });
		expect((await post('/notifications/v1/destinations', grantless, { name: 'n8n', resourceSpecification: { sqs: { arn: 'not-an-arn' } } })).status).toBe(400);

		expect((await get('/notifications/v1/subscriptions/FEE_PROMOTION', seller)).status).toBe(404);
		const sub = await post('/notifications/v1/subscriptions/FEE_PROMOTION', seller, { payloadVersion: '1.0', destinationId });
		expect(sub).toMatchObject({ status: 200, body: { payload: { payloadVersion: '1.0', destinationId } } });
		const dup = await post('/notifications/v1/subscriptions/FEE_PROMOTION', seller, { payloadVersion: '1.0', destinationId });
		expect(dup).toMatchObject({ status: 409, body: { errors: [{ code: 'StateConflict', details: 'Subscription already exist for notification type FEE_PROMOTION' }] } });
		expect((await post('/notifications/v1/subscriptions/FEE_PROMOTION', seller, { payloadVersion: '9.9', destinationId })).status).toBe(400);
		expect((await post('/notifications/v1/subscriptions/LISTINGS_ITEM_STATUS_CHANGE', seller, { payloadVersion: '1.0', destinationId })).status).toBe(400);

		const listed = await get('/notifications/v1/subscriptions', seller, { notificationTypes: 'FEE_PROMOTION' });
		expect(listed.body.payload.subscriptions).toHaveLength(1);
		const subscriptionId = sub.body.payload.subscriptionId as string;
		expect((await get(`/notifications/v1/subscriptions/FEE_PROMOTION/${subscriptionId}`, grantless)).status).toBe(200);
		const busy = await del(`/notifications/v1/destinations/${destinationId}`, grantless);
		expect(busy).toMatchObject({ status: 403, body: { errors: [{ code: 'Unauthorized', details: 'Destination has subscriptions' }] } });
		expect((await del(`/notifications/v1/subscriptions/FEE_PROMOTION/${subscriptionId}`, grantless)).status).toBe(200);
		expect((await del(`/notifications/v1/subscriptions/FEE_PROMOTION/${subscriptionId}`, grantless)).status).toBe(404);
		expect((await del(`/notifications/v1/destinations/${destinationId}`, grantless)).status).toBe(200);
		// another app sees none of this app's destinations
		const otherApp = await grantlessToken(emulator, 'B');
		expect((await get('/notifications/v1/destinations', otherApp)).body.payload).toEqual([]);
	});

	it('publishes TRANSACTION_UPDATE (PascalCase) for transactions that become visible as the clock moves, matching listTransactions', async () => {
		const queue = emulator.control.sqs.createQueue({ name: 'money' });
		const destinationId = (await post('/notifications/v1/destinations', grantless, { name: 'money', resourceSpecification: { sqs: { arn: queue.arn } } })).body.payload.destinationId;
		expect((await post('/notifications/v1/subscriptions/TRANSACTION_UPDATE', seller, { payloadVersion: '1.0', destinationId })).status).toBe(200);
		expect(emulator.control.sqs.depth('money').visible).toBe(0);
		const from = emulator.control.now().getTime();
		emulator.control.advanceClock(30 * HOUR);
		const to = emulator.control.now().getTime();
		// the clock moved past the tokens' hour
		grantless = await grantlessToken(emulator);
		seller = await sellerToken(emulator, 'na');
		const data = emulator.control.state.dataFor('na');
		const expected = data.events.filter((e) => e.visibleAt > from && e.visibleAt <= to);
		expect(expected.length).toBeGreaterThan(3);
		const envelopes = envelopesIn(emulator, 'money');
		expect(envelopes).toHaveLength(expected.length);
		const refund = expected.find((e) => e.kind === 'Refund' && isOrderEvent(e));
		const envelope = envelopes.find((e) => (e.Payload as any).TransactionUpdateNotification.TransactionType === 'Refund');
		if (refund && isOrderEvent(refund)) {
			expect(envelope).toBeDefined();
			const payload = (envelope!.Payload as any).TransactionUpdateNotification;
			expect(envelope).toMatchObject({ NotificationType: 'TRANSACTION_UPDATE', PayloadVersion: '1.0', NotificationMetadata: { NotificationId: expect.any(String) } });
			const listed = await get('/finances/2024-06-19/transactions', seller, { relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: payload.RelatedIdentifiers[0].RelatedIdentifierValue });
			const match = listed.body.payload.transactions.find((t: any) => t.transactionType === 'Refund' && Date.parse(t.postedDate) === Date.parse(payload.PostedDate));
			expect(match.totalAmount).toEqual({ currencyCode: payload.TotalAmount.CurrencyCode, currencyAmount: payload.TotalAmount.CurrencyAmount });
		}
		// nothing twice: moving on publishes only what is new
		emulator.control.advanceClock(1000);
		emulator.control.notifications.scanTransactions();
		expect(emulator.control.sqs.depth('money').visible).toBe(expected.length);
	});

	it('publishes what the event bus announces in the type’s casing, and drops it when the queue policy does not allow Amazon', async () => {
		const allowed = emulator.control.sqs.createQueue({ name: 'reports' });
		const closed = emulator.control.sqs.createQueue({ name: 'no-policy', allowSpApi: false });
		for (const q of [allowed, closed]) {
			const destinationId = (await post('/notifications/v1/destinations', grantless, { name: q.name, resourceSpecification: { sqs: { arn: q.arn } } })).body.payload.destinationId;
			const token = q === allowed ? seller : await sellerToken(emulator, 'na2');
			expect((await post('/notifications/v1/subscriptions/REPORT_PROCESSING_FINISHED', token, { payloadVersion: '2020-09-04', destinationId })).status).toBe(200);
		}
		const payload = { reportProcessingFinishedNotification: { sellerId: 'A1ACORNSELLERNA', accountId: 'amzn1.merchant.o.A1ACORNSELLERNA', reportId: '1234', reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', processingStatus: 'DONE', reportDocumentId: 'amzn1.spdoc.1.4.na.x' } };
		emulator.control.events.emit({ notificationType: 'REPORT_PROCESSING_FINISHED', sellerId: 'A1ACORNSELLERNA', eventTime: emulator.control.now().toISOString(), payload });
		emulator.control.events.emit({ notificationType: 'REPORT_PROCESSING_FINISHED', sellerId: 'A1ACORNSELLERN2', eventTime: emulator.control.now().toISOString(), payload });
		const [envelope] = envelopesIn(emulator, 'reports');
		expect(envelope).toMatchObject({ notificationType: 'REPORT_PROCESSING_FINISHED', payloadVersion: '2020-09-04', payload, notificationMetadata: { notificationId: expect.any(String) } });
		expect(envelope.NotificationType).toBeUndefined();
		expect(emulator.control.sqs.depth('no-policy').visible).toBe(0);
		expect(emulator.control.notifications.deliveries().at(-1)).toMatchObject({ outcome: 'dropped', reason: expect.stringMatching(/policy/) });
	});

	it('sends test notifications to the destination, and EventBridge destinations get EventBridge events', async () => {
		const queue = emulator.control.sqs.createQueue({ name: 'tests' });
		const destinationId = (await post('/notifications/v1/destinations', grantless, { name: 'tests', resourceSpecification: { sqs: { arn: queue.arn } } })).body.payload.destinationId;
		const sent = await post('/notifications/v1/subscriptions/ORDER_CHANGE/testNotification', grantless, { destinationId, testNotification: { payloadVersion: '1.0', testScenario: 'BuyerRequestedChange' } });
		expect(sent.status).toBe(200);
		expect(envelopesIn(emulator, 'tests')[0]).toMatchObject({ NotificationType: 'ORDER_CHANGE', Payload: { OrderChangeNotification: { OrderChangeType: 'BuyerRequestedChange' } } });
		expect((await post('/notifications/v1/subscriptions/ORDER_CHANGE/testNotification', grantless, { destinationId, testNotification: { payloadVersion: '1.0' } })).status).toBe(400);

		const bridge = await post('/notifications/v1/destinations', grantless, { name: 'bridge', resourceSpecification: { eventBridge: { region: 'us-east-1', accountId: '123456789012' } } });
		expect(bridge.body.payload.resource.eventBridge).toMatchObject({ region: 'us-east-1', accountId: '123456789012', name: expect.stringMatching(/^aws\.partner\/sellingpartnerapi\.amazon\//) });
		const bridgeId = bridge.body.payload.destinationId;
		expect((await post('/notifications/v1/subscriptions/LISTINGS_ITEM_STATUS_CHANGE', seller, { payloadVersion: '1.0', destinationId: bridgeId })).status).toBe(200);
		emulator.control.events.emit({ notificationType: 'LISTINGS_ITEM_STATUS_CHANGE', sellerId: 'A1ACORNSELLERNA', eventTime: emulator.control.now().toISOString(), payload: { SellerId: 'A1ACORNSELLERNA', MarketplaceId: 'ATVPDKIKX0DER', Asin: 'B0TEST', Sku: 'SKU-1', CreatedDate: emulator.control.now().toISOString(), Status: ['BUYABLE'] } });
		const [event] = emulator.control.notifications.eventBridgeEvents();
		expect(event.event).toMatchObject({ 'detail-type': 'LISTINGS_ITEM_STATUS_CHANGE', account: '123456789012', detail: { NotificationType: 'LISTINGS_ITEM_STATUS_CHANGE' } });
	});
});

const modelsDir = requireModelsDir('the published envelopes against Amazon’s notification schemas') ?? '';
(modelsDir ? describe : describe.skip)('published envelopes conform to Amazon’s notification schemas', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ now: NOW, enforceRateLimits: false });
	});
	afterAll(() => emulator.close());

	function check(schemaFile: string, envelope: unknown): string[] {
		const document = JSON.parse(readFileSync(path.join(modelsDir, 'schemas', 'notifications', schemaFile), 'utf8')) as SchemaObject & { definitions?: Record<string, SchemaObject> };
		return new SchemaChecker({ swagger: '2.0', paths: {}, definitions: document.definitions ?? {} }).check(document, envelope, '$');
	}

	it('TRANSACTION_UPDATE, REPORT_PROCESSING_FINISHED and ORDER_CHANGE envelopes pass the official schemas', async () => {
		const grantless = await grantlessToken(emulator);
		const seller = await sellerToken(emulator, 'eu');
		const queue = emulator.control.sqs.createQueue({ name: 'schema', region: 'eu-west-1' });
		const created: HttpAnswer = await call(emulator, '/notifications/v1/destinations', { region: 'EU', method: 'POST', token: grantless, body: { name: 's', resourceSpecification: { sqs: { arn: queue.arn } } } });
		const destinationId = created.body.payload.destinationId;
		for (const [type, version] of [['TRANSACTION_UPDATE', '1.0'], ['REPORT_PROCESSING_FINISHED', '2020-09-04'], ['ORDER_CHANGE', '1.0']]) {
			await call(emulator, `/notifications/v1/subscriptions/${type}`, { region: 'EU', method: 'POST', token: seller, body: { payloadVersion: version, destinationId } });
		}
		emulator.control.advanceClock(24 * HOUR);
		const freshGrantless = await grantlessToken(emulator);
		emulator.control.events.emit({
			notificationType: 'REPORT_PROCESSING_FINISHED',
			sellerId: 'A1ACORNSELLEREU',
			eventTime: emulator.control.now().toISOString(),
			payload: { reportProcessingFinishedNotification: { sellerId: 'A1ACORNSELLEREU', accountId: 'amzn1.merchant.o.A1ACORNSELLEREU', reportId: '1', reportType: 'GET_FBA_REIMBURSEMENTS_DATA', processingStatus: 'DONE', reportDocumentId: 'amzn1.spdoc.x' } },
		});
		await call(emulator, '/notifications/v1/subscriptions/ORDER_CHANGE/testNotification', { region: 'EU', method: 'POST', token: freshGrantless, body: { destinationId, testNotification: { payloadVersion: '1.0', testScenario: 'OrderStatusChange' } } });
		const envelopes = envelopesIn(emulator, 'schema');
		const byType = (type: string) => envelopes.filter((e) => (e.NotificationType ?? e.notificationType) === type);
		expect(byType('TRANSACTION_UPDATE').length).toBeGreaterThan(0);
		const problems = [
			...byType('TRANSACTION_UPDATE').flatMap((e) => check('TransactionUpdateNotification.json', e)),
			...byType('REPORT_PROCESSING_FINISHED').flatMap((e) => check('ReportProcessingFinishedNotification.json', e)),
			...byType('ORDER_CHANGE').flatMap((e) => check('OrderChangeNotification.json', e)),
		];
		expect(byType('REPORT_PROCESSING_FINISHED')).toHaveLength(1);
		expect(byType('ORDER_CHANGE')).toHaveLength(1);
		expect(problems.slice(0, 20)).toEqual([]);
	});
});
