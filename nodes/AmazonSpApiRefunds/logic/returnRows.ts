/**
 * Rows of Amazon's returns reports, whatever node produced them: the FBA customer returns report
 * (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA: "order-id", "sku", "reason", ...) and the merchant-fulfilled
 * returns report (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE: "Order ID", "Merchant SKU", "Return reason",
 * ...). Column names are compared without case, spaces, dashes or underscores, so camelCase copies of
 * the same columns ("orderId", "returnReason") are read too.
 */
import type { IDataObject } from 'n8n-workflow';

export interface ReturnRow {
	amazonOrderId: string;
	sellerSku?: string;
	asin?: string;
	quantity?: number;
	/** Amazon's reason code as the report writes it (e.g. DEFECTIVE, CR-DEFECTIVE, "Item defective"). */
	reason?: string;
	returnDate?: string;
	status?: string;
	disposition?: string;
	customerComments?: string;
	fulfillmentCenterId?: string;
	licensePlateNumber?: string;
	rmaId?: string;
	returnType?: string;
	resolution?: string;
	marketplaceId?: string;
	/** Which report the columns look like. */
	report: 'fbaCustomerReturns' | 'mfnReturns' | 'unknown';
	/** Index of the input item the row came from. */
	itemIndex: number;
}

const ALIASES: Record<Exclude<keyof ReturnRow, 'report' | 'itemIndex'>, string[]> = {
	amazonOrderId: ['orderid', 'amazonorderid'],
	sellerSku: ['sku', 'merchantsku', 'sellersku'],
	asin: ['asin'],
	quantity: ['quantity', 'returnquantity'],
	reason: ['reason', 'returnreason', 'returnreasoncode'],
	returnDate: ['returndate', 'returnrequestdate'],
	status: ['status', 'returnrequeststatus'],
	disposition: ['detaileddisposition', 'disposition'],
	customerComments: ['customercomments'],
	fulfillmentCenterId: ['fulfillmentcenterid'],
	licensePlateNumber: ['licenseplatenumber'],
	rmaId: ['amazonrmaid', 'rmaid'],
	returnType: ['returntype'],
	resolution: ['resolution'],
	marketplaceId: ['marketplaceid'],
};

export function columnKey(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function cell(value: unknown): string | undefined {
	if (typeof value === 'number') return String(value);
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Looks like a returns report row: it has an order id column and a reason or return date column. */
export function looksLikeReturnRow(json: IDataObject): boolean {
	const keys = new Set(Object.keys(json).map(columnKey));
	const has = (field: keyof typeof ALIASES) => ALIASES[field].some((alias) => keys.has(alias));
	return has('amazonOrderId') && (has('reason') || has('returnDate'));
}

export function readReturnRow(json: IDataObject, itemIndex: number): ReturnRow | undefined {
	const byKey = new Map<string, unknown>();
	for (const [name, value] of Object.entries(json)) if (!byKey.has(columnKey(name))) byKey.set(columnKey(name), value);
	const read = (field: keyof typeof ALIASES) => {
		for (const alias of ALIASES[field]) {
			const value = cell(byKey.get(alias));
			if (value !== undefined) return value;
		}
		return undefined;
	};
	const amazonOrderId = read('amazonOrderId');
	if (!amazonOrderId) return undefined;
	const quantity = Number(read('quantity'));
	const keys = new Set(byKey.keys());
	const report = keys.has('detaileddisposition') || keys.has('fnsku') ? 'fbaCustomerReturns' : keys.has('merchantsku') || keys.has('returnrequeststatus') ? 'mfnReturns' : 'unknown';
	const row: ReturnRow = {
		amazonOrderId,
		sellerSku: read('sellerSku'),
		asin: read('asin'),
		quantity: Number.isFinite(quantity) ? quantity : undefined,
		reason: read('reason'),
		returnDate: read('returnDate'),
		status: read('status'),
		disposition: read('disposition'),
		customerComments: read('customerComments'),
		fulfillmentCenterId: read('fulfillmentCenterId'),
		licensePlateNumber: read('licensePlateNumber'),
		rmaId: read('rmaId'),
		returnType: read('returnType'),
		resolution: read('resolution'),
		marketplaceId: read('marketplaceId'),
		report,
		itemIndex,
	};
	for (const key of Object.keys(row) as (keyof ReturnRow)[]) if (row[key] === undefined) delete row[key];
	return row;
}

/**
 * Reason codes compared across sources: listReturnReasonCodes says "CR-DEFECTIVE", the FBA report says
 * "DEFECTIVE". Upper case, without Amazon's "CR-" prefix.
 */
export function reasonCodeKey(code: string): string {
	return code.trim().toUpperCase().replace(/^CR-/, '').replace(/[\s-]+/g, '_');
}
