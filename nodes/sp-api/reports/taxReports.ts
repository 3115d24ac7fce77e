/**
 * Which of Amazon's tax reports a seller's stores have, and how each is obtained (Amazon's "Tax
 * Reports" report type page):
 * - Europe: the VAT Transactions Report (GET_VAT_TRANSACTION_DATA) or the VAT Calculation Report
 *   (SC_VAT_TAX_REPORT), requested once for every VAT store together (the rows name their marketplace).
 *   Both are restricted report types: the document comes with a Restricted Data Token. The VAT
 *   transactions report of a month can be requested from the 3rd of the next month (Amazon, 2025-01-21).
 * - India: the on-demand GST Merchant Tax Report, B2C (GET_GST_MTR_B2C_CUSTOM) or B2B
 *   (GET_GST_MTR_B2B_CUSTOM), requested for a date range.
 * - United States: the Sales Tax Report (GET_FLAT_FILE_SALES_TAX_DATA) "cannot be requested or
 *   scheduled": the seller generates it in Seller Central's Tax Document Library and it is found with
 *   getReports.
 * Other stores have no tax report Amazon offers through the API.
 */
import type { Marketplace } from '../marketplaces';

export const VAT_REPORT_TYPES = ['GET_VAT_TRANSACTION_DATA', 'SC_VAT_TAX_REPORT'] as const;
export const GST_REPORT_TYPES = ['GET_GST_MTR_B2C_CUSTOM', 'GET_GST_MTR_B2B_CUSTOM'] as const;
export const SALES_TAX_REPORT_TYPE = 'GET_FLAT_FILE_SALES_TAX_DATA';

export type VatReportType = (typeof VAT_REPORT_TYPES)[number];
export type GstReportType = (typeof GST_REPORT_TYPES)[number];

/** Marketplaces of the VAT reports (Amazon's announcement of 2025-01-21 and the report type page). */
export const VAT_COUNTRIES = ['ES', 'UK', 'FR', 'BE', 'NL', 'DE', 'IT', 'SE', 'PL'];
/** GET_VAT_TRANSACTION_DATA of a month is available from this day of the next month (earlier: FATAL). */
export const VAT_FIRST_DAY_OF_MONTH = 3;

export type TaxStep =
	| { kind: 'request'; reportType: string; marketplaces: Marketplace[] }
	| { kind: 'find'; reportType: typeof SALES_TAX_REPORT_TYPE; marketplaces: Marketplace[] };

export interface TaxPlan {
	steps: TaxStep[];
	/** Stores without a tax report Amazon offers through the API. */
	without: Marketplace[];
}

export function taxPlan(stores: readonly Marketplace[], choice: { vat: VatReportType; gst: GstReportType }): TaxPlan {
	const vat = stores.filter((store) => VAT_COUNTRIES.includes(store.countryCode));
	const india = stores.filter((store) => store.countryCode === 'IN');
	const us = stores.filter((store) => store.countryCode === 'US');
	const steps: TaxStep[] = [];
	if (vat.length) steps.push({ kind: 'request', reportType: choice.vat, marketplaces: vat });
	for (const store of india) steps.push({ kind: 'request', reportType: choice.gst, marketplaces: [store] });
	for (const store of us) steps.push({ kind: 'find', reportType: SALES_TAX_REPORT_TYPE, marketplaces: [store] });
	const planned = new Set([...vat, ...india, ...us]);
	return { steps, without: stores.filter((store) => !planned.has(store)) };
}

export interface TaxMonth {
	/** "2026-11" */
	month: string;
	/** First instant of the month, UTC. */
	start: Date;
	/** Last second of the month, UTC. */
	end: Date;
}

export function taxMonth(year: number, monthIndex: number): TaxMonth {
	const start = new Date(Date.UTC(year, monthIndex, 1));
	const end = new Date(Date.UTC(year, monthIndex + 1, 1) - 1000);
	return { month: start.toISOString().slice(0, 7), start, end };
}

/**
 * The latest month Amazon's tax reports are complete for: last month from the 3rd of this month on
 * (UTC), else the month before.
 */
export function latestClosedTaxMonth(nowMs: number): TaxMonth {
	const now = new Date(nowMs);
	const back = now.getUTCDate() >= VAT_FIRST_DAY_OF_MONTH ? 1 : 2;
	return taxMonth(now.getUTCFullYear(), now.getUTCMonth() - back);
}

/** "2026-11" → that month; undefined when the text is not a month. */
export function parseTaxMonth(text: string): TaxMonth | undefined {
	const match = /^(\d{4})-(\d{2})$/.exec(text.trim());
	if (!match) return undefined;
	const monthIndex = Number(match[2]) - 1;
	if (monthIndex < 0 || monthIndex > 11) return undefined;
	return taxMonth(Number(match[1]), monthIndex);
}

/** Whether a Sales Tax Report the seller generated covers exactly the month (a day of slack at each end). */
export function coversMonth(report: { dataStartTime?: string; dataEndTime?: string }, month: TaxMonth): boolean {
	const start = Date.parse(report.dataStartTime ?? '');
	const end = Date.parse(report.dataEndTime ?? '');
	const day = 86_400_000;
	return Number.isFinite(start) && Number.isFinite(end) && Math.abs(start - month.start.getTime()) <= day && Math.abs(end - month.end.getTime()) <= day;
}
