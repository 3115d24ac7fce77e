import type { INodeProperties } from 'n8n-workflow';
import * as getByGroup from './getByGroup.operation';
import * as getByOrder from './getByOrder.operation';
import * as getMany from './getMany.operation';

export { getByGroup, getByOrder, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['financialEvent'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List every money event (orders, refunds, fees, reimbursements, ...) posted in a date range',
				action: 'Get many financial events',
			},
			{
				name: 'Get Many by Settlement Period',
				value: 'getByGroup',
				description: 'List the money events of one settlement period (financial event group)',
				action: 'Get financial events of a settlement period',
			},
			{
				name: 'Get Many by Order',
				value: 'getByOrder',
				description: 'List the money events of one order: payment, refunds, claims, chargebacks',
				action: 'Get financial events of an order',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getByGroup.description,
	...getByOrder.description,
];
