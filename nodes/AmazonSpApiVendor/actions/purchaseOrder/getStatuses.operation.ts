import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { limitProperty, optionsProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { statusLineJson } from '../../logic/format';
import { statusLinesOf } from '../../logic/records';
import { list, object, text } from '../../../sp-api/json';
import { listItems } from '../shared/calls';
import { checkPurchaseOrderNumber, newestFirstOption, PO_PERIOD, poPeriodFields, purchaseOrderNumberField, readDateRange, vendorCodeField } from '../shared/fields';

const show = { resource: ['purchaseOrder'], operation: ['getStatuses'] };
const displayOptions = { show };
const byDate = { ...show, filterBy: ['created', 'updated'] };
const DEFAULT_DAYS = 7;

export const description: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'filterBy',
		type: 'options',
		default: 'created',
		options: [
			{ name: 'Created Date', value: 'created', description: 'Lines of purchase orders Amazon placed in the period' },
			{ name: 'Last Update', value: 'updated', description: 'Lines of purchase orders with news in the period (acknowledged, received, closed)' },
			{ name: 'Purchase Order Number', value: 'number', description: 'The lines of one purchase order' },
		],
		displayOptions,
	},
	...poPeriodFields(byDate),
	purchaseOrderNumberField({ ...show, filterBy: ['number'] }),
	{
		displayName: 'Purchase Order Status',
		name: 'purchaseOrderStatus',
		type: 'options',
		default: '',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Open (Not Everything Received Yet)', value: 'OPEN' },
			{ name: 'Closed', value: 'CLOSED' },
		],
		displayOptions,
	},
	{
		displayName: 'Confirmation Status',
		name: 'itemConfirmationStatus',
		type: 'options',
		default: '',
		description: 'Only purchase orders with at least one line in this acknowledgement state',
		options: [
			{ name: 'Accepted', value: 'ACCEPTED' },
			{ name: 'Any', value: '' },
			{ name: 'Not Acknowledged (Unconfirmed)', value: 'UNCONFIRMED' },
			{ name: 'Partially Accepted', value: 'PARTIALLY_ACCEPTED' },
			{ name: 'Rejected', value: 'REJECTED' },
		],
		displayOptions,
	},
	{
		displayName: 'Receive Status',
		name: 'itemReceiveStatus',
		type: 'options',
		default: '',
		description: 'Only purchase orders with at least one line in this receiving state',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Not Received', value: 'NOT_RECEIVED' },
			{ name: 'Partially Received', value: 'PARTIALLY_RECEIVED' },
			{ name: 'Received', value: 'RECEIVED' },
		],
		displayOptions,
	},
	vendorCodeField(show),
	{
		displayName: 'Ship-To Warehouse',
		name: 'shipToPartyId',
		type: 'string',
		default: '',
		placeholder: 'e.g. ABE8',
		description: "Only purchase orders going to this Amazon warehouse (ship-to party ID). Empty means all.",
		displayOptions,
	},
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsProperty(displayOptions, [
		newestFirstOption('Whether to list the newest purchase orders first (default: oldest first)'),
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const filterBy = this.getNodeParameter('filterBy', itemIndex, 'created') as string;
	const byNumber = filterBy === 'number';
	const purchaseOrderNumber = byNumber ? checkPurchaseOrderNumber(this.getNodeParameter('purchaseOrderNumber', itemIndex, ''), 'Purchase Order Number') : undefined;
	const range = byNumber ? undefined : readDateRange(this, itemIndex, PO_PERIOD, DEFAULT_DAYS);
	const options = this.getNodeParameter('options', itemIndex, {}) as { newestFirst?: boolean; includeResponseMetadata?: boolean };
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const zone = this.getTimezone();
	const field = (name: string) => String(this.getNodeParameter(name, itemIndex, '')).trim() || undefined;
	const out: IDataObject[] = [];
	const listing = listItems<{ payload?: { ordersStatus?: unknown[] } }>(client, {
		key: 'getPurchaseOrdersStatus',
		params: {
			purchaseOrderNumber,
			purchaseOrderStatus: field('purchaseOrderStatus'),
			itemConfirmationStatus: field('itemConfirmationStatus'),
			itemReceiveStatus: field('itemReceiveStatus'),
			orderingVendorCode: field('vendorCode'),
			shipToPartyId: field('shipToPartyId'),
			sortOrder: options.newestFirst ? 'DESC' : 'ASC',
		},
		window: range ? { prefix: filterBy === 'updated' ? 'updated' : 'created', range } : undefined,
		pageSize: 100,
		newestFirst: options.newestFirst === true,
		select: (page) => list(object(page.payload).ordersStatus),
		keyOf: (item) => text(object(item).purchaseOrderNumber),
	});
	for await (const { item, page } of listing) {
		for (const line of statusLinesOf(item)) {
			out.push(withResponseMetadata(statusLineJson(line, zone), page.metadata, options.includeResponseMetadata === true));
			if (limit !== undefined && out.length >= limit) return out;
		}
	}
	return out;
}
