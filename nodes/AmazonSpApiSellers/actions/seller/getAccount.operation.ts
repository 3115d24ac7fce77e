import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { optionsProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';

const displayOptions = { show: { resource: ['seller'], operation: ['getAccount'] } };

export const description: INodeProperties[] = [
	optionsProperty(displayOptions),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const response = await client.call<{ payload?: IDataObject }>('sellers.getAccount');
	return [withResponseMetadata({ ...(response.data.payload ?? {}) }, response.metadata, options.includeResponseMetadata === true)];
}
