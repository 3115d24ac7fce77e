/**
 * Fields the Vendor node's operations share (date windows, vendor code, purchase order number) and
 * readers that check them before any call.
 */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { parseDateInput, toUtcIso, type DateRange } from '../../../sp-api/dates';
import { tr, translateText } from '../../../sp-api/i18n/translate';
import { InputError } from '../../../sp-api/n8n/nodeErrors';

export type Show = IDisplayOptions['show'];

const DAY_MS = 86_400_000;

/** Amazon keeps purchase orders in these APIs for about six months. */
export const MAX_LOOKBACK_DAYS = 180;

/** "<Label> After" / "<Label> Before" date pickers (e.g. Created After / Created Before). */
/** Two date fields; what an empty one means is shown under it (`…Hint`), the rest on hover (`…Description`). */
export function dateRangeFields(
	show: Show,
	names: { after: string; before: string },
	labels: { after: string; before: string; afterDescription: string; beforeDescription: string; afterHint: string; beforeHint: string },
): INodeProperties[] {
	return [
		{ displayName: labels.after, name: names.after, type: 'dateTime', default: '', description: labels.afterDescription, hint: labels.afterHint, displayOptions: { show } },
		{ displayName: labels.before, name: names.before, type: 'dateTime', default: '', description: labels.beforeDescription, hint: labels.beforeHint, displayOptions: { show } },
	];
}

export interface ReadRange extends DateRange {
	/** False when "before" was left empty (now): listings without a 7-day rule then send no end, Amazon's now applies. */
	endGiven: boolean;
}

/** A date range from two fields: empty start = `defaultDays` before the end, empty end = now. */
export function readDateRange(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: { after: string; before: string; afterLabel: string; beforeLabel: string },
	defaultDays: number,
	now = Date.now(),
): ReadRange {
	const zone = context.getTimezone();
	const before = parseDateInput(context.getNodeParameter(fields.before, itemIndex, ''), fields.beforeLabel, zone);
	const after = parseDateInput(context.getNodeParameter(fields.after, itemIndex, ''), fields.afterLabel, zone);
	const end = before && before.getTime() < now ? before : new Date(now);
	const start = after ?? new Date(end.getTime() - defaultDays * DAY_MS);
	if (start.getTime() >= end.getTime()) {
		throw new InputError(tr`"${translateText(fields.afterLabel)}" (${toUtcIso(start)}) must be before "${translateText(fields.beforeLabel)}" (${toUtcIso(end)}) and in the past.`);
	}
	if (now - start.getTime() > MAX_LOOKBACK_DAYS * DAY_MS) {
		throw new InputError(tr`"${translateText(fields.afterLabel)}" (${toUtcIso(start)}) is more than ${MAX_LOOKBACK_DAYS} days ago: Amazon keeps purchase orders in this API for about six months.`);
	}
	return { start, end, endGiven: !!before && before.getTime() < now };
}

export const PO_NUMBER_PATTERN = /^[A-Za-z0-9]{8}$/;

export function purchaseOrderNumberField(show: Show, description = 'The 8-character purchase order number, e.g. 2JK3S9VB'): INodeProperties {
	return { displayName: 'Purchase Order Number', name: 'purchaseOrderNumber', type: 'string', required: true, default: '', placeholder: 'e.g. 2JK3S9VB', description, displayOptions: { show } };
}

/** Amazon's PO numbers are 8 letters and digits. */
export function checkPurchaseOrderNumber(value: unknown, label: string): string {
	const number = String(value ?? '').trim();
	if (!number) throw new InputError(tr`"${translateText(label)}" is empty: give the 8-character purchase order number (e.g. 2JK3S9VB).`);
	if (!PO_NUMBER_PATTERN.test(number)) throw new InputError(tr`"${number}" in "${translateText(label)}" is not a purchase order number: Amazon's have 8 letters and digits (e.g. 2JK3S9VB).`);
	return number.toUpperCase();
}

export function readText(context: IExecuteFunctions, name: string, itemIndex: number, label: string, required = true): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (!text && required) throw new InputError(tr`"${translateText(label)}" is empty: fill it in.`);
	return text;
}

export function vendorCodeField(show: Show, overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Vendor Code',
		name: 'vendorCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. ABCDE',
		description: "Only purchase orders of this vendor code (Amazon's selling party ID). Empty means every vendor code the app was authorised for.",
		displayOptions: { show },
		...overrides,
	};
}

/** A whole number of at least `minimum` from a number field. */
export function readWholeNumber(value: unknown, label: string, minimum: number): number {
	const number = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	if (!Number.isInteger(number) || number < minimum) throw new InputError(tr`"${translateText(label)}" must be a whole number of at least ${minimum}; "${String(value)}" is not.`);
	return number;
}

/** The period of the PO listings (Amazon answers 7 days per call; ACORN goes week by week). */
export const PO_PERIOD = { after: 'periodStart', before: 'periodEnd', afterLabel: 'Period Start', beforeLabel: 'Period End' };

export function poPeriodFields(show: Show): INodeProperties[] {
	return dateRangeFields(show, { after: PO_PERIOD.after, before: PO_PERIOD.before }, {
		after: PO_PERIOD.afterLabel,
		before: PO_PERIOD.beforeLabel,
		afterDescription: 'Empty means 7 days before the end. Amazon answers at most 7 days per call: longer periods are fetched week by week, up to six months back.',
		beforeDescription: 'Empty means now',
		afterHint: 'Empty: 7 days before the end',
		beforeHint: 'Empty: now',
	});
}

/** The "Newest First" option of a listing (`what`: "purchase orders", "shipments"). */
export function newestFirstOption(description: string): INodeProperties {
	return { displayName: 'Newest First', name: 'newestFirst', type: 'boolean', default: false, description };
}
