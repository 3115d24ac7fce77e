import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput } from '../../../sp-api/dates';
import { limitProperty, optionsProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { emptyReturnsStats, fetchReturnLines, type FetchedReturnLine } from '../../logic/fetchReturns';
import { explainEmptyResult } from '../../../sp-api/n8n/emptyOutput';
import { lookUpReasonTexts } from '../../logic/reasonTexts';
import { byReturnDate, returnLineJson } from '../../logic/returnLines';
import { mfnLayoutOption, noReturnsSentence, readReturnsQuery, reasonTextProperties, returnMarketplacesProperty, returnReportsProperty, returnsWaitOptions } from './fields';

const show = { resource: ['return'], operation: ['getMany'] };
const displayOptions = { show };
const DEFAULT_LOOKBACK_DAYS = 30;

export const description: INodeProperties[] = [
	returnReportsProperty(show),
	returnMarketplacesProperty(show),
	{
		displayName: 'Returned After',
		name: 'returnedAfter',
		type: 'dateTime',
		default: '',
		description: `Only returns dated at or after this time (FBA: when the item reached Amazon; seller-fulfilled: when the buyer asked). Empty means ${DEFAULT_LOOKBACK_DAYS} days ago.`,
		hint: 'Empty: 30 days ago',
		displayOptions,
	},
	{
		displayName: 'Returned Before',
		name: 'returnedBefore',
		type: 'dateTime',
		default: '',
		description: 'Only returns dated before this time. Empty means now.',
		hint: 'Empty: now',
		displayOptions,
	},
	...reasonTextProperties(show),
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsProperty(displayOptions, [mfnLayoutOption('flatFile'), ...returnsWaitOptions]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const now = Date.now();
	const timeZone = this.getTimezone();
	const after = parseDateInput(this.getNodeParameter('returnedAfter', itemIndex, ''), 'Returned After', timeZone) ?? new Date(now - DEFAULT_LOOKBACK_DAYS * 86_400_000);
	const before = parseDateInput(this.getNodeParameter('returnedBefore', itemIndex, ''), 'Returned Before', timeZone) ?? new Date(now);
	const query = await readReturnsQuery(this, itemIndex, client, { start: after, end: before }, { mfnLayout: 'flatFile' });
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const options = this.getNodeParameter('options', itemIndex, {}) as { includeResponseMetadata?: boolean };
	const lookUp = this.getNodeParameter('lookUpReasons', itemIndex, true) as boolean;

	const fetched: FetchedReturnLine[] = [];
	const stats = emptyReturnsStats();
	for await (const entry of fetchReturnLines(client, query, stats)) {
		fetched.push(entry);
		if (limit !== undefined && fetched.length >= limit) break;
	}
	if (fetched.length === 0) explainEmptyResult(this, noReturnsSentence(query, stats));
	const reasons = lookUp
		? await lookUpReasonTexts(
				this.getNode(),
				client,
				fetched.map(({ line }) => ({ reason: line.row?.reason, sellerSku: line.row?.sellerSku, marketplaceId: line.marketplace.id })),
				String(this.getNodeParameter('language', itemIndex, '')).trim(),
			)
		: new Map();
	return fetched
		.sort((a, b) => byReturnDate(a.line, b.line))
		.map(({ line, metadata }) => {
			const json = returnLineJson(line, reasons);
			return metadata ? withResponseMetadata(json, metadata, options.includeResponseMetadata === true) : json;
		});
}
