/**
 * Report types a seller is likely to want, with a one-line description each, for the node's searchable
 * picker and for format / typed-value hints. Any other type can still be typed in freely.
 *
 * Type names come from Amazon's "Report Type Values" documentation
 * (https://developer-docs.amazon.com/sp-api/docs/report-type-values and its pages for settlement,
 * FBA, order, order tracking, inventory, returns, performance, analytics, tax and invoice reports).
 * Descriptions are ACORN's own short summaries. Column names used for typed values come from the
 * same pages and from real report headers (see docs/guides/reports.md).
 */
import { translateText } from '../i18n/translate';
import { REPORT_SEARCH_WORDS } from '../i18n/zh-CN/reportSearchWords';
import type { ReportFormat } from './types';

export type ReportCategory =
	| 'Settlement'
	| 'Payments & fees'
	| 'Returns & reimbursements'
	| 'Orders'
	| 'FBA shipments & removals'
	| 'Inventory'
	| 'Listings'
	| 'Performance & analytics'
	| 'Tax & invoices'
	| 'Vendor (1P)';

/** How a column is converted when "typed values" is on. Money stays exact: a decimal string. */
export type ColumnKind = 'integer' | 'number' | 'money' | 'date' | 'boolean';

export interface KnownReportType {
	type: string;
	category: ReportCategory;
	name: string;
	description: string;
	format: ReportFormat;
	/** False for reports only Amazon creates (settlements): never call createReport for them. */
	requestable: boolean;
	/** Amazon's roles needed, as named in the developer profile. */
	roles?: string;
	/** Longest data range Amazon accepts, in days, when documented. */
	maxRangeDays?: number;
	/** XML: which elements are rows, and which child elements are always lists. */
	xml?: { recordPath: readonly string[]; arrays?: readonly string[] };
	/** Typed values: column → kind. Columns not listed stay text. */
	columns?: Readonly<Record<string, ColumnKind>>;
	/**
	 * A restricted report type (buyer data): its document is handed out only with a Restricted Data Token
	 * (Tokens API use case guide, "Restricted report types").
	 */
	restricted?: boolean;
}

const FINANCE = 'Finance and Accounting';
const FBA = 'Amazon Fulfillment';
const ORDERS = 'Inventory and Order Tracking';
const ANALYTICS = 'Selling Partner Insights';
/** Vendor analytics reports: Amazon's role mappings list Brand Analytics for them. */
const VENDOR_ANALYTICS = 'Brand Analytics';

const SETTLEMENT_V2_COLUMNS: Record<string, ColumnKind> = {
	'settlement-start-date': 'date',
	'settlement-end-date': 'date',
	'deposit-date': 'date',
	'total-amount': 'money',
	amount: 'money',
	'posted-date': 'date',
	'posted-date-time': 'date',
	'quantity-purchased': 'integer',
};

const SETTLEMENT_V1_COLUMNS: Record<string, ColumnKind> = {
	'settlement-start-date': 'date',
	'settlement-end-date': 'date',
	'deposit-date': 'date',
	'total-amount': 'money',
	'shipment-fee-amount': 'money',
	'order-fee-amount': 'money',
	'posted-date': 'date',
	'quantity-purchased': 'integer',
	'price-amount': 'money',
	'item-related-fee-amount': 'money',
	'misc-fee-amount': 'money',
	'other-fee-amount': 'money',
	'promotion-amount': 'money',
	'direct-payment-amount': 'money',
	'other-amount': 'money',
};

const ALL_ORDERS_COLUMNS: Record<string, ColumnKind> = {
	'purchase-date': 'date',
	'last-updated-date': 'date',
	quantity: 'integer',
	'number-of-items': 'integer',
	'item-price': 'money',
	'item-tax': 'money',
	'shipping-price': 'money',
	'shipping-tax': 'money',
	'gift-wrap-price': 'money',
	'gift-wrap-tax': 'money',
	'item-promotion-discount': 'money',
	'ship-promotion-discount': 'money',
	'is-business-order': 'boolean',
};

/** Amazon VAT Transactions report: money columns stay exact text, quantities numbers, DD-MM-YYYY dates ISO. */
const VAT_TRANSACTION_COLUMNS: Record<string, ColumnKind> = {
	QTY: 'integer',
	TAX_CALCULATION_DATE: 'date',
	TRANSACTION_DEPART_DATE: 'date',
	TRANSACTION_ARRIVAL_DATE: 'date',
	TRANSACTION_COMPLETE_DATE: 'date',
	...Object.fromEntries(
		[
			'PRICE_OF_ITEMS_AMT_VAT_EXCL', 'PROMO_PRICE_OF_ITEMS_AMT_VAT_EXCL', 'TOTAL_PRICE_OF_ITEMS_AMT_VAT_EXCL', 'SHIP_CHARGE_AMT_VAT_EXCL',
			'PROMO_SHIP_CHARGE_AMT_VAT_EXCL', 'TOTAL_SHIP_CHARGE_AMT_VAT_EXCL', 'GIFT_WRAP_AMT_VAT_EXCL', 'PROMO_GIFT_WRAP_AMT_VAT_EXCL',
			'TOTAL_GIFT_WRAP_AMT_VAT_EXCL', 'TOTAL_ACTIVITY_VALUE_AMT_VAT_EXCL', 'PRICE_OF_ITEMS_VAT_AMT', 'TOTAL_PRICE_OF_ITEMS_VAT_AMT',
			'TOTAL_SHIP_CHARGE_VAT_AMT', 'TOTAL_GIFT_WRAP_VAT_AMT', 'TOTAL_ACTIVITY_VALUE_VAT_AMT', 'TOTAL_PRICE_OF_ITEMS_AMT_VAT_INCL',
			'TOTAL_SHIP_CHARGE_AMT_VAT_INCL', 'TOTAL_GIFT_WRAP_AMT_VAT_INCL', 'TOTAL_ACTIVITY_VALUE_AMT_VAT_INCL', 'VAT_INV_CONVERTED_AMT',
		].map((column) => [column, 'money' as const]),
	),
};

/** Sales Tax Report (US): money exact, dates ISO. */
const SALES_TAX_COLUMNS: Record<string, ColumnKind> = {
	Order_Date: 'date',
	Shipment_Date: 'date',
	'Tax_Calculated_Date (UTC)': 'date',
	Posted_Date: 'date',
	Quantity: 'integer',
	Display_Price: 'money',
	TaxExclusive_Selling_Price: 'money',
	Total_Tax: 'money',
	Total_Tax_Collected_By_Amazon: 'money',
	Tax_Amount: 'money',
	Tax_Amount_Collected_By_Amazon: 'money',
	NonTaxable_Amount: 'money',
	Taxable_Amount: 'money',
	Display_Price_Tax_Inclusive: 'boolean',
};

/** GST Merchant Tax Reports (India): invoice amounts exact. */
const GST_MTR_COLUMNS: Record<string, ColumnKind> = {
	'Invoice Date': 'date',
	'Order Date': 'date',
	'Shipment Date': 'date',
	Quantity: 'integer',
	'Invoice Amount': 'money',
	'Tax Exclusive Gross': 'money',
	'Total Tax Amount': 'money',
	'Cgst Tax': 'money',
	'Sgst Tax': 'money',
	'Igst Tax': 'money',
	'Utgst Tax': 'money',
	'Shipping Amount': 'money',
	'Shipping Amount Basis': 'money',
	'Item Promo Discount': 'money',
	'Tcs Cgst Amount': 'money',
	'Tcs Sgst Amount': 'money',
	'Tcs Igst Amount': 'money',
};

const TAX_REMITTANCE = 'Tax Remittance (Restricted)';
const TAX_INVOICING = 'Tax Invoicing (Restricted)';

type Row = [type: string, category: ReportCategory, name: string, description: string, format: ReportFormat, roles?: string, extra?: Partial<KnownReportType>];

const ROWS: Row[] = [
	// Settlement: created by Amazon for every settlement period; they cannot be requested or scheduled.
	['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', 'Settlement', 'Settlement report (flat file)', 'Every transaction of one settlement period, one line per charge, fee or promotion column set. Created by Amazon only.', 'tsv', FINANCE, { requestable: false, columns: SETTLEMENT_V1_COLUMNS }],
	['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'Settlement', 'Settlement report V2 (flat file)', 'Every amount of one settlement period, one line per amount with type, description and posting time. Created by Amazon only.', 'tsv', FINANCE, { requestable: false, columns: SETTLEMENT_V2_COLUMNS }],
	['GET_V2_SETTLEMENT_REPORT_DATA_XML', 'Settlement', 'Settlement report (XML)', 'One settlement period as XML: orders, refunds, other transactions and advertising charges. Created by Amazon only.', 'xml', FINANCE, {
		requestable: false,
		xml: {
			recordPath: ['AmazonEnvelope', 'Message', 'SettlementReport', '*'],
			arrays: ['Item', 'AdjustedItem', 'Component', 'Fee', 'Promotion', 'PromotionAdjustment', 'OtherTransactionItem', 'DirectPayment'],
		},
	}],
	// Payments and fees
	['GET_DATE_RANGE_FINANCIAL_TRANSACTION_DATA', 'Payments & fees', 'Date range transaction report', 'All payment transactions (orders, refunds, fees, transfers) between two dates, as CSV.', 'csv', FINANCE],
	['GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA', 'Payments & fees', 'FBA fee preview', 'Estimated FBA fulfilment and referral fees for each active SKU.', 'tsv', FBA],
	['GET_FBA_STORAGE_FEE_CHARGES_DATA', 'Payments & fees', 'FBA monthly storage fees', 'Storage fees charged per ASIN and fulfilment centre for a month.', 'tsv', FBA],
	['GET_FBA_FULFILLMENT_LONGTERM_STORAGE_FEE_CHARGES_DATA', 'Payments & fees', 'FBA long-term storage fees', 'Long-term storage fees charged on the monthly assessment date.', 'tsv', FBA],
	['GET_REFERRAL_FEE_PREVIEW_REPORT', 'Payments & fees', 'Referral fee preview', 'Estimated referral fees for your active listings.', 'tsv', ORDERS],
	// Returns and reimbursements
	['GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', 'Returns & reimbursements', 'FBA customer returns', 'Items customers returned to Amazon fulfilment centres, with return reason, disposition and status.', 'tsv', FBA, {
		columns: { 'return-date': 'date', quantity: 'integer' },
	}],
	['GET_FBA_REIMBURSEMENTS_DATA', 'Returns & reimbursements', 'FBA reimbursements', 'Money and units Amazon reimbursed for lost, damaged or returned FBA inventory, with reasons.', 'tsv', FBA, {
		columns: {
			'approval-date': 'date',
			'amount-per-unit': 'money',
			'amount-total': 'money',
			'quantity-reimbursed-cash': 'integer',
			'quantity-reimbursed-inventory': 'integer',
			'quantity-reimbursed-total': 'integer',
		},
	}],
	['GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', 'Returns & reimbursements', 'Seller-fulfilled returns (flat file)', 'Returns of orders you ship yourself, by return request date (at most 60 days per report), with reason codes and status.', 'tsv', ORDERS, {
		maxRangeDays: 60,
		columns: {
			'Order date': 'date',
			'Return request date': 'date',
			'Return delivery date': 'date',
			'Label cost': 'money',
			'Return quantity': 'integer',
			'Order Amount': 'money',
			'Order quantity': 'integer',
			'SafeT claim reimbursement amount': 'money',
			'Refunded Amount': 'money',
			'A-to-Z Claim': 'boolean',
			'Is prime': 'boolean',
			'In policy': 'boolean',
		},
	}],
	['GET_XML_RETURNS_DATA_BY_RETURN_DATE', 'Returns & reimbursements', 'Seller-fulfilled returns (XML)', 'The same returns as the flat file, as XML with one record per return and its items.', 'xml', ORDERS, {
		maxRangeDays: 60,
		xml: { recordPath: ['AmazonEnvelope', 'Message', 'return_details'], arrays: ['item_details'] },
	}],
	['GET_CSV_MFN_PRIME_RETURNS_REPORT', 'Returns & reimbursements', 'Prime seller-fulfilled returns (CSV)', 'Returns of Prime orders you fulfil yourself, as CSV.', 'csv', ORDERS],
	['GET_XML_MFN_PRIME_RETURNS_REPORT', 'Returns & reimbursements', 'Prime seller-fulfilled returns (XML)', 'Returns of Prime orders you fulfil yourself, as XML.', 'xml', ORDERS],
	['GET_FLAT_FILE_MFN_SKU_RETURN_ATTRIBUTES_REPORT', 'Returns & reimbursements', 'Return attributes by SKU (flat file)', 'Return settings per SKU for seller-fulfilled orders.', 'tsv', ORDERS],
	['GET_FBA_FULFILLMENT_CUSTOMER_SHIPMENT_REPLACEMENT_DATA', 'Returns & reimbursements', 'FBA replacements', 'Replacement units Amazon shipped to customers, with the original order.', 'tsv', FBA],
	// Orders
	['GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL', 'Orders', 'All orders by last update (flat file)', 'Every order and order item updated in the date range, whatever its status or channel.', 'tsv', ORDERS, { columns: ALL_ORDERS_COLUMNS }],
	['GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL', 'Orders', 'All orders by order date (flat file)', 'Every order and order item placed in the date range, whatever its status or channel.', 'tsv', ORDERS, { columns: ALL_ORDERS_COLUMNS }],
	['GET_XML_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL', 'Orders', 'All orders by last update (XML)', 'Orders updated in the date range, as XML.', 'xml', ORDERS],
	['GET_XML_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL', 'Orders', 'All orders by order date (XML)', 'Orders placed in the date range, as XML.', 'xml', ORDERS],
	['GET_FLAT_FILE_ARCHIVED_ORDERS_DATA_BY_ORDER_DATE', 'Orders', 'Archived orders (flat file)', 'Orders older than 18 months, by order date.', 'tsv', ORDERS],
	['GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING', 'Orders', 'Unshipped orders', 'Seller-fulfilled orders that still need to be shipped.', 'tsv', ORDERS],
	['GET_ORDER_REPORT_DATA_INVOICING', 'Orders', 'Order invoicing report (XML)', 'Orders with invoicing details, as XML.', 'xml', ORDERS],
	['GET_ORDER_REPORT_DATA_SHIPPING', 'Orders', 'Order shipping report (XML)', 'Orders with shipping details, as XML.', 'xml', ORDERS],
	['GET_FLAT_FILE_ORDER_REPORT_DATA_INVOICING', 'Orders', 'Order invoicing report (flat file)', 'Orders with invoicing details.', 'tsv', ORDERS],
	['GET_FLAT_FILE_ORDER_REPORT_DATA_SHIPPING', 'Orders', 'Order shipping report (flat file)', 'Orders with shipping details.', 'tsv', ORDERS],
	['GET_FLAT_FILE_ORDER_REPORT_DATA_TAX', 'Orders', 'Order tax report (flat file)', 'Orders with tax details.', 'tsv', ORDERS],
	['GET_FLAT_FILE_PENDING_ORDERS_DATA', 'Orders', 'Pending orders (flat file)', 'Orders not yet paid or not yet ready to ship.', 'tsv', ORDERS],
	['GET_PENDING_ORDERS_DATA', 'Orders', 'Pending orders (XML)', 'Orders not yet paid or not yet ready to ship, as XML.', 'xml', ORDERS],
	['GET_CONVERGED_FLAT_FILE_PENDING_ORDERS_DATA', 'Orders', 'Pending orders, converged (flat file)', 'Pending orders in the converged layout.', 'tsv', ORDERS],
	// FBA shipments and removals
	['GET_AMAZON_FULFILLED_SHIPMENTS_DATA_GENERAL', 'FBA shipments & removals', 'FBA Amazon-fulfilled shipments', 'Shipped FBA order items with prices, carrier and tracking (up to one month per report).', 'tsv', FBA],
	['GET_AMAZON_FULFILLED_SHIPMENTS_DATA_INVOICING', 'FBA shipments & removals', 'FBA shipments for invoicing', 'Shipped FBA order items with billing details.', 'tsv', FBA],
	['GET_AMAZON_FULFILLED_SHIPMENTS_DATA_TAX', 'FBA shipments & removals', 'FBA shipments with tax', 'Shipped FBA order items with tax details.', 'tsv', FBA],
	['GET_FBA_FULFILLMENT_CUSTOMER_SHIPMENT_SALES_DATA', 'FBA shipments & removals', 'FBA customer shipment sales', 'Units sold and shipped by Amazon, per shipment and SKU.', 'tsv', FBA],
	['GET_FBA_FULFILLMENT_CUSTOMER_SHIPMENT_PROMOTION_DATA', 'FBA shipments & removals', 'FBA promotions', 'Promotions applied to FBA customer shipments.', 'tsv', FBA],
	['GET_FBA_FULFILLMENT_CUSTOMER_TAXES_DATA', 'FBA shipments & removals', 'FBA customer taxes', 'Taxes on FBA customer shipments.', 'tsv', FBA],
	['GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA', 'FBA shipments & removals', 'FBA removal orders', 'Removal orders (return to you or disposal) and their status.', 'tsv', FBA],
	['GET_FBA_FULFILLMENT_REMOVAL_SHIPMENT_DETAIL_DATA', 'FBA shipments & removals', 'FBA removal shipments', 'Shipments of removal orders with carrier and tracking.', 'tsv', FBA],
	['GET_FBA_FULFILLMENT_INBOUND_NONCOMPLIANCE_DATA', 'FBA shipments & removals', 'FBA inbound problems', 'Problems Amazon found with your inbound shipments.', 'tsv', FBA],
	// Inventory
	['GET_AFN_INVENTORY_DATA', 'Inventory', 'FBA inventory (Amazon-fulfilled)', 'Units in Amazon fulfilment centres per SKU, sellable or not.', 'tsv', FBA],
	['GET_AFN_INVENTORY_DATA_BY_COUNTRY', 'Inventory', 'FBA inventory by country', 'Amazon-fulfilled inventory per SKU and country (Europe).', 'tsv', FBA],
	['GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', 'Inventory', 'FBA manage inventory', 'Current FBA inventory of active listings: fulfillable, unsellable, reserved and inbound units.', 'tsv', FBA],
	['GET_FBA_MYI_ALL_INVENTORY_DATA', 'Inventory', 'FBA manage inventory (archived too)', 'Current FBA inventory including archived listings.', 'tsv', FBA],
	['GET_FBA_INVENTORY_PLANNING_DATA', 'Inventory', 'FBA inventory planning', 'Inventory age, sell-through, excess and storage cost estimates per SKU.', 'tsv', FBA],
	['GET_RESTOCK_INVENTORY_RECOMMENDATIONS_REPORT', 'Inventory', 'Restock recommendations', 'How much Amazon suggests to restock per SKU, and when.', 'tsv', FBA],
	['GET_LEDGER_SUMMARY_VIEW_DATA', 'Inventory', 'Inventory ledger summary', 'Starting and ending FBA units with receipts, shipments, returns and adjustments per period.', 'tsv', FBA],
	['GET_LEDGER_DETAIL_VIEW_DATA', 'Inventory', 'Inventory ledger detail', 'Every FBA inventory movement with its reason.', 'tsv', FBA],
	['GET_RESERVED_INVENTORY_DATA', 'Inventory', 'Reserved inventory', 'Units reserved for customer orders, transfers or processing.', 'tsv', FBA],
	['GET_STRANDED_INVENTORY_UI_DATA', 'Inventory', 'Stranded inventory', 'FBA inventory without an active offer, with the reason.', 'tsv', FBA],
	['GET_EXCESS_INVENTORY_DATA', 'Inventory', 'Excess inventory', 'SKUs with more stock than demand, with suggested actions.', 'tsv', FBA],
	['GET_FBA_RECOMMENDED_REMOVAL_DATA', 'Inventory', 'Recommended removals', 'Units Amazon suggests removing before long-term storage fees.', 'tsv', FBA],
	// Listings
	['GET_MERCHANT_LISTINGS_ALL_DATA', 'Listings', 'All listings', 'Every listing (active and inactive) with SKU, ASIN, price and quantity.', 'tsv', ORDERS, { columns: { price: 'money', quantity: 'integer', 'open-date': 'date' } }],
	['GET_MERCHANT_LISTINGS_DATA', 'Listings', 'Active listings', 'Active listings with SKU, ASIN, price and quantity.', 'tsv', ORDERS, { columns: { price: 'money', quantity: 'integer', 'open-date': 'date' } }],
	['GET_MERCHANT_LISTINGS_INACTIVE_DATA', 'Listings', 'Inactive listings', 'Listings that are not active, with the reason when known.', 'tsv', ORDERS],
	['GET_MERCHANT_LISTINGS_DATA_BACK_COMPAT', 'Listings', 'Open listings (compatible layout)', 'Active listings in the older layout.', 'tsv', ORDERS],
	['GET_MERCHANT_LISTINGS_DATA_LITE', 'Listings', 'Open listings lite', 'SKU, ASIN, price and quantity of listings with stock.', 'tsv', ORDERS],
	['GET_MERCHANT_LISTINGS_DATA_LITER', 'Listings', 'Open listings liter', 'SKU and quantity of listings with stock.', 'tsv', ORDERS],
	['GET_MERCHANT_CANCELLED_LISTINGS_DATA', 'Listings', 'Cancelled listings', 'Listings you cancelled.', 'tsv', ORDERS],
	['GET_FLAT_FILE_OPEN_LISTINGS_DATA', 'Listings', 'Inventory report', 'SKU, ASIN, price and quantity of your offers.', 'tsv', ORDERS],
	['GET_MERCHANTS_LISTINGS_FYP_REPORT', 'Listings', 'Suppressed listings', 'Listings hidden from search and why.', 'tsv', ORDERS],
	['GET_PAN_EU_OFFER_STATUS', 'Listings', 'Pan-European FBA status', 'Pan-EU eligibility and enrolment per SKU.', 'tsv', FBA],
	// Performance and analytics
	['GET_SELLER_FEEDBACK_DATA', 'Performance & analytics', 'Seller feedback', 'Buyer feedback you received: rating, comment, order id.', 'tsv', ORDERS],
	['GET_V1_SELLER_PERFORMANCE_REPORT', 'Performance & analytics', 'Seller performance (XML)', 'Account health metrics such as order defect and late shipment rates.', 'xml', ORDERS],
	['GET_V2_SELLER_PERFORMANCE_REPORT', 'Performance & analytics', 'Account health (JSON)', 'Account health metrics and policy compliance, as JSON.', 'json', ORDERS],
	['GET_SALES_AND_TRAFFIC_REPORT', 'Performance & analytics', 'Sales and traffic (JSON)', 'Sales, units, page views and sessions by date and by ASIN.', 'json', ANALYTICS],
	['GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT', 'Performance & analytics', 'Brand Analytics search terms (JSON)', 'Top search terms and the products customers clicked (brand owners only).', 'json', 'Brand Analytics'],
	['GET_PROMOTION_PERFORMANCE_REPORT', 'Performance & analytics', 'Promotion performance (JSON)', 'Sales and units of your promotions.', 'json', ANALYTICS],
	['GET_COUPON_PERFORMANCE_REPORT', 'Performance & analytics', 'Coupon performance (JSON)', 'Redemptions, budget and sales of your coupons.', 'json', ANALYTICS],
	// Vendor (1P): JSON, one flat row per element with exact money (nodes/sp-api/reports/jsonShapes.ts)
	['GET_VENDOR_SALES_REPORT', 'Vendor (1P)', 'Vendor sales (JSON)', 'Shipped revenue, cost of goods, units and customer returns, in total and per ASIN. Report options: reportPeriod, distributorView, sellingProgram.', 'json', VENDOR_ANALYTICS],
	['GET_VENDOR_TRAFFIC_REPORT', 'Vendor (1P)', 'Vendor traffic (JSON)', 'Detail page views (glance views), in total and per ASIN. Report option: reportPeriod.', 'json', VENDOR_ANALYTICS],
	['GET_VENDOR_INVENTORY_REPORT', 'Vendor (1P)', 'Vendor inventory (JSON)', 'Units and cost received, on hand, aged and open on POs, fill and confirmation rates, in total and per ASIN. Report options: reportPeriod, distributorView, sellingProgram.', 'json', VENDOR_ANALYTICS],
	['GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT', 'Vendor (1P)', 'Vendor net pure product margin (JSON)', "Amazon's margin on your products, in total and per ASIN. Report option: reportPeriod.", 'json', VENDOR_ANALYTICS],
	['GET_VENDOR_FORECASTING_REPORT', 'Vendor (1P)', 'Vendor demand forecast (JSON)', "Amazon's forecast of customer demand per ASIN and week (mean, P70, P80, P90). Report option: sellingProgram.", 'json', VENDOR_ANALYTICS],
	['GET_VENDOR_REAL_TIME_SALES_REPORT', 'Vendor (1P)', 'Vendor real-time sales (JSON)', 'Ordered units and revenue per ASIN and hour.', 'json', VENDOR_ANALYTICS],
	['GET_VENDOR_REAL_TIME_INVENTORY_REPORT', 'Vendor (1P)', 'Vendor real-time inventory (JSON)', 'Highly available inventory per ASIN and hour.', 'json', VENDOR_ANALYTICS],
	['GET_VENDOR_REAL_TIME_TRAFFIC_REPORT', 'Vendor (1P)', 'Vendor real-time traffic (JSON)', 'Glance views per ASIN and hour.', 'json', VENDOR_ANALYTICS],
	// Tax and invoices
	// Roles as Amazon's "Tax Reports" and "Invoice Data Reports" pages state them. The sales tax report
	// cannot be requested: the seller generates it in Seller Central's Tax Document Library.
	['GET_FLAT_FILE_SALES_TAX_DATA', 'Tax & invoices', 'Sales tax report', 'Sales tax calculated on orders (US).', 'tsv', TAX_REMITTANCE, { requestable: false, columns: SALES_TAX_COLUMNS }],
	['SC_VAT_TAX_REPORT', 'Tax & invoices', 'VAT calculation report', 'VAT on sales, refunds and fees (Europe).', 'csv', TAX_INVOICING, { restricted: true }],
	['GET_VAT_TRANSACTION_DATA', 'Tax & invoices', 'VAT transactions', 'Every transaction with its VAT details (Europe).', 'csv', TAX_INVOICING, { restricted: true, columns: VAT_TRANSACTION_COLUMNS }],
	['GET_GST_MTR_B2C_CUSTOM', 'Tax & invoices', 'GST merchant tax report B2C (on demand)', 'Sales, refunds and cancellations of consumer invoices in a date range, for GST filing (India).', 'tsv', TAX_REMITTANCE, { columns: GST_MTR_COLUMNS }],
	['GET_GST_MTR_B2B_CUSTOM', 'Tax & invoices', 'GST merchant tax report B2B (on demand)', 'Sales, refunds and cancellations of Amazon Business invoices in a date range, for GST filing (India).', 'tsv', TAX_REMITTANCE, { restricted: true, columns: GST_MTR_COLUMNS }],
	['GET_FLAT_FILE_VAT_INVOICE_DATA_REPORT', 'Tax & invoices', 'VAT invoice data (flat file)', 'Data needed to issue VAT invoices for your orders.', 'tsv', TAX_INVOICING],
	['GET_XML_VAT_INVOICE_DATA_REPORT', 'Tax & invoices', 'VAT invoice data (XML)', 'Data needed to issue VAT invoices, as XML.', 'xml', TAX_INVOICING],
];

export const KNOWN_REPORT_TYPES: readonly KnownReportType[] = ROWS.map(([type, category, name, description, format, roles, extra]) => ({
	type,
	category,
	name,
	description,
	format,
	requestable: true,
	roles,
	...extra,
}));

const BY_TYPE = new Map(KNOWN_REPORT_TYPES.map((known) => [known.type, known]));

export function findReportType(type: string | undefined): KnownReportType | undefined {
	return type ? BY_TYPE.get(type.trim()) : undefined;
}

/**
 * Report types whose documents Amazon hands out only with a Restricted Data Token (Tokens API use case
 * guide, "Restricted report types"), also those not in the picker.
 */
const RESTRICTED_REPORT_TYPES = new Set([
	'GET_AMAZON_FULFILLED_SHIPMENTS_DATA_INVOICING', 'GET_AMAZON_FULFILLED_SHIPMENTS_DATA_TAX', 'GET_FLAT_FILE_ACTIONABLE_ORDER_DATA_SHIPPING',
	'GET_FLAT_FILE_ORDER_REPORT_DATA_SHIPPING', 'GET_FLAT_FILE_ORDER_REPORT_DATA_INVOICING', 'GET_FLAT_FILE_ORDER_REPORT_DATA_TAX',
	'GET_FLAT_FILE_ORDERS_RECONCILIATION_DATA_TAX', 'GET_FLAT_FILE_ORDERS_RECONCILIATION_DATA_INVOICING', 'GET_FLAT_FILE_ORDERS_RECONCILIATION_DATA_SHIPPING',
	'GET_ORDER_REPORT_DATA_INVOICING', 'GET_ORDER_REPORT_DATA_TAX', 'GET_ORDER_REPORT_DATA_SHIPPING', 'GET_EASYSHIP_DOCUMENTS',
	...KNOWN_REPORT_TYPES.filter((known) => known.restricted).map((known) => known.type),
]);

export function isRestrictedReportType(type: string | undefined): boolean {
	return type !== undefined && RESTRICTED_REPORT_TYPES.has(type.trim());
}

export const SETTLEMENT_REPORT_TYPES = [
	'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE',
	'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
	'GET_V2_SETTLEMENT_REPORT_DATA_XML',
] as const;

export type SettlementReportType = (typeof SETTLEMENT_REPORT_TYPES)[number];

export function isSettlementReportType(type: string): type is SettlementReportType {
	return (SETTLEMENT_REPORT_TYPES as readonly string[]).includes(type.trim());
}

/** Report type names as Amazon writes them: upper case, digits and underscores. */
export const REPORT_TYPE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

/**
 * What a search matches: type, name, category and description in English and in Chinese, plus
 * Chinese search words (退货, 结算, 库存, 广告, …) — in either editor language, since nothing of it is shown.
 */
function searchTextOf(known: KnownReportType): string {
	const chinese = (text: string) => translateText(text, 'zh-CN');
	return [
		known.type,
		known.name,
		known.category,
		known.description,
		chinese(known.name),
		chinese(known.category),
		chinese(known.description),
		REPORT_SEARCH_WORDS[known.category] ?? '',
		REPORT_SEARCH_WORDS[known.type] ?? '',
	]
		.join(' ')
		.toLowerCase();
}

let searchTexts: Map<KnownReportType, string> | undefined;

/** Case-insensitive search (every word must match) for the node's picker. */
export function searchReportTypes(filter: string | undefined): KnownReportType[] {
	const words = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return [...KNOWN_REPORT_TYPES];
	searchTexts ??= new Map(KNOWN_REPORT_TYPES.map((known) => [known, searchTextOf(known)]));
	const texts = searchTexts;
	return KNOWN_REPORT_TYPES.filter((known) => words.every((word) => (texts.get(known) ?? '').includes(word)));
}
