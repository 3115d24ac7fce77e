import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeToOperation } from '../../sp-api/n8n/router';
import * as invoice from './invoice';
import * as purchaseOrder from './purchaseOrder';
import * as shipment from './shipment';
import * as transactionStatus from './transactionStatus';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation(this, {
		purchaseOrder: {
			getMany: purchaseOrder.getMany,
			get: purchaseOrder.get,
			getStatuses: purchaseOrder.getStatuses,
			acknowledge: purchaseOrder.acknowledge,
			shortageWatch: purchaseOrder.shortageWatch,
		},
		shipment: { getMany: shipment.getMany, getLabels: shipment.getLabels, submitConfirmation: shipment.submitConfirmation },
		invoice: { submit: invoice.submit },
		transactionStatus: { get: transactionStatus.get },
	});
}
