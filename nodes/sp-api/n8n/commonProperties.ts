import type { INodeProperties } from 'n8n-workflow';
import { includeResponseMetadataOption } from './responseMetadata';

/** What an empty marketplace picker means where it filters: shown under the field, not only on hover. */
export const EVERY_STORE_HINT = 'Empty: every store of the credential’s region';

/** The same where Amazon needs the stores named: ACORN asks Amazon which stores the seller sells in. */
export const SELLER_STORES_HINT = 'Empty: every store you sell in, in the credential’s region (ACORN asks Amazon which)';

/** Marketplace picker: only the credential's region is offered; expressions may give ids or country codes. */
export function marketplacesProperty(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		// n8n's wording for dynamic lists (its linter checks it); country codes are ACORN's addition
		displayName: 'Marketplace Names or IDs',
		name: 'marketplaceIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getMarketplaces' },
		default: [],
		description:
			'Amazon stores to include; in an expression, country codes (e.g. US, DE, JP) work too. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		// what empty means, under the field (n8n's list shows no placeholder of its own)
		hint: EVERY_STORE_HINT,
		...overrides,
	};
}

export function returnAllProperty(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions,
	};
}

export function limitProperty(displayOptions: INodeProperties['displayOptions'], defaultLimit = 50): INodeProperties {
	// 50 written out: n8n's convention for every Limit, which its linter reads from the literal
	const property: INodeProperties = {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: {
			...displayOptions,
			show: { ...(displayOptions?.show ?? {}), returnAll: [false] },
		},
	};
	return defaultLimit === 50 ? property : { ...property, default: defaultLimit };
}

/** `limit` for the paginator: undefined means "all". */
export function readLimit(getParameter: (name: string, fallback: unknown) => unknown): number | undefined {
	if (getParameter('returnAll', false) === true) return undefined;
	const limit = Number(getParameter('limit', 50));
	return Number.isFinite(limit) && limit > 0 ? limit : 50;
}

/**
 * The "Options" collection every operation has: Include Response Metadata plus the operation's own
 * optional fields.
 */
export function optionsProperty(
	displayOptions: INodeProperties['displayOptions'],
	extraOptions: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions,
		options: [...extraOptions, includeResponseMetadataOption],
	};
}
