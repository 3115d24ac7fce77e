/**
 * The emulated SQS creates queues and stores their attributes like SQS (CreateQueue, SetQueueAttributes),
 * checks every call against the IAM policy of the key's user, and the emulated Amazon delivers a
 * notification only into a queue whose access policy lets Amazon SP-API's account send to it.
 */
import { startEmulator } from './index';
import { call, grantlessToken, signedSqs } from './testSupport';
import type { Emulator } from './types';

const AMAZON = 'arn:aws:iam::437568002678:root';
const allowAmazon = (arn: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: AMAZON }, Action: 'sqs:SendMessage', Resource: arn }] });
const onlyQueues = (actions: string[], resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] });

describe('emulated SQS: creating and configuring queues', () => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 100 });
		emulator.control.sqs.addKey('manager', onlyQueues(['sqs:CreateQueue', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes'], 'arn:aws:sqs:*:*:amazon-notifications*'));
		emulator.control.sqs.addKey('reader', onlyQueues(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], '*'));
	});
	afterAll(() => emulator.close());

	it('creates a standard queue in the signed region; GetQueueUrl and GetQueueAttributes find it, without a policy', async () => {
		const created = await signedSqs(emulator, 'CreateQueue', { QueueName: 'amazon-notifications-a' }, { key: 'manager', region: 'eu-west-1' });
		expect(created).toMatchObject({ status: 200, body: { QueueUrl: `${emulator.control.sqs.url}/123456789012/amazon-notifications-a` } });
		expect(await signedSqs(emulator, 'GetQueueUrl', { QueueName: 'amazon-notifications-a' }, { key: 'manager', region: 'eu-west-1' })).toMatchObject({ status: 200, body: { QueueUrl: created.body.QueueUrl } });
		// a queue lives in one region
		expect(await signedSqs(emulator, 'GetQueueUrl', { QueueName: 'amazon-notifications-a' }, { key: 'manager', region: 'us-east-1' })).toMatchObject({ status: 400, queryError: 'AWS.SimpleQueueService.NonExistentQueue;Sender' });
		const attributes = await signedSqs(emulator, 'GetQueueAttributes', { QueueUrl: created.body.QueueUrl, AttributeNames: ['All'] }, { key: 'manager', region: 'eu-west-1' });
		expect(attributes.body.Attributes).toMatchObject({ QueueArn: 'arn:aws:sqs:eu-west-1:123456789012:amazon-notifications-a', VisibilityTimeout: '30', SqsManagedSseEnabled: 'true' });
		expect(attributes.body.Attributes).not.toHaveProperty('Policy');
	});

	it('answers the existing queue when every given attribute matches, and QueueNameExists when one differs', async () => {
		const first = await signedSqs(emulator, 'CreateQueue', { QueueName: 'amazon-notifications-b', Attributes: { VisibilityTimeout: '60' } }, { key: 'manager' });
		expect(first.status).toBe(200);
		expect(await signedSqs(emulator, 'CreateQueue', { QueueName: 'amazon-notifications-b', Attributes: { VisibilityTimeout: '60' } }, { key: 'manager' })).toMatchObject({ status: 200, body: { QueueUrl: first.body.QueueUrl } });
		expect(await signedSqs(emulator, 'CreateQueue', { QueueName: 'amazon-notifications-b' }, { key: 'manager' })).toMatchObject({ status: 200, body: { QueueUrl: first.body.QueueUrl } });
		expect(await signedSqs(emulator, 'CreateQueue', { QueueName: 'amazon-notifications-b', Attributes: { VisibilityTimeout: '30' } }, { key: 'manager' })).toEqual({
			status: 400,
			queryError: 'QueueAlreadyExists;Sender',
			body: { __type: 'com.amazonaws.sqs#QueueNameExists', message: 'A queue already exists with the same name and a different value for attribute VisibilityTimeout' },
		});
		expect(await signedSqs(emulator, 'CreateQueue', { QueueName: 'amazon notifications' }, { key: 'consumer' })).toMatchObject({ status: 400, queryError: 'InvalidParameterValue;Sender' });
	});

	it('stores the access policy SetQueueAttributes sets, and refuses one that is not a policy', async () => {
		const url = String((await signedSqs(emulator, 'CreateQueue', { QueueName: 'amazon-notifications-c' }, { key: 'manager' })).body.QueueUrl);
		const arn = 'arn:aws:sqs:us-east-1:123456789012:amazon-notifications-c';
		expect((await signedSqs(emulator, 'SetQueueAttributes', { QueueUrl: url, Attributes: { Policy: allowAmazon(arn) } }, { key: 'manager' })).status).toBe(200);
		expect(emulator.control.sqs.attributes('amazon-notifications-c').Policy).toBe(allowAmazon(arn));
		expect((await signedSqs(emulator, 'GetQueueAttributes', { QueueUrl: url, AttributeNames: ['Policy'] }, { key: 'manager' })).body).toEqual({ Attributes: { Policy: allowAmazon(arn) } });
		expect(await signedSqs(emulator, 'SetQueueAttributes', { QueueUrl: url, Attributes: { Policy: '{"Version":' } }, { key: 'manager' })).toEqual({
			status: 400,
			queryError: 'InvalidAttributeValue;Sender',
			body: { __type: 'com.amazonaws.sqs#InvalidAttributeValue', message: 'Invalid value for the parameter Policy.' },
		});
		expect(emulator.control.sqs.attributes('amazon-notifications-c').Policy).toBe(allowAmazon(arn));
	});

	it("checks the IAM policy of the key's user: actions and queue names it does not allow are refused with AccessDenied", async () => {
		const reader = emulator.control.sqs.keys.reader;
		expect(await signedSqs(emulator, 'CreateQueue', { QueueName: 'amazon-notifications-d' }, { key: 'reader' })).toEqual({
			status: 403,
			queryError: 'AccessDenied;Sender',
			body: {
				__type: 'com.amazon.coral.service#AccessDeniedException',
				message: `User: ${reader.userArn} is not authorized to perform: sqs:createqueue on resource: arn:aws:sqs:us-east-1:123456789012:amazon-notifications-d because no identity-based policy allows the sqs:createqueue action`,
			},
		});
		expect(await signedSqs(emulator, 'CreateQueue', { QueueName: 'other-queue' }, { key: 'manager' })).toMatchObject({ status: 403, queryError: 'AccessDenied;Sender' });
		const url = emulator.control.sqs.createQueue({ name: 'amazon-notifications-e' }).url;
		expect(await signedSqs(emulator, 'SetQueueAttributes', { QueueUrl: url, Attributes: { Policy: allowAmazon('x') } }, { key: 'reader' })).toMatchObject({ status: 403, queryError: 'AccessDenied;Sender' });
		// the manager may not read messages: its policy lists no ReceiveMessage
		expect(await signedSqs(emulator, 'ReceiveMessage', { QueueUrl: url }, { key: 'manager' })).toMatchObject({ status: 403, queryError: 'AccessDenied;Sender' });
		expect(await signedSqs(emulator, 'ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 0 }, { key: 'reader' })).toMatchObject({ status: 200 });
		expect(await signedSqs(emulator, 'GetQueueAttributes', { QueueUrl: url, AttributeNames: ['QueueArn'] }, { key: 'noPermissions' })).toMatchObject({ status: 403, queryError: 'AccessDenied;Sender' });
	});

	it("delivers Amazon's notifications only once the queue's access policy lets Amazon SP-API send", async () => {
		const url = String((await signedSqs(emulator, 'CreateQueue', { QueueName: 'amazon-notifications-f' }, { key: 'manager', region: 'eu-west-1' })).body.QueueUrl);
		const arn = 'arn:aws:sqs:eu-west-1:123456789012:amazon-notifications-f';
		const grantless = await grantlessToken(emulator);
		const created = await call(emulator, '/notifications/v1/destinations', { region: 'EU', method: 'POST', token: grantless, body: { name: 'f', resourceSpecification: { sqs: { arn } } } });
		const destinationId = String(created.body.payload.destinationId);
		emulator.control.notifications.subscribe({ seller: 'eu', notificationType: 'FEE_PROMOTION', payloadVersion: '1.0', destinationId });
		const publish = () => emulator.control.events.emit({ notificationType: 'FEE_PROMOTION', sellerId: 'A1ACORNSELLEREU', eventTime: emulator.control.now().toISOString(), payload: { FeePromotionNotification: {} } });

		publish();
		expect(emulator.control.sqs.depth('amazon-notifications-f').visible).toBe(0);
		expect(emulator.control.notifications.deliveries().at(-1)).toMatchObject({ destinationId, outcome: 'dropped', reason: 'the queue policy does not let Amazon SP-API send messages' });

		// a policy for someone else, or one that only lets Amazon read the queue, changes nothing
		const notAmazon = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '999988887777' }, Action: 'sqs:SendMessage', Resource: arn }] });
		const readOnly = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: AMAZON }, Action: 'sqs:GetQueueAttributes', Resource: arn }] });
		for (const policy of [notAmazon, readOnly]) {
			expect((await signedSqs(emulator, 'SetQueueAttributes', { QueueUrl: url, Attributes: { Policy: policy } }, { key: 'manager', region: 'eu-west-1' })).status).toBe(200);
			publish();
			expect(emulator.control.notifications.deliveries().at(-1)?.outcome).toBe('dropped');
		}
		expect((await signedSqs(emulator, 'SetQueueAttributes', { QueueUrl: url, Attributes: { Policy: allowAmazon(arn) } }, { key: 'manager', region: 'eu-west-1' })).status).toBe(200);
		publish();
		expect(emulator.control.notifications.deliveries().at(-1)).toMatchObject({ destinationId, outcome: 'queued' });
		expect(emulator.control.sqs.depth('amazon-notifications-f').visible).toBe(1);
	});
});
