import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { SpApiError } from '../../../sp-api/errors';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { notificationTypeProperty, optionsCollection } from '../shared';

const displayOptions = { show: { resource: ['subscription'], operation: ['get'] } };

export const description: INodeProperties[] = [
	notificationTypeProperty(displayOptions),
	optionsCollection(displayOptions, [
		{ displayName: 'Payload Version', name: 'payloadVersion', type: 'string', default: '', description: 'Empty: the newest version this store is subscribed with' },
		{
			displayName: 'Return Empty When Not Subscribed',
			name: 'emptyWhenMissing',
			type: 'boolean',
			default: true,
			description: 'Whether "not subscribed" gives an item with subscribed = false instead of an error',
		},
		includeResponseMetadataOption,
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const notificationType = this.getNodeParameter('notificationType', itemIndex) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as { payloadVersion?: string; emptyWhenMissing?: boolean; includeResponseMetadata?: boolean };
	try {
		const response = await client.call<{ payload?: IDataObject }>('getSubscription', { params: { notificationType, payloadVersion: options.payloadVersion?.trim() || undefined } });
		return [withResponseMetadata({ notificationType, subscribed: true, ...(response.data.payload ?? {}) }, response.metadata, options.includeResponseMetadata === true)];
	} catch (error) {
		if (error instanceof SpApiError && error.httpStatus === 404 && options.emptyWhenMissing !== false) return [{ notificationType, subscribed: false }];
		throw error;
	}
}
