import type { INodeProperties } from 'n8n-workflow';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { cancel, create, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['schedule'] } },
		options: [
			{ name: 'Get Many', value: 'getMany', description: 'List the report schedules of some report types', action: 'Get many report schedules' },
			{ name: 'Get', value: 'get', description: 'Get one report schedule', action: 'Get a report schedule' },
			{ name: 'Create', value: 'create', description: 'Have Amazon create a report regularly (replaces a schedule for the same type and marketplaces)', action: 'Create a report schedule' },
			{ name: 'Cancel', value: 'cancel', description: 'Stop a report schedule', action: 'Cancel a report schedule' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...create.description,
	...cancel.description,
];
