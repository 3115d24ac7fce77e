import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import * as destination from '../AmazonSpApiNotifications/actions/destination';
import * as queue from '../AmazonSpApiNotifications/actions/queue';
import { router } from '../AmazonSpApiNotifications/actions/router';
import * as subscription from '../AmazonSpApiNotifications/actions/subscription';
import * as testNotification from '../AmazonSpApiNotifications/actions/testNotification';
import { SP_API_CREDENTIAL_TEST } from '../sp-api/n8n/credentialData';
import { amazonSpApiConnectionTest } from '../sp-api/n8n/credentialTest';
import { SQS_CREDENTIAL_TEST } from '../sp-api/n8n/sqsCredentialData';
import { amazonSqsConnectionTest } from '../sp-api/n8n/sqsCredentialTest';
import { editorDescription } from '../sp-api/n8n/editorDescription';
import codex from './AmazonSpApiNotificationSettings.node.json';

/**
 * Look at and tidy up Amazon notification settings: the SQS queue Amazon sends to (prepare it without
 * the AWS console), where notifications go (destinations), which types a store is subscribed to, and
 * sandbox test notifications. A small action node rather than part of the trigger: a trigger only runs
 * when a workflow is activated, while these are one-off checks and clean-ups (and an AI agent can use
 * them as tools).
 *
 * Its own node type, apart from "amazonSpApiNotifications" (the same node under its first name, now
 * hidden in the panel, kept so saved workflows keep working): n8n's node panel folds a trigger named
 * "<name>Trigger" into the node "<name>" when that node has actions, which hid the Notifications Trigger
 * inside this node's entry.
 */
export class AmazonSpApiNotificationSettings implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API Notification Settings',
		name: 'amazonSpApiNotificationSettings',
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		group: ['input'],
		version: 1,
		// Shown in words ("Prepare the notifications queue") instead of this raw value by editorDescription (n8n/subtitle.ts).
		subtitle: '={{$parameter["operation"]}}',
		description: 'Prepare the SQS queue Amazon sends notifications to, see where Amazon sends them and which ones a store is subscribed to',
		defaults: { name: 'Amazon Notification Settings' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Literal names, not the constants: n8n's linter reads them from the source. The queue operations
		// talk to AWS only; everything else to Amazon SP-API only.
		credentials: [
			{ name: 'amazonSpApi', required: true, testedBy: 'amazonSpApiConnectionTest', displayOptions: { hide: { resource: ['queue'] } } },
			{ name: 'amazonSqsApi', required: true, testedBy: 'amazonSqsConnectionTest', displayOptions: { show: { resource: ['queue'] } } },
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Destination', value: 'destination' },
					{ name: 'Queue (AWS SQS)', value: 'queue' },
					{ name: 'Subscription', value: 'subscription' },
					{ name: 'Test Notification', value: 'testNotification' },
				],
				default: 'subscription',
			},
			...queue.description,
			...destination.description,
			...subscription.description,
			...testNotification.description,
		],
	};

	constructor() {
		// ACORN_LANGUAGE=zh-CN shows this node in Chinese (nodes/sp-api/i18n); English stays the default.
		// Also: the canvas subtitle in words and docs links into the README of that language.
		this.description = editorDescription(this.description, codex);
	}

	methods = {
		credentialTest: { [SP_API_CREDENTIAL_TEST]: amazonSpApiConnectionTest, [SQS_CREDENTIAL_TEST]: amazonSqsConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// the queue operations need no Amazon SP-API client
		if (this.getNodeParameter('resource', 0) === 'queue') return await queue.run.call(this);
		return await router.call(this);
	}
}
