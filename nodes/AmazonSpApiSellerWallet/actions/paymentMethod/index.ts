import type { INodeProperties } from 'n8n-workflow';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentMethod'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the deposit bank accounts, cards and Seller Wallet accounts of a marketplace',
				action: 'Get many payment methods',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
