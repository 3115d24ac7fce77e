/**
 * Refund lines as n8n items, flat so a Google Sheets row gets one column per field, in the order a person
 * reads them: when (store time), which store, order, SKU, quantity, total and currency first; the parts of
 * the total next; Amazon's kinds and internal ids after.
 *
 * Every amount is there twice: as a number (`total`, `principal`, …) that Google Sheets and Excel can sum,
 * and as exact decimal text with the currency's decimals (`totalExact` "-12.30", yen "-1500") for
 * reconciliation (nodes saved at version 1 keep the exact text in `total` too: n8n/amountStyle.ts). The
 * breakdowns by fee type keep exact text. Reading a line back (Enrich and Detect over
 * input items) takes the exact text when it is there and checks that what came in really is a refund line.
 */
import type { IDataObject } from 'n8n-workflow';
import { amountValue, money, parseDecimal, type AmountStyle, type Money } from '../money';
import { REFUND_PARTS, type RefundKind, type RefundRecord } from './refunds';
import { tr } from '../i18n/translate';

const BREAKDOWNS = ['feeBreakdown', 'otherChargeBreakdown', 'taxWithheldBreakdown'] as const;

/** The name of the field holding an amount's exact decimal text. */
export function exactField(name: string): string {
	return `${name}Exact`;
}

function amountsOf(map: Record<string, Money>): IDataObject {
	return Object.fromEntries(Object.entries(map).map(([type, value]) => [type, value.amount]));
}

export function refundToJson(record: RefundRecord, style: AmountStyle = 'number'): IDataObject {
	const out: IDataObject = {
		postedDateLocal: record.postedDateLocal,
		marketplaceName: record.marketplaceName,
		amazonOrderId: record.amazonOrderId,
		sellerSku: record.sellerSku,
		quantity: record.quantity,
		total: amountValue(record.total, style),
		currency: record.currency,
		kindLabel: record.kindLabel,
		asin: record.asin,
	};
	for (const part of REFUND_PARTS) out[part] = amountValue(record[part], style);
	if (record.costOfPointsReturned) out.costOfPointsReturned = amountValue(record.costOfPointsReturned, style);
	Object.assign(out, {
		reason: record.reason,
		postedDate: record.postedDate,
		marketplaceId: record.marketplaceId,
		kind: record.kind,
		sellerOrderId: record.sellerOrderId,
		orderAdjustmentItemId: record.orderAdjustmentItemId,
		financialEventGroupId: record.financialEventGroupId,
		transactionId: record.transactionId,
		transactionStatus: record.transactionStatus,
		source: record.source,
		breakdownComplete: record.breakdownComplete,
		refundKey: record.refundKey,
		[exactField('total')]: record.total.amount,
	});
	for (const part of REFUND_PARTS) out[exactField(part)] = record[part].amount;
	if (record.costOfPointsReturned) out[exactField('costOfPointsReturned')] = record.costOfPointsReturned.amount;
	for (const name of BREAKDOWNS) out[name] = amountsOf(record[name]);
	for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
	return out;
}

/** A refund line read back from an item; only what Enrich and Detect need is required. */
export interface RefundInput {
	kind?: RefundKind;
	refundKey?: string;
	amazonOrderId?: string;
	sellerSku?: string;
	asin?: string;
	quantity?: number;
	marketplaceId?: string;
	marketplaceName?: string;
	postedDate?: string;
	currency: string;
	total: Money;
	parts: Partial<Record<(typeof REFUND_PARTS)[number], Money>>;
	/** Set by Enrich: the buyer's return reason code. */
	returnReason?: string;
	returnReasonDescription?: string;
	json: IDataObject;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

function amount(value: unknown, currency: string): Money | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'object' && value !== null && 'amount' in value) return amount((value as { amount: unknown }).amount, currency);
	try {
		return money(parseDecimal(value as string | number), currency);
	} catch {
		return undefined;
	}
}

/** True when an item looks like a refund line made by ACORN (Get Refunds, the trigger, Enrich). */
export function looksLikeRefund(json: IDataObject): boolean {
	return typeof json.currency === 'string' && json.total !== undefined && (typeof json.refundKey === 'string' || typeof json.kind === 'string');
}

/** Reads a refund line from an item, or explains what is missing. */
export function readRefund(json: IDataObject): RefundInput | string {
	const currency = text(json.currency)?.toUpperCase();
	if (!currency || !/^[A-Z]{3}$/.test(currency)) return tr`it has no "currency" (a three-letter code such as USD)`;
	// the exact text when the item has it (ACORN's own items); a number or text otherwise (older or edited items)
	const exactOr = (name: string) => json[exactField(name)] ?? json[name];
	const total = amount(exactOr('total'), currency);
	if (!total) return tr`it has no "total" amount`;
	const parts: RefundInput['parts'] = {};
	for (const part of REFUND_PARTS) {
		const value = amount(exactOr(part), currency);
		if (value) parts[part] = value;
	}
	const quantity = Number(json.quantity);
	return {
		kind: text(json.kind) as RefundKind | undefined,
		refundKey: text(json.refundKey),
		amazonOrderId: text(json.amazonOrderId),
		sellerSku: text(json.sellerSku),
		asin: text(json.asin),
		quantity: Number.isFinite(quantity) && json.quantity !== undefined && json.quantity !== '' ? quantity : undefined,
		marketplaceId: text(json.marketplaceId),
		marketplaceName: text(json.marketplaceName),
		postedDate: text(json.postedDate),
		currency,
		total,
		parts,
		returnReason: text(json.returnReason),
		returnReasonDescription: text(json.returnReasonDescription),
		json,
	};
}
