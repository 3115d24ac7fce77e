import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transferPreview'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'See the exchange rate, the fees and what arrives before sending money. Moves nothing.',
				action: 'Get a transfer preview',
			},
		],
		default: 'get',
	},
	...get.description,
];
