import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { toUtcIso } from '../../../sp-api/dates';
import { limitProperty, optionsProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { shipmentJson } from '../../logic/format';
import { list, object } from '../../../sp-api/json';
import { listItems } from '../shared/calls';
import { dateRangeFields, newestFirstOption, readDateRange } from '../shared/fields';

const show = { resource: ['shipment'], operation: ['getMany'] };
const displayOptions = { show };
const DEFAULT_DAYS = 30;

export const description: INodeProperties[] = [
	...dateRangeFields(show, { after: 'periodStart', before: 'periodEnd' }, {
		after: 'Created After',
		before: 'Created Before',
		afterDescription: 'Shipment confirmations (ASNs) created at or after this time. Empty means 30 days before the end.',
		beforeDescription: 'Empty means now',
		afterHint: 'Empty: 30 days before the end',
		beforeHint: 'Empty: now',
	}),
	{
		displayName: 'Shipment Status',
		name: 'shipmentStatus',
		type: 'options',
		default: '',
		options: [
			{ name: 'Any', value: '' },
			{ name: 'Carrier Assigned', value: 'CarrierAssigned' },
			{ name: 'Created', value: 'Created' },
			{ name: 'Shipped', value: 'Shipped' },
			{ name: 'Transportation Requested', value: 'TransportationRequested' },
		],
		displayOptions,
	},
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsProperty(displayOptions, [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'shipments',
			options: [
				{ name: 'One Item per Shipment', value: 'shipments', description: 'With its items under "items"' },
				{ name: 'One Item per Shipped Item', value: 'items', description: 'Each PO line of each shipment with its quantity' },
			],
		},
		{ displayName: 'Vendor Shipment ID', name: 'vendorShipmentIdentifier', type: 'string', default: '', description: 'Only the shipment with this ID of yours' },
		{ displayName: 'Buyer Reference Number', name: 'buyerReferenceNumber', type: 'string', default: '', description: "Only the shipment with this Amazon reference (ARN)" },
		{ displayName: 'Ship-To Warehouse', name: 'buyerWarehouseCode', type: 'string', default: '', placeholder: 'e.g. ABE8', description: 'Only shipments to this Amazon warehouse' },
		{ displayName: 'Ship-From Warehouse', name: 'sellerWarehouseCode', type: 'string', default: '', description: 'Only shipments from this warehouse of yours' },
		newestFirstOption('Whether to list the newest shipments first (default: oldest first)'),
	]),
];

interface Options {
	output?: string;
	vendorShipmentIdentifier?: string;
	buyerReferenceNumber?: string;
	buyerWarehouseCode?: string;
	sellerWarehouseCode?: string;
	newestFirst?: boolean;
	includeResponseMetadata?: boolean;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const range = readDateRange(this, itemIndex, { after: 'periodStart', before: 'periodEnd', afterLabel: 'Created After', beforeLabel: 'Created Before' }, DEFAULT_DAYS);
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const zone = this.getTimezone();
	const optional = (value: unknown) => String(value ?? '').trim() || undefined;
	const perItem = options.output === 'items';
	const out: IDataObject[] = [];
	const listing = listItems<{ payload?: { shipments?: unknown[] } }>(
		client,
		{
			key: 'GetShipmentDetails',
			params: {
				createdAfter: toUtcIso(range.start),
				createdBefore: range.endGiven ? toUtcIso(range.end) : undefined,
				currentShipmentStatus: optional(this.getNodeParameter('shipmentStatus', itemIndex, '')),
				vendorShipmentIdentifier: optional(options.vendorShipmentIdentifier),
				buyerReferenceNumber: optional(options.buyerReferenceNumber),
				buyerWarehouseCode: optional(options.buyerWarehouseCode),
				sellerWarehouseCode: optional(options.sellerWarehouseCode),
				sortOrder: options.newestFirst ? 'DESC' : 'ASC',
			},
			pageSize: 50,
			select: (page) => list(object(page.payload).shipments),
		},
		perItem ? undefined : limit,
	);
	for await (const { item, page } of listing) {
		const shipment = shipmentJson(item, zone);
		const rows = perItem
			? ((shipment.items as IDataObject[]) ?? []).map((line) => ({
					vendorShipmentIdentifier: shipment.vendorShipmentIdentifier,
					transactionType: shipment.transactionType,
					shipmentStatus: shipment.shipmentStatus,
					shippedDate: shipment.shippedDate,
					shipTo: shipment.shipTo,
					...line,
				}))
			: [shipment];
		for (const row of rows) {
			out.push(withResponseMetadata(row, page.metadata, options.includeResponseMetadata === true));
			if (limit !== undefined && out.length >= limit) return out;
		}
	}
	return out;
}
