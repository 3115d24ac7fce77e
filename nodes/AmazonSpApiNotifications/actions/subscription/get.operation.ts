import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { findSubscription } from '../../../sp-api/notifications/subscriptions';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { notificationTypeProperty, optionsCollection } from '../shared';
import { tr } from '../../../sp-api/i18n/translate';

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
	const version = options.payloadVersion?.trim() || undefined;
	const response = await findSubscription(client, notificationType, version);
	if (!response) {
		if (options.emptyWhenMissing !== false) return [{ notificationType, subscribed: false }];
		throw new InputError(tr`This store has no subscription to ${notificationType}${version ? tr` (payload version ${version})` : ''}.`);
	}
	return [withResponseMetadata({ notificationType, subscribed: true, ...(response.data.payload as IDataObject) }, response.metadata, options.includeResponseMetadata === true)];
}
