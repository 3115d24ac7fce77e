/**
 * GET_VENDOR_SALES_REPORT (schemas/reports/vendorSalesReport.json) from the vendor's receipts: the units
 * Amazon received of each ASIN in the range count as shipped to customers, at the PO's list price
 * (revenue) and net cost (cost of goods). One aggregate row and one row per ASIN for the whole range
 * (reportPeriod as asked), amounts as JSON numbers the way Amazon sends them.
 */
import type { VendorData } from '../../data/vendor';
import { minorToAmount } from '../../money';
import { isoDay } from './format';

export interface VendorSalesRequest {
	start: number;
	end: number;
	marketplaceIds: string[];
	reportOptions: Record<string, string>;
	createdAt: number;
}

interface Totals {
	units: number;
	revenueMinor: number;
	cogsMinor: number;
}

/** Per ASIN (in the marketplaces asked for, one currency each): what Amazon received in [start, end]. */
export function vendorSalesByAsin(data: VendorData, request: VendorSalesRequest): Map<string, Totals & { currency: string }> {
	const byAsin = new Map<string, Totals & { currency: string }>();
	for (const po of data.purchaseOrders.filter((candidate) => request.marketplaceIds.includes(candidate.marketplaceId))) {
		for (const receipt of po.receipts.filter((entry) => entry.at >= request.start && entry.at <= request.end && entry.at <= request.createdAt)) {
			const line = po.lines.find((candidate) => candidate.itemSequenceNumber === receipt.itemSequenceNumber)!;
			const found = byAsin.get(line.asin) ?? { units: 0, revenueMinor: 0, cogsMinor: 0, currency: po.currency };
			found.units += receipt.eaches;
			found.revenueMinor += receipt.eaches * line.listPriceMinor;
			found.cogsMinor += receipt.eaches * line.netCostMinor;
			byAsin.set(line.asin, found);
		}
	}
	return byAsin;
}

export function vendorSalesDocument(data: VendorData, request: VendorSalesRequest): string {
	const byAsin = vendorSalesByAsin(data, request);
	const currency = [...byAsin.values()][0]?.currency ?? 'USD';
	const money = (minor: number) => ({ amount: minorToAmount(minor, currency), currencyCode: currency });
	const period = { startDate: isoDay(request.start), endDate: isoDay(request.end) };
	const sum = (pick: (totals: Totals) => number) => [...byAsin.values()].reduce((total, entry) => total + pick(entry), 0);
	return JSON.stringify({
		reportSpecification: {
			reportType: 'GET_VENDOR_SALES_REPORT',
			reportOptions: { distributorView: 'MANUFACTURING', reportPeriod: 'WEEK', sellingProgram: 'RETAIL', ...request.reportOptions },
			lastUpdatedDate: isoDay(request.createdAt),
			dataStartTime: period.startDate,
			dataEndTime: period.endDate,
			marketplaceIds: request.marketplaceIds,
		},
		salesAggregate: [{ ...period, customerReturns: 0, orderedUnits: sum((t) => t.units), shippedCogs: money(sum((t) => t.cogsMinor)), shippedRevenue: money(sum((t) => t.revenueMinor)), shippedUnits: sum((t) => t.units) }],
		salesByAsin: [...byAsin.entries()]
			.sort(([a], [b]) => (a < b ? -1 : 1))
			.map(([asin, totals]) => ({ ...period, asin, customerReturns: 0, orderedUnits: totals.units, shippedCogs: money(totals.cogsMinor), shippedRevenue: money(totals.revenueMinor), shippedUnits: totals.units })),
	});
}
