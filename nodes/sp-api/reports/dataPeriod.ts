/**
 * What an empty "Data Start" means when ACORN requests a report. Amazon's own default for both dates is
 * "now" (reports_2021-06-30.json, CreateReportSpecification), so a report about events (returns, orders,
 * payments) requested without dates covers no time at all and Amazon cancels it for lack of data. ACORN
 * therefore asks for a period that has data for the kind of report, and leaves the dates out only for
 * reports about the current state, which Amazon makes for "now" whatever the dates:
 *
 * - returns and reimbursements, payments and fees, tax and VAT, performance and analytics: the last
 *   30 days — a month of events, inside the seller-fulfilled returns report's 60-day limit, the same
 *   window "Get Returns" uses;
 * - orders and FBA shipments and removals: the last 7 days — one line per order item, so a week is already
 *   a big file for a busy store, and almost always has lines;
 * - inventory ledgers: the last 30 days (they are movements over time);
 * - inventory, listings, fee previews, unshipped and pending orders, return settings, account health:
 *   no dates (the report is about now);
 * - vendor (1P) analytics: no dates either — Amazon wants a period that fits the report's `reportPeriod`
 *   (a whole week or month), which only the vendor can choose (docs/guides/vendor.md);
 * - report types ACORN does not know: the last 30 days (date-range reports accept a month; reports about
 *   now ignore the dates).
 */
import { findReportType, type ReportCategory } from './reportTypes';

const DAY_MS = 86_400_000;

/** Days before Data End that an empty Data Start means, or `undefined`: no dates (the report is about now). */
export type DataPeriodDays = number | undefined;

const BY_CATEGORY: Readonly<Record<ReportCategory, DataPeriodDays>> = {
	Settlement: undefined,
	'Payments & fees': 30,
	'Returns & reimbursements': 30,
	Orders: 7,
	'FBA shipments & removals': 7,
	Inventory: undefined,
	Listings: undefined,
	'Performance & analytics': 30,
	'Tax & invoices': 30,
	// vendor analytics need dates that fit their reportPeriod (a whole week, a whole month): not guessed
	'Vendor (1P)': undefined,
};

/** Types whose period differs from their category's. */
const EXCEPTIONS: Readonly<Record<string, DataPeriodDays>> = {
	// reports about the current state
	GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA: undefined,
	GET_REFERRAL_FEE_PREVIEW_REPORT: undefined,
	GET_FLAT_FILE_MFN_SKU_RETURN_ATTRIBUTES_REPORT: undefined,
	GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING: undefined,
	GET_FLAT_FILE_PENDING_ORDERS_DATA: undefined,
	GET_PENDING_ORDERS_DATA: undefined,
	GET_CONVERGED_FLAT_FILE_PENDING_ORDERS_DATA: undefined,
	GET_V1_SELLER_PERFORMANCE_REPORT: undefined,
	GET_V2_SELLER_PERFORMANCE_REPORT: undefined,
	// movements over time
	GET_LEDGER_SUMMARY_VIEW_DATA: 30,
	GET_LEDGER_DETAIL_VIEW_DATA: 30,
};

const UNKNOWN_TYPE_DAYS = 30;

export function defaultDataPeriodDays(reportType: string): DataPeriodDays {
	const type = reportType.trim();
	if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, type)) return EXCEPTIONS[type];
	const known = findReportType(type);
	return known ? BY_CATEGORY[known.category] : UNKNOWN_TYPE_DAYS;
}

/**
 * The Data Start sent to Amazon: the one given, else the type's period before Data End (or before now when
 * Data End is empty too), else none.
 */
export function effectiveDataStart(reportType: string, given: { start?: Date; end?: Date }, nowMs: number): Date | undefined {
	if (given.start) return given.start;
	const days = defaultDataPeriodDays(reportType);
	if (days === undefined) return undefined;
	return new Date((given.end?.getTime() ?? nowMs) - days * DAY_MS);
}
