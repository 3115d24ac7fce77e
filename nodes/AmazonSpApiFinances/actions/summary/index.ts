import type { INodeProperties } from 'n8n-workflow';
import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['summary'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'Settlement summaries: net proceeds of each settlement with the breakdown (sales, fees, refunds, ...)',
				action: 'Get many settlement summaries',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
