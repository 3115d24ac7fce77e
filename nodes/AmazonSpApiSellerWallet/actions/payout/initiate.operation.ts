import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { toUtcIso } from '../../../sp-api/dates';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { callWallet } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions, readText } from '../shared/fields';
import { claimOncePerExecution } from '../../../sp-api/n8n/oncePerExecution';
import { tr, translateText } from '../../../sp-api/i18n/translate';

const show = { resource: ['payout'], operation: ['initiate'] };
const displayOptions = { show };

export const description: INodeProperties[] = [
	{
		displayName:
			'Pays the available balance out to the deposit account set in Seller Central now. Amazon allows one such payout per marketplace and account type in 24 hours, in DE, FR, IT, ES, SE, NL, PL and BE.',
		name: 'payoutNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	marketplaceField(show, 'The Amazon store whose balance to pay out.'),
	{
		displayName: 'Account Type',
		name: 'accountType',
		type: 'string',
		required: true,
		default: 'Standard Orders',
		description: 'For the supported EU stores Amazon has one: Standard Orders',
		displayOptions,
	},
	optionsField(show),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplace = readMarketplace(this, itemIndex, client);
	const accountType = readText(this, 'accountType', itemIndex, 'Account Type');
	const options = readOptions(this, itemIndex);
	await claimOncePerExecution(this, itemIndex, {
		key: `payout|${marketplace.id}|${accountType}`,
		describe: (earlier) =>
			tr`Item ${earlier.item} of "${earlier.nodeName}" already asked Amazon for an on-demand payout in ${translateText(marketplace.country)} (${accountType}) in this run; Amazon allows one in 24 hours, so this one was not sent.`,
	});
	const requestedAt = toUtcIso(new Date());
	const response = await callWallet<{ payoutReferenceId?: string }>(
		client,
		'initiatePayout',
		{ body: { marketplaceId: marketplace.id, accountType } },
		{
			what: tr`the on-demand payout in ${translateText(marketplace.country)} (${accountType})`,
			check: tr`list the payouts of ${translateText(marketplace.country)} created at or after ${requestedAt} (this node: Payout → Get Many): an ON_DEMAND payout there means it was made. Amazon allows one in 24 hours, so a second request would be refused anyway.`,
			facts: { operation: 'initiatePayout', marketplaceId: marketplace.id, accountType, requestedAt, lookUpWith: 'Seller Wallet → Payout → Get Many' },
			refusedNothingDone: tr`No payout was made.`,
		},
	);
	return [
		withResponseMetadata(
			{
				payoutReferenceId: response.data.payoutReferenceId,
				marketplaceId: marketplace.id,
				accountType,
				requestedAt,
				nextStep: tr`Amazon started the payout to the deposit account set in Seller Central. Follow it with Payout → Get Many.`,
			},
			response.metadata,
			options.includeResponseMetadata === true,
		),
	];
}
