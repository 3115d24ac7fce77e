import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeToOperation } from '../../sp-api/n8n/router';
import * as seller from './seller';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation(this, {
		seller: { getAccount: seller.getAccount, getMarketplaceParticipations: seller.getMarketplaceParticipations },
	});
}
