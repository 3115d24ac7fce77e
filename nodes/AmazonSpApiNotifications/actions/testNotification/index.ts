import type { INodeProperties } from 'n8n-workflow';
import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['testNotification'] } },
		options: [{ name: 'Send', value: 'send', description: 'Ask Amazon (sandbox) to send a sample notification to a destination', action: 'Send a test notification' }],
		default: 'send',
	},
	...send.description,
];
