/**
 * Comparing the refunds of a settlement period as the financial events give them with the refund lines
 * of the settlement report.
 *
 * Matching, in two passes:
 *   1. same kind, order ID, SKU and posting time (to the second);
 *   2. what is left: same kind, order ID and SKU, paired oldest with oldest (a posting time that differs,
 *      or a layout that gives only the day).
 * A pair whose totals are equal to the cent is "matched", otherwise "amountDiffers"; an event refund
 * without a pair is "missingInSettlement", a settlement refund without a pair "missingInEvents".
 */
import type { IDataObject } from 'n8n-workflow';
import { addDecimals, amountValue, compareDecimals, money, negateDecimal, parseDecimal, type AmountStyle, type Decimal } from '../../sp-api/money';
import { REFUND_PARTS, refundKindLabel, withoutUndefined, type RefundPart } from '../../sp-api/finances/refunds';
import { toLocalIso } from '../../sp-api/dates';
import { marketplaceByName } from '../../sp-api/finances/marketplaceOfEvent';
import { orderKey, refundEntryKey, type RefundEntry } from './settlement';
import type { MessageLanguage } from './awaiting';

export type ReconcileStatus = 'matched' | 'amountDiffers' | 'missingInSettlement' | 'missingInEvents';
export const RECONCILE_STATUSES: readonly ReconcileStatus[] = ['amountDiffers', 'missingInSettlement', 'missingInEvents', 'matched'];

export interface ReconcileRow {
	status: ReconcileStatus;
	events?: RefundEntry;
	settlement?: RefundEntry;
	matchedOn?: 'postingTime' | 'orderAndSku';
}

const byPosted = (a: RefundEntry, b: RefundEntry): number => (a.postedMs ?? 0) - (b.postedMs ?? 0) || (a.postedDate ?? '').localeCompare(b.postedDate ?? '');

function pair(events: RefundEntry, settlement: RefundEntry, matchedOn: ReconcileRow['matchedOn']): ReconcileRow {
	return { status: compareDecimals(events.total, settlement.total) === 0 ? 'matched' : 'amountDiffers', events, settlement, matchedOn };
}

export function reconcileRefunds(eventEntries: readonly RefundEntry[], settlementEntries: readonly RefundEntry[]): ReconcileRow[] {
	const rows: ReconcileRow[] = [];
	const settlementByKey = new Map<string, RefundEntry[]>();
	for (const entry of settlementEntries) settlementByKey.set(refundEntryKey(entry), [...(settlementByKey.get(refundEntryKey(entry)) ?? []), entry]);
	const eventsLeft: RefundEntry[] = [];
	for (const entry of eventEntries) {
		const candidates = settlementByKey.get(refundEntryKey(entry));
		const match = candidates?.shift();
		if (match) rows.push(pair(entry, match, 'postingTime'));
		else eventsLeft.push(entry);
	}
	const settlementLeft = new Map<string, RefundEntry[]>();
	for (const list of settlementByKey.values()) for (const entry of list) settlementLeft.set(orderKey(entry), [...(settlementLeft.get(orderKey(entry)) ?? []), entry]);
	for (const list of settlementLeft.values()) list.sort(byPosted);
	for (const entry of [...eventsLeft].sort(byPosted)) {
		const match = settlementLeft.get(orderKey(entry))?.shift();
		rows.push(match ? pair(entry, match, 'orderAndSku') : { status: 'missingInSettlement', events: entry });
	}
	for (const list of settlementLeft.values()) for (const entry of list) rows.push({ status: 'missingInEvents', settlement: entry });
	// differences first, then by posting time
	return rows.sort(
		(a, b) => RECONCILE_STATUSES.indexOf(a.status) - RECONCILE_STATUSES.indexOf(b.status) || byPosted((a.events ?? a.settlement)!, (b.events ?? b.settlement)!),
	);
}

// ---------------------------------------------------------------- output

function partsJson(entry: RefundEntry | undefined): IDataObject | undefined {
	if (!entry) return undefined;
	const out: IDataObject = {};
	for (const part of REFUND_PARTS) {
		const value = entry.parts.get(part);
		if (value && value.units !== 0n) out[part] = money(value, entry.currency).amount;
	}
	return out;
}

function differingParts(row: ReconcileRow): RefundPart[] | undefined {
	if (row.status !== 'amountDiffers' || !row.events || !row.settlement) return undefined;
	const zero = parseDecimal(0);
	return REFUND_PARTS.filter((part) => compareDecimals(row.events!.parts.get(part) ?? zero, row.settlement!.parts.get(part) ?? zero) !== 0);
}

export interface ReconcileContext {
	settlementId: string;
	financialEventGroupId: string;
	currency: string;
	language: MessageLanguage;
	/** Amounts as numbers (node version 1.1) or exact text (1); …Exact is text either way. */
	amountStyle?: AmountStyle;
}

function day(entry: RefundEntry): string {
	return (entry.postedDate ?? '').slice(0, 10);
}

const KIND_ZH: Record<RefundEntry['kind'], string> = { refund: '退款', guaranteeClaim: 'A-to-z 索赔', chargeback: '拒付' };

function rowMessage(row: ReconcileRow, context: ReconcileContext): string | undefined {
	const entry = (row.events ?? row.settlement)!;
	const amount = (value: Decimal) => `${money(value, entry.currency).amount} ${entry.currency}`;
	const sku = entry.sellerSku ? (context.language === 'zh' ? `，SKU ${entry.sellerSku}` : ` (SKU ${entry.sellerSku})`) : '';
	if (context.language === 'zh') {
		const what = `订单 ${entry.amazonOrderId}${sku} 的${KIND_ZH[entry.kind]}（${day(entry)}）`;
		switch (row.status) {
			case 'matched':
				return undefined;
			case 'amountDiffers':
				return `${what}：财务事件为 ${amount(row.events!.total)}，结算报告为 ${amount(row.settlement!.total)}，相差 ${amount(addDecimals(row.settlement!.total, negateDecimal(row.events!.total)))}。`;
			case 'missingInSettlement':
				return `${what}（${amount(entry.total)}）在财务事件中，但不在结算 ${context.settlementId} 中。`;
			case 'missingInEvents':
				return `${what}（${amount(entry.total)}）在结算 ${context.settlementId} 中，但财务事件中没有。`;
		}
	}
	const what = `${refundKindLabel(entry.kind)} of order ${entry.amazonOrderId}${sku} posted ${day(entry)}`;
	switch (row.status) {
		case 'matched':
			return undefined;
		case 'amountDiffers':
			return `${what}: the financial events say ${amount(row.events!.total)}, the settlement says ${amount(row.settlement!.total)} (difference ${amount(addDecimals(row.settlement!.total, negateDecimal(row.events!.total)))}).`;
		case 'missingInSettlement':
			return `${what} (${amount(entry.total)}) is in the financial events but not in settlement ${context.settlementId}.`;
		case 'missingInEvents':
			return `${what} (${amount(entry.total)}) is in settlement ${context.settlementId} but not in the financial events.`;
	}
}

/**
 * One refund of the comparison: the verdict, then what a person looks for (when, store, order, SKU, both
 * amounts as numbers a sheet can sum, currency, the sentence), then kinds and ids, and the exact decimal
 * text of each amount (`eventsAmountExact`, …) for reconciling to the cent.
 */
export function reconcileRowJson(row: ReconcileRow, context: ReconcileContext): IDataObject {
	const entry = (row.events ?? row.settlement)!;
	const zero = parseDecimal(0);
	const eventsAmount = row.events ? money(row.events.total, entry.currency).amount : undefined;
	const settlementAmount = row.settlement ? money(row.settlement.total, entry.currency).amount : undefined;
	const difference = money(addDecimals(row.settlement?.total ?? zero, negateDecimal(row.events?.total ?? zero)), entry.currency).amount;
	const marketplace = marketplaceByName(row.events?.marketplaceName ?? row.settlement?.marketplaceName);
	return withoutUndefined<IDataObject>({
		status: row.status,
		postedDateLocal: marketplace && entry.postedHasTime ? toLocalIso(entry.postedDate, marketplace.timeZone) : undefined,
		marketplaceName: row.events?.marketplaceName ?? row.settlement?.marketplaceName,
		amazonOrderId: entry.amazonOrderId,
		sellerSku: entry.sellerSku || undefined,
		eventsAmount: eventsAmount === undefined ? undefined : amountValue(eventsAmount, context.amountStyle ?? 'number'),
		settlementAmount: settlementAmount === undefined ? undefined : amountValue(settlementAmount, context.amountStyle ?? 'number'),
		difference: amountValue(difference, context.amountStyle ?? 'number'),
		currency: entry.currency,
		message: rowMessage(row, context),
		kindLabel: refundKindLabel(entry.kind),
		differingParts: differingParts(row),
		matchedOn: row.matchedOn,
		postedDate: entry.postedDate,
		settlementPostedDate: row.events && row.settlement ? row.settlement.postedDate : undefined,
		settlementPostedDateAsWritten: row.settlement?.postedDateUnreadable,
		recordType: 'refund',
		kind: entry.kind,
		eventsParts: partsJson(row.events),
		settlementParts: partsJson(row.settlement),
		refundKeys: row.events?.ids,
		settlementAdjustmentIds: row.settlement?.ids.length ? row.settlement.ids : undefined,
		settlementAmountLines: row.settlement?.lines,
		settlementId: context.settlementId,
		financialEventGroupId: context.financialEventGroupId,
		eventsAmountExact: eventsAmount,
		settlementAmountExact: settlementAmount,
		differenceExact: difference,
	});
}

export interface CurrencyTotals {
	currency: string;
	events: Decimal;
	settlement: Decimal;
	matched: Decimal;
}

/** Refund totals of both sides per currency, exact. */
export function totalsOf(rows: readonly ReconcileRow[]): CurrencyTotals[] {
	const byCurrency = new Map<string, CurrencyTotals>();
	for (const row of rows) {
		const currency = (row.events ?? row.settlement)!.currency;
		const totals = byCurrency.get(currency) ?? { currency, events: parseDecimal(0), settlement: parseDecimal(0), matched: parseDecimal(0) };
		if (row.events) totals.events = addDecimals(totals.events, row.events.total);
		if (row.settlement) totals.settlement = addDecimals(totals.settlement, row.settlement.total);
		if (row.status === 'matched' && row.events) totals.matched = addDecimals(totals.matched, row.events.total);
		byCurrency.set(currency, totals);
	}
	return [...byCurrency.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

export function countsOf(rows: readonly ReconcileRow[]): Record<ReconcileStatus, number> {
	const counts: Record<ReconcileStatus, number> = { matched: 0, amountDiffers: 0, missingInSettlement: 0, missingInEvents: 0 };
	for (const row of rows) counts[row.status] += 1;
	return counts;
}

export function totalsJson(totals: readonly CurrencyTotals[]): IDataObject[] {
	return totals.map((entry) => ({
		currency: entry.currency,
		eventsRefundTotal: money(entry.events, entry.currency).amount,
		settlementRefundTotal: money(entry.settlement, entry.currency).amount,
		difference: money(addDecimals(entry.settlement, negateDecimal(entry.events)), entry.currency).amount,
		matchedRefundTotal: money(entry.matched, entry.currency).amount,
	}));
}
