import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { transactionPages, type TransactionSelection } from '../../../sp-api/finances/fetch';
import { flattenTransaction } from '../../../sp-api/finances/flattenTransactions';
import { assertAmazonOrderId } from '../../../sp-api/finances/postedRange';
import { limitProperty, marketplacesProperty, optionsProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { postedRangeProperties, readPostedRange } from '../../../sp-api/n8n/postedRangeProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { outputOption } from '../financialEvent/common';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['transaction'], operation: ['getMany'] } };
const byRange = { show: { ...displayOptions.show, filterBy: ['dateRange'] } };
const DEFAULT_LOOKBACK_DAYS = 1;

export const description: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'filterBy',
		type: 'options',
		default: 'dateRange',
		options: [
			{ name: 'Date Range', value: 'dateRange', description: 'Transactions posted in a date range' },
			{ name: 'Order', value: 'order', description: 'Every transaction of one order' },
			{ name: 'Settlement Period', value: 'group', description: 'Every transaction of one financial event group' },
		],
		displayOptions,
	},
	...postedRangeProperties(byRange, DEFAULT_LOOKBACK_DAYS),
	{
		displayName: 'Order ID',
		name: 'amazonOrderId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 111-1234567-1234567',
		displayOptions: { show: { ...displayOptions.show, filterBy: ['order'] } },
	},
	{
		displayName: 'Financial Event Group ID',
		name: 'financialEventGroupId',
		type: 'string',
		required: true,
		default: '',
		description: 'The settlement period, as listed by "Financial Event Group → Get Many"',
		displayOptions: { show: { ...displayOptions.show, filterBy: ['group'] } },
	},
	marketplacesProperty({ displayOptions, description: 'Only these Amazon stores (one pass each). Empty means every store of the credential’s region.' }),
	{
		displayName: 'Transaction Status',
		name: 'transactionStatus',
		type: 'options',
		default: '',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Deferred (Held Back for Now)', value: 'DEFERRED' },
			{ name: 'Released', value: 'RELEASED' },
			{ name: 'Deferred, Now Released', value: 'DEFERRED_RELEASED' },
		],
		displayOptions,
	},
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsProperty(displayOptions, [
		{
			...outputOption,
			options: [
				{ name: 'One Item per Transaction', value: 'items', description: 'Flat fields with {amount, currency} money and the breakdown by path (recommended)' },
				{ name: 'Raw Pages', value: 'rawPages', description: 'Each page exactly as Amazon sent it (for experts; Limit then counts pages)' },
			],
		},
	]),
];

function selectionOf(context: IExecuteFunctions, itemIndex: number): Omit<TransactionSelection, 'marketplaceIds' | 'transactionStatus'> {
	const filterBy = context.getNodeParameter('filterBy', itemIndex, 'dateRange') as string;
	if (filterBy === 'order') {
		return { identifier: { name: 'ORDER_ID', value: assertAmazonOrderId(String(context.getNodeParameter('amazonOrderId', itemIndex, ''))) } };
	}
	if (filterBy === 'group') {
		const value = String(context.getNodeParameter('financialEventGroupId', itemIndex, '')).trim();
		if (!value) throw new InputError(tr`"Financial Event Group ID" is empty. Take it from "Financial Event Group → Get Many".`);
		return { identifier: { name: 'FINANCIAL_EVENT_GROUP_ID', value } };
	}
	return { range: readPostedRange(context, itemIndex, DEFAULT_LOOKBACK_DAYS) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplaces = readMarketplaces(this, 'marketplaceIds', itemIndex, client.credentials.region);
	const selection: TransactionSelection = {
		...selectionOf(this, itemIndex),
		marketplaceIds: marketplaces.map((m) => m.id),
		transactionStatus: (this.getNodeParameter('transactionStatus', itemIndex, '') as string) || undefined,
	};
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const options = this.getNodeParameter('options', itemIndex, {}) as { output?: string; includeResponseMetadata?: boolean };
	const includeMetadata = options.includeResponseMetadata === true;
	const out: IDataObject[] = [];
	for await (const page of transactionPages(client, selection)) {
		if (options.output === 'rawPages') {
			out.push(withResponseMetadata({ page: out.length + 1, ...(page.body as IDataObject) }, page.metadata, includeMetadata));
			if (limit !== undefined && out.length >= limit) break;
			continue;
		}
		for (const transaction of page.transactions) {
			if (!transaction || typeof transaction !== 'object') continue;
			out.push(withResponseMetadata(flattenTransaction(transaction as IDataObject) as unknown as IDataObject, page.metadata, includeMetadata));
			if (limit !== undefined && out.length >= limit) return out;
		}
	}
	return out;
}
