import { NodeConnectionTypes, type INodeType, type INodeTypeDescription, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';
import { AWS_REGIONS } from '../sp-api/aws/regions';
import { SP_API_CREDENTIAL_TEST } from '../sp-api/n8n/credentialData';
import { amazonSpApiConnectionTest } from '../sp-api/n8n/credentialTest';
import { dedupeWindowOption, manageSubscriptionsProperty, notificationTypesProperty, unreadableMessagesOption } from '../sp-api/n8n/notificationProperties';
import { amazonEventBridgeWebhookTest, eventBridgeWebhookMethods, handleEventBridgeWebhook } from './eventBridgeTrigger';
import { editorDescription } from '../sp-api/n8n/editorDescription';
import codex from './AmazonSpApiEventBridgeTrigger.node.json';

/**
 * The EventBridge delivery of Amazon notifications (listing and product-type changes): Amazon puts
 * them on a partner event source in the seller's AWS account, an EventBridge rule with an API
 * destination posts them to this webhook. A separate node from the SQS trigger because n8n runs the
 * two differently: a long-running trigger() for a queue, a registered webhook (with lifecycle methods
 * n8n calls on activation and deactivation only) for EventBridge.
 */
export class AmazonSpApiEventBridgeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon SP-API EventBridge Trigger',
		name: 'amazonSpApiEventBridgeTrigger',
		icon: { light: 'file:../icons/acorn.svg', dark: 'file:../icons/acorn.dark.svg' },
		group: ['trigger'],
		version: 1,
		// Shown with the types' names instead of their codes by editorDescription (n8n/subtitle.ts).
		subtitle: '={{($parameter["notificationTypes"] || []).join(", ")}}',
		description: 'Starts the workflow when Amazon sends a listing or product notification through Amazon EventBridge',
		defaults: { name: 'Amazon EventBridge Notifications' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Notifications', 'Unreadable'],
		// Literal names, not the constants: n8n's linter reads them from the source. The display names tell
		// the two credential fields apart in the editor (both would otherwise read "Credential").
		credentials: [
			{ name: 'amazonSpApi', required: true, testedBy: 'amazonSpApiConnectionTest', displayName: 'Amazon Seller Account (SP-API)' },
			{ name: 'amazonEventBridgeWebhookApi', required: true, testedBy: 'amazonEventBridgeWebhookTest', displayName: 'Secret EventBridge Sends (Webhook)' },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'amazon-sp-api' }],
		properties: [
			{
				displayName:
					// The first sentence: n8n 2.41 fills in only one credential of a new node (the most recently saved one).
					'Choose both credentials above: n8n fills in only one by itself. Steps in AWS: after activating this workflow, open EventBridge → Partner event sources, associate the Amazon SP-API source with an event bus, then create a rule on that bus whose target is an API destination with this node\'s Production URL (method POST) and a connection of type "API key" with the header name and secret of the "Amazon EventBridge Webhook API" credential chosen above.',
				name: 'awsSetupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'AWS Account ID',
				name: 'awsAccountId',
				type: 'string',
				default: '',
				required: true,
				placeholder: '123456789012',
				description: 'The AWS account that receives the events (12 digits, top right of the AWS console). Amazon allows one EventBridge destination per account.',
			},
			{
				displayName: 'AWS Region',
				name: 'awsRegion',
				type: 'options',
				options: AWS_REGIONS.map((r) => ({ name: `${r.name} (${r.code})`, value: r.code })),
				default: 'us-east-1',
				description: 'Where Amazon creates the partner event source (the region of your event bus)',
			},
			notificationTypesProperty('eventBridge', ['LISTINGS_ITEM_STATUS_CHANGE']),
			manageSubscriptionsProperty,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [dedupeWindowOption, unreadableMessagesOption('webhook')],
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
			amazonEventBridgeWebhookTest,
		},
	};

	webhookMethods = eventBridgeWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleEventBridgeWebhook.call(this);
	}
}
