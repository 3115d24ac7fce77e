import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { SP_API_CREDENTIAL_TEST } from '../sp-api/n8n/credentialData';
import { amazonSpApiConnectionTest } from '../sp-api/n8n/credentialTest';
import * as destination from './actions/destination';
import { router } from './actions/router';
import * as subscription from './actions/subscription';
import * as testNotification from './actions/testNotification';
import { editorDescription } from '../sp-api/n8n/editorDescription';
import codex from './AmazonSpApiNotifications.node.json';

/**
 * Look at and tidy up Amazon notification settings: where notifications go (destinations), which
 * types a store is subscribed to, and sandbox test notifications. A small action node rather than
 * part of the trigger: a trigger only runs when a workflow is activated, while these are one-off
 * checks and clean-ups (and an AI agent can use them as tools).
 */
export class AmazonSpApiNotifications implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API Notifications',
		name: 'amazonSpApiNotifications',
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		group: ['input'],
		version: 1,
		// Shown in words ("Get refunds") instead of this raw value by editorDescription (n8n/subtitle.ts).
		subtitle: '={{$parameter["operation"]}}',
		description: 'See and manage where Amazon sends notifications and which ones a store is subscribed to',
		defaults: { name: 'Amazon Notification Settings' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Literal names, not the constants: n8n's linter reads them from the source.
		credentials: [{ name: 'amazonSpApi', required: true, testedBy: 'amazonSpApiConnectionTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Destination', value: 'destination' },
					{ name: 'Subscription', value: 'subscription' },
					{ name: 'Test Notification', value: 'testNotification' },
				],
				default: 'subscription',
			},
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
		credentialTest: { [SP_API_CREDENTIAL_TEST]: amazonSpApiConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
