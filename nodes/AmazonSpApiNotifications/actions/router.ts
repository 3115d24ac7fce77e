import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { routeToOperation } from '../../sp-api/n8n/router';
import * as destination from './destination';
import * as subscription from './subscription';
import * as testNotification from './testNotification';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation(this, {
		destination: { getMany: destination.getMany, get: destination.get, delete: destination.deleteDestination },
		subscription: { get: subscription.get, getMany: subscription.getMany, delete: subscription.deleteSubscription },
		testNotification: { send: testNotification.send },
	});
}
