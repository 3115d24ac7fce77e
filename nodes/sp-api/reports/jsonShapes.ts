/**
 * Rows a person can read from Amazon's JSON analytics reports whose schema ACORN knows
 * (generated/jsonReportShapes.generated.ts, from schemas/reports): each element of a section becomes one
 * flat row, money `{amount, currencyCode}` becomes the exact amount as text plus a "…Currency" column,
 * a revenue whose currency the report names once (real-time sales) gets that currency, and the
 * reportSpecification becomes one row with its options spread out. A row missing a field Amazon's schema
 * says is always there is kept and flagged, never dropped.
 */
import { JSON_REPORT_SHAPES, type JsonReportShape } from '../generated/jsonReportShapes.generated';
import { currencyDecimals, formatDecimal, parseDecimal } from '../money';
import type { ReportRow } from './types';
import { tr } from '../i18n/translate';

export function jsonShapeOf(reportType: string | undefined): JsonReportShape | undefined {
	return reportType ? JSON_REPORT_SHAPES[reportType.trim()] : undefined;
}

type Values = Record<string, unknown>;

/** An amount Amazon sent as a JSON number, as exact text with the currency's decimals ("2345.50", JPY "1500"). */
function amountText(value: unknown, currency: string | undefined): string | undefined {
	if (typeof value !== 'number' && typeof value !== 'string') return undefined;
	try {
		const decimal = parseDecimal(value);
		return formatDecimal(decimal, currency ? currencyDecimals(currency) : 0);
	} catch {
		return undefined;
	}
}

function specificationRow(values: Values): Values {
	const options = values.reportOptions && typeof values.reportOptions === 'object' ? (values.reportOptions as Values) : {};
	const out: Values = { ...values };
	delete out.reportOptions;
	if (Array.isArray(out.marketplaceIds)) out.marketplaceIds = out.marketplaceIds.join(',');
	return { ...out, ...options };
}

/** Shapes the rows of one document (remembers the currency the specification names). */
export class JsonRowShaper {
	private currency?: string;

	constructor(private readonly shape: JsonReportShape) {}

	apply(row: ReportRow): ReportRow {
		if (row.problem) return row;
		if (row.section === 'reportSpecification') {
			const values = specificationRow(row.values);
			if (typeof values.currencyCode === 'string') this.currency = values.currencyCode;
			return { ...row, values };
		}
		const section = row.section ? this.shape.sections[row.section] : undefined;
		if (!section) return row;
		const out: Values = {};
		for (const [name, value] of Object.entries(row.values)) {
			const kind = section.fields[name];
			if (kind === 'money' && value && typeof value === 'object') {
				const money = value as Values;
				const currency = typeof money.currencyCode === 'string' ? money.currencyCode : undefined;
				out[name] = amountText(money.amount, currency) ?? money.amount;
				out[`${name}Currency`] = currency;
			} else if (kind === 'specMoney') {
				out[name] = amountText(value, this.currency) ?? value;
				if (this.currency) out[`${name}Currency`] = this.currency;
			} else {
				out[name] = value;
			}
		}
		const missing = section.required.filter((name) => row.values[name] === undefined || row.values[name] === null);
		if (!missing.length) return { ...row, values: out };
		const problem =
			missing.length === 1
				? tr`line ${row.line}: ${missing[0]} missing (Amazon's schema of this report always has it)`
				: tr`line ${row.line}: ${missing.join(', ')} missing (Amazon's schema of this report always has them)`;
		return { ...row, values: out, problem };
	}
}
