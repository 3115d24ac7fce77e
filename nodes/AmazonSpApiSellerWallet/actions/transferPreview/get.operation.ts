import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { readCountry } from '../shared/bank';
import { callWallet } from '../shared/calls';
import { marketplaceField, optionsField, readMarketplace, readOptions } from '../shared/fields';
import { flattenPreview } from '../shared/format';
import { readAmount, readCurrency } from '../shared/money';

const show = { resource: ['transferPreview'], operation: ['get'] };

export const description: INodeProperties[] = [
	marketplaceField(show),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		required: true,
		default: '',
		placeholder: '500.00',
		description: 'How much to send, in the source currency',
		displayOptions: { show },
	},
	{
		displayName: 'Source Currency',
		name: 'sourceCurrency',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'EUR',
		description: 'Currency of the Seller Wallet account the money leaves (ISO 4217)',
		displayOptions: { show },
	},
	{
		displayName: 'Destination Currency',
		name: 'destinationCurrency',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'CNY',
		description: 'Currency of the receiving bank account (ISO 4217)',
		displayOptions: { show },
	},
	{
		displayName: 'Destination Country Code',
		name: 'destinationCountry',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'CN',
		description: 'Two-letter country code of the receiving bank',
		displayOptions: { show },
	},
	optionsField(show, [
		{
			displayName: 'Source Country Code',
			name: 'sourceCountry',
			type: 'string',
			default: '',
			placeholder: 'DE',
			description: "Country of the Seller Wallet account. Empty means the marketplace's country.",
			hint: 'Empty: the marketplace’s country',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const marketplace = readMarketplace(this, itemIndex, client);
	const options = readOptions(this, itemIndex);
	const sourceCurrency = readCurrency(this.getNodeParameter('sourceCurrency', itemIndex, ''), 'Source Currency');
	const destinationCurrency = readCurrency(this.getNodeParameter('destinationCurrency', itemIndex, ''), 'Destination Currency');
	const destinationCountry = readCountry(this.getNodeParameter('destinationCountry', itemIndex, ''), 'Destination Country Code');
	const sourceCountry = options.sourceCountry
		? readCountry(options.sourceCountry, 'Source Country Code')
		: marketplace.countryCode === 'UK'
			? 'GB'
			: marketplace.countryCode;
	const amount = readAmount(this.getNodeParameter('amount', itemIndex, ''), sourceCurrency, 'Amount');
	const response = await callWallet(client, 'getTransferPreview', {
		params: {
			sourceCountryCode: sourceCountry,
			sourceCurrencyCode: sourceCurrency,
			destinationCountryCode: destinationCountry,
			destinationCurrencyCode: destinationCurrency,
			baseAmount: amount.text,
			marketplaceId: marketplace.id,
		},
	});
	return [withResponseMetadata(flattenPreview(response.data), response.metadata, options.includeResponseMetadata === true)];
}
