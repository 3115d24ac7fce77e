import type { INodeProperties } from 'n8n-workflow';
import * as getMetrics from './getMetrics.operation';

export { getMetrics };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['accountHealth'] } },
		options: [
			{
				name: 'Get Metrics',
				value: 'getMetrics',
				description: 'Order defect rate, late shipment rate, cancel rate and valid tracking rate of every store, against Amazon’s targets and your thresholds',
				action: 'Get account health metrics',
			},
		],
		default: 'getMetrics',
	},
	...getMetrics.description,
];
