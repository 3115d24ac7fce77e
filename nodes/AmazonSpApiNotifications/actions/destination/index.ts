import type { INodeProperties } from 'n8n-workflow';
import * as deleteDestination from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { deleteDestination, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['destination'] } },
		options: [
			{ name: 'Delete', value: 'delete', description: 'Delete a destination of your app (after its subscriptions)', action: 'Delete a destination' },
			{ name: 'Get', value: 'get', description: 'Get one destination by ID', action: 'Get a destination' },
			{ name: 'Get Many', value: 'getMany', description: 'List where Amazon sends your app’s notifications (SQS queues, EventBridge)', action: 'Get many destinations' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...deleteDestination.description,
];
