import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { prepareQueue } from '../../../sp-api/aws/queueSetup';
import { queueContext, queueItem } from './shared';

const displayOptions = { show: { resource: ['queue'], operation: ['prepare'] } };

export const description: INodeProperties[] = [
	{
		displayName:
			'Uses the queue of the Amazon SQS credential (choose "By Region and Name" for a queue that does not exist yet). The access key needs the IAM policy shown in the README.',
		name: 'prepareNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
];

/** Creates or adopts the queue, merges Amazon's statement into its access policy, reads it back. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const { settings, client } = await queueContext(this, itemIndex);
	return [queueItem(await prepareQueue(client, settings))];
}
