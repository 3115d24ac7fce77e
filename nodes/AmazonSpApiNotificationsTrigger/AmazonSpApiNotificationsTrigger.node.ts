import { NodeConnectionTypes, type INodeType, type INodeTypeDescription, type ITriggerFunctions, type ITriggerResponse } from 'n8n-workflow';
import { SP_API_CREDENTIAL_TEST } from '../sp-api/n8n/credentialData';
import { amazonSpApiConnectionTest } from '../sp-api/n8n/credentialTest';
import {
	dedupeWindowOption,
	manageSubscriptionsProperty,
	notificationTypesProperty,
	transactionDetailsOption,
	unreadableMessagesOption,
} from '../sp-api/n8n/notificationProperties';
import { SQS_CREDENTIAL_TEST } from '../sp-api/n8n/sqsCredentialData';
import { amazonSqsConnectionTest } from '../sp-api/n8n/sqsCredentialTest';
import { reportDownloadProperties } from './reportDownload';
import { startSqsNotificationsTrigger } from './sqsTrigger';
import { editorDescription } from '../sp-api/n8n/editorDescription';
import codex from './AmazonSpApiNotificationsTrigger.node.json';

export class AmazonSpApiNotificationsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API Notifications Trigger',
		name: 'amazonSpApiNotificationsTrigger',
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		group: ['trigger'],
		version: 1,
		// Shown with the types' names instead of their codes by editorDescription (n8n/subtitle.ts).
		subtitle: '={{($parameter["notificationTypes"] || []).join(", ")}}',
		description: 'Starts the workflow the moment Amazon notifies: a refund or other money transaction posted, a report is ready, an order changed, and more',
		defaults: { name: 'Amazon Notifications' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Notifications', 'Unreadable'],
		// Literal names, not the constants: n8n's linter reads them from the source.
		credentials: [
			{ name: 'amazonSpApi', required: true, testedBy: 'amazonSpApiConnectionTest' },
			{ name: 'amazonSqsApi', required: true, testedBy: 'amazonSqsConnectionTest' },
		],
		properties: [
			{
				displayName:
					'One step in AWS first: create a standard SQS queue and, in its Access policy, allow Amazon SP-API (AWS account 437568002678, principal arn:aws:iam::437568002678:root) the actions sqs:SendMessage and sqs:GetQueueAttributes. Paste the queue URL into the Amazon SQS credential. ACORN then subscribes your store for you when you activate this workflow. The README shows every click.',
				name: 'awsSetupNotice',
				type: 'notice',
				default: '',
			},
			notificationTypesProperty('sqs', ['TRANSACTION_UPDATE']),
			manageSubscriptionsProperty,
			...reportDownloadProperties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					transactionDetailsOption,
					dedupeWindowOption,
					unreadableMessagesOption('queue'),
					{
						displayName: 'Visibility Timeout (Seconds)',
						name: 'visibilityTimeout',
						type: 'number',
						typeOptions: { minValue: 10, maxValue: 43_200 },
						default: 120,
						description:
							'How long a received message stays hidden from other readers while ACORN hands it to the workflow. While ACORN still works on it (e.g. downloads a report) it keeps the message hidden, renewing this time every third of it. If n8n stops before removing it, the message comes back after this time (and is recognised as a duplicate).',
					},
					{
						displayName: 'Unsubscribe Delay (Seconds)',
						name: 'unsubscribeDelay',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 30,
						description:
							'After the workflow is deactivated, wait this long before unsubscribing. Saving an active workflow stops and restarts the trigger; the wait keeps Amazon from dropping notifications in between.',
					},
				],
			},
		],
	};

	constructor() {
		// ACORN_LANGUAGE=zh-CN shows this node in Chinese (nodes/sp-api/i18n); English stays the default.
		// Also: the canvas subtitle in words and docs links into the README of that language.
		this.description = editorDescription(this.description, codex, 'notificationTypes');
	}

	methods = {
		credentialTest: {
			[SP_API_CREDENTIAL_TEST]: amazonSpApiConnectionTest,
			[SQS_CREDENTIAL_TEST]: amazonSqsConnectionTest,
		},
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await startSqsNotificationsTrigger(this);
	}
}
