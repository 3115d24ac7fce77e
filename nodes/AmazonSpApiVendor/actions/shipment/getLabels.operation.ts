import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { toUtcIso } from '../../../sp-api/dates';
import { limitProperty, optionsProperty, readLimit, returnAllProperty } from '../../../sp-api/n8n/commonProperties';
import { withResponseMetadata } from '../../../sp-api/n8n/responseMetadata';
import { compact, list, object, text } from '../../../sp-api/json';
import { listItems } from '../shared/calls';
import { dateRangeFields, readDateRange } from '../shared/fields';

const show = { resource: ['shipment'], operation: ['getLabels'] };
const displayOptions = { show };
const DEFAULT_DAYS = 7;

export const description: INodeProperties[] = [
	...dateRangeFields(show, { after: 'periodStart', before: 'periodEnd' }, {
		after: 'Labels Created After',
		before: 'Labels Created Before',
		afterDescription: 'Empty means 7 days before the end',
		beforeDescription: 'Empty means now',
		afterHint: 'Empty: 7 days before the end',
		beforeHint: 'Empty: now',
	}),
	returnAllProperty(displayOptions),
	limitProperty(displayOptions),
	optionsProperty(displayOptions, [
		{ displayName: 'Vendor Shipment ID', name: 'vendorShipmentIdentifier', type: 'string', default: '', description: 'Only the labels of the shipment with this ID of yours' },
		{ displayName: 'Buyer Reference Number', name: 'buyerReferenceNumber', type: 'string', default: '', description: "Only the labels of the shipment with this Amazon reference (ARN)" },
		{ displayName: 'Ship-From Warehouse', name: 'sellerWarehouseCode', type: 'string', default: '', description: 'Only labels of shipments from this warehouse of yours' },
		{ displayName: 'Put Label in Field', name: 'binaryPropertyName', type: 'string', default: 'data', description: 'Name of the binary field that holds the label PDF' },
	]),
];

interface Options {
	vendorShipmentIdentifier?: string;
	buyerReferenceNumber?: string;
	sellerWarehouseCode?: string;
	binaryPropertyName?: string;
	includeResponseMetadata?: boolean;
}

/** One item per label: the shipment it belongs to, its tracking ID and the PDF as binary data. */
export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<INodeExecutionData[]> {
	const range = readDateRange(this, itemIndex, { after: 'periodStart', before: 'periodEnd', afterLabel: 'Labels Created After', beforeLabel: 'Labels Created Before' }, DEFAULT_DAYS);
	const options = this.getNodeParameter('options', itemIndex, {}) as Options;
	const limit = readLimit((name, fallback) => this.getNodeParameter(name, itemIndex, fallback));
	const binaryName = String(options.binaryPropertyName || 'data').trim();
	const optional = (value: unknown) => String(value ?? '').trim() || undefined;
	const out: INodeExecutionData[] = [];
	const listing = listItems<{ payload?: { transportLabels?: unknown[] } }>(client, {
		key: 'GetShipmentLabels',
		params: {
			labelCreatedAfter: toUtcIso(range.start),
			labelCreatedBefore: range.endGiven ? toUtcIso(range.end) : undefined,
			vendorShipmentIdentifier: optional(options.vendorShipmentIdentifier),
			buyerReferenceNumber: optional(options.buyerReferenceNumber),
			sellerWarehouseCode: optional(options.sellerWarehouseCode),
		},
		pageSize: 50,
		select: (page) => list(object(page.payload).transportLabels),
	});
	for await (const { item, page } of listing) {
		const label = object(item);
		const info = object(label.shipmentInformation);
		const shipmentId = text(object(info.vendorDetails).vendorShipmentIdentifier);
		for (const data of list(label.labelData)) {
			const json = compact({
				vendorShipmentIdentifier: shipmentId,
				buyerReferenceNumber: text(info.buyerReferenceNumber),
				labelCreateDate: text(label.labelCreateDateTime),
				shipMode: text(info.shipMode),
				shipTo: text(object(info.shipToParty).partyId),
				shipFrom: text(object(info.shipFromParty).partyId),
				masterTrackingId: text(info.masterTrackingId),
				totalLabelCount: typeof info.totalLabelCount === 'number' ? info.totalLabelCount : undefined,
				labelSequenceNumber: typeof data.labelSequenceNumber === 'number' ? data.labelSequenceNumber : undefined,
				carrierCode: text(data.carrierCode),
				trackingId: text(data.trackingId),
				labelFormat: text(data.labelFormat),
			});
			const pdf = text(data.label);
			const fileName = `label-${shipmentId ?? 'shipment'}-${String(json.labelSequenceNumber ?? out.length + 1)}.pdf`;
			const binary = pdf ? { [binaryName]: await this.helpers.prepareBinaryData(Buffer.from(pdf, 'base64'), fileName, 'application/pdf') } : undefined;
			out.push({ json: withResponseMetadata(json, page.metadata, options.includeResponseMetadata === true), ...(binary ? { binary } : {}) });
			if (limit !== undefined && out.length >= limit) return out;
		}
	}
	return out;
}
