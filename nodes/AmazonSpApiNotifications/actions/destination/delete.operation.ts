import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { optionsCollection } from '../shared';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['destination'], operation: ['delete'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Destination ID',
		name: 'destinationId',
		type: 'string',
		default: '',
		required: true,
		description: 'Amazon refuses to delete a destination while subscriptions still send to it: delete those first',
		displayOptions,
	},
	optionsCollection(displayOptions, [includeResponseMetadataOption]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const destinationId = String(this.getNodeParameter('destinationId', itemIndex, '')).trim();
	if (!destinationId) throw new InputError(tr`Enter the destination ID to delete.`);
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const response = await client.call('deleteDestination', { params: { destinationId } });
	return [withResponseMetadata({ destinationId, deleted: true }, response.metadata, options.includeResponseMetadata === true)];
}
