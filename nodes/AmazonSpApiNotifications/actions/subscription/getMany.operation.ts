import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { limitProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { paginateItems } from '../../../sp-api/pagination';
import { notificationTypeProperty, optionsCollection } from '../shared';

const displayOptions = { show: { resource: ['subscription'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	notificationTypeProperty(displayOptions),
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsCollection(displayOptions, [{ displayName: 'Payload Version', name: 'payloadVersion', type: 'string', default: '' }, includeResponseMetadataOption]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const notificationType = this.getNodeParameter('notificationType', itemIndex) as string;
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const options = this.getNodeParameter('options', itemIndex, {}) as { payloadVersion?: string; includeResponseMetadata?: boolean };
	const out: IDataObject[] = [];
	const pages = paginateItems<IDataObject, { payload?: { subscriptions?: IDataObject[] } }>(
		client,
		'getSubscriptions',
		// Amazon takes exactly one type per request
		{ params: { notificationTypes: [notificationType], payloadVersion: options.payloadVersion?.trim() || undefined, pageSize: 100 } },
		(page) => page.payload?.subscriptions ?? [],
		{ limit },
	);
	for await (const { item, page } of pages) out.push(withResponseMetadata({ notificationType, ...item }, page.metadata, options.includeResponseMetadata === true));
	return out;
}
