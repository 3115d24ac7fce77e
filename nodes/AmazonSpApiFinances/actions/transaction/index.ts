import type { INodeProperties } from 'n8n-workflow';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List transactions (the newer finances API): also payments Amazon still holds back (deferred)',
				action: 'Get many transactions',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
