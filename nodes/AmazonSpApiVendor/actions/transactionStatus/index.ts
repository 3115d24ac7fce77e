import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transactionStatus'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Whether Amazon applied a submitted acknowledgement, shipment confirmation or invoice',
				action: 'Get a transaction status',
			},
		],
		default: 'get',
	},
	...get.description,
];
