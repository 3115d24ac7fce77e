import type { INodeProperties } from 'n8n-workflow';
import * as acknowledge from './acknowledge.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getStatuses from './getStatuses.operation';
import * as shortageWatch from './shortageWatch.operation';

export { acknowledge, get, getMany, getStatuses, shortageWatch };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['purchaseOrder'] } },
		options: [
			{ name: 'Acknowledge', value: 'acknowledge', description: 'Accept, reject or backorder the lines of a purchase order', action: 'Acknowledge a purchase order' },
			{ name: 'Get', value: 'get', description: 'Get one purchase order with its lines', action: 'Get a purchase order' },
			{ name: 'Get Many', value: 'getMany', description: 'List purchase orders created or changed in a period', action: 'Get many purchase orders' },
			{
				name: 'Get Many Statuses',
				value: 'getStatuses',
				description: 'One item per PO line with ordered, accepted, rejected and received quantities and the last receive date',
				action: 'Get many purchase order statuses',
			},
			{
				name: 'Shortage Watch',
				value: 'shortageWatch',
				description: 'Find PO lines where Amazon received less than you shipped, with their value and the hours left to dispute',
				action: 'Watch purchase orders for shortages',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...getStatuses.description,
	...acknowledge.description,
	...shortageWatch.description,
];
