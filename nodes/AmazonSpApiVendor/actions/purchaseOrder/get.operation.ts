import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { optionsProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { orderJson } from '../../logic/format';
import { vendorCall } from '../shared/calls';
import { checkPurchaseOrderNumber, purchaseOrderNumberField } from '../shared/fields';

const show = { resource: ['purchaseOrder'], operation: ['get'] };

export const description: INodeProperties[] = [purchaseOrderNumberField(show), optionsProperty({ show })];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const purchaseOrderNumber = checkPurchaseOrderNumber(this.getNodeParameter('purchaseOrderNumber', itemIndex, ''), 'Purchase Order Number');
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const response = await vendorCall<{ payload?: unknown }>(client, 'getPurchaseOrder', { params: { purchaseOrderNumber } });
	return [withResponseMetadata(orderJson(response.data?.payload, this.getTimezone()), response.metadata, options.includeResponseMetadata === true)];
}
