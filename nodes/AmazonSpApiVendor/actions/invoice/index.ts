import type { INodeProperties } from 'n8n-workflow';
import * as submit from './submit.operation';

export { submit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [{ name: 'Submit', value: 'submit', description: 'Send an invoice or credit note for purchase orders to Amazon', action: 'Submit an invoice' }],
		default: 'submit',
	},
	...submit.description,
];
