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
		// Literal names, not the constants: n8n's linter reads them from the source. The display names tell
		// the two credential fields apart in the editor (both would otherwise read "Credential for …").
		credentials: [
			{ name: 'amazonSpApi', required: true, testedBy: 'amazonSpApiConnectionTest', displayName: 'Amazon Seller Account (SP-API)' },
			{ name: 'amazonSqsApi', required: true, testedBy: 'amazonSqsConnectionTest', displayName: 'AWS Queue Amazon Sends To (SQS)' },
		],
		properties: [
			{
				displayName:
					// The first sentence: n8n 2.41 fills in only one credential of a new node (the most recently saved one).
					'Choose both credentials above: n8n fills in only one by itself. Amazon delivers these notifications into an SQS queue in your AWS account: turn on "Prepare Queue" below and ACORN creates the queue and lets Amazon send to it. No AWS account? Use the New Refund Trigger instead.',
				name: 'awsSetupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Prepare Queue',
				name: 'prepareQueue',
				type: 'boolean',
				default: false,
				description:
					"Whether ACORN creates the queue of the Amazon SQS credential when it does not exist yet and adds the statement that lets Amazon SP-API send to it to the queue's access policy (your own statements stay), each time the workflow is activated. Needs an access key with the IAM policy from the README.",
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
