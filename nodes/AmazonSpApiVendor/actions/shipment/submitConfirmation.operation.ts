import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput, toUtcIso } from '../../../sp-api/dates';
import { tr } from '../../../sp-api/i18n/translate';
import { optionsProperty } from '../../../sp-api/n8n/commonProperties';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { readText } from '../shared/fields';
import { eachesOfLine, itemQuantity, linesSourceFields, productIds, readItemLines } from '../shared/lines';
import { submitOnce } from '../shared/writes';

const show = { resource: ['shipment'], operation: ['submitConfirmation'] };
const displayOptions = { show };
const LINE_NAMES = { mode: 'itemsFrom', fields: 'items', json: 'itemsJson' };
const LINE_LABELS = { fields: 'Items', json: 'Items (JSON)' };

export const description: INodeProperties[] = [
	{
		displayName:
			'This sends a shipment confirmation (ASN) to Amazon. ACORN checks it first, sends it once and never repeats it by itself; Transaction Status → Get then tells whether Amazon accepted it.',
		name: 'writeNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	{
		displayName: 'Shipment ID',
		name: 'shipmentIdentifier',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. ASN-2026-0142',
		description: 'Your own unique ID of this shipment (the ASN number)',
		displayOptions,
	},
	{
		displayName: 'Confirmation Type',
		name: 'confirmationType',
		type: 'options',
		default: 'Original',
		options: [
			{ name: 'Original (New Shipment)', value: 'Original' },
			{ name: 'Replace (Correct an Earlier One)', value: 'Replace', description: 'Replaces the confirmation sent earlier with the same Shipment ID' },
		],
		displayOptions,
	},
	{ displayName: 'Vendor Code', name: 'vendorCode', type: 'string', required: true, default: '', placeholder: 'e.g. ABCDE', description: 'Your selling party ID on the purchase orders', displayOptions },
	{ displayName: 'Ship-From Warehouse', name: 'shipFromPartyId', type: 'string', required: true, default: '', description: 'The ID of your warehouse the goods leave from, as agreed with Amazon', displayOptions },
	{ displayName: 'Ship-To Warehouse', name: 'shipToPartyId', type: 'string', required: true, default: '', placeholder: 'e.g. ABE8', description: "Amazon's warehouse on the purchase orders (ship-to party ID)", displayOptions },
	{ displayName: 'Shipped Date', name: 'shippedDate', type: 'dateTime', default: '', description: 'When the goods left. Empty means now.', displayOptions },
	{ displayName: 'Estimated Delivery Date', name: 'estimatedDeliveryDate', type: 'dateTime', default: '', description: 'When the goods should reach Amazon', displayOptions },
	...linesSourceFields(show, LINE_NAMES, {
		...LINE_LABELS,
		jsonDescription:
			'A list with one entry per shipped PO line: purchaseOrderNumber, asin or vendorSku, quantity, and for cases unitOfMeasure "Cases" with unitSize. Example: [{"purchaseOrderNumber": "2JK3S9VB", "asin": "B07DFVDRAB", "quantity": 24}]',
	}, []),
	optionsProperty(displayOptions, [
		{
			displayName: 'Shipment Type',
			name: 'shipmentType',
			type: 'options',
			default: 'LessThanTruckLoad',
			options: [
				{ name: 'Less Than Truck Load (LTL)', value: 'LessThanTruckLoad' },
				{ name: 'Small Parcel', value: 'SmallParcel' },
				{ name: 'Truck Load', value: 'TruckLoad' },
			],
		},
		{ displayName: 'Amazon Reference Number', name: 'amazonReferenceNumber', type: 'string', default: '', description: 'The ARN Amazon gave this shipment, if it has one' },
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const shipmentIdentifier = readText(this, 'shipmentIdentifier', itemIndex, 'Shipment ID');
	const confirmationType = this.getNodeParameter('confirmationType', itemIndex, 'Original') as string;
	const vendorCode = readText(this, 'vendorCode', itemIndex, 'Vendor Code');
	const shipFrom = readText(this, 'shipFromPartyId', itemIndex, 'Ship-From Warehouse');
	const shipTo = readText(this, 'shipToPartyId', itemIndex, 'Ship-To Warehouse');
	const zone = this.getTimezone();
	const now = client.nowMs();
	const shippedAt = parseDateInput(this.getNodeParameter('shippedDate', itemIndex, ''), 'Shipped Date', zone) ?? new Date(now);
	const deliveryAt = parseDateInput(this.getNodeParameter('estimatedDeliveryDate', itemIndex, ''), 'Estimated Delivery Date', zone);
	if (shippedAt.getTime() > now + 86_400_000) throw new InputError(tr`"Shipped Date" (${toUtcIso(shippedAt)}) is in the future: confirm a shipment once it has left.`);
	if (deliveryAt && deliveryAt.getTime() < shippedAt.getTime()) throw new InputError(tr`"Estimated Delivery Date" is before "Shipped Date".`);
	const lines = readItemLines(this, itemIndex, LINE_NAMES, LINE_LABELS);
	const options = this.getNodeParameter('options', itemIndex, {}) as { shipmentType?: string; amazonReferenceNumber?: string; includeResponseMetadata?: boolean };
	const reference = String(options.amazonReferenceNumber ?? '').trim();

	const confirmation: IDataObject = {
		shipmentIdentifier,
		shipmentConfirmationType: confirmationType,
		shipmentType: options.shipmentType || 'LessThanTruckLoad',
		...(reference ? { amazonReferenceNumber: reference } : {}),
		shipmentConfirmationDate: new Date(now).toISOString(),
		shippedDate: toUtcIso(shippedAt),
		...(deliveryAt ? { estimatedDeliveryDate: toUtcIso(deliveryAt) } : {}),
		sellingParty: { partyId: vendorCode },
		shipFromParty: { partyId: shipFrom },
		shipToParty: { partyId: shipTo },
		// the ASN numbers its own items 1, 2, …; the purchase order and product tie each to a PO line
		shippedItems: lines.map((line, index) => ({
			itemSequenceNumber: String(index + 1),
			...productIds(line),
			shippedQuantity: itemQuantity(line),
			itemDetails: { purchaseOrderNumber: line.purchaseOrderNumber },
		})),
	};
	const purchaseOrders = [...new Set(lines.map((line) => line.purchaseOrderNumber))];
	const shippedUnits = lines.reduce((sum, line) => sum + eachesOfLine(line), 0);
	return [
		await submitOnce(this, itemIndex, client, {
			key: 'SubmitShipmentConfirmations',
			body: { shipmentConfirmations: [confirmation] },
			onceKey: `vendor|shipmentConfirmation|${shipmentIdentifier}`,
			duplicate: (earlier) => tr`Item ${earlier.item} of "${earlier.nodeName}" already sent shipment ${shipmentIdentifier} in this run, so it was not sent again. Give every shipment its own Shipment ID (or use "Replace" in a later run to correct it).`,
			includeResponseMetadata: options.includeResponseMetadata === true,
			description: {
				what: tr`the shipment confirmation ${shipmentIdentifier} (${shippedUnits} units for ${purchaseOrders.join(', ')})`,
				check: tr`look it up: Shipment → Get Many with the option "Vendor Shipment ID" ${shipmentIdentifier} shows it once Amazon has it, and a transaction ID from an earlier answer can be looked up with Transaction Status → Get. Send it again only if it is not there after a few minutes; if it is there but wrong, send a "Replace".`,
				facts: {
					operation: 'SubmitShipmentConfirmations',
					shipmentIdentifier,
					confirmationType,
					purchaseOrderNumbers: purchaseOrders,
					shippedUnits,
					lookUpWith: 'Transaction Status → Get; Shipment → Get Many',
				},
			},
		}),
	];
}
