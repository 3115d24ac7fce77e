/**
 * One returned item from Amazon's returns reports, read the same way whichever report it came from:
 * the FBA customer returns report (flat file), the seller-fulfilled returns report (flat file, one line
 * per returned item) and its XML twin (one <return_details> per return request, one <item_details> per
 * item, so one request can give several lines). The report rows keep their own column names under `raw`.
 */
import type { IDataObject } from 'n8n-workflow';
import { DateTime } from 'luxon';
import type { Marketplace } from '../../sp-api/marketplaces';
import { marketplaceOfEvent } from '../../sp-api/finances/marketplaceOfEvent';
import { localDate, readReportDate, type FileDateOrder, type ReportRow } from '../../sp-api/reports';
import { withoutUndefined } from '../../sp-api/finances/refunds';
import { columnKey, readReturnRow, type ReturnRow } from './returnRows';
import { reasonTextFor, type ReasonLookup } from './reasonTexts';
import { tr } from '../../sp-api/i18n/translate';

export type ReturnChannel = 'FBA' | 'MFN';

/** A report date: an instant (UTC) when Amazon wrote a time, else a calendar day. */
export interface ReturnDate {
	/** UTC ISO-8601 (2025-03-14T10:00:00Z), or the day as Amazon wrote it (2025-03-14). */
	iso: string;
	/** The marketplace's local time with its offset, or the same day. */
	local: string;
	hasTime: boolean;
	/**
	 * The earliest instant the date can mean. For a day without a time: its start in UTC or in the
	 * marketplace's time zone, whichever comes first, so a deadline counted from it is never too late.
	 */
	earliestMs: number;
}

export interface ReturnLine {
	/** The join's view of the line (order id, SKU, reason, ...); absent when the row could not be read. */
	row?: ReturnRow;
	channel: ReturnChannel;
	reportType: string;
	reportId: string;
	marketplace: Marketplace;
	/** 1-based line of the report where the row starts. */
	line: number;
	date?: ReturnDate;
	productName?: string;
	fnSku?: string;
	/** What was wrong with a row that could not be read cleanly. */
	problem?: string;
	/** The row as Amazon wrote it (XML: the request with only this item). */
	raw: IDataObject;
}

/** A return date of a report; `dates` is the file's day/month order (without it only dates that read one way are read). */
export function readReturnDate(text: string | undefined, timeZone: string, dates?: FileDateOrder): ReturnDate | undefined {
	if (!text) return undefined;
	const reading = dates ? dates.read(text) : readReportDate(text, { timeZone });
	if (!reading.ok) return undefined;
	const iso = reading.iso;
	if (reading.hasTime) {
		return { iso, local: localDate(reading, timeZone), hasTime: true, earliestMs: Date.parse(iso) };
	}
	const utcStart = Date.parse(`${iso}T00:00:00Z`);
	const localStart = DateTime.fromISO(iso, { zone: timeZone }).toMillis();
	return { iso, local: iso, hasTime: false, earliestMs: Number.isFinite(localStart) ? Math.min(utcStart, localStart) : utcStart };
}

function scalar(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The first non-empty value among columns with these names (compared without case or separators). */
function pick(values: IDataObject, names: readonly string[]): string | undefined {
	const wanted = new Set(names);
	for (const [name, value] of Object.entries(values)) {
		if (wanted.has(columnKey(name))) {
			const text = scalar(value);
			if (text !== undefined) return text;
		}
	}
	return undefined;
}

/** An XML element's scalar children, nested elements (e.g. <label_details>) one level flattened in. */
function flatten(values: IDataObject, into: IDataObject = {}): IDataObject {
	for (const [name, value] of Object.entries(values)) {
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			for (const [childName, child] of Object.entries(value as IDataObject)) {
				if (!(childName in into) && scalar(child) !== undefined) into[childName] = child;
			}
		} else if (!Array.isArray(value) && scalar(value) !== undefined) {
			into[name] = value;
		}
	}
	return into;
}

export interface ReportContext {
	channel: ReturnChannel;
	reportType: string;
	reportId: string;
	marketplace: Marketplace;
	/** The report file's day/month order (rows fed through withFileDateOrder with returnRowDateTexts). */
	dates?: FileDateOrder;
}

/** The date texts of a returns report row (every column named like a date), for the file's day/month order. */
export function* returnRowDateTexts(row: ReportRow): Generator<string> {
	if (row.problem) return;
	for (const [name, value] of Object.entries(row.values)) {
		if (typeof value === 'string' && /date/i.test(name) && value.trim() !== '') yield value;
	}
}

/** The return lines of one report row. */
export function returnLinesOfRow(row: ReportRow, context: ReportContext): ReturnLine[] {
	const values = row.values as IDataObject;
	const items = Array.isArray(values.item_details) ? (values.item_details as IDataObject[]) : undefined;
	if (items && items.length > 0) {
		const request = { ...values };
		delete request.item_details;
		return items.map((item) => lineOf(flatten(item, flatten(request)), { ...request, item_details: [item] }, row, context));
	}
	return [lineOf(flatten(values), values, row, context)];
}

function lineOf(flat: IDataObject, raw: IDataObject, row: ReportRow, context: ReportContext): ReturnLine {
	const read = row.problem ? undefined : readReturnRow(flat, -1);
	const parsed: ReturnRow | undefined = read ? { ...read, marketplaceId: context.marketplace.id } : undefined;
	const date = readReturnDate(parsed?.returnDate, context.marketplace.timeZone, context.dates);
	if (parsed && date) parsed.returnDate = date.iso;
	const line: ReturnLine = {
		row: parsed,
		channel: context.channel,
		reportType: context.reportType,
		reportId: context.reportId,
		marketplace: context.marketplace,
		line: row.line,
		date,
		productName: pick(flat, ['productname', 'itemname']),
		fnSku: pick(flat, ['fnsku']),
		raw,
	};
	if (row.problem) line.problem = row.problem;
	else if (!parsed) line.problem = tr`line ${row.line} has no order ID`;
	if (row.raw !== undefined) line.raw = { ...raw, _raw: row.raw };
	return line;
}

/** The same return seen twice (windows of the seller-fulfilled report may share a boundary day). */
export function returnLineKey(line: ReturnLine): string {
	const row = line.row;
	if (!row) return `${line.reportId}:${line.line}`;
	return [line.reportType, line.marketplace.id, row.amazonOrderId, row.sellerSku ?? '', row.rmaId ?? '', row.returnDate ?? '', row.quantity ?? '', row.status ?? ''].join('\u0000');
}

/** Oldest first; lines without a date last, in report order. */
export function byReturnDate(a: ReturnLine, b: ReturnLine): number {
	const ta = a.date?.earliestMs ?? Number.POSITIVE_INFINITY;
	const tb = b.date?.earliestMs ?? Number.POSITIVE_INFINITY;
	return ta - tb || (a.row?.amazonOrderId ?? '').localeCompare(b.row?.amazonOrderId ?? '');
}

/**
 * The item of one return line: what a person looks for first (when in store time, which store, order,
 * SKU, quantity, why), then Amazon's statuses and ids, Amazon's row under `raw`.
 */
export function returnLineJson(line: ReturnLine, reasons: ReadonlyMap<string, ReasonLookup>): IDataObject {
	const row = line.row;
	const reason = reasonTextFor(reasons, line.marketplace.id, row?.reason);
	return withoutUndefined<IDataObject>({
		returnDateLocal: line.date?.local,
		marketplaceName: marketplaceOfEvent(line.marketplace.id, undefined).name,
		amazonOrderId: row?.amazonOrderId,
		sellerSku: row?.sellerSku,
		quantity: row?.quantity,
		reasonCode: row?.reason,
		reasonDescription: reason.text?.description,
		reasonTranslated: reason.text?.translatedDescription,
		reasonLookupError: reason.error,
		productName: line.productName,
		customerComments: row?.customerComments,
		status: row?.status,
		disposition: row?.disposition,
		channel: line.channel,
		returnDate: line.date?.iso ?? row?.returnDate,
		returnDateHasTime: line.date?.hasTime,
		marketplaceId: line.marketplace.id,
		asin: row?.asin,
		fnSku: line.fnSku,
		fulfillmentCenterId: row?.fulfillmentCenterId,
		licensePlateNumber: row?.licensePlateNumber,
		rmaId: row?.rmaId,
		returnType: row?.returnType,
		resolution: row?.resolution,
		sourceReportType: line.reportType,
		reportId: line.reportId,
		problem: line.problem,
		raw: line.raw,
	});
}
