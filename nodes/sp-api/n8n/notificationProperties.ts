import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NOTIFICATION_TYPES, type NotificationTypeSpec } from '../notifications/types';

/** The type picker: Amazon's types of one delivery workflow, with plain-words descriptions. */
export function notificationTypeOptions(workflow?: NotificationTypeSpec['workflow']): INodePropertyOptions[] {
	return NOTIFICATION_TYPES.filter((t) => workflow === undefined || t.workflow === workflow).map((t) => ({
		name: t.label,
		value: t.type,
		description: `${t.description} (${t.type})`,
	}));
}

export function notificationTypesProperty(workflow: NotificationTypeSpec['workflow'], defaults: string[]): INodeProperties {
	return {
		displayName: 'Notification Types',
		name: 'notificationTypes',
		type: 'multiOptions',
		options: notificationTypeOptions(workflow),
		default: [...defaults],
		required: true,
		description: 'Which Amazon notifications start the workflow. Other types arriving in the same queue are removed from it and counted, not passed on.',
	};
}

export const manageSubscriptionsProperty: INodeProperties = {
	displayName: 'Manage Subscriptions',
	name: 'manageSubscriptions',
	type: 'boolean',
	default: true,
	description:
		'Whether to subscribe the store to the chosen types when the workflow is activated (creating the Amazon destination if needed) and to unsubscribe what this trigger created when it is deactivated. Subscriptions made elsewhere are never removed.',
};

export const dedupeWindowOption: INodeProperties = {
	displayName: 'Remember Last N Notifications',
	name: 'dedupeWindow',
	type: 'number',
	typeOptions: { minValue: 10, maxValue: 10_000 },
	default: 1000,
	description: 'Amazon may deliver a notification twice. The trigger remembers this many recent notification IDs (for up to 14 days) and passes each one on only once.',
};

export const transactionDetailsOption: INodeProperties = {
	displayName: 'Fetch Transaction Details',
	name: 'fetchTransactionDetails',
	type: 'boolean',
	default: false,
	description:
		'Whether to look up each TRANSACTION_UPDATE in Amazon Finances (listTransactions) and add its breakdown under "transaction". Needs the Finance and Accounting role; a brand-new transaction may not be listed yet.',
};

export function unreadableMessagesOption(kind: 'queue' | 'webhook'): INodeProperties {
	return kind === 'queue'
		? {
				displayName: 'Unreadable Messages',
				name: 'unreadableMessages',
				type: 'options',
				default: 'output',
				options: [
					{
						name: 'Send to the "Unreadable" Output',
						value: 'output',
						description: 'Pass them on the second output (with the reason), then remove them from the queue',
					},
					{
						name: 'Leave in the Queue',
						value: 'leave',
						description: "Do not touch them: they come back after the visibility timeout until the queue's dead-letter queue takes them",
					},
				],
				description: 'What to do with messages in the queue that are not Amazon notifications (or are damaged)',
			}
		: {
				displayName: 'Unreadable Requests',
				name: 'unreadableMessages',
				type: 'options',
				default: 'output',
				options: [
					{ name: 'Send to the "Unreadable" Output', value: 'output', description: 'Answer 200 and pass the request on the second output' },
					{ name: 'Reject (HTTP 400)', value: 'reject', description: "Answer 400 so EventBridge puts the event in the rule's dead-letter queue, if it has one" },
				],
			};
}
