/**
 * Refunds as the two sides of a reconciliation see them, in one shape: the refund lines of the financial
 * events (Get Refunds' records) and the refund lines of a flat-file settlement report (the V2 layout,
 * one line per amount, or the older layout with amount columns). Both are grouped per refund: kind,
 * order, SKU and posting time; amounts are summed exactly and split into the same parts (principal, tax,
 * shipping, fees, promotion, ...), so a difference can say which part differs.
 */
import { addDecimals, parseDecimal, type Decimal, type Money, money } from '../../sp-api/money';
import { chargePartOf, type RefundKind, type RefundPart, type RefundRecord } from '../../sp-api/finances/refunds';
import type { Marketplace } from '../../sp-api/marketplaces';
import { FileDateOrder, normaliseDecimal, ReportError, type ReportRow } from '../../sp-api/reports';
import { tr } from '../../sp-api/i18n/translate';

/** The refund kinds a settlement report lists per order, so they can be compared line by line. */
export type ComparableKind = Extract<RefundKind, 'refund' | 'guaranteeClaim' | 'chargeback'>;
export const COMPARABLE_KINDS: readonly ComparableKind[] = ['refund', 'guaranteeClaim', 'chargeback'];

export interface RefundEntry {
	kind: ComparableKind;
	amazonOrderId: string;
	/** '' for order-level money without a SKU. */
	sellerSku: string;
	/** UTC ISO when the time is known, else the day. */
	postedDate?: string;
	postedMs?: number;
	postedHasTime: boolean;
	marketplaceName?: string;
	currency: string;
	total: Decimal;
	parts: Map<RefundPart, Decimal>;
	/** Events: the refund keys; settlement: Amazon's adjustment ids. */
	ids: string[];
	/** How many refund lines (events) or amount lines (settlement) make the entry. */
	lines: number;
	/** Settlement: the posting date as written, when it could not be read (then postedDate is empty). */
	postedDateUnreadable?: string;
}

/** The first data row of a settlement report: the settlement as a whole. */
export interface SettlementSummary {
	settlementId: string;
	currency: string;
	start?: string;
	end?: string;
	depositDate?: string;
	total?: Money;
	/** Date columns of the settlement line that could not be read: column → the text as written. */
	unreadableDates?: Record<string, string>;
	/** Set when start and end are the report's dataStartTime / dataEndTime, because the file's could not be read. */
	periodFrom?: 'report';
}

/** The date columns of a settlement flat file (both layouts). */
export const SETTLEMENT_DATE_COLUMNS = ['settlement-start-date', 'settlement-end-date', 'deposit-date', 'posted-date', 'posted-date-time'] as const;

/** The date texts of a settlement row, for the file's day/month order. */
export function* settlementDateTexts(row: ReportRow): Generator<string> {
	for (const column of SETTLEMENT_DATE_COLUMNS) {
		const value = row.values[column];
		if (typeof value === 'string' && value.trim() !== '') yield value;
	}
}

function postedKey(entry: Pick<RefundEntry, 'postedMs' | 'postedHasTime' | 'postedDate' | 'postedDateUnreadable'>): string {
	if (entry.postedHasTime && entry.postedMs !== undefined) return String(Math.floor(entry.postedMs / 1000));
	return `day:${entry.postedDate ?? entry.postedDateUnreadable ?? ''}`;
}

/** Kind, order and SKU: a refund regardless of when it was posted. */
export function orderKey(entry: Pick<RefundEntry, 'kind' | 'amazonOrderId' | 'sellerSku'>): string {
	return `${entry.kind}\u0000${entry.amazonOrderId}\u0000${entry.sellerSku}`;
}

/** Kind, order, SKU and posting second: one refund. */
export function refundEntryKey(entry: RefundEntry): string {
	return `${orderKey(entry)}\u0000${postedKey(entry)}`;
}

function addTo(entries: Map<string, RefundEntry>, entry: RefundEntry): void {
	const key = refundEntryKey(entry);
	const existing = entries.get(key);
	if (!existing) {
		entries.set(key, entry);
		return;
	}
	existing.total = addDecimals(existing.total, entry.total);
	for (const [part, value] of entry.parts) existing.parts.set(part, addDecimals(existing.parts.get(part) ?? parseDecimal(0), value));
	for (const id of entry.ids) if (!existing.ids.includes(id)) existing.ids.push(id);
	existing.lines += entry.lines;
	existing.marketplaceName ??= entry.marketplaceName;
}

// ---------------------------------------------------------------- financial events side

/** The event refunds of the compared kinds, one entry per refund (its item lines of one SKU summed). */
export function eventRefundEntries(records: Iterable<RefundRecord>, kinds: ReadonlySet<ComparableKind>): RefundEntry[] {
	const entries = new Map<string, RefundEntry>();
	const partNames: RefundPart[] = ['principal', 'tax', 'shipping', 'shippingTax', 'giftWrap', 'giftWrapTax', 'otherCharges', 'promotion', 'fees', 'taxWithheld'];
	for (const record of records) {
		if (!kinds.has(record.kind as ComparableKind) || !record.amazonOrderId) continue;
		const parts = new Map<RefundPart, Decimal>();
		for (const part of partNames) {
			const value = parseDecimal(record[part].amount);
			if (value.units !== 0n) parts.set(part, value);
		}
		const postedMs = record.postedDate ? Date.parse(record.postedDate) : undefined;
		addTo(entries, {
			kind: record.kind as ComparableKind,
			amazonOrderId: record.amazonOrderId,
			sellerSku: record.sellerSku ?? '',
			postedDate: record.postedDate,
			postedMs: Number.isFinite(postedMs) ? postedMs : undefined,
			postedHasTime: Number.isFinite(postedMs),
			marketplaceName: record.marketplaceName,
			currency: record.currency,
			total: parseDecimal(record.total.amount),
			parts,
			ids: [record.refundKey],
			lines: 1,
		});
	}
	return [...entries.values()];
}

// ---------------------------------------------------------------- settlement report side

/**
 * The kind of a settlement line from its transaction-type. Amazon documents "Refund"; the wording for
 * A-to-z claims and chargebacks is not documented where ACORN could check it, so they are recognised
 * by the words they contain ("A-to-z", "Guarantee", "Chargeback").
 */
export function settlementKind(transactionType: string | undefined): ComparableKind | undefined {
	const key = (transactionType ?? '').toLowerCase().replace(/[^a-z]/g, '');
	if (key.includes('chargeback')) return 'chargeback';
	if (key.includes('atoz') || key.includes('guarantee')) return 'guaranteeClaim';
	if (key === 'refund') return 'refund';
	return undefined;
}

/** Which refund part an amount of the settlement belongs to. */
export function settlementPartOf(amountType: string, description: string): RefundPart {
	const type = amountType.toLowerCase().replace(/[^a-z]/g, '');
	if (/withheld|facilitator/i.test(amountType) || /withheld|facilitator/i.test(description)) return 'taxWithheld';
	if (type.includes('fee')) return 'fees';
	if (type.includes('promotion')) return 'promotion';
	return chargePartOf(description);
}

/** Amount columns of the older flat file, each with the column naming its type. */
const V1_AMOUNT_COLUMNS: readonly [kindColumn: string | undefined, amountColumn: string, amountType: string][] = [
	['price-type', 'price-amount', 'ItemPrice'],
	['item-related-fee-type', 'item-related-fee-amount', 'ItemFees'],
	['promotion-type', 'promotion-amount', 'Promotion'],
	['shipment-fee-type', 'shipment-fee-amount', 'ShipmentFees'],
	['order-fee-type', 'order-fee-amount', 'OrderFees'],
	['direct-payment-type', 'direct-payment-amount', 'DirectPayment'],
	[undefined, 'misc-fee-amount', 'MiscFees'],
	['other-fee-reason-description', 'other-fee-amount', 'OtherFees'],
	[undefined, 'other-amount', 'Other'],
];

export class SettlementReader {
	summary?: SettlementSummary;
	/** Refund amount lines read (of the compared kinds). */
	refundLines = 0;
	rows = 0;
	private readonly entries = new Map<string, RefundEntry>();
	/** The day/month order of this file: feed rows through withFileDateOrder(…, reader.dates, settlementDateTexts). */
	readonly dates: FileDateOrder;

	constructor(
		private readonly kinds: ReadonlySet<ComparableKind>,
		marketplace?: Marketplace,
	) {
		this.dates = new FileDateOrder(marketplace);
	}

	/** A date of the file as ISO, or undefined (then `unreadable` gets the text) when it cannot be read. */
	private date(text: string, column: string, unreadable?: Record<string, string>): string | undefined {
		if (text === '') return undefined;
		const reading = this.dates.read(text);
		if (reading.ok) return reading.iso;
		if (unreadable) unreadable[column] = text;
		return undefined;
	}

	private amount(text: string, row: ReportRow, column: string): Decimal {
		const normalised = normaliseDecimal(text);
		if (normalised === undefined) {
			throw new ReportError({
				kind: 'parse',
				line: row.line,
				message: tr`The settlement report has "${text}" in column ${column} at line ${row.line}, which is not an amount.`,
				hint: tr`Download the settlement report with the Reports node to look at that line.`,
			});
		}
		return parseDecimal(normalised);
	}

	add(row: ReportRow): void {
		this.rows += 1;
		const values = row.values as Record<string, string>;
		const text = (name: string) => (typeof values[name] === 'string' ? values[name].trim() : '');
		if (!this.summary && text('total-amount') !== '' && text('transaction-type') === '') {
			const currency = text('currency').toUpperCase();
			const unreadable: Record<string, string> = {};
			this.summary = {
				settlementId: text('settlement-id'),
				currency,
				start: this.date(text('settlement-start-date'), 'settlement-start-date', unreadable),
				end: this.date(text('settlement-end-date'), 'settlement-end-date', unreadable),
				depositDate: this.date(text('deposit-date'), 'deposit-date', unreadable),
				total: currency ? money(this.amount(text('total-amount'), row, 'total-amount'), currency) : undefined,
			};
			if (Object.keys(unreadable).length > 0) this.summary.unreadableDates = unreadable;
			return;
		}
		const kind = settlementKind(text('transaction-type'));
		if (!kind || !this.kinds.has(kind)) return;
		const currency = (text('currency') || this.summary?.currency || '').toUpperCase();
		const amounts: { part: RefundPart; value: Decimal }[] = [];
		if ('amount' in values) {
			if (text('amount') !== '') amounts.push({ part: settlementPartOf(text('amount-type'), text('amount-description')), value: this.amount(text('amount'), row, 'amount') });
		} else {
			for (const [typeColumn, amountColumn, amountType] of V1_AMOUNT_COLUMNS) {
				if (text(amountColumn) === '') continue;
				amounts.push({ part: settlementPartOf(amountType, typeColumn ? text(typeColumn) : ''), value: this.amount(text(amountColumn), row, amountColumn) });
			}
		}
		if (amounts.length === 0) return;
		this.refundLines += 1;
		const postedText = text('posted-date-time') || text('posted-date');
		const posted = this.date(postedText, 'posted-date');
		const hasTime = posted?.includes('T') === true;
		const parts = new Map<RefundPart, Decimal>();
		for (const { part, value } of amounts) parts.set(part, addDecimals(parts.get(part) ?? parseDecimal(0), value));
		addTo(this.entries, {
			kind,
			amazonOrderId: text('order-id'),
			sellerSku: text('sku'),
			postedDate: posted,
			postedMs: hasTime ? Date.parse(posted!) : undefined,
			postedHasTime: hasTime,
			marketplaceName: text('marketplace-name') || undefined,
			currency,
			total: addDecimals(...amounts.map(({ value }) => value)),
			parts,
			ids: text('adjustment-id') ? [text('adjustment-id')] : [],
			lines: 1,
			postedDateUnreadable: posted === undefined && postedText !== '' ? postedText : undefined,
		});
	}

	refunds(): RefundEntry[] {
		return [...this.entries.values()];
	}
}
