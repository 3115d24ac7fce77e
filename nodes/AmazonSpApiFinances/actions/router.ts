import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeToOperation } from '../../sp-api/n8n/router';
import * as financialEventGroup from './financialEventGroup';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation(this, {
		financialEventGroup: { getMany: financialEventGroup.getMany },
	});
}
