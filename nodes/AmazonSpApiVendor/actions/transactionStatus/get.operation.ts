import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { tr } from '../../../sp-api/i18n/translate';
import { optionsProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { compact, list, object, text } from '../../../sp-api/json';
import { vendorCall } from '../shared/calls';
import { readText } from '../shared/fields';

const show = { resource: ['transactionStatus'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Transaction ID',
		name: 'transactionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 20190904190535-eef8cad8-418e-4ed3-ac72-789e2ee6214a',
		description: 'The ID Amazon gave a submitted acknowledgement, shipment confirmation or invoice (the "transactionId" of Acknowledge, Submit Confirmation or Submit Invoice)',
		displayOptions: { show },
	},
	optionsProperty({ show }),
];

function meaning(status: string | undefined, id: string): string {
	if (status === 'Success') return tr`Amazon accepted and applied transaction ${id}. Do not send it again.`;
	if (status === 'Failure') return tr`Amazon refused transaction ${id}: nothing of it was applied. Fix what "errors" says and send it again.`;
	if (status === 'Processing') return tr`Amazon is still processing transaction ${id}. Look again in a few minutes; do not send it again meanwhile.`;
	return tr`Amazon answered an unknown status for transaction ${id}.`;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const transactionId = readText(this, 'transactionId', itemIndex, 'Transaction ID');
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const response = await vendorCall<{ payload?: unknown }>(client, 'vendorTransactionStatus.getTransaction', { params: { transactionId } });
	const transaction = object(object(object(response.data?.payload).transactionStatus));
	const status = text(transaction.status);
	const item = compact({
		transactionId: text(transaction.transactionId) ?? transactionId,
		status,
		accepted: status === 'Success' ? true : status === 'Failure' ? false : null,
		finished: status === 'Success' || status === 'Failure',
		meaning: meaning(status, transactionId),
		errors: status === 'Failure' ? list(transaction.errors).map((error) => compact({ code: text(error.code), message: text(error.message), details: text(error.details) })) : undefined,
	});
	return [withResponseMetadata(item, response.metadata, options.includeResponseMetadata === true)];
}
