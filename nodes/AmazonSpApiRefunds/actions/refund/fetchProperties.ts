/**
 * The fields that say which refunds to fetch from Amazon, shared by Get Refunds and (when they fetch
 * their own refunds) Enrich and Detect. n8n shows a field for one combination of settings only, so each
 * operation gets its own copy with its own display rule.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import type { EventSelection } from '../../../sp-api/finances/fetch';
import type { FetchStats, RefundQuery, RefundSource } from '../../../sp-api/finances/fetchRefunds';
import { assertAmazonOrderId, type PostedRange } from '../../../sp-api/finances/postedRange';
import { REFUND_KINDS, refundKindLabel, type RefundKind } from '../../../sp-api/finances/refunds';
import { tr, translateText } from '../../../sp-api/i18n/translate';
import { EVERY_STORE_HINT, marketplacesProperty } from '../../../sp-api/n8n/commonProperties';
import { readableTime, storesInWords } from '../../../sp-api/n8n/emptyOutput';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { postedRangeProperties, readPostedRange } from '../../../sp-api/n8n/postedRangeProperties';

type Show = Record<string, Array<string | number | boolean>>;

export const DEFAULT_LOOKBACK_DAYS = 1;

export function sourceProperty(show: Show): INodeProperties {
	return {
		displayName: 'Read From',
		name: 'source',
		type: 'options',
		default: 'financialEvents',
		options: [
			{
				name: 'Financial Events',
				value: 'financialEvents',
				description: 'Amazon’s classic finances API: refunds once Amazon settled them (usually within hours, up to 48 h)',
			},
			{
				name: 'Transactions (Newer API)',
				value: 'transactions',
				description: 'Amazon’s 2024 finances API: also gives ASINs and the transaction status',
			},
		],
		displayOptions: { show },
	};
}

export function kindsProperty(show: Show): INodeProperties {
	return {
		displayName: 'Refund Types',
		name: 'kinds',
		type: 'multiOptions',
		default: ['refund'],
		options: REFUND_KINDS.map((kind) => ({ name: kind.name, value: kind.value, description: kind.description })),
		description: 'Which kinds of money going back to count as refunds',
		displayOptions: { show },
	};
}

/** Source, what to find by (date range, order, settlement period), marketplaces and kinds. */
export function refundFetchProperties(show: Show, options: { findBy: boolean }): INodeProperties[] {
	const rangeShow = options.findBy ? { ...show, findBy: ['dateRange'] } : show;
	const properties: INodeProperties[] = [sourceProperty(show)];
	if (options.findBy) {
		properties.push(
			{
				displayName: 'Find By',
				name: 'findBy',
				type: 'options',
				default: 'dateRange',
				options: [
					{ name: 'Date Range', value: 'dateRange', description: 'Refunds Amazon posted in a date range' },
					{ name: 'Order', value: 'order', description: 'The refunds of one order' },
					{ name: 'Settlement Period', value: 'group', description: 'The refunds of one settlement period (financial event group)' },
				],
				displayOptions: { show },
			},
			{
				displayName: 'Order ID',
				name: 'amazonOrderId',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 111-1234567-1234567',
				displayOptions: { show: { ...show, findBy: ['order'] } },
			},
			{
				displayName: 'Financial Event Group ID',
				name: 'financialEventGroupId',
				type: 'string',
				required: true,
				default: '',
				description: 'The settlement period, as listed by the Finances node (Financial Event Group → Get Many)',
				displayOptions: { show: { ...show, findBy: ['group'] } },
			},
		);
	}
	properties.push(
		...postedRangeProperties({ show: rangeShow }, DEFAULT_LOOKBACK_DAYS),
		marketplacesProperty({
			displayOptions: { show },
			hint: EVERY_STORE_HINT,
			description:
				'Amazon stores to include, several at once. Empty means every store of the credential’s region. Choose from the list, or specify IDs or country codes (e.g. US, DE, JP) using an expression.',
		}),
		kindsProperty(show),
	);
	return properties;
}

export function readKinds(context: IExecuteFunctions, itemIndex: number): Set<RefundKind> {
	const kinds = context.getNodeParameter('kinds', itemIndex, ['refund']) as RefundKind[];
	if (!Array.isArray(kinds) || kinds.length === 0) throw new InputError(tr`Pick at least one refund type in "Refund Types".`);
	const known = new Set(REFUND_KINDS.map((kind) => kind.value));
	for (const kind of kinds) if (!known.has(kind)) throw new InputError(tr`"${kind}" is not a refund type. Use one of: ${[...known].join(', ')}.`);
	return new Set(kinds);
}

/** Reads the fields into a query; `range` replaces the date fields (Detect computes its own window). */
export function readRefundQuery(context: IExecuteFunctions, itemIndex: number, client: SpApiClient, range?: PostedRange): RefundQuery {
	const source = context.getNodeParameter('source', itemIndex, 'financialEvents') as RefundSource;
	const marketplaces = readMarketplaces(context, 'marketplaceIds', itemIndex, client.credentials.region);
	const kinds = readKinds(context, itemIndex);
	const findBy = range ? 'dateRange' : (context.getNodeParameter('findBy', itemIndex, 'dateRange') as string);
	let selection: EventSelection;
	if (findBy === 'order') {
		selection = { by: 'order', amazonOrderId: assertAmazonOrderId(String(context.getNodeParameter('amazonOrderId', itemIndex, ''))) };
	} else if (findBy === 'group') {
		const financialEventGroupId = String(context.getNodeParameter('financialEventGroupId', itemIndex, '')).trim();
		if (!financialEventGroupId) throw new InputError(tr`"Financial Event Group ID" is empty. Take it from the Finances node (Financial Event Group → Get Many).`);
		selection = { by: 'group', financialEventGroupId };
	} else {
		selection = { by: 'range', range: range ?? readPostedRange(context, itemIndex, DEFAULT_LOOKBACK_DAYS) };
	}
	return { source, selection, kinds, marketplaces };
}

/** Why a fetch gave no refund line: what was read, how much of it, and what to try. */
export function noRefundsSentence(query: RefundQuery, client: SpApiClient, stats: FetchStats): string {
	const kinds = [...(query.kinds ?? new Set(REFUND_KINDS.map((kind) => kind.value)))].map((kind) => translateText(refundKindLabel(kind))).join(' / ');
	const found = tr`Amazon listed ${stats.records} money events there (${stats.pages} pages); none was a ${kinds}.`;
	const { selection } = query;
	if (selection.by === 'order') {
		return tr`No refunds to output. Checked order ${selection.amazonOrderId}. ${found} The order may not be refunded yet, or it was placed in a store of another region.`;
	}
	if (selection.by === 'group') {
		return tr`No refunds to output. Checked settlement period ${selection.financialEventGroupId}. ${found}`;
	}
	const stores = storesInWords(query.marketplaces, client.credentials.region);
	return tr`No refunds to output. Checked ${stores}, posted ${readableTime(selection.range.start)} to ${readableTime(selection.range.end)}. ${found} Amazon publishes a refund minutes to 48 hours after it happens; to look further back, set an earlier "Posted After".`;
}
