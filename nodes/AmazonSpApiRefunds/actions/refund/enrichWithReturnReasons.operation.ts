import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties, IPairedItemData } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { SpApiError } from '../../../sp-api/errors';
import { toNodeError } from '../../../sp-api/n8n/nodeErrors';
import { fetchRefunds } from '../../../sp-api/finances/fetchRefunds';
import { byRefundPostedDate } from '../../../sp-api/finances/refunds';
import { enrichedJson, joinRefundsToReturns, type ReasonText } from '../../logic/enrich';
import { readRefund, refundToJson, type RefundInput } from '../../../sp-api/finances/refundJson';
import { reasonCodeKey } from '../../logic/returnRows';
import { refundFetchProperties, readRefundQuery } from './fetchProperties';
import { sortInputItems } from './inputItems';

const show = { resource: ['refund'], operation: ['enrichWithReturnReasons'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	{
		displayName:
			'Connect the rows of an Amazon returns report (FBA customer returns or merchant-fulfilled returns, e.g. from the Reports node) to this node. Each refund gets the buyer’s return reason; refunds without a matching return are kept and marked.',
		name: 'enrichNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	{
		displayName: 'Refunds',
		name: 'refundsFrom',
		type: 'options',
		default: 'fetch',
		options: [
			{ name: 'Fetch From Amazon', value: 'fetch', description: 'This node gets the refunds of a date range; the input items are the returns report rows' },
			{ name: 'Input Items', value: 'input', description: 'The input holds both the refunds (from "Get Refunds") and the returns report rows, e.g. joined by a Merge node' },
		],
		displayOptions,
	},
	...refundFetchProperties({ ...show, refundsFrom: ['fetch'] }, { findBy: false }),
	{
		displayName: 'Look Up Reason Texts',
		name: 'lookUpReasons',
		type: 'boolean',
		default: true,
		description:
			'Whether to ask Amazon for the readable text of each return reason code (listReturnReasonCodes; the app needs the "Amazon Fulfillment" role)',
		displayOptions,
	},
	{
		displayName: 'Reason Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. zh_CN, de_DE, ja_JP',
		description: 'Also give the reason text in this language (returnReasonTranslated), where Amazon has a translation',
		displayOptions: { show: { ...show, lookUpReasons: [true] } },
	},
	{
		displayName: 'Output',
		name: 'outputFilter',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Refunds', value: 'all', description: 'Every refund, matched or not (returnMatched says which)' },
			{ name: 'Only Refunds With a Return', value: 'matched' },
			{ name: 'Only Refunds Without a Return', value: 'unmatched' },
		],
		displayOptions,
	},
];

interface Lookup {
	texts: Map<string, ReasonText>;
	/** SKUs already asked: a code Amazon does not list for a SKU is not asked for again. */
	askedSkus: Set<string>;
	error?: string;
}

/**
 * Reason texts per marketplace. Amazon lists the codes per SKU, so SKUs are asked one by one only
 * until every code of that marketplace's refunds is known, and no SKU twice: at most one call per SKU.
 */
async function lookUpReasons(node: INode, client: SpApiClient, refunds: readonly { refund: RefundInput; reason?: string }[], language: string): Promise<Map<string, Lookup>> {
	const byMarketplace = new Map<string, Lookup>();
	for (const { refund, reason } of refunds) {
		if (!reason || !refund.sellerSku) continue;
		const marketplace = refund.marketplaceId ?? '';
		const lookup = byMarketplace.get(marketplace) ?? { texts: new Map<string, ReasonText>(), askedSkus: new Set<string>() };
		byMarketplace.set(marketplace, lookup);
		if (lookup.texts.has(reasonCodeKey(reason)) || lookup.error || lookup.askedSkus.has(refund.sellerSku)) continue;
		lookup.askedSkus.add(refund.sellerSku);
		const answer = await client
			.call<ReasonCodesAnswer>('listReturnReasonCodes', { params: { sellerSku: refund.sellerSku, marketplaceId: refund.marketplaceId, language: language || undefined } })
			.then(
				(response) => ({ response }),
				(error: unknown) => ({ error }),
			);
		if ('error' in answer) {
			// A missing role or an unknown SKU must not cost the whole join: the items say what went wrong.
			const { error } = answer;
			const tolerable = error instanceof SpApiError && error.kind !== 'network' && error.kind !== 'aborted';
			if (!tolerable) throw toNodeError(node, error);
			lookup.error = error.hint;
			continue;
		}
		for (const detail of answer.response.data.payload?.reasonCodeDetails ?? []) {
			if (!detail.returnReasonCode || !detail.description) continue;
			const key = reasonCodeKey(detail.returnReasonCode);
			if (!lookup.texts.has(key)) lookup.texts.set(key, { description: detail.description, translatedDescription: detail.translatedDescription });
		}
	}
	return byMarketplace;
}

interface ReasonCodesAnswer {
	payload?: { reasonCodeDetails?: { returnReasonCode?: string; description?: string; translatedDescription?: string }[] };
}

export async function executeBatch(this: IExecuteFunctions, client: SpApiClient): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const refundsFrom = this.getNodeParameter('refundsFrom', 0, 'fetch') as string;
	const sorted = sortInputItems(items, { refunds: refundsFrom === 'input', returns: true });
	let refunds = sorted.refunds;
	if (refundsFrom === 'fetch') {
		const query = readRefundQuery(this, 0, client);
		const fetched = [];
		for await (const { refund } of fetchRefunds(client, query)) fetched.push(refund);
		refunds = fetched.sort(byRefundPostedDate).map((record) => ({ refund: readRefund(refundToJson(record)) as RefundInput, itemIndex: -1 }));
	}
	const joined = joinRefundsToReturns(
		refunds.map((entry) => entry.refund),
		sorted.returns,
	);
	const lookUp = this.getNodeParameter('lookUpReasons', 0, true) as boolean;
	const reasonsByMarketplace = lookUp
		? await lookUpReasons(
				this.getNode(),
				client,
				joined.map((entry) => ({ refund: entry.refund, reason: entry.returns.find((row) => row.reason)?.reason })),
				String(this.getNodeParameter('language', 0, '')).trim(),
			)
		: new Map<string, Lookup>();
	const filter = this.getNodeParameter('outputFilter', 0, 'all') as string;
	const out: INodeExecutionData[] = [];
	joined.forEach((entry, index) => {
		const matched = entry.returns.length > 0;
		if ((filter === 'matched' && !matched) || (filter === 'unmatched' && matched)) return;
		const lookup = reasonsByMarketplace.get(entry.refund.marketplaceId ?? '');
		const json: IDataObject = enrichedJson(entry, lookup?.texts ?? new Map());
		if (matched && lookup?.error && !json.returnReasonDescription) json.returnReasonLookupError = lookup.error;
		const sources = [refunds[index].itemIndex, ...entry.returns.map((row) => row.itemIndex)].filter((i) => i >= 0);
		const pairedItem: IPairedItemData[] = (sources.length > 0 ? [...new Set(sources)] : [0]).map((item) => ({ item }));
		out.push({ json, pairedItem });
	});
	return out;
}
