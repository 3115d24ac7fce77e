/**
 * The pieces of "Notifications without the AWS console" that need no server: merging Amazon's statement
 * into a queue's access policy without touching the seller's own, the IAM policy the READMEs print, and
 * how n8n's node panel lists the notification nodes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { INodeTypeDescription } from 'n8n-workflow';
import { acornIamPolicy, QueuePolicyConflict, SP_API_STATEMENT_SID, spApiMaySend, spApiPolicyStatement, withSpApiStatement } from '../../nodes/sp-api/aws/queuePolicy';
import { loadAcornPackage, PACKAGE_NAME } from '../harness/n8nHarness';

const ROOT = path.resolve(__dirname, '..', '..');
const ARN = 'arn:aws:sqs:eu-west-1:111122223333:amazon-notifications';
const sellersOwn = { Sid: 'SellersOwnSender', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:role/erp' }, Action: 'sqs:SendMessage', Resource: ARN };

describe("Amazon's statement merged into a queue's access policy", () => {
	it('adds it to a queue without a policy', () => {
		const merged = withSpApiStatement(undefined, ARN);
		expect(merged.change).toBe('added');
		expect(JSON.parse(merged.policy)).toEqual({ Version: '2012-10-17', Statement: [spApiPolicyStatement(ARN)] });
		expect(spApiMaySend(merged.policy, ARN)).toBe('allows');
	});

	it("keeps the seller's statements, Version and Id exactly and appends Amazon's", () => {
		const before = { Version: '2008-10-17', Id: 'sellers-policy', Statement: [sellersOwn] };
		const merged = withSpApiStatement(JSON.stringify(before), ARN);
		expect(merged.change).toBe('added');
		expect(JSON.parse(merged.policy)).toEqual({ ...before, Statement: [sellersOwn, spApiPolicyStatement(ARN)] });
		// a single statement written as an object (not a list) is kept too
		expect(JSON.parse(withSpApiStatement(JSON.stringify({ Version: '2012-10-17', Statement: sellersOwn }), ARN).policy).Statement).toEqual([sellersOwn, spApiPolicyStatement(ARN)]);
	});

	it("renews ACORN's own statement (same Sid) instead of adding a second one", () => {
		const stale = { ...spApiPolicyStatement('arn:aws:sqs:eu-west-1:111122223333:old-name'), Sid: SP_API_STATEMENT_SID };
		const merged = withSpApiStatement(JSON.stringify({ Version: '2012-10-17', Statement: [sellersOwn, stale] }), ARN);
		expect(merged.change).toBe('updated');
		expect(JSON.parse(merged.policy).Statement).toEqual([sellersOwn, spApiPolicyStatement(ARN)]);
	});

	it('changes nothing when Amazon may already send (also through a statement of the seller)', () => {
		const sellersAllow = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '437568002678' }, Action: 'sqs:*', Resource: ARN }] });
		expect(withSpApiStatement(sellersAllow, ARN)).toEqual({ change: 'none', policy: sellersAllow });
	});

	it('never rewrites a policy it cannot read, nor one that denies Amazon', () => {
		expect(() => withSpApiStatement('{not json', ARN)).toThrow(QueuePolicyConflict);
		const deny = JSON.stringify({ Statement: [sellersOwn, { Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: ARN }] });
		expect(() => withSpApiStatement(deny, ARN)).toThrow(/denies Amazon SP-API/);
	});
});

describe('the IAM policy for the access key', () => {
	const policyIn = (file: string) =>
		[...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]).filter((block) => block.includes('AcornAmazonNotificationsQueue'));

	it.each(['README.md', 'README.zh-CN.md'])('%s prints exactly the policy ACORN needs', (file) => {
		const blocks = policyIn(file);
		expect(blocks).toHaveLength(1);
		expect(JSON.parse(blocks[0])).toEqual(acornIamPolicy());
	});

	it('names only SQS actions, scoped to the amazon-notifications queues', () => {
		const [statement] = (acornIamPolicy() as { Statement: Array<{ Action: string[]; Resource: string }> }).Statement;
		expect(statement.Action).toEqual(['sqs:ChangeMessageVisibility', 'sqs:CreateQueue', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:SetQueueAttributes']);
		expect(statement.Resource).toBe('arn:aws:sqs:*:*:amazon-notifications*');
	});
});

describe("n8n's node panel", () => {
	let nodes: INodeTypeDescription[];
	const codexAlias = (name: string): string[] => {
		const folder = fs.readdirSync(path.join(ROOT, 'nodes')).find((dir) => fs.existsSync(path.join(ROOT, 'nodes', dir, `${dir}.node.json`)) && JSON.parse(fs.readFileSync(path.join(ROOT, 'nodes', dir, `${dir}.node.json`), 'utf8')).node === name);
		return folder ? (JSON.parse(fs.readFileSync(path.join(ROOT, 'nodes', folder, `${folder}.node.json`), 'utf8')) as { alias: string[] }).alias : [];
	};
	beforeAll(async () => {
		const loader = await loadAcornPackage();
		nodes = Object.entries(loader.nodeTypes).map(([name, { type }]) => ({ ...(type as { description: INodeTypeDescription }).description, name: `${PACKAGE_NAME}.${name}` }));
	});

	it('lists every trigger as its own entry (n8n folds "<name>Trigger" into a visible node "<name>" that has actions)', () => {
		// the rule of n8n's editor (generateMergedNodesAndActions): visible = not hidden; actions = resource/operation options
		const visible = nodes.filter((node) => !node.hidden);
		const hasActions = (node: INodeTypeDescription) => node.properties.some((p) => p.name === 'resource' || p.name === 'operation');
		const triggers = visible.filter((node) => node.group.includes('trigger'));
		expect(triggers.map((t) => t.name)).toEqual(expect.arrayContaining([`${PACKAGE_NAME}.amazonSpApiNotificationsTrigger`, `${PACKAGE_NAME}.amazonSpApiEventBridgeTrigger`, `${PACKAGE_NAME}.amazonSpApiNewRefundTrigger`]));
		for (const trigger of triggers) {
			const app = visible.find((node) => !node.group.includes('trigger') && node.name === trigger.name.replace('Trigger', ''));
			expect([trigger.name, app && hasActions(app) ? `folded into ${app.name}` : 'own entry']).toEqual([trigger.name, 'own entry']);
		}
		const settings = visible.find((node) => node.name === `${PACKAGE_NAME}.amazonSpApiNotificationSettings`);
		expect(settings?.displayName).toBe('Amazon SP-API Notification Settings');
		// the settings node's first type name still loads (saved workflows), hidden from the panel
		expect(nodes.find((node) => node.name === `${PACKAGE_NAME}.amazonSpApiNotifications`)?.hidden).toBe(true);
	});

	it.each(['refund', '退款', '亚马逊', 'notification'])('finds the Notifications Trigger by "%s" (display name and codex alias, what n8n searches)', (word) => {
		const trigger = nodes.find((node) => node.name === `${PACKAGE_NAME}.amazonSpApiNotificationsTrigger`)!;
		const searched = [trigger.displayName, ...codexAlias(trigger.name)].map((text) => text.toLowerCase());
		expect(searched.some((text) => text.includes(word))).toBe(true);
	});

	it('finds the EventBridge Trigger by "亚马逊", "notification" and "EventBridge"', () => {
		const trigger = nodes.find((node) => node.name === `${PACKAGE_NAME}.amazonSpApiEventBridgeTrigger`)!;
		const searched = [trigger.displayName, ...codexAlias(trigger.name)].map((text) => text.toLowerCase());
		for (const word of ['亚马逊', 'notification', 'eventbridge']) expect([word, searched.some((text) => text.includes(word))]).toEqual([word, true]);
	});

	it('the trigger says in one sentence that a seller without AWS can use the New Refund Trigger, and labels its two credentials apart', () => {
		const trigger = nodes.find((node) => node.name === `${PACKAGE_NAME}.amazonSpApiNotificationsTrigger`)!;
		const notice = String(trigger.properties.find((p) => p.type === 'notice')?.displayName);
		const sentence = notice.split(/(?<=[.?])\s+/).filter((part) => part.includes('New Refund Trigger'));
		expect(sentence).toHaveLength(1);
		expect(sentence[0].length).toBeLessThan(80);
		const labels = (trigger.credentials ?? []).map((credential) => credential.displayName);
		expect(labels).toHaveLength(2);
		expect(labels.every((label) => typeof label === 'string' && label.length > 0)).toBe(true);
		expect(new Set(labels).size).toBe(2);
	});
});
