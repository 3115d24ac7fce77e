import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { emptyFetchStats } from '../../../sp-api/finances/fetchRefunds';
import { newestRefunds } from '../../../sp-api/finances/newestRefunds';
import { limitProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { amountStyleOf } from '../../../sp-api/n8n/amountStyle';
import { explainEmptyResult } from '../../../sp-api/n8n/emptyOutput';
import { includeResponseMetadataOption, withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { refundToJson } from '../../../sp-api/finances/refundJson';
import { noRefundsSentence, readRefundQuery, refundFetchProperties } from './fetchProperties';

const show = { resource: ['refund'], operation: ['getMany'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	...refundFetchProperties(show, { findBy: true }),
	returnAllProperty(displayOptions),
	{ ...limitProperty(displayOptions), hint: 'The newest refunds, newest first' },
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

/**
 * Newest first; with a limit, the newest refunds (reading the range from its end, see newestRefunds).
 * A node saved at version 1 keeps listing every refund oldest first when "Return All" is on.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const query = readRefundQuery(this, itemIndex, client);
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const style = amountStyleOf(this.getNode());
	const stats = emptyFetchStats();
	const found = await newestRefunds(client, query, limit, stats, style === 'text' ? 'oldestFirst' : 'newestFirst');
	if (found.length === 0) explainEmptyResult(this, noRefundsSentence(query, client, stats));
	return found.map(({ refund, metadata }) => withResponseMetadata(refundToJson(refund, style), metadata, options.includeResponseMetadata === true));
}
