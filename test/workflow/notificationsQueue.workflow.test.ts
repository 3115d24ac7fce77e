/**
 * "Notifications without the AWS console", end to end in n8n's engine against the emulator: a seller with
 * nothing but an AWS access key holding the README's IAM policy prepares the queue from n8n (Notification
 * Settings → Queue → Prepare, or the trigger's "Prepare Queue"), activates the trigger, and Amazon's
 * notifications arrive. Existing queues are adopted and their access policy merged, never replaced; a key
 * without the permissions gets a plain error with the policy to attach.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject, INodeCredentials } from 'n8n-workflow';
import { acornIamPolicy } from '../../nodes/sp-api/aws/queuePolicy';
import { startEmulator } from '../emulator';
import type { Emulator, SellerFixtureKey } from '../emulator/types';
import { runWorkflow, type WorkflowSpec } from '../harness/n8nHarness';
import { activateWorkflow, type ActiveWorkflow } from '../harness/triggerHarness';
import { until } from '../helpers/waiting';
import { HOUR, START } from './support';

const SETTINGS = 'Notification Settings';
const TRIGGER = 'Amazon Notifications';
const refs: INodeCredentials = { amazonSpApi: { id: 'amazonSpApi', name: 'Amazon' }, amazonSqsApi: { id: 'amazonSqsApi', name: 'Queue' } };

/** The IAM policy exactly as README.md prints it (the seller pastes this into IAM). */
function readmeIamPolicy(): string {
	const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');
	const block = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]).find((text) => text.includes('AcornAmazonNotificationsQueue'));
	if (!block) throw new Error('README.md prints no IAM policy');
	return block;
}

/** What a key of a consumer-only user may do (the policy ACORN's guide asked for before the queue could be prepared). */
const CONSUMER_ONLY = JSON.stringify({
	Version: '2012-10-17',
	Statement: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: '*' }],
});

describe('preparing the notifications queue from n8n', () => {
	let emulator: Emulator;
	const active: ActiveWorkflow[] = [];
	beforeAll(async () => {
		emulator = await startEmulator({ timeScale: 100, queueTimeScale: 100 });
		expect(JSON.parse(readmeIamPolicy())).toEqual(acornIamPolicy());
		emulator.control.sqs.addKey('readme', readmeIamPolicy());
		emulator.control.sqs.addKey('consumerOnly', CONSUMER_ONLY);
	});
	afterEach(async () => {
		for (const workflow of active.splice(0)) await workflow.deactivate().catch(() => undefined);
	});
	afterAll(async () => emulator.close());

	const sqsCredential = (queue: string, key: string, region: string) => ({ ...emulator.control.sqs.credentialsForName(queue, { key, region }) }) as unknown as ICredentialDataDecryptedObject;

	function settings(operation: 'prepare' | 'check', sqs: ICredentialDataDecryptedObject, continueOnFail = false): WorkflowSpec {
		return {
			nodes: [START, { name: SETTINGS, type: 'n8n-nodes-acorn.amazonSpApiNotificationSettings', parameters: { resource: 'queue', operation }, credentials: { amazonSqsApi: refs.amazonSqsApi }, continueOnFail }],
			connections: { Start: [SETTINGS] },
			credentials: { amazonSqsApi: sqs },
		};
	}

	async function runSettings(operation: 'prepare' | 'check', sqs: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const result = await runWorkflow(settings(operation, sqs));
		expect(result.error(SETTINGS)).toBeUndefined();
		const items = result.output(SETTINGS);
		expect(items).toHaveLength(1);
		return items[0].json;
	}

	function triggerSpec(seller: SellerFixtureKey, sqs: ICredentialDataDecryptedObject, parameters: Record<string, unknown> = {}): WorkflowSpec {
		return {
			nodes: [
				{
					name: TRIGGER,
					type: 'n8n-nodes-acorn.amazonSpApiNotificationsTrigger',
					parameters: { notificationTypes: ['TRANSACTION_UPDATE'], manageSubscriptions: true, ...parameters, options: { unsubscribeDelay: 0 } },
					credentials: refs,
				},
			],
			connections: {},
			credentials: { amazonSpApi: { ...emulator.credentialsFor(seller) } as unknown as ICredentialDataDecryptedObject, amazonSqsApi: sqs },
		};
	}

	/** Activates the trigger, lets Amazon post transactions for a few hours and waits until the trigger passed every notification on. */
	async function expectNotificationsArrive(seller: SellerFixtureKey, sqs: ICredentialDataDecryptedObject, queueArn: string, parameters: Record<string, unknown> = {}): Promise<IDataObject[]> {
		const workflow = await activateWorkflow(triggerSpec(seller, sqs, parameters));
		active.push(workflow);
		const sellerId = emulator.fixtures.sellers[seller].sellerId;
		const [subscription] = emulator.control.notifications.subscriptions().filter((s) => s.sellerId === sellerId && s.notificationType === 'TRANSACTION_UPDATE');
		expect(emulator.control.notifications.destinations().find((d) => d.destinationId === subscription.destinationId)?.sqsArn).toBe(queueArn);
		emulator.control.advanceClock(6 * HOUR);
		const deliveries = emulator.control.notifications.deliveries().filter((d) => d.subscriptionId === subscription.subscriptionId);
		expect(deliveries.length).toBeGreaterThan(0);
		// Amazon's messages went into the queue: the prepared policy lets its account send
		expect(deliveries.filter((d) => d.outcome !== 'queued')).toEqual([]);
		const emitted = () => workflow.emits.flatMap((e) => e.data[0].map((item) => item.json));
		await until(() => emitted().length === deliveries.length, 15_000, 'every notification passed on');
		expect(workflow.errors).toEqual([]);
		const marketplaces = new Set(emulator.fixtures.sellers[seller].marketplaceIds);
		for (const item of emitted()) expect(item).toMatchObject({ notificationType: 'TRANSACTION_UPDATE', sellerId, marketplaceId: expect.any(String) });
		expect(emitted().every((item) => marketplaces.has(String(item.marketplaceId)))).toBe(true);
		return emitted();
	}

	it('Queue → Prepare makes a queue from nothing with the README key; the trigger then receives what Amazon sends', async () => {
		emulator.control.sqs.clearRequests();
		const sqs = sqsCredential('amazon-notifications-eu', 'readme', 'eu-west-1');
		const prepared = await runSettings('prepare', sqs);
		const arn = 'arn:aws:sqs:eu-west-1:123456789012:amazon-notifications-eu';
		expect(prepared).toMatchObject({ queue: 'created', accessPolicy: 'added', amazonMaySend: true, queueName: 'amazon-notifications-eu', queueArn: arn, region: 'eu-west-1', encryption: 'sqsManaged' });
		expect(String(prepared.message)).toMatch(/^Created the standard queue amazon-notifications-eu in eu-west-1\. .*Checked: Amazon SP-API may send notifications to it\.$/);
		expect(emulator.control.sqs.requests().map((r) => `${r.action} ${r.status}`)).toEqual(['GetQueueUrl 400', 'CreateQueue 200', 'GetQueueAttributes 200', 'SetQueueAttributes 200', 'GetQueueAttributes 200']);
		expect(JSON.parse(String(emulator.control.sqs.attributes('amazon-notifications-eu').Policy)).Statement).toEqual([
			{ Sid: 'AllowAmazonSellingPartnerApiNotifications', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::437568002678:root' }, Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'], Resource: arn },
		]);

		// Check changes nothing and says the same
		emulator.control.sqs.clearRequests();
		expect(await runSettings('check', sqs)).toMatchObject({ queue: 'existing', accessPolicy: 'unchanged', amazonMaySend: true, queueArn: arn });
		expect(emulator.control.sqs.requests().map((r) => r.action)).toEqual(['GetQueueUrl', 'GetQueueAttributes']);

		// the same README key is all the trigger needs to read the queue
		const items = await expectNotificationsArrive('eu', sqs, arn);
		expect(items.length).toBeGreaterThan(0);
	});

	it('the trigger with "Prepare Queue" on creates and prepares the queue itself when the workflow is activated', async () => {
		const sqs = sqsCredential('amazon-notifications-fe', 'readme', 'us-west-2');
		await expectNotificationsArrive('fe', sqs, 'arn:aws:sqs:us-west-2:123456789012:amazon-notifications-fe', { prepareQueue: true });
		expect(emulator.control.sqs.attributes('amazon-notifications-fe').Policy).toContain('437568002678');
	});

	it("adopts an existing queue: Amazon's statement is added next to the seller's own, which stay exactly as they were", async () => {
		const arn = 'arn:aws:sqs:us-east-1:123456789012:amazon-notifications-own';
		const own = { Version: '2012-10-17', Id: 'sellers-queue-policy', Statement: [{ Sid: 'ErpMaySend', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:role/erp' }, Action: 'sqs:SendMessage', Resource: arn }] };
		emulator.control.sqs.createQueue({ name: 'amazon-notifications-own', policy: JSON.stringify(own), visibilityTimeout: 90 });
		emulator.control.sqs.clearRequests();
		const sqs = sqsCredential('amazon-notifications-own', 'readme', 'us-east-1');
		expect(await runSettings('prepare', sqs)).toMatchObject({ queue: 'existing', accessPolicy: 'added', amazonMaySend: true });
		expect(emulator.control.sqs.requests().map((r) => r.action)).not.toContain('CreateQueue');
		const policy = JSON.parse(String(emulator.control.sqs.attributes('amazon-notifications-own').Policy)) as typeof own;
		expect(policy).toEqual({ ...own, Statement: [own.Statement[0], expect.objectContaining({ Sid: 'AllowAmazonSellingPartnerApiNotifications', Resource: arn })] });
		expect(emulator.control.sqs.attributes('amazon-notifications-own').VisibilityTimeout).toBe(90);

		// preparing again changes nothing
		emulator.control.sqs.clearRequests();
		expect(await runSettings('prepare', sqs)).toMatchObject({ queue: 'existing', accessPolicy: 'unchanged', amazonMaySend: true });
		expect(emulator.control.sqs.requests().map((r) => r.action)).toEqual(['GetQueueUrl', 'GetQueueAttributes']);
		await expectNotificationsArrive('na2', sqs, arn);
	});

	it("renews ACORN's own outdated statement and keeps the seller's; the queue URL in the credential works as well as the name", async () => {
		const arn = 'arn:aws:sqs:us-east-1:123456789012:amazon-notifications-old';
		const erp = { Sid: 'ErpMaySend', Effect: 'Allow', Principal: { AWS: '999988887777' }, Action: 'sqs:SendMessage', Resource: arn };
		const outdated = { Sid: 'AllowAmazonSellingPartnerApiNotifications', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::437568002678:root' }, Action: 'sqs:GetQueueAttributes', Resource: arn };
		emulator.control.sqs.createQueue({ name: 'amazon-notifications-old', policy: JSON.stringify({ Version: '2012-10-17', Statement: [outdated, erp] }) });
		const sqs = { ...emulator.control.sqs.credentialsFor('amazon-notifications-old', 'readme', 'url') } as unknown as ICredentialDataDecryptedObject;
		expect(await runSettings('prepare', sqs)).toMatchObject({ queue: 'existing', accessPolicy: 'updated', amazonMaySend: true });
		const statements = JSON.parse(String(emulator.control.sqs.attributes('amazon-notifications-old').Policy)).Statement as IDataObject[];
		expect(statements).toHaveLength(2);
		expect(statements[1]).toEqual(erp);
		expect(statements[0]).toMatchObject({ Sid: 'AllowAmazonSellingPartnerApiNotifications', Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'] });
	});

	it('a key without the permissions gets a plain error naming what AWS refused and the IAM policy to attach', async () => {
		const result = await runWorkflow(settings('prepare', sqsCredential('amazon-notifications-nope', 'consumerOnly', 'us-east-1')));
		const error = result.error(SETTINGS);
		expect(error?.message).toBe('AWS refused CreateQueue: the AWS user of this access key may not create SQS queues.');
		expect(error?.description).toContain('Attach this IAM policy to the AWS user of the access key');
		expect(JSON.parse(String(error?.description).slice(String(error?.description).indexOf('{')))).toEqual(acornIamPolicy());
		expect(emulator.control.sqs.requests().some((r) => r.action === 'CreateQueue' && r.status === 403)).toBe(true);
		// with Continue On Fail the item says the same
		const tolerant = await runWorkflow(settings('prepare', sqsCredential('amazon-notifications-nope', 'consumerOnly', 'us-east-1'), true));
		expect(tolerant.output(SETTINGS)[0].json.error).toBe('AWS refused CreateQueue: the AWS user of this access key may not create SQS queues.');

		// an existing queue: reading is allowed, changing its policy is not
		emulator.control.sqs.createQueue({ name: 'amazon-notifications-closed', allowSpApi: false });
		const closed = await runWorkflow(settings('prepare', sqsCredential('amazon-notifications-closed', 'consumerOnly', 'us-east-1')));
		expect(closed.error(SETTINGS)?.message).toBe("AWS refused SetQueueAttributes: the AWS user of this access key may not change the access policy of the queue.");
		expect(emulator.control.sqs.attributes('amazon-notifications-closed').Policy).toBeUndefined();

		// the trigger with "Prepare Queue" stops its activation with the same sentence
		const workflow = activateWorkflow(triggerSpec('na', sqsCredential('amazon-notifications-closed', 'consumerOnly', 'us-east-1'), { prepareQueue: true }));
		await expect(workflow).rejects.toThrow('AWS refused SetQueueAttributes: the AWS user of this access key may not change the access policy of the queue.');
	});

	it("leaves a policy that denies Amazon alone and says so", async () => {
		const arn = 'arn:aws:sqs:us-east-1:123456789012:amazon-notifications-deny';
		const denying = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoOutsiders', Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: arn }] });
		emulator.control.sqs.createQueue({ name: 'amazon-notifications-deny', policy: denying });
		const result = await runWorkflow(settings('prepare', sqsCredential('amazon-notifications-deny', 'readme', 'us-east-1')));
		expect(result.error(SETTINGS)?.message).toMatch(/^The queue's access policy denies Amazon SP-API explicitly; ACORN does not remove a Deny\. Add this statement to it yourself/);
		expect(emulator.control.sqs.attributes('amazon-notifications-deny').Policy).toBe(denying);
		expect(await runSettings('check', sqsCredential('amazon-notifications-deny', 'readme', 'us-east-1'))).toMatchObject({ amazonMaySend: false, policyVerdict: 'missing' });
	});
});
