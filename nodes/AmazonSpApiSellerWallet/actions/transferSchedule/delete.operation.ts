import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { callWallet } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions, readText } from '../shared/fields';
import { scheduleIdField } from './get.operation';
import { tr } from '../../../sp-api/i18n/translate';

const show = { resource: ['transferSchedule'], operation: ['delete'] };

export const description: INodeProperties[] = [marketplaceField(show), scheduleIdField('delete'), optionsField(show)];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplace = readMarketplace(this, itemIndex, client);
	const transferScheduleId = readText(this, 'transferScheduleId', itemIndex, 'Transfer Schedule ID');
	const options = readOptions(this, itemIndex);
	const response = await callWallet<{ code?: string; message?: string; details?: string }>(
		client,
		'deleteScheduleTransaction',
		{ params: { transferScheduleId, marketplaceId: marketplace.id } },
		{
			what: tr`the deletion of transfer schedule ${transferScheduleId}`,
			check: tr`get transfer schedule ${transferScheduleId} (this node: Transfer Schedule → Get): status DELETED means it is done; otherwise run this item again.`,
			facts: { operation: 'deleteScheduleTransaction', transferScheduleId, lookUpWith: 'Seller Wallet → Transfer Schedule → Get' },
			refusedNothingDone: tr`The schedule was not deleted.`,
		},
	);
	return [
		withResponseMetadata(
			{ transferScheduleId, deleted: true, code: response.data.code, message: response.data.message, details: response.data.details },
			response.metadata,
			options.includeResponseMetadata === true,
		),
	];
}
