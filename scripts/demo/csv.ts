/**
 * The refunds CSV of the flagship: the same columns and cell rules as the "Build CSV" Code node of
 * examples/daily-refunds-flagship.json (a test keeps the two in step). Amounts are ACORN's exact decimal
 * text (the `…Exact` fields: "-12.30", yen "-1500"), which Excel reads as numbers; the file starts with a
 * UTF-8 byte order mark so Excel reads Chinese and Japanese text correctly.
 */
import type { IDataObject } from 'n8n-workflow';

/** [header, refund field]. Headers in Chinese and English, for the sellers who open the file. */
export const REFUND_CSV_COLUMNS: ReadonlyArray<readonly [string, string]> = [
	['站点 Marketplace', 'marketplaceName'],
	['退款时间(当地) Posted (local)', 'postedDateLocal'],
	['退款时间(UTC) Posted (UTC)', 'postedDate'],
	['订单号 Order ID', 'amazonOrderId'],
	['SKU', 'sellerSku'],
	['数量 Quantity', 'quantity'],
	['币种 Currency', 'currency'],
	['商品 Principal', 'principalExact'],
	['税 Tax', 'taxExact'],
	['运费 Shipping', 'shippingExact'],
	['促销 Promotion', 'promotionExact'],
	['费用 Fees', 'feesExact'],
	['合计 Total', 'totalExact'],
	['退货原因 Return reason', 'returnReason'],
	['原因说明 Reason text', 'returnReasonDescription'],
	['原因(中文) Reason (Chinese)', 'returnReasonTranslated'],
	['买家留言 Customer comments', 'customerComments'],
	['退货状态 Return status', 'returnStatus'],
	['退款编号 Refund key', 'refundKey'],
];

export const UTF8_BOM = '\uFEFF';

/** One CSV cell: quoted when needed (RFC 4180); text Excel would run as a formula gets a leading apostrophe. */
export function csvCell(value: unknown): string {
	if (value === undefined || value === null) return '';
	let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text (header + one line per refund, CRLF line ends), without the byte order mark. */
export function refundsCsv(refunds: readonly IDataObject[]): string {
	const lines = [REFUND_CSV_COLUMNS.map(([header]) => csvCell(header)).join(',')];
	for (const refund of refunds) lines.push(REFUND_CSV_COLUMNS.map(([, field]) => csvCell(refund[field])).join(','));
	return `${lines.join('\r\n')}\r\n`;
}
