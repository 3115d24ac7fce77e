import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as getBalances from './getBalances.operation';
import * as getMany from './getMany.operation';

export { get, getBalances, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get one Seller Wallet account', action: 'Get a seller wallet account' },
			{
				name: 'Get Balances',
				value: 'getBalances',
				description: 'Get the available, locked and total balance of an account',
				action: 'Get the balances of a seller wallet account',
			},
			{ name: 'Get Many', value: 'getMany', description: 'List the Seller Wallet accounts (one per currency)', action: 'Get many seller wallet accounts' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...getBalances.description,
];
