import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { eventTypeLabel, FINANCE_EVENT_LISTS } from '../../../sp-api/finances/eventLists';
import { financialEventPages, type EventSelection } from '../../../sp-api/finances/fetch';
import { byPostedDate, eventsOf, flattenEvent, unknownEventLists, type FlatFinancialEvent } from '../../../sp-api/finances/flattenEvents';
import type { Marketplace } from '../../../sp-api/marketplaces';
import { limitProperty, optionsProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { tr } from '../../../sp-api/i18n/translate';
import { explainEmptyResult, readableTime, storesInWords } from '../../../sp-api/n8n/emptyOutput';

export const outputOption: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'items',
	options: [
		{ name: 'One Item per Event', value: 'items', description: 'Each event as an item with its type and flat {amount, currency} money fields (recommended)' },
		{ name: 'Raw Pages', value: 'rawPages', description: 'Each page exactly as Amazon sent it, one item per page (for experts; Limit then counts pages)' },
	],
};

export function eventFilterProperties(displayOptions: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Event Types',
			name: 'eventTypes',
			type: 'multiOptions',
			default: [],
			description: 'Only events of these types. Empty means every type.',
			hint: 'Empty: every type',
			options: FINANCE_EVENT_LISTS.map((spec) => ({ name: eventTypeLabel(spec.eventType), value: spec.list, description: spec.description })),
			displayOptions,
		},
		returnAllProperty(displayOptions),
		limitProperty(displayOptions),
		optionsProperty(displayOptions, [outputOption]),
	];
}

interface EventOptions {
	output?: 'items' | 'rawPages';
	includeResponseMetadata?: boolean;
}

/**
 * Events of one list Amazon added after ACORN's table was generated: still given out, unflattened.
 */
function unknownListItems(financialEvents: unknown, wanted: ReadonlySet<string>): IDataObject[] {
	const out: IDataObject[] = [];
	for (const list of unknownEventLists(financialEvents)) {
		if (wanted.size > 0 && !wanted.has(list)) continue;
		for (const event of (financialEvents as Record<string, unknown[]>)[list]) {
			out.push({
				eventType: list.replace(/EventList$/, ''),
				eventList: list,
				note: tr`Amazon sent an event list ACORN does not know yet: the money is not flattened. See "raw".`,
				raw: event as IDataObject,
			});
		}
	}
	return out;
}

/** Keeps events of the chosen marketplaces; account events without one are kept when their currency matches. */
function inMarketplaces(event: FlatFinancialEvent, marketplaces: readonly Marketplace[]): boolean {
	if (marketplaces.length === 0) return true;
	if (event.marketplaceId) return marketplaces.some((m) => m.id === event.marketplaceId);
	return event.currency === undefined || marketplaces.some((m) => m.currency === event.currency);
}

export async function listFinancialEvents(
	context: IExecuteFunctions,
	itemIndex: number,
	client: SpApiClient,
	selection: EventSelection,
	marketplaces: readonly Marketplace[] = [],
): Promise<IDataObject[]> {
	const limit = readLimit((name, fallback) => context.getNodeParameter(name, itemIndex, fallback));
	const options = context.getNodeParameter('options', itemIndex, {}) as EventOptions;
	const wanted = new Set(context.getNodeParameter('eventTypes', itemIndex, []) as string[]);
	const includeMetadata = options.includeResponseMetadata === true;
	const out: IDataObject[] = [];
	let pages = 0;
	for await (const page of financialEventPages(client, selection)) {
		pages += 1;
		if (options.output === 'rawPages') {
			out.push(withResponseMetadata({ page: out.length + 1, ...(page.body as IDataObject) }, page.metadata, includeMetadata));
			if (limit !== undefined && out.length >= limit) break;
			continue;
		}
		const events = eventsOf(page.financialEvents)
			.filter(({ spec }) => wanted.size === 0 || wanted.has(spec.list))
			.map(({ spec, event }) => flattenEvent(spec, event, { financialEventGroupId: page.financialEventGroupId }))
			.filter((event) => inMarketplaces(event, marketplaces))
			.sort(byPostedDate);
		for (const event of [...(events as unknown as IDataObject[]), ...unknownListItems(page.financialEvents, wanted)]) {
			out.push(withResponseMetadata(event, page.metadata, includeMetadata));
			if (limit !== undefined && out.length >= limit) return out;
		}
	}
	if (out.length === 0) explainEmptyResult(context, noEventsSentence(selection, marketplaces, client.credentials.region, wanted, pages));
	return out;
}

/** Why no money event came out: which selection, stores and types were read, and how many pages. */
function noEventsSentence(selection: EventSelection, marketplaces: readonly Marketplace[], region: string, wanted: ReadonlySet<string>, pages: number): string {
	const types = wanted.size > 0 ? tr` of the chosen types (${[...wanted].map((list) => list.replace(/EventList$/, '')).join(', ')})` : '';
	if (selection.by === 'order') return tr`No money events${types} for order ${selection.amazonOrderId} (${pages} pages read).`;
	if (selection.by === 'group') return tr`No money events${types} in settlement period ${selection.financialEventGroupId} (${pages} pages read).`;
	const { start, end } = selection.range;
	return tr`No money events${types} to output. Checked ${storesInWords(marketplaces, region)}, posted ${readableTime(start)} to ${readableTime(end)} (${pages} pages read). Amazon publishes money events minutes to 48 hours after they happen.`;
}
