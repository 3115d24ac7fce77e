import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { limitProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { destinationItem, optionsCollection } from '../shared';

const displayOptions = { show: { resource: ['destination'], operation: ['getMany'] } };

export const description: INodeProperties[] = [returnAllProperty(displayOptions), limitProperty(displayOptions), optionsCollection(displayOptions, [includeResponseMetadataOption])];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	// Amazon answers all of the application's destinations at once (no pages)
	const response = await client.call<{ payload?: IDataObject[] }>('getDestinations');
	const all = response.data.payload ?? [];
	return all.slice(0, limit ?? all.length).map((d) => withResponseMetadata(destinationItem(d), response.metadata, options.includeResponseMetadata === true));
}
