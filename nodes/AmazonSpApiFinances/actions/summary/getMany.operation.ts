import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput } from '../../../sp-api/dates';
import { flattenSummary } from '../../../sp-api/finances/flattenTransactions';
import { limitProperty, marketplacesProperty, optionsProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { listFlattened } from '../listFlattened';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['summary'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	marketplacesProperty({ displayOptions, description: 'Only settlement summaries of these Amazon stores. Empty means every store of the credential’s region.' }),
	{
		displayName: 'Period Start',
		name: 'periodStart',
		type: 'dateTime',
		default: '',
		description: 'Only summaries with money on or after this day. Empty means no lower limit.',
		hint: 'Empty: no lower limit',
		displayOptions,
	},
	{
		displayName: 'Period End',
		name: 'periodEnd',
		type: 'dateTime',
		default: '',
		description: 'Only summaries with money on or before this day. Empty means no upper limit.',
		hint: 'Empty: no upper limit',
		displayOptions,
	},
	{
		displayName: 'Settlement ID',
		name: 'settlementId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 12345678901',
		description: 'Only the summary of this settlement (the number in settlement reports)',
		hint: 'Empty: every settlement',
		displayOptions,
	},
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsProperty(displayOptions, [
		{ displayName: 'Account Type', name: 'accountType', type: 'string', default: '', placeholder: 'e.g. Standard Orders', description: 'Only this account type', hint: 'Empty: every account type' },
	]),
];

interface SummaryPage {
	summaries?: IDataObject[];
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplaces = readMarketplaces(this, 'marketplaceIds', itemIndex, client.credentials.region);
	const timeZone = this.getTimezone();
	const day = (name: string, label: string) => {
		const value = parseDateInput(this.getNodeParameter(name, itemIndex, ''), label, timeZone);
		return value ? { date: value, text: DateTime.fromJSDate(value).setZone(timeZone).toISODate() ?? undefined } : undefined;
	};
	const start = day('periodStart', 'Period Start');
	const end = day('periodEnd', 'Period End');
	if (start && end && start.date > end.date) throw new InputError(tr`"Period End" is before "Period Start": the end of the period must come after its start.`);
	if (start && start.date.getTime() > Date.now()) throw new InputError(tr`"Period Start" is in the future: Amazon has no settlement there yet.`);
	const settlementId = String(this.getNodeParameter('settlementId', itemIndex, '')).trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as { accountType?: string; includeResponseMetadata?: boolean };
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	return listFlattened<SummaryPage>(client, 'listSummary', {
		params: {
			marketplaceIds: marketplaces.map((m) => m.id),
			periodStart: start?.text,
			periodEnd: end?.text,
			relatedIdentifierName: settlementId ? 'SETTLEMENT_ID' : undefined,
			relatedIdentifierValue: settlementId || undefined,
			accountType: options.accountType || undefined,
		},
		select: (page) => page.summaries,
		flatten: flattenSummary,
		limit,
		includeResponseMetadata: options.includeResponseMetadata === true,
	});
}
