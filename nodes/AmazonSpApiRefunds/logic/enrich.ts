/**
 * Joins refund lines to return rows by order id + SKU. A refund line with no SKU (order-level money)
 * joins by order id alone. Every refund is kept: unmatched ones say so, because a refund without a
 * return is normal for returnless refunds, A-to-z claims and refunds given before the item arrived.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RefundInput } from '../../sp-api/finances/refundJson';
import type { ReasonText } from './reasonTexts';
import { reasonCodeKey, type ReturnRow } from './returnRows';
import { tr } from '../../sp-api/i18n/translate';

export type { ReasonText };

export interface EnrichedRefund {
	refund: RefundInput;
	returns: ReturnRow[];
}

function keyOf(orderId: string, sku: string | undefined): string {
	return `${orderId}\u0000${sku ?? ''}`;
}

export function joinRefundsToReturns(refunds: readonly RefundInput[], returns: readonly ReturnRow[]): EnrichedRefund[] {
	const bySku = new Map<string, ReturnRow[]>();
	const byOrder = new Map<string, ReturnRow[]>();
	for (const row of returns) {
		const skuKey = keyOf(row.amazonOrderId, row.sellerSku);
		bySku.set(skuKey, [...(bySku.get(skuKey) ?? []), row]);
		byOrder.set(row.amazonOrderId, [...(byOrder.get(row.amazonOrderId) ?? []), row]);
	}
	return refunds.map((refund) => {
		if (!refund.amazonOrderId) return { refund, returns: [] };
		const matched = refund.sellerSku ? bySku.get(keyOf(refund.amazonOrderId, refund.sellerSku)) : byOrder.get(refund.amazonOrderId);
		return { refund, returns: matched ?? [] };
	});
}

/** The reason most of the matched returns give (first seen wins a tie). */
function mainReason(rows: readonly ReturnRow[]): string | undefined {
	const counts = new Map<string, number>();
	for (const row of rows) if (row.reason) counts.set(row.reason, (counts.get(row.reason) ?? 0) + 1);
	let best: string | undefined;
	for (const [reason, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = reason;
	return best;
}

function withoutItemIndex(row: ReturnRow): IDataObject {
	const copy: Partial<ReturnRow> = { ...row };
	delete copy.itemIndex;
	return copy as IDataObject;
}


export function enrichedJson(entry: EnrichedRefund, reasons: ReadonlyMap<string, ReasonText>): IDataObject {
	const { refund, returns } = entry;
	const out: IDataObject = { ...refund.json, returnMatched: returns.length > 0 };
	if (returns.length === 0) {
		out.returnMatchNote = refund.amazonOrderId
			? tr`No return found for this order and SKU. Normal for returnless refunds, A-to-z claims, chargebacks and refunds given before the item came back; otherwise the return may be in a later report.`
			: tr`This refund line has no order (e.g. a fee refund), so there is no return to match.`;
		return out;
	}
	const reason = mainReason(returns);
	const text = reason ? reasons.get(reasonCodeKey(reason)) : undefined;
	const quantity = returns.reduce((sum, row) => sum + (row.quantity ?? 0), 0);
	Object.assign(out, {
		returnReason: reason,
		returnReasonDescription: text?.description,
		returnReasonTranslated: text?.translatedDescription,
		returnDate: returns.map((row) => row.returnDate).filter(Boolean).sort()[0],
		returnedQuantity: quantity || undefined,
		returnStatus: returns[0].status,
		returnDisposition: returns[0].disposition,
		customerComments: returns.map((row) => row.customerComments).filter(Boolean).join(' | ') || undefined,
		returns: returns.map(withoutItemIndex),
	});
	for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
	return out;
}
