import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput, toUtcIso } from '../../../sp-api/dates';
import { tr } from '../../../sp-api/i18n/translate';
import { optionsProperty } from '../../../sp-api/n8n/commonProperties';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { quantityOf } from '../../logic/records';
import { list, object, text } from '../../../sp-api/json';
import { vendorCall } from '../shared/calls';
import { checkPurchaseOrderNumber, purchaseOrderNumberField, readWholeNumber } from '../shared/fields';
import { submitOnce } from '../shared/writes';

const show = { resource: ['purchaseOrder'], operation: ['acknowledge'] };
const displayOptions = { show };

const REJECTION_REASONS = [
	{ name: 'Temporarily Unavailable', value: 'TemporarilyUnavailable' },
	{ name: 'Invalid Product Identifier', value: 'InvalidProductIdentifier' },
	{ name: 'Obsolete Product', value: 'ObsoleteProduct' },
];

export const description: INodeProperties[] = [
	{
		displayName:
			'This sends your answer to Amazon. ACORN checks it first, sends it once and never repeats it by itself; Transaction Status → Get then tells whether Amazon applied it.',
		name: 'writeNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	purchaseOrderNumberField(show, 'The purchase order to acknowledge (8 characters, e.g. 2JK3S9VB)'),
	{
		displayName: 'Answer',
		name: 'answer',
		type: 'options',
		default: 'acceptAll',
		options: [
			{ name: 'Accept Every Line as Ordered', value: 'acceptAll' },
			{ name: 'Line by Line', value: 'lines', description: 'Accept, reject or backorder quantities per line; lines not listed are accepted as ordered' },
		],
		displayOptions,
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add line',
		description: "Quantities in the line's own unit (cases or eaches, as Amazon ordered); accepted + rejected + backordered must equal the ordered quantity",
		displayOptions: { show: { ...show, answer: ['lines'] } },
		options: [
			{
				name: 'line',
				displayName: 'Line',
				values: [
					{ displayName: 'Accepted Quantity', name: 'accepted', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
					{ displayName: 'Backordered Quantity', name: 'backordered', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Only for lines where Amazon allows backorders' },
					{ displayName: 'Item Sequence Number', name: 'itemSequenceNumber', type: 'string', default: '', placeholder: 'e.g. 1', description: 'The line number on the purchase order' },
					{ displayName: 'Rejected Quantity', name: 'rejected', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
					{ displayName: 'Rejection Reason', name: 'rejectionReason', type: 'options', default: 'TemporarilyUnavailable', options: REJECTION_REASONS, description: 'Why the rejected quantity cannot be supplied' },
				],
			},
		],
	},
	optionsProperty(displayOptions, [
		{
			displayName: 'Vendor Code',
			name: 'vendorCode',
			type: 'string',
			default: '',
			description: "Your selling party ID on the purchase order. Empty means the purchase order's own.",
		},
		{ displayName: 'Scheduled Ship Date', name: 'scheduledShipDate', type: 'dateTime', default: '', description: 'When you will ship the accepted units' },
		{ displayName: 'Scheduled Delivery Date', name: 'scheduledDeliveryDate', type: 'dateTime', default: '', description: 'When the accepted units will arrive at Amazon' },
	]),
];

interface LineAnswer {
	itemSequenceNumber: string;
	accepted: number;
	rejected: number;
	backordered: number;
	rejectionReason?: string;
}

/** The lines as typed, checked on their own (before anything is sent or read). */
function readLines(context: IExecuteFunctions, itemIndex: number): LineAnswer[] {
	const raw = context.getNodeParameter('lines', itemIndex, {}) as { line?: IDataObject[] };
	const lines: LineAnswer[] = [];
	for (const [index, entry] of (raw.line ?? []).entries()) {
		const label = tr`line ${index + 1} of "Lines"`;
		const itemSequenceNumber = String(entry.itemSequenceNumber ?? '').trim();
		if (!itemSequenceNumber) throw new InputError(tr`"Item Sequence Number" is empty in ${label}.`);
		if (lines.some((line) => line.itemSequenceNumber === itemSequenceNumber)) throw new InputError(tr`Line ${itemSequenceNumber} is listed twice in "Lines": give each line once.`);
		const accepted = readWholeNumber(entry.accepted ?? 0, tr`Accepted Quantity (${label})`, 0);
		const rejected = readWholeNumber(entry.rejected ?? 0, tr`Rejected Quantity (${label})`, 0);
		const backordered = readWholeNumber(entry.backordered ?? 0, tr`Backordered Quantity (${label})`, 0);
		if (accepted + rejected + backordered === 0) throw new InputError(tr`Line ${itemSequenceNumber} in "Lines" has no quantity: accepted, rejected and backordered are all 0.`);
		lines.push({ itemSequenceNumber, accepted, rejected, backordered, ...(rejected > 0 ? { rejectionReason: String(entry.rejectionReason || 'TemporarilyUnavailable') } : {}) });
	}
	if (lines.length === 0) throw new InputError(tr`"Lines" is empty: add the lines you do not accept in full, or choose "Accept Every Line as Ordered".`);
	return lines;
}

function quantity(amount: number, ordered: Record<string, unknown>): IDataObject {
	return { amount, unitOfMeasure: (ordered.unitOfMeasure as string | undefined) ?? 'Eaches', ...(typeof ordered.unitSize === 'number' ? { unitSize: ordered.unitSize } : {}) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const purchaseOrderNumber = checkPurchaseOrderNumber(this.getNodeParameter('purchaseOrderNumber', itemIndex, ''), 'Purchase Order Number');
	const byLine = this.getNodeParameter('answer', itemIndex, 'acceptAll') === 'lines';
	const answers = byLine ? readLines(this, itemIndex) : [];
	const options = this.getNodeParameter('options', itemIndex, {}) as { vendorCode?: string; scheduledShipDate?: string; scheduledDeliveryDate?: string; includeResponseMetadata?: boolean };
	const zone = this.getTimezone();
	const shipAt = parseDateInput(options.scheduledShipDate, 'Scheduled Ship Date', zone);
	const deliverAt = parseDateInput(options.scheduledDeliveryDate, 'Scheduled Delivery Date', zone);
	if (shipAt && deliverAt && deliverAt.getTime() < shipAt.getTime()) throw new InputError(tr`"Scheduled Delivery Date" is before "Scheduled Ship Date".`);

	// The purchase order as Amazon has it: its lines, units and selling party (a read, harmless to repeat).
	const po = object((await vendorCall<{ payload?: unknown }>(client, 'getPurchaseOrder', { params: { purchaseOrderNumber } })).data?.payload);
	const details = object(po.orderDetails);
	if (po.purchaseOrderState === 'Closed') throw new InputError(tr`Purchase order ${purchaseOrderNumber} is closed: Amazon takes no acknowledgement for it any more.`);
	const partyId = text(object(details.sellingParty).partyId);
	const vendorCode = String(options.vendorCode ?? '').trim() || partyId;
	if (!vendorCode) throw new InputError(tr`Amazon's purchase order ${purchaseOrderNumber} names no selling party: fill in "Vendor Code" in the options.`);
	if (partyId && vendorCode !== partyId) throw new InputError(tr`"Vendor Code" ${vendorCode} is not the selling party of purchase order ${purchaseOrderNumber} (${partyId}).`);
	const poLines = list(details.items);
	for (const answer of answers) {
		if (!poLines.some((line) => line.itemSequenceNumber === answer.itemSequenceNumber)) throw new InputError(tr`Purchase order ${purchaseOrderNumber} has no line ${answer.itemSequenceNumber}.`);
	}
	const when = (date: Date | undefined, name: string) => (date ? { [name]: toUtcIso(date) } : {});
	let accepted = 0;
	let rejected = 0;
	let backordered = 0;
	const items = poLines.map((line) => {
		const ordered = object(line.orderedQuantity);
		const orderedAmount = Number(ordered.amount ?? 0);
		const unitSize = quantityOf(ordered)?.unitSize ?? 1;
		const answer = answers.find((entry) => entry.itemSequenceNumber === line.itemSequenceNumber) ?? { itemSequenceNumber: String(line.itemSequenceNumber), accepted: orderedAmount, rejected: 0, backordered: 0 };
		const total = answer.accepted + answer.rejected + answer.backordered;
		if (total !== orderedAmount) throw new InputError(tr`Line ${answer.itemSequenceNumber}: accepted + rejected + backordered is ${total}, but Amazon ordered ${orderedAmount} (${String(ordered.unitOfMeasure ?? 'Eaches')}).`);
		if (answer.backordered > 0 && line.isBackOrderAllowed !== true) throw new InputError(tr`Line ${answer.itemSequenceNumber}: Amazon does not allow backorders for it; accept or reject those units instead.`);
		accepted += answer.accepted * (ordered.unitOfMeasure === 'Cases' ? unitSize : 1);
		rejected += answer.rejected * (ordered.unitOfMeasure === 'Cases' ? unitSize : 1);
		backordered += answer.backordered * (ordered.unitOfMeasure === 'Cases' ? unitSize : 1);
		const acknowledgements: IDataObject[] = [];
		if (answer.accepted > 0) acknowledgements.push({ acknowledgementCode: 'Accepted', acknowledgedQuantity: quantity(answer.accepted, ordered), ...when(shipAt, 'scheduledShipDate'), ...when(deliverAt, 'scheduledDeliveryDate') });
		if (answer.rejected > 0) acknowledgements.push({ acknowledgementCode: 'Rejected', acknowledgedQuantity: quantity(answer.rejected, ordered), rejectionReason: answer.rejectionReason });
		if (answer.backordered > 0) acknowledgements.push({ acknowledgementCode: 'Backordered', acknowledgedQuantity: quantity(answer.backordered, ordered), ...when(shipAt, 'scheduledShipDate'), ...when(deliverAt, 'scheduledDeliveryDate') });
		return {
			itemSequenceNumber: line.itemSequenceNumber,
			...(line.amazonProductIdentifier ? { amazonProductIdentifier: line.amazonProductIdentifier } : {}),
			...(line.vendorProductIdentifier ? { vendorProductIdentifier: line.vendorProductIdentifier } : {}),
			orderedQuantity: ordered as IDataObject,
			...(line.netCost ? { netCost: line.netCost } : {}),
			itemAcknowledgements: acknowledgements,
		} as IDataObject;
	});
	if (items.length === 0) throw new InputError(tr`Amazon's purchase order ${purchaseOrderNumber} has no lines to acknowledge.`);

	const body = { acknowledgements: [{ purchaseOrderNumber, sellingParty: { partyId: vendorCode }, acknowledgementDate: new Date(client.nowMs()).toISOString(), items }] };
	return [
		await submitOnce(this, itemIndex, client, {
			key: 'submitAcknowledgement',
			body,
			onceKey: `vendor|acknowledgement|${purchaseOrderNumber}`,
			duplicate: (earlier) => tr`Item ${earlier.item} of "${earlier.nodeName}" already sent an acknowledgement of purchase order ${purchaseOrderNumber} in this run, so this one was not sent. Acknowledge each purchase order once per run.`,
			includeResponseMetadata: options.includeResponseMetadata === true,
			description: {
				what: tr`the acknowledgement of purchase order ${purchaseOrderNumber}`,
				check: tr`look it up: Purchase Order → Get for ${purchaseOrderNumber} shows the state "Acknowledged" once Amazon has applied an acknowledgement, and a transaction ID from an earlier answer can be looked up with Transaction Status → Get. If it still shows "New" after a few minutes, run this item again.`,
				facts: {
					operation: 'submitAcknowledgement',
					purchaseOrderNumber,
					vendorCode,
					acceptedUnits: accepted,
					rejectedUnits: rejected,
					backorderedUnits: backordered,
					lookUpWith: 'Transaction Status → Get; Purchase Order → Get',
				},
			},
		}),
	];
}
