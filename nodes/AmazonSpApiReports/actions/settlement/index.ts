import type { INodeProperties } from 'n8n-workflow';
import * as download from './download.operation';
import * as getMany from './getMany.operation';

export { download, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['settlement'] } },
		options: [
			{ name: 'Get Many', value: 'getMany', description: "List the settlement reports Amazon has published", action: 'Get many settlement reports' },
			{ name: 'Download', value: 'download', description: 'Download one settlement report: rows as items, the file, or both', action: 'Download a settlement report' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...download.description,
];
