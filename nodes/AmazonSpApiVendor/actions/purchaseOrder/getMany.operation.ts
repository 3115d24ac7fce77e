import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { limitProperty, optionsProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { orderJson } from '../../logic/format';
import { list, object, text } from '../../../sp-api/json';
import { listItems } from '../shared/calls';
import { newestFirstOption, PO_PERIOD, poPeriodFields, readDateRange, vendorCodeField } from '../shared/fields';

const show = { resource: ['purchaseOrder'], operation: ['getMany'] };
const displayOptions = { show };
const DEFAULT_DAYS = 7;

export const description: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'filterBy',
		type: 'options',
		default: 'created',
		options: [
			{ name: 'Created Date', value: 'created', description: 'Purchase orders Amazon placed in the period' },
			{ name: 'Changed Date', value: 'changed', description: 'Purchase orders Amazon changed in the period (quantities, ship-to, windows)' },
		],
		displayOptions,
	},
	...poPeriodFields(show),
	{
		displayName: 'Purchase Order State',
		name: 'purchaseOrderState',
		type: 'options',
		default: '',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'New (Not Acknowledged Yet)', value: 'New' },
			{ name: 'Acknowledged', value: 'Acknowledged' },
			{ name: 'Closed', value: 'Closed' },
		],
		displayOptions,
	},
	vendorCodeField(show),
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsProperty(displayOptions, [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'orders',
			options: [
				{ name: 'One Item per Purchase Order', value: 'orders', description: 'With its lines under "lines" and its value per currency' },
				{ name: 'One Item per Line', value: 'lines', description: 'Each PO line with the PO number, for sheets and ERPs' },
			],
		},
		{
			displayName: 'Only Changed by Amazon',
			name: 'changedOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to return only purchase orders Amazon changed after placing them (fulfil the changed order, not the original)',
		},
		{
			displayName: 'Only With Cancelled Items',
			name: 'cancelledItemsOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to return only purchase orders with items Amazon cancelled (their quantity is then zero)',
		},
		newestFirstOption('Whether to list the newest purchase orders first (default: oldest first)'),
	]),
];

interface Options {
	output?: string;
	changedOnly?: boolean;
	cancelledItemsOnly?: boolean;
	newestFirst?: boolean;
	includeResponseMetadata?: boolean;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const filterBy = this.getNodeParameter('filterBy', itemIndex, 'created') as string;
	const range = readDateRange(this, itemIndex, PO_PERIOD, DEFAULT_DAYS);
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const zone = this.getTimezone();
	const out: IDataObject[] = [];
	const listing = listItems<{ payload?: { orders?: unknown[] } }>(
		client,
		{
			key: 'getPurchaseOrders',
			params: {
				purchaseOrderState: (this.getNodeParameter('purchaseOrderState', itemIndex, '') as string) || undefined,
				orderingVendorCode: String(this.getNodeParameter('vendorCode', itemIndex, '')).trim() || undefined,
				isPOChanged: options.changedOnly ? 'true' : undefined,
				poItemState: options.cancelledItemsOnly ? 'Cancelled' : undefined,
				sortOrder: options.newestFirst ? 'DESC' : 'ASC',
			},
			window: { prefix: filterBy === 'changed' ? 'changed' : 'created', range },
			pageSize: 100,
			newestFirst: options.newestFirst === true,
			select: (page) => list(object(page.payload).orders),
			keyOf: (item) => text(object(item).purchaseOrderNumber),
		},
		options.output === 'lines' ? undefined : limit,
	);
	for await (const { item, page } of listing) {
		const order = orderJson(item, zone);
		const rows = options.output === 'lines' ? ((order.lines as IDataObject[] | undefined) ?? []).map((line) => ({ purchaseOrderNumber: order.purchaseOrderNumber, purchaseOrderState: order.purchaseOrderState, purchaseOrderDate: order.purchaseOrderDate, vendorCode: order.vendorCode, shipTo: order.shipTo, ...line })) : [order];
		for (const row of rows) {
			out.push(withResponseMetadata(row, page.metadata, options.includeResponseMetadata === true));
			if (limit !== undefined && out.length >= limit) return out;
		}
	}
	return out;
}
