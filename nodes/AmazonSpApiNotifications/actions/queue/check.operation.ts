import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { inspectQueue } from '../../../sp-api/aws/queueSetup';
import { queueContext, queueItem } from './shared';

export const description: INodeProperties[] = [];

/** Reads the queue's settings: exists? may Amazon SP-API send to it? Changes nothing. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { settings, client } = await queueContext(this, itemIndex);
	return [queueItem(await inspectQueue(client, settings))];
}
