import type { INodeProperties } from 'n8n-workflow';
import * as getExpected from './getExpected.operation';
import * as getMany from './getMany.operation';
import * as initiate from './initiate.operation';

export { getExpected, getMany, initiate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payout'] } },
		options: [
			{ name: 'Get Expected', value: 'getExpected', description: 'List the payouts Amazon is going to make', action: 'Get expected payouts' },
			{ name: 'Get Many', value: 'getMany', description: 'List payouts Amazon made, with their status', action: 'Get many payouts' },
			{
				name: 'Initiate',
				value: 'initiate',
				description: 'Pay out the available balance now (EU stores, once per 24 hours)',
				action: 'Initiate a payout',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getExpected.description,
	...initiate.description,
];
