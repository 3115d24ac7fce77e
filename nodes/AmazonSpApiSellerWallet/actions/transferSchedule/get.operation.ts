import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { callWallet } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions, readText } from '../shared/fields';
import { flattenSchedule } from '../shared/format';

const show = { resource: ['transferSchedule'], operation: ['get'] };

export function scheduleIdField(operation: string): INodeProperties {
	return {
		displayName: 'Transfer Schedule ID',
		name: 'transferScheduleId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'amzn1.transferschedule.…',
		description: 'The ID Amazon gave the schedule (from Create or Get Many)',
		displayOptions: { show: { resource: ['transferSchedule'], operation: [operation] } },
	};
}

export const description: INodeProperties[] = [marketplaceField(show), scheduleIdField('get'), optionsField(show)];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplace = readMarketplace(this, itemIndex, client);
	const transferScheduleId = readText(this, 'transferScheduleId', itemIndex, 'Transfer Schedule ID');
	const options = readOptions(this, itemIndex);
	const response = await callWallet(client, 'getTransferSchedule', { params: { transferScheduleId, marketplaceId: marketplace.id } });
	return [withResponseMetadata(flattenSchedule(response.data), response.metadata, options.includeResponseMetadata === true)];
}
