import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput, toUtcIso } from '../../../sp-api/dates';
import { findMarketplace } from '../../../sp-api/marketplaces';
import { limitProperty, marketplacesProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { collectPages } from '../shared/calls';
import { optionsField, readOptions } from '../shared/fields';
import { flattenPayout } from '../shared/format';
import { tr } from '../../../sp-api/i18n/translate';

const show = { resource: ['payout'], operation: ['getMany'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	marketplacesProperty({ displayOptions, hint: 'Empty: payouts of every store', description: 'Amazon stores whose payouts to list. Empty means all of them.' }),
	{ displayName: 'Created After', name: 'createdAfter', type: 'dateTime', default: '', description: 'Only payouts created at or after this time', hint: 'Empty: no start date', displayOptions },
	{ displayName: 'Created Before', name: 'createdBefore', type: 'dateTime', default: '', description: 'Only payouts created before this time', hint: 'Empty: no end date', displayOptions },
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsField(show, [
		{ displayName: 'Payout ID', name: 'payoutId', type: 'string', default: '', description: 'Only this payout', hint: 'Empty: every payout' },
		{ displayName: 'Account Type', name: 'accountType', type: 'string', default: '', placeholder: 'STANDARD_ORDERS', description: 'Only payouts of this account type', hint: 'Empty: every account type' },
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplaces = readMarketplaces(this, 'marketplaceIds', itemIndex, client.credentials.region);
	const timeZone = this.getTimezone();
	const after = parseDateInput(this.getNodeParameter('createdAfter', itemIndex, ''), 'Created After', timeZone);
	const before = parseDateInput(this.getNodeParameter('createdBefore', itemIndex, ''), 'Created Before', timeZone);
	if (after && before && after >= before) throw new InputError(tr`"Created After" must be earlier than "Created Before".`);
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const options = readOptions(this, itemIndex);
	const entries = await collectPages<unknown, { payouts?: unknown[] }>(
		client,
		'listPayouts',
		{
			params: {
				marketplaceIds: marketplaces.map((m) => m.id),
				createdAfter: after ? toUtcIso(after) : undefined,
				createdBefore: before ? toUtcIso(before) : undefined,
				payoutId: typeof options.payoutId === 'string' && options.payoutId.trim() ? options.payoutId.trim() : undefined,
				accountType: typeof options.accountType === 'string' && options.accountType.trim() ? options.accountType.trim() : undefined,
			},
		},
		(page) => page.payouts ?? [],
		limit,
	);
	return entries.map(({ item, page }) => {
		const marketplaceId = (item as { partnerMetadata?: { marketplaceId?: string } }).partnerMetadata?.marketplaceId ?? '';
		const zone = findMarketplace(marketplaceId)?.timeZone ?? 'UTC';
		return withResponseMetadata(flattenPayout(item, zone), page.metadata, options.includeResponseMetadata === true);
	});
}
