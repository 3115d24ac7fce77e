import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeToOperation } from '../../sp-api/n8n/router';
import * as account from './account';
import * as paymentMethod from './paymentMethod';
import * as payout from './payout';
import { timeoutMsOf } from './shared/fields';
import * as transaction from './transaction';
import * as transferPreview from './transferPreview';
import * as transferSchedule from './transferSchedule';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation(
		this,
		{
			account: { getMany: account.getMany, get: account.get, getBalances: account.getBalances },
			transferPreview: { get: transferPreview.get },
			transaction: { getMany: transaction.getMany, get: transaction.get, create: transaction.create },
			transferSchedule: {
				getMany: transferSchedule.getMany,
				get: transferSchedule.get,
				create: transferSchedule.create,
				update: transferSchedule.update,
				delete: transferSchedule.deleteSchedule,
			},
			payout: { getMany: payout.getMany, getExpected: payout.getExpected, initiate: payout.initiate },
			paymentMethod: { getMany: paymentMethod.getMany },
		},
		{ clientOptions: (context) => ({ timeoutMs: timeoutMsOf(context) }) },
	);
}
