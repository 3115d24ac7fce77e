import type { INodeProperties } from 'n8n-workflow';
import * as getAwaitingAction from './getAwaitingAction.operation';
import * as getMany from './getMany.operation';

export { getAwaitingAction, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['return'] } },
		options: [
			{
				name: 'Get Returns',
				value: 'getMany',
				description: 'One item per returned item, with the reason code and its text, from Amazon’s FBA and seller-fulfilled returns reports',
				action: 'Get returns',
			},
			{
				name: 'Get Returns Awaiting Action',
				value: 'getAwaitingAction',
				description: 'Seller-fulfilled return requests still waiting for you, most urgent first, with the hours left to respond',
				action: 'Get returns awaiting action',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getAwaitingAction.description,
];
