import type { INodeProperties } from 'n8n-workflow';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as createAndDownload from './createAndDownload.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { cancel, create, createAndDownload, download, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{ name: 'Cancel', value: 'cancel', description: 'Cancel a report that is still waiting in Amazon\'s queue', action: 'Cancel a report' },
			{ name: 'Create', value: 'create', description: 'Request a report and return its ID without waiting', action: 'Create a report' },
			{
				name: 'Create and Download',
				value: 'createAndDownload',
				description: 'Request a report, wait until Amazon has built it, and download it: rows as items, the file, or both',
				action: 'Create and download a report',
			},
			{ name: 'Download', value: 'download', description: 'Wait for a report requested earlier (by its ID) and download it', action: 'Download a report' },
			{ name: 'Get', value: 'get', description: 'Get the status and details of one report', action: 'Get a report' },
			{ name: 'Get Many', value: 'getMany', description: 'List reports by type, status, marketplace and date', action: 'Get many reports' },
		],
		default: 'createAndDownload',
	},
	...createAndDownload.description,
	...create.description,
	...download.description,
	...get.description,
	...getMany.description,
	...cancel.description,
];
