import type { INodeProperties } from 'n8n-workflow';
import * as download from './download.operation';
import * as get from './get.operation';

export { download, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{ name: 'Download', value: 'download', description: 'Download a report document: rows as items, the file, or both', action: 'Download a report document' },
			{ name: 'Get', value: 'get', description: 'Get the temporary download address of a report document (valid 5 minutes)', action: 'Get a report document' },
		],
		default: 'download',
	},
	...download.description,
	...get.description,
];
