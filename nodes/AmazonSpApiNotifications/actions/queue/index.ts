import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../../../sp-api/n8n/runPerItem';
import * as check from './check.operation';
import * as prepare from './prepare.operation';

export { check, prepare };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['queue'] } },
		options: [
			{ name: 'Check', value: 'check', description: 'See whether the queue exists and whether Amazon SP-API may send to it (changes nothing)', action: 'Check the notifications queue' },
			{
				name: 'Prepare',
				value: 'prepare',
				description: 'Create the queue (or use the existing one) and let Amazon SP-API send to it: no JSON policy to edit by hand',
				action: 'Prepare the notifications queue',
			},
		],
		default: 'prepare',
	},
	...prepare.description,
	...check.description,
];

/** The queue operations talk to AWS only: no Amazon SP-API client, one result per input item. */
export async function run(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = operation === 'check' ? check : prepare;
	return [await runPerItem(this, (itemIndex) => module.execute.call(this, itemIndex))];
}
