import type { INodeProperties } from 'n8n-workflow';
import * as deleteSubscription from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { deleteSubscription, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscription'] } },
		options: [
			{ name: 'Delete', value: 'delete', description: 'Stop a notification type for this store (by subscription ID)', action: 'Delete a subscription' },
			{ name: 'Get', value: 'get', description: 'Whether this store is subscribed to a type, and where it is sent', action: 'Get a subscription' },
			{ name: 'Get Many', value: 'getMany', description: 'All subscriptions of this store to a type (e.g. with different filters)', action: 'Get many subscriptions' },
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
	...deleteSubscription.description,
];
