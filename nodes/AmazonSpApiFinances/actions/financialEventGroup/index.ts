import type { INodeProperties } from 'n8n-workflow';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['financialEventGroup'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List settlement periods (financial event groups) with their totals and payout status',
				action: 'Get many financial event groups',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
