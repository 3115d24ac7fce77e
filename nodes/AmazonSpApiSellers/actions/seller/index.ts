import type { INodeProperties } from 'n8n-workflow';
import * as getAccount from './getAccount.operation';
import * as getMarketplaceParticipations from './getMarketplaceParticipations.operation';

export { getAccount, getMarketplaceParticipations };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['seller'] } },
		options: [
			{
				name: 'Get Account',
				value: 'getAccount',
				description: 'Get the business details Amazon holds for the seller account',
				action: 'Get the seller account',
			},
			{
				name: 'Get Marketplace Participations',
				value: 'getMarketplaceParticipations',
				description: 'List the Amazon stores this seller sells in, with currency and status',
				action: 'Get marketplace participations',
			},
		],
		default: 'getMarketplaceParticipations',
	},
	...getMarketplaceParticipations.description,
	...getAccount.description,
];
