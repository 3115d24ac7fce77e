import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, IPairedItemData } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { emptyFetchStats, fetchRefunds } from '../../../sp-api/finances/fetchRefunds';
import { tr } from '../../../sp-api/i18n/translate';
import { amountStyleOf } from '../../../sp-api/n8n/amountStyle';
import { explainEmptyResult } from '../../../sp-api/n8n/emptyOutput';
import { byRefundPostedDate } from '../../../sp-api/finances/refunds';
import { findMarketplace, type Marketplace } from '../../../sp-api/marketplaces';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { readWaitOptions } from '../../../sp-api/n8n/reportWaitOptions';
import { enrichedJson, joinRefundsToReturns } from '../../logic/enrich';
import { readRefund, refundToJson, type RefundInput } from '../../../sp-api/finances/refundJson';
import { fetchReturnLines, type MfnLayout, type ReturnReport, type ReturnsQuery } from '../../logic/fetchReturns';
import { lookUpReasonTexts, type ReasonLookup } from '../../logic/reasonTexts';
import type { ReturnRow } from '../../logic/returnRows';
import { mfnLayoutOption, readReturnReports, returnReportsProperty, returnsWaitOptions } from '../return/fields';
import { noRefundsSentence, refundFetchProperties, readRefundQuery } from './fetchProperties';
import { sortInputItems } from './inputItems';

const show = { resource: ['refund'], operation: ['enrichWithReturnReasons'] };
const displayOptions = { show };
const fetchReturnsShow = { ...show, returnsFrom: ['fetch'] };
const DEFAULT_RETURNS_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export const description: INodeProperties[] = [
	{
		displayName:
			'Connect the rows of an Amazon returns report (FBA customer returns or merchant-fulfilled returns, e.g. from the Reports node) to this node. Each refund gets the buyer’s return reason; refunds without a matching return are kept and marked.',
		name: 'enrichNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, returnsFrom: ['input'] } },
	},
	{
		displayName: 'Returns',
		name: 'returnsFrom',
		type: 'options',
		default: 'input',
		options: [
			{ name: 'Fetch From Amazon', value: 'fetch', description: 'This node requests Amazon’s returns reports for the stores and days of the refunds' },
			{ name: 'Input Items', value: 'input', description: 'The input holds the rows of a returns report (e.g. from the Reports node)' },
		],
		displayOptions,
	},
	returnReportsProperty(fetchReturnsShow),
	{
		displayName: 'Returns Within (Days)',
		name: 'returnsWindowDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 365 },
		default: DEFAULT_RETURNS_WINDOW_DAYS,
		description:
			'Read returns dated up to this many days before the first refund and after the last one (a buyer may send the item back after the refund, or ask days before it)',
		displayOptions: { show: fetchReturnsShow },
	},
	{
		displayName: 'Refunds',
		name: 'refundsFrom',
		type: 'options',
		default: 'fetch',
		options: [
			{ name: 'Fetch From Amazon', value: 'fetch', description: 'This node gets the refunds of a date range' },
			{
				name: 'Input Items',
				value: 'input',
				description: 'The input holds the refunds (from "Get Refunds"), with the returns report rows when returns come from the input too (e.g. joined by a Merge node)',
			},
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
		hint: 'Empty: no translation',
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
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: fetchReturnsShow },
		options: [mfnLayoutOption('flatFile'), ...returnsWaitOptions],
	},
];

interface ReturnsPlan {
	reports: ReturnReport[];
	windowMs: number;
	query: Omit<ReturnsQuery, 'marketplaces' | 'range'>;
}

function readReturnsPlan(context: IExecuteFunctions): ReturnsPlan {
	const days = Number(context.getNodeParameter('returnsWindowDays', 0, DEFAULT_RETURNS_WINDOW_DAYS));
	if (!(days > 0)) throw new InputError(tr`"Returns Within (Days)" must be more than zero.`);
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const mfnLayout = (options.mfnLayout as MfnLayout | undefined) ?? 'flatFile';
	if (mfnLayout !== 'flatFile' && mfnLayout !== 'xml') throw new InputError(tr`"${String(mfnLayout)}" is not a report layout (flatFile or xml).`);
	const reports = readReturnReports(context, 0);
	return { reports, windowMs: days * DAY_MS, query: { reports, mfnLayout, wait: readWaitOptions(context, 0) } };
}

/** The returns of the refunds' stores and days, from Amazon's reports. */
async function fetchReturnsFor(client: SpApiClient, refunds: readonly RefundInput[], plan: ReturnsPlan, chosen: readonly Marketplace[], now: number): Promise<ReturnRow[]> {
	const times = refunds.map((refund) => (refund.postedDate ? Date.parse(refund.postedDate) : Number.NaN)).filter(Number.isFinite);
	const seen = new Map<string, Marketplace>();
	for (const refund of refunds) {
		const marketplace = refund.marketplaceId ? findMarketplace(refund.marketplaceId) : undefined;
		if (marketplace && marketplace.region === client.credentials.region && (chosen.length === 0 || chosen.includes(marketplace))) seen.set(marketplace.id, marketplace);
	}
	if (times.length === 0 || seen.size === 0) return [];
	const start = new Date(Math.min(...times) - plan.windowMs);
	const end = new Date(Math.min(now, Math.max(...times) + plan.windowMs));
	const rows: ReturnRow[] = [];
	for await (const { line } of fetchReturnLines(client, { ...plan.query, marketplaces: [...seen.values()], range: { start, end } })) if (line.row) rows.push(line.row);
	return rows;
}

export async function executeBatch(this: IExecuteFunctions, client: SpApiClient): Promise<INodeExecutionData[]> {
	const now = Date.now();
	const items = this.getInputData();
	const refundsFrom = this.getNodeParameter('refundsFrom', 0, 'fetch') as string;
	const returnsFrom = this.getNodeParameter('returnsFrom', 0, 'input') as string;
	// everything read and checked before the first call
	const plan = returnsFrom === 'fetch' ? readReturnsPlan(this) : undefined;
	const refundQuery = refundsFrom === 'fetch' ? readRefundQuery(this, 0, client) : undefined;
	const expectRefunds = refundsFrom === 'input';
	const expectReturns = returnsFrom === 'input';
	// Dropped straight after a trigger with nothing connected, every refund would come out "no return found":
	// say what is missing instead of letting that pass for an answer.
	if (expectReturns && !expectRefunds && items.every((item) => Object.keys(item.json ?? {}).length === 0)) {
		throw new InputError(
			tr`No returns report rows reach this node: its input is empty (it comes straight from a trigger). Connect the rows of an Amazon returns report (Reports node), or set "Returns" to "Fetch From Amazon" so this node requests them itself.`,
		);
	}
	const sorted = expectRefunds || expectReturns ? sortInputItems(items, { refunds: expectRefunds, returns: expectReturns }) : { refunds: [], returns: [] };
	let refunds = sorted.refunds;
	const stats = emptyFetchStats();
	if (refundQuery) {
		const fetched = [];
		for await (const { refund } of fetchRefunds(client, refundQuery, stats)) fetched.push(refund);
		const style = amountStyleOf(this.getNode());
		refunds = fetched.sort(byRefundPostedDate).map((record) => ({ refund: readRefund(refundToJson(record, style)) as RefundInput, itemIndex: -1 }));
	}
	const returnRows = plan
		? await fetchReturnsFor(
				client,
				refunds.map((entry) => entry.refund),
				plan,
				refundQuery?.marketplaces ?? [],
				now,
			)
		: sorted.returns;
	if (refunds.length === 0) {
		explainEmptyResult(
			this,
			refundQuery
				? noRefundsSentence(refundQuery, client, stats)
				: tr`No refund lines came in: the input held ${items.length} items, none of them a refund line from "Get Refunds" or the New Refund Trigger.`,
		);
		return [];
	}
	const joined = joinRefundsToReturns(
		refunds.map((entry) => entry.refund),
		returnRows,
	);
	const lookUp = this.getNodeParameter('lookUpReasons', 0, true) as boolean;
	const reasonsByMarketplace = lookUp
		? await lookUpReasonTexts(
				this.getNode(),
				client,
				joined.map((entry) => ({ reason: entry.returns.find((row) => row.reason)?.reason, sellerSku: entry.refund.sellerSku, marketplaceId: entry.refund.marketplaceId })),
				String(this.getNodeParameter('language', 0, '')).trim(),
			)
		: new Map<string, ReasonLookup>();
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
	if (out.length === 0) {
		const matched = joined.filter((entry) => entry.returns.length > 0).length;
		explainEmptyResult(
			this,
			filter === 'matched'
				? tr`None of the ${joined.length} refunds has a matching return among ${returnRows.length} return lines, and "Output" asks for refunds with a return only.`
				: tr`All ${matched} refunds have a matching return, and "Output" asks for refunds without a return only.`,
		);
	}
	return out;
}
