import type { INodeProperties } from 'n8n-workflow';
import * as detectAnomalies from './detectAnomalies.operation';
import * as enrichWithReturnReasons from './enrichWithReturnReasons.operation';
import * as getMany from './getMany.operation';
import * as reconcileWithSettlement from './reconcileWithSettlement.operation';

export { detectAnomalies, enrichWithReturnReasons, getMany, reconcileWithSettlement };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refund'] } },
		options: [
			{
				name: 'Get Refunds',
				value: 'getMany',
				description: 'One item per refunded order item, with price, tax, shipping, fees and the exact net total',
				action: 'Get refunds',
			},
			{
				name: 'Enrich Refunds with Return Reasons',
				value: 'enrichWithReturnReasons',
				description: 'Add the buyer’s return reason to each refund, from Amazon’s returns reports or from returns report rows',
				action: 'Enrich refunds with return reasons',
			},
			{
				name: 'Detect Refund Anomalies',
				value: 'detectAnomalies',
				description: 'Find products, stores, orders or reasons with unusually many refunds, with a message ready for Slack or DingTalk',
				action: 'Detect refund anomalies',
			},
			{
				name: 'Reconcile with Settlement',
				value: 'reconcileWithSettlement',
				description: 'Compare the refunds of a settlement period in the financial events with the settlement report: matched, missing or different amounts',
				action: 'Reconcile refunds with a settlement',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...enrichWithReturnReasons.description,
	...detectAnomalies.description,
	...reconcileWithSettlement.description,
];
