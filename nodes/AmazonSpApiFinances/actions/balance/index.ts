import type { INodeProperties } from 'n8n-workflow';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['balance'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Show what Amazon holds for you per store: available, reserved, deferred',
				action: 'Get many balances',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
