import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput } from '../../../sp-api/dates';
import { flattenBalance } from '../../../sp-api/finances/flattenTransactions';
import { limitProperty, marketplacesProperty, optionsProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { listFlattened } from '../listFlattened';
import { tr } from '../../../sp-api/i18n/translate';

const displayOptions = { show: { resource: ['balance'], operation: ['getMany'] } };

export const description: INodeProperties[] = [
	marketplacesProperty({ displayOptions, description: 'Amazon stores to show balances for. Empty means every store of the credential’s region.' }),
	{
		displayName: 'Balance Type',
		name: 'balanceType',
		type: 'options',
		default: '',
		options: [
			{ name: 'Account-Level Reserve', value: 'ACCOUNT_LEVEL_RESERVE' },
			{ name: 'All (Total With Its Parts)', value: '' },
			{ name: 'Available', value: 'AVAILABLE' },
			{ name: 'Deferred', value: 'DEFERRED' },
			{ name: 'Reserved', value: 'RESERVED' },
			{ name: 'Total', value: 'TOTAL' },
		],
		displayOptions,
	},
	{
		displayName: 'As of Date',
		name: 'asOfDate',
		type: 'dateTime',
		default: '',
		description: 'The balance at the end of this day. Empty means the balance right now.',
		hint: 'Empty: the balance right now',
		displayOptions,
	},
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsProperty(displayOptions, [
		{ displayName: 'Account Type', name: 'accountType', type: 'string', default: '', placeholder: 'e.g. Standard Orders', description: 'Only this account type', hint: 'Empty: every account type' },
	]),
];

interface BalancesPage {
	balances?: IDataObject[];
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplaces = readMarketplaces(this, 'marketplaceIds', itemIndex, client.credentials.region);
	const timeZone = this.getTimezone();
	const asOf = parseDateInput(this.getNodeParameter('asOfDate', itemIndex, ''), 'As of Date', timeZone);
	const asOfDate = asOf ? DateTime.fromJSDate(asOf).setZone(timeZone).toISODate() ?? undefined : undefined;
	if (asOf && asOf.getTime() > Date.now()) throw new InputError(tr`"As of Date" is in the future: Amazon only knows past balances.`);
	const options = this.getNodeParameter('options', itemIndex, {}) as { accountType?: string; includeResponseMetadata?: boolean };
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	return listFlattened<BalancesPage>(client, 'listBalances', {
		params: {
			marketplaceIds: marketplaces.map((m) => m.id),
			balanceType: (this.getNodeParameter('balanceType', itemIndex, '') as string) || undefined,
			asOfDate,
			accountType: options.accountType || undefined,
		},
		select: (page) => page.balances,
		flatten: flattenBalance,
		limit,
		includeResponseMetadata: options.includeResponseMetadata === true,
	});
}
