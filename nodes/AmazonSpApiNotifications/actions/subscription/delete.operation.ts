import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { notificationTypeProperty, optionsCollection } from '../shared';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['subscription'], operation: ['delete'] } };

export const description: INodeProperties[] = [
	notificationTypeProperty(displayOptions),
	{ displayName: 'Subscription ID', name: 'subscriptionId', type: 'string', default: '', required: true, displayOptions },
	optionsCollection(displayOptions, [includeResponseMetadataOption]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const notificationType = this.getNodeParameter('notificationType', itemIndex) as string;
	const subscriptionId = String(this.getNodeParameter('subscriptionId', itemIndex, '')).trim();
	if (!subscriptionId) throw new InputError(tr`Enter the subscription ID (Subscription → Get shows it).`);
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const response = await client.call('deleteSubscriptionById', { params: { notificationType, subscriptionId } });
	return [withResponseMetadata({ notificationType, subscriptionId, deleted: true }, response.metadata, options.includeResponseMetadata === true)];
}
