import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as deleteSchedule from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { create, deleteSchedule, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['transferSchedule'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Schedule transfers that repeat (or run once) by themselves', action: 'Create a transfer schedule' },
			{ name: 'Delete', value: 'delete', description: 'Stop and remove a transfer schedule', action: 'Delete a transfer schedule' },
			{ name: 'Get', value: 'get', description: 'Get one transfer schedule', action: 'Get a transfer schedule' },
			{ name: 'Get Many', value: 'getMany', description: 'List the transfer schedules of an account', action: 'Get many transfer schedules' },
			{ name: 'Update', value: 'update', description: 'Pause, resume or change a transfer schedule', action: 'Update a transfer schedule' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...create.description,
	...update.description,
	...deleteSchedule.description,
];
