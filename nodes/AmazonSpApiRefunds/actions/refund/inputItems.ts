/** Sorting the input items of Enrich and Detect into refund lines and returns report rows. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { looksLikeRefund, readRefund, type RefundInput } from '../../../sp-api/finances/refundJson';
import { looksLikeReturnRow, readReturnRow, type ReturnRow } from '../../logic/returnRows';
import { tr } from '../../../sp-api/i18n/translate';

export interface SortedInput {
	refunds: { refund: RefundInput; itemIndex: number }[];
	returns: ReturnRow[];
}

export function sortInputItems(items: readonly INodeExecutionData[], expect: { refunds: boolean; returns: boolean }): SortedInput {
	const out: SortedInput = { refunds: [], returns: [] };
	items.forEach((item, itemIndex) => {
		const json = (item.json ?? {}) as IDataObject;
		if (Object.keys(json).length === 0) return;
		if (expect.refunds && looksLikeRefund(json)) {
			const refund = readRefund(json);
			if (typeof refund === 'string') throw new InputError(tr`Input item ${itemIndex + 1} looks like a refund line, but ${refund}.`);
			out.refunds.push({ refund, itemIndex });
			return;
		}
		if (expect.returns && looksLikeReturnRow(json)) {
			const row = readReturnRow(json, itemIndex);
			if (row) out.returns.push(row);
			return;
		}
		const refundLine = tr`a refund line (from "Get Refunds" or the New Refund trigger)`;
		const returnRow = tr`a returns report row (columns such as "order-id", "sku", "reason" or "Order ID", "Merchant SKU", "Return reason")`;
		const wanted = expect.refunds && expect.returns ? tr`${refundLine} or ${returnRow}` : expect.refunds ? refundLine : returnRow;
		throw new InputError(tr`Input item ${itemIndex + 1} is not ${wanted}. Its fields are: ${Object.keys(json).slice(0, 12).join(', ')}.`);
	});
	return out;
}
