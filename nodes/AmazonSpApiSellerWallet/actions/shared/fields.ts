/**
 * Fields the Seller Wallet node's operations share: the one marketplace every call names, the account
 * picker, the options collection (timeout, response metadata) and readers for them.
 */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import type { Marketplace } from '../../../sp-api/marketplaces';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { includeResponseMetadataOption } from '../../../sp-api/n8n/responseMetadata';
import { tr, translateText } from '../../../sp-api/i18n/translate';

export type Show = IDisplayOptions['show'];

/** Amazon requires a marketplace on every Seller Wallet call; the node asks for exactly one. */
export function marketplaceField(show: Show, purpose = 'The Amazon store the call is made for; Amazon asks for one on every Seller Wallet call.'): INodeProperties {
	return {
		displayName: 'Marketplace Name or ID',
		name: 'marketplaceId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMarketplaces' },
		required: true,
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: `${purpose} In an expression a country code such as DE works too.`,
		displayOptions: { show },
	};
}

/** One of the seller's Seller Wallet accounts, listed live from Amazon for the chosen marketplace. */
export function walletAccountField(show: Show, overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Seller Wallet Account Name or ID',
		name: 'accountId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getWalletAccounts', loadOptionsDependsOn: ['marketplaceId'] },
		required: true,
		default: '',
		placeholder: 'Choose the marketplace first',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Your Seller Wallet accounts in this marketplace, one per currency. The list fills in once the marketplace and the credential are set.',
		displayOptions: { show },
		...overrides,
	};
}

export const DEFAULT_TIMEOUT_SECONDS = 30;

const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeoutSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 300 },
	default: DEFAULT_TIMEOUT_SECONDS,
	description:
		"How long to wait for Amazon's answer. If a transfer gets no answer in time, ACORN does not know whether Amazon made it: it says what to check and never sends it again by itself.",
};

/** The "Options" collection of an operation: its own options, then the timeout and response metadata. */
export function optionsField(show: Show, extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [...extra, timeoutOption, includeResponseMetadataOption],
	};
}

export interface CommonOptions {
	includeResponseMetadata?: boolean;
	timeoutSeconds?: number;
	[name: string]: unknown;
}

export function readOptions(context: IExecuteFunctions, itemIndex: number): CommonOptions {
	return context.getNodeParameter('options', itemIndex, {}) as CommonOptions;
}

/** The client timeout the node was given (read once per execution, from the first item). */
export function timeoutMsOf(context: IExecuteFunctions): number {
	const options = context.getNodeParameter('options', 0, {}) as CommonOptions;
	const seconds = Number(options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
	return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 300) * 1000 : DEFAULT_TIMEOUT_SECONDS * 1000;
}

/** Exactly one marketplace of the credential's region. */
export function readMarketplace(context: IExecuteFunctions, itemIndex: number, client: SpApiClient, name = 'marketplaceId'): Marketplace {
	const found = readMarketplaces(context, name, itemIndex, client.credentials.region);
	if (found.length !== 1) {
		throw new InputError(found.length === 0 ? tr`Choose the marketplace this call is for.` : tr`Choose one marketplace only: Amazon takes one per Seller Wallet call.`);
	}
	return found[0];
}

export function readText(context: IExecuteFunctions, name: string, itemIndex: number, label: string, required = true): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (!text && required) throw new InputError(tr`"${translateText(label)}" is empty: fill it in.`);
	return text;
}
