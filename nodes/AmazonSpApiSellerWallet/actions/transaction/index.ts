import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { create, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transaction'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Send money from a Seller Wallet account to a bank account; it waits for the account holder\'s approval',
				action: 'Create a seller wallet transfer',
			},
			{ name: 'Get', value: 'get', description: 'Get one transfer with its current status', action: 'Get a seller wallet transaction' },
			{ name: 'Get Many', value: 'getMany', description: 'List the transactions of an account, newest first', action: 'Get many seller wallet transactions' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...create.description,
];
