import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeToOperation } from '../../sp-api/n8n/router';
import * as refund from './refund';

/** Phase 2 adds a `return` resource (getMany, getAwaitingAction) and refund.reconcileWithSettlement here. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation(this, {
		refund: {
			getMany: refund.getMany,
			enrichWithReturnReasons: refund.enrichWithReturnReasons,
			detectAnomalies: refund.detectAnomalies,
		},
	});
}
