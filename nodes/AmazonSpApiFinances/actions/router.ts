import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeToOperation } from '../../sp-api/n8n/router';
import * as balance from './balance';
import * as financialEvent from './financialEvent';
import * as financialEventGroup from './financialEventGroup';
import * as summary from './summary';
import * as transaction from './transaction';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation(this, {
		financialEventGroup: { getMany: financialEventGroup.getMany },
		financialEvent: { getMany: financialEvent.getMany, getByGroup: financialEvent.getByGroup, getByOrder: financialEvent.getByOrder },
		transaction: { getMany: transaction.getMany },
		balance: { getMany: balance.getMany },
		summary: { getMany: summary.getMany },
	});
}
