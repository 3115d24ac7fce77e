import type { INodeProperties } from 'n8n-workflow';
import * as getLabels from './getLabels.operation';
import * as getMany from './getMany.operation';
import * as submitConfirmation from './submitConfirmation.operation';

export { getLabels, getMany, submitConfirmation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['shipment'] } },
		options: [
			{ name: 'Get Labels', value: 'getLabels', description: 'Small parcel labels Amazon created for your shipments, as PDF files', action: 'Get shipment labels' },
			{ name: 'Get Many', value: 'getMany', description: 'List your shipment confirmations (ASNs) with their items and quantities', action: 'Get many shipments' },
			{ name: 'Submit Confirmation', value: 'submitConfirmation', description: 'Tell Amazon what you shipped (an ASN)', action: 'Submit a shipment confirmation' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...getLabels.description,
	...submitConfirmation.description,
];
