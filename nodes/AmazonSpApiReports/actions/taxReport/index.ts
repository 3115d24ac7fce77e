import type { INodeProperties } from 'n8n-workflow';
import * as getMonth from './getMonth.operation';

export { getMonth };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['taxReport'] } },
		options: [
			{
				name: 'Get Month',
				value: 'getMonth',
				description: 'One month of Amazon’s tax reports (VAT, GST, US sales tax) for every store, as rows with exact amounts',
				action: 'Get a month of tax reports',
			},
		],
		default: 'getMonth',
	},
	...getMonth.description,
];
