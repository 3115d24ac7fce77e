import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeToOperation } from '../../sp-api/n8n/router';
import * as refund from './refund';
import * as returns from './return';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation(this, {
		refund: {
			getMany: refund.getMany,
			enrichWithReturnReasons: refund.enrichWithReturnReasons,
			detectAnomalies: refund.detectAnomalies,
			reconcileWithSettlement: refund.reconcileWithSettlement,
		},
		return: {
			getMany: returns.getMany,
			getAwaitingAction: returns.getAwaitingAction,
		},
	});
}
