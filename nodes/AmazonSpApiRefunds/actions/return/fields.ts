/**
 * Fields the returns operations share (Get Returns, Get Returns Awaiting Action, and Enrich when it
 * fetches the returns itself): which reports, the seller-fulfilled layout, reason texts, waiting.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import type { DateRange } from '../../../sp-api/dates';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { marketplacesProperty, SELLER_STORES_HINT } from '../../../sp-api/n8n/commonProperties';
import { chosenOrEveryStore } from '../../../sp-api/sellerStores';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { readWaitOptions, reportWaitOptions } from '../../../sp-api/n8n/reportWaitOptions';
import { checkReturnsQuery, type MfnLayout, type ReturnReport, type ReturnsQuery, type ReturnsStats } from '../../logic/fetchReturns';
import { tr } from '../../../sp-api/i18n/translate';
import { readableTime, storesInWords } from '../../../sp-api/n8n/emptyOutput';

type Show = Record<string, Array<string | number | boolean>>;

export function returnReportsProperty(show: Show): INodeProperties {
	return {
		displayName: 'Returns Reports',
		name: 'returnReports',
		type: 'multiOptions',
		default: ['fba', 'mfn'],
		options: [
			{
				name: 'FBA Customer Returns (Amazon Ships)',
				value: 'fba',
				description: 'Items buyers sent back to Amazon’s warehouses, with reason, disposition and status',
			},
			{
				name: 'Seller-Fulfilled Returns (You Ship)',
				value: 'mfn',
				description: 'Return requests for orders you ship yourself, with reason code and request status (Amazon covers 60 days per report: longer periods are split)',
			},
		],
		description: 'Which of Amazon’s returns reports to read',
		displayOptions: { show },
	};
}

export function returnMarketplacesProperty(show: Show): INodeProperties {
	return marketplacesProperty({
		displayOptions: { show },
		hint: SELLER_STORES_HINT,
		description:
			'Amazon stores to include (one report per store); in an expression, country codes (e.g. US, DE, JP) work too. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	});
}

export function reasonTextProperties(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Look Up Reason Texts',
			name: 'lookUpReasons',
			type: 'boolean',
			default: true,
			description:
				'Whether to ask Amazon for the readable text of each return reason code (listReturnReasonCodes, once per SKU and store; needs the "Amazon Fulfillment" role — without it the lines still come, with a note)',
			displayOptions: { show },
		},
		{
			displayName: 'Reason Language',
			name: 'language',
			type: 'string',
			default: '',
			placeholder: 'e.g. zh_CN, de_DE, ja_JP',
			description: 'Also give the reason text in this language, where Amazon has a translation',
			hint: 'Empty: no translation',
			displayOptions: { show: { ...show, lookUpReasons: [true] } },
		},
	];
}

export function mfnLayoutOption(defaultLayout: MfnLayout): INodeProperties {
	return {
		displayName: 'Seller-Fulfilled Report Layout',
		name: 'mfnLayout',
		type: 'options',
		default: defaultLayout,
		options: [
			{ name: 'Flat File', value: 'flatFile', description: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE: request dates are days' },
			{ name: 'XML', value: 'xml', description: 'GET_XML_RETURNS_DATA_BY_RETURN_DATE: request dates with the time of day' },
		],
		description: 'Which of the two layouts of Amazon’s seller-fulfilled returns report to read',
	};
}

export const returnsWaitOptions: INodeProperties[] = reportWaitOptions(
	'How long to wait for Amazon to build the returns reports. When one is not ready by then, the node stops with an error naming the report ID; run it again later.',
);

export function readReturnReports(context: IExecuteFunctions, itemIndex: number): ReturnReport[] {
	const raw = context.getNodeParameter('returnReports', itemIndex, ['fba', 'mfn']) as unknown;
	const reports = (Array.isArray(raw) ? raw : [raw]).map(String);
	const known: ReturnReport[] = ['fba', 'mfn'];
	for (const report of reports) if (!known.includes(report as ReturnReport)) throw new InputError(tr`"${report}" is not a returns report. Use fba and/or mfn.`);
	if (reports.length === 0) throw new InputError(tr`Pick at least one report in "Returns Reports".`);
	return reports as ReturnReport[];
}

/**
 * The query of Get Returns / Awaiting Action, checked before any call. No marketplace chosen means every
 * store the seller sells in within the credential's region: those are asked of Amazon only after every
 * field was found right.
 */
export async function readReturnsQuery(
	context: IExecuteFunctions,
	itemIndex: number,
	client: SpApiClient,
	range: DateRange,
	defaults: { reports?: ReturnReport[]; mfnLayout: MfnLayout },
): Promise<ReturnsQuery> {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const layout = (options.mfnLayout as MfnLayout | undefined) ?? defaults.mfnLayout;
	if (layout !== 'flatFile' && layout !== 'xml') throw new InputError(tr`"${String(layout)}" is not a report layout (flatFile or xml).`);
	const checked = checkReturnsQuery(
		{
			reports: defaults.reports ?? readReturnReports(context, itemIndex),
			mfnLayout: layout,
			marketplaces: readMarketplaces(context, 'marketplaceIds', itemIndex, client.credentials.region),
			range,
			wait: readWaitOptions(context, itemIndex),
		},
		Date.now(),
	);
	return { ...checked, marketplaces: await chosenOrEveryStore(client, checked.marketplaces) };
}

/** Why no return line came out: which reports of which stores and days were read, and what Amazon said. */
export function noReturnsSentence(query: ReturnsQuery, stats: ReturnsStats): string {
	const reports = query.reports.map((report) => (report === 'fba' ? tr`FBA customer returns` : tr`seller-fulfilled returns`)).join(' + ');
	const stores = storesInWords(query.marketplaces, '');
	return tr`No returns to output. Checked ${reports} of ${stores}, dated ${readableTime(query.range.start)} to ${readableTime(query.range.end)}: ${stats.reports} reports requested, ${stats.noData} of them without data (Amazon cancels a report that has nothing in it), ${stats.lines} lines read.`;
}
