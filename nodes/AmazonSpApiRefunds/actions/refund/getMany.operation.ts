import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ResponseMetadata, SpApiClient } from '../../../sp-api/client';
import { fetchRefunds } from '../../../sp-api/finances/fetchRefunds';
import { byRefundPostedDate, type RefundRecord } from '../../../sp-api/finances/refunds';
import { limitProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { refundToJson } from '../../../sp-api/finances/refundJson';
import { readRefundQuery, refundFetchProperties } from './fetchProperties';

const show = { resource: ['refund'], operation: ['getMany'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	...refundFetchProperties(show, { findBy: true }),
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions,
		options: [includeResponseMetadataOption],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const query = readRefundQuery(this, itemIndex, client);
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const found: { refund: RefundRecord; metadata: ResponseMetadata }[] = [];
	for await (const entry of fetchRefunds(client, query)) {
		found.push(entry);
		if (limit !== undefined && found.length >= limit) break;
	}
	return found
		.sort((a, b) => byRefundPostedDate(a.refund, b.refund))
		.map(({ refund, metadata }) => withResponseMetadata(refundToJson(refund), metadata, options.includeResponseMetadata === true));
}
