import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { destinationItem, optionsCollection } from '../shared';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['destination'], operation: ['get'] } };

export const description: INodeProperties[] = [
	{ displayName: 'Destination ID', name: 'destinationId', type: 'string', default: '', required: true, displayOptions },
	optionsCollection(displayOptions, [includeResponseMetadataOption]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const destinationId = String(this.getNodeParameter('destinationId', itemIndex, '')).trim();
	if (!destinationId) throw new InputError(tr`Enter the destination ID (list destinations to find it).`);
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const response = await client.call<{ payload?: IDataObject }>('getDestination', { params: { destinationId } });
	return [withResponseMetadata(destinationItem(response.data.payload ?? {}), response.metadata, options.includeResponseMetadata === true)];
}
