/**
 * The lines of an ASN or invoice, typed in the node (one group of fields per line) or mapped as a JSON
 * list from an earlier node (e.g. an ERP), read into one shape and checked line by line before any call.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { tr, translateText } from '../../../sp-api/i18n/translate';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { checkPurchaseOrderNumber, readWholeNumber, type Show } from './fields';

export interface ItemLine {
	/** "line 2 of "Items"" or "entry 2 of "Items (JSON)"", for messages. */
	label: string;
	purchaseOrderNumber: string;
	asin?: string;
	vendorSku?: string;
	quantity: number;
	unitOfMeasure: 'Eaches' | 'Cases';
	unitSize?: number;
	raw: IDataObject;
}

/** Product and quantity fields every line has (the caller adds its own, e.g. the net cost). */
export const ITEM_FIELDS: INodeProperties[] = [
	{ displayName: 'Purchase Order Number', name: 'purchaseOrderNumber', type: 'string', default: '', placeholder: 'e.g. 2JK3S9VB' },
	{ displayName: 'ASIN', name: 'asin', type: 'string', default: '', description: 'The ASIN on the purchase order; give it or the vendor SKU' },
	{ displayName: 'Vendor SKU', name: 'vendorSku', type: 'string', default: '', description: 'Your product ID on the purchase order; give it or the ASIN' },
	{ displayName: 'Quantity', name: 'quantity', type: 'number', typeOptions: { minValue: 1 }, default: 1 },
	{
		displayName: 'Unit',
		name: 'unitOfMeasure',
		type: 'options',
		default: 'Eaches',
		options: [
			{ name: 'Eaches', value: 'Eaches' },
			{ name: 'Cases', value: 'Cases' },
		],
	},
	{ displayName: 'Units per Case', name: 'unitSize', type: 'number', typeOptions: { minValue: 1 }, default: 1, description: 'For cases: how many eaches one case holds' },
];

export function linesSourceFields(show: Show, names: { mode: string; fields: string; json: string }, labels: { fields: string; json: string; jsonDescription: string }, extraFields: INodeProperties[]): INodeProperties[] {
	return [
		{
			displayName: 'Define Lines',
			name: names.mode,
			type: 'options',
			default: 'fields',
			options: [
				{ name: 'Using Fields Below', value: 'fields' },
				{ name: 'Using JSON', value: 'json', description: 'A list mapped from an earlier node, e.g. your ERP' },
			],
			displayOptions: { show },
		},
		{
			displayName: labels.fields,
			name: names.fields,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add line',
			displayOptions: { show: { ...show, [names.mode]: ['fields'] } },
			options: [{ name: 'line', displayName: 'Line', values: [...ITEM_FIELDS, ...extraFields] }],
		},
		{
			displayName: labels.json,
			name: names.json,
			type: 'json',
			default: '[]',
			description: labels.jsonDescription,
			displayOptions: { show: { ...show, [names.mode]: ['json'] } },
		},
	];
}

function textOf(value: unknown): string | undefined {
	const text = value === undefined || value === null ? '' : String(value).trim();
	return text || undefined;
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return NOT_JSON;
	}
}

function entriesFrom(context: IExecuteFunctions, itemIndex: number, names: { mode: string; fields: string; json: string }, labels: { fields: string; json: string }): Array<{ label: string; raw: IDataObject }> {
	if (context.getNodeParameter(names.mode, itemIndex, 'fields') === 'json') {
		const value = context.getNodeParameter(names.json, itemIndex, '[]') as unknown;
		const parsed = typeof value === 'string' ? parseJson(value || '[]') : value;
		if (parsed === NOT_JSON) throw new InputError(tr`"${translateText(labels.json)}" is not JSON: give a list such as [{"purchaseOrderNumber": "2JK3S9VB", "asin": "B0…", "quantity": 12}].`);
		if (!Array.isArray(parsed) || parsed.some((entry) => !entry || typeof entry !== 'object' || Array.isArray(entry))) {
			throw new InputError(tr`"${translateText(labels.json)}" must be a list of objects, one per line.`);
		}
		return (parsed as IDataObject[]).map((raw, index) => ({ label: tr`entry ${index + 1} of "${translateText(labels.json)}"`, raw }));
	}
	const raw = context.getNodeParameter(names.fields, itemIndex, {}) as { line?: IDataObject[] };
	return (raw.line ?? []).map((entry, index) => ({ label: tr`line ${index + 1} of "${translateText(labels.fields)}"`, raw: entry }));
}

/** The lines with their product and quantity checked (PO number, ASIN or SKU, whole quantity, unit). */
export function readItemLines(context: IExecuteFunctions, itemIndex: number, names: { mode: string; fields: string; json: string }, labels: { fields: string; json: string }): ItemLine[] {
	const lines = entriesFrom(context, itemIndex, names, labels).map(({ label, raw }): ItemLine => {
		const purchaseOrderNumber = checkPurchaseOrderNumber(raw.purchaseOrderNumber, tr`Purchase Order Number (${label})`);
		const asin = textOf(raw.asin);
		const vendorSku = textOf(raw.vendorSku);
		if (!asin && !vendorSku) throw new InputError(tr`${label} has neither ASIN nor vendor SKU: give one so Amazon can find the purchase order line.`);
		const unitOfMeasure = textOf(raw.unitOfMeasure) ?? 'Eaches';
		if (unitOfMeasure !== 'Eaches' && unitOfMeasure !== 'Cases') throw new InputError(tr`The unit of ${label} is "${unitOfMeasure}": use Eaches or Cases.`);
		const quantity = readWholeNumber(raw.quantity, tr`Quantity (${label})`, 1);
		const unitSize = unitOfMeasure === 'Cases' ? readWholeNumber(raw.unitSize ?? 1, tr`Units per Case (${label})`, 1) : undefined;
		return { label, purchaseOrderNumber, asin, vendorSku, quantity, unitOfMeasure, unitSize, raw };
	});
	if (lines.length === 0) throw new InputError(tr`There are no lines: add at least one in "${translateText(labels.fields)}" (or "${translateText(labels.json)}").`);
	const seen = new Set<string>();
	for (const line of lines) {
		const key = `${line.purchaseOrderNumber}|${line.asin ?? ''}|${line.vendorSku ?? ''}`;
		if (seen.has(key)) throw new InputError(tr`${line.label} repeats purchase order ${line.purchaseOrderNumber} and product ${line.asin ?? line.vendorSku}: give each line once, with the whole quantity.`);
		seen.add(key);
	}
	return lines;
}

/** ItemQuantity as Amazon takes it. */
export function itemQuantity(line: ItemLine): IDataObject {
	return { amount: line.quantity, unitOfMeasure: line.unitOfMeasure, ...(line.unitSize !== undefined ? { unitSize: line.unitSize } : {}) };
}

/** The line's quantity in eaches. */
export function eachesOfLine(line: ItemLine): number {
	return line.quantity * (line.unitSize ?? 1);
}

/** ASIN and vendor SKU as Amazon's item fields name them. */
export function productIds(line: ItemLine): IDataObject {
	return { ...(line.asin ? { amazonProductIdentifier: line.asin } : {}), ...(line.vendorSku ? { vendorProductIdentifier: line.vendorSku } : {}) };
}
