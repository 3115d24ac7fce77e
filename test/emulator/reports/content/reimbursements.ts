/**
 * The FBA reimbursements report, one line per reimbursement adjustment of the Finances API
 * (AdjustmentEventList: WAREHOUSE_DAMAGE, WAREHOUSE_LOST and their reversals), same SKU, quantity
 * and amounts.
 */
import type { AdjustmentFinanceEvent, SellerData } from '../../data/model';
import { STANDARD_DATES, type DateSpelling } from './dateSpellings';
import { amountText, stableId, tsvField } from './format';

export const REIMBURSEMENTS_HEADER = [
	'approval-date', 'reimbursement-id', 'case-id', 'amazon-order-id', 'reason', 'sku', 'fnsku', 'asin', 'product-name', 'condition',
	'currency-unit', 'amount-per-unit', 'amount-total', 'quantity-reimbursed-cash', 'quantity-reimbursed-inventory', 'quantity-reimbursed-total',
	'original-reimbursement-id', 'original-reimbursement-type',
];

const REASONS: Record<string, string> = {
	WAREHOUSE_DAMAGE: 'Damaged_Warehouse',
	WAREHOUSE_LOST: 'Lost_Warehouse',
	REVERSAL_REIMBURSEMENT: 'Reimbursement_Reversal',
};

export function reimbursementEvents(data: SellerData): AdjustmentFinanceEvent[] {
	return data.events.filter((event): event is AdjustmentFinanceEvent => event.kind === 'Adjustment');
}

export function reimbursementId(event: AdjustmentFinanceEvent): string {
	return stableId(`reimbursement|${event.eventId}`, 10, 'digits');
}

export function* reimbursementsFile(events: AdjustmentFinanceEvent[], all: AdjustmentFinanceEvent[], dates: DateSpelling = STANDARD_DATES): Generator<string> {
	let chunk = `${REIMBURSEMENTS_HEADER.join('\t')}\n`;
	for (const event of events) {
		const reversal = event.adjustmentType === 'REVERSAL_REIMBURSEMENT';
		for (const item of event.items) {
			// a reversal takes back the latest earlier reimbursement of the same SKU
			const original = reversal
				? all.filter((other) => other.adjustmentType !== 'REVERSAL_REIMBURSEMENT' && other.postedAt < event.postedAt && other.items.some((i) => i.sellerSku === item.sellerSku)).at(-1)
				: undefined;
			const fields = [
				dates.fbaTime(event.postedAt), reimbursementId(event), reversal ? '' : stableId(`case|${event.eventId}`, 11, 'digits'), '',
				REASONS[event.adjustmentType] ?? event.adjustmentType, item.sellerSku, item.fnSku, item.asin, item.productDescription, 'NewItem',
				event.currency, amountText(item.perUnitMinor, event.currency), amountText(item.totalMinor, event.currency), String(item.quantity), '0',
				String(item.quantity), original ? reimbursementId(original) : '', original ? REASONS[original.adjustmentType] ?? '' : '',
			];
			chunk += `${fields.map(tsvField).join('\t')}\n`;
		}
	}
	yield chunk;
}
