/**
 * Amazon's seller performance report (GET_V2_SELLER_PERFORMANCE_REPORT, JSON, schema
 * accountHealthReport-2020-11-18.json) as one row per store and metric: the rate as Amazon gives it,
 * Amazon's target and condition, the seller's own threshold, and whether the metric is past it.
 *
 * Rates are compared as exact decimals (the JSON number's shortest text), never with floating-point
 * arithmetic. Without a threshold of the seller's, a metric is judged by the target the report states,
 * and where the report states none, by Amazon's published targets (Seller Central help "Seller
 * performance measurement": order defect rate under 1 %, pre-fulfilment cancel rate under 2.5 %, late
 * shipment rate under 4 %, valid tracking rate 95 %; on-time delivery rate above 90 %).
 */
import { compareDecimals, formatDecimal, parseDecimal, type Decimal } from '../money';

export const ACCOUNT_HEALTH_REPORT_TYPE = 'GET_V2_SELLER_PERFORMANCE_REPORT';

export type HealthMetric = 'orderDefectRate' | 'lateShipmentRate' | 'preFulfillmentCancellationRate' | 'validTrackingRate' | 'onTimeDeliveryRate';
export type TargetCondition = 'LESS_THAN' | 'GREATER_THAN';

export interface MetricDefinition {
	metric: HealthMetric;
	name: string;
	/** Property names in the report; the schema's example spells some differently from its definition. */
	keys: readonly string[];
	/** Amazon's published target, in percent. */
	targetPercent: string;
	condition: TargetCondition;
	/** Property holding the number the rate is counted from, and the count itself. */
	totalKey: string;
	countKey: string;
}

export const HEALTH_METRICS: readonly MetricDefinition[] = [
	{ metric: 'orderDefectRate', name: 'Order defect rate', keys: ['orderDefectRate'], targetPercent: '1', condition: 'LESS_THAN', totalKey: 'orderCount', countKey: 'orderWithDefects' },
	{ metric: 'lateShipmentRate', name: 'Late shipment rate', keys: ['lateShipmentRate'], targetPercent: '4', condition: 'LESS_THAN', totalKey: 'orderCount', countKey: 'lateShipmentCount' },
	{
		metric: 'preFulfillmentCancellationRate',
		name: 'Pre-fulfilment cancel rate',
		keys: ['preFulfillmentCancellationRate', 'prefulfillmentCancelRate'],
		targetPercent: '2.5',
		condition: 'LESS_THAN',
		totalKey: 'orderCount',
		countKey: 'cancellationCount',
	},
	{ metric: 'validTrackingRate', name: 'Valid tracking rate', keys: ['validTrackingRate'], targetPercent: '95', condition: 'GREATER_THAN', totalKey: 'shipmentCount', countKey: 'validTrackingCount' },
	{ metric: 'onTimeDeliveryRate', name: 'On-time delivery rate', keys: ['onTimeDeliveryRate'], targetPercent: '90', condition: 'GREATER_THAN', totalKey: 'shipmentCountWithValidTracking', countKey: 'onTimeDeliveryCount' },
];

export const DEFAULT_HEALTH_METRICS: readonly HealthMetric[] = ['orderDefectRate', 'lateShipmentRate', 'preFulfillmentCancellationRate', 'validTrackingRate'];

export function healthMetric(metric: HealthMetric): MetricDefinition {
	const found = HEALTH_METRICS.find((definition) => definition.metric === metric);
	if (!found) throw new RangeError(`unknown account health metric ${metric}`);
	return found;
}

export interface HealthRow {
	marketplaceId: string;
	metric: HealthMetric;
	/** Order defect rate: Amazon reports FBA (afn) and seller-fulfilled (mfn) orders separately. */
	fulfillmentType?: 'afn' | 'mfn';
	/** The rate as Amazon wrote it (a fraction, e.g. 0.0132). */
	rate: number;
	/** The rate in percent, exact (e.g. "1.32"). */
	ratePercent: string;
	/** Amazon's target in percent, from the report (or the published one). */
	targetPercent: string;
	condition: TargetCondition;
	/** The threshold the row was judged by, in percent. */
	thresholdPercent: string;
	thresholdSource: 'yours' | 'amazon';
	status: 'alert' | 'ok';
	/** Amazon's own verdict (GOOD, BAD, NONE). */
	amazonStatus?: string;
	accountStatus?: string;
	total?: number;
	count?: number;
	reportingDateFrom?: string;
	reportingDateTo?: string;
}

/** A fraction as percent text: 0.0132 → "1.32", 0.95 → "95". */
export function fractionToPercent(value: number | string): string {
	const d = parseDecimal(value);
	return formatDecimal(d.scale >= 2 ? { units: d.units, scale: d.scale - 2 } : { units: d.units * 10n ** BigInt(2 - d.scale), scale: 0 });
}

/** Half away from zero, to `scale` decimals: for messages only ("4.81"), never for the comparison. */
export function roundPercent(text: string, scale = 2): string {
	const d = parseDecimal(text);
	if (d.scale <= scale) return formatDecimal(d, 0);
	const divisor = 10n ** BigInt(d.scale - scale);
	const negative = d.units < 0n;
	const absolute = negative ? -d.units : d.units;
	const rounded = (absolute + divisor / 2n) / divisor;
	return formatDecimal({ units: negative ? -rounded : rounded, scale }, 0);
}

function isPast(value: Decimal, threshold: Decimal, condition: TargetCondition): boolean {
	const order = compareDecimals(value, threshold);
	return condition === 'LESS_THAN' ? order >= 0 : order <= 0;
}

function record(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function countOf(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	const nested = record(value)?.count;
	return typeof nested === 'number' ? nested : undefined;
}

export interface HealthSettings {
	metrics: readonly HealthMetric[];
	/** The seller's thresholds in percent (decimal text), by metric; missing = Amazon's target. */
	thresholds: Partial<Record<HealthMetric, string>>;
}

function rowOf(marketplaceId: string, definition: MetricDefinition, entry: Record<string, unknown>, settings: HealthSettings, accountStatus: string | undefined, fulfillmentType?: 'afn' | 'mfn'): HealthRow | undefined {
	const rate = entry.rate;
	if (typeof rate !== 'number' && typeof rate !== 'string') return undefined;
	const ratePercent = fractionToPercent(rate);
	const condition: TargetCondition = entry.targetCondition === 'GREATER_THAN' || entry.targetCondition === 'LESS_THAN' ? entry.targetCondition : definition.condition;
	const targetPercent = typeof entry.targetValue === 'number' ? fractionToPercent(entry.targetValue) : definition.targetPercent;
	const yours = settings.thresholds[definition.metric];
	const thresholdPercent = yours ?? targetPercent;
	const range = record(entry.reportingDateRange);
	return {
		marketplaceId,
		metric: definition.metric,
		fulfillmentType,
		rate: Number(rate),
		ratePercent,
		targetPercent,
		condition,
		thresholdPercent: formatDecimal(parseDecimal(thresholdPercent)),
		thresholdSource: yours === undefined ? 'amazon' : 'yours',
		status: isPast(parseDecimal(ratePercent), parseDecimal(thresholdPercent), condition) ? 'alert' : 'ok',
		amazonStatus: typeof entry.status === 'string' ? entry.status : undefined,
		accountStatus,
		total: typeof entry[definition.totalKey] === 'number' ? (entry[definition.totalKey] as number) : undefined,
		count: countOf(entry[definition.countKey]),
		reportingDateFrom: typeof range?.reportingDateFrom === 'string' ? range.reportingDateFrom : undefined,
		reportingDateTo: typeof range?.reportingDateTo === 'string' ? range.reportingDateTo : undefined,
	};
}

/**
 * The rows of one report document (already parsed JSON), store by store, metric by metric in the
 * order of `settings.metrics`. A metric the report leaves out (e.g. no seller-fulfilled orders) gives no row.
 */
export function accountHealthRows(document: unknown, settings: HealthSettings): HealthRow[] {
	const root = record(document);
	const statuses = new Map<string, string>();
	for (const status of Array.isArray(root?.accountStatuses) ? root.accountStatuses : []) {
		const entry = record(status);
		if (typeof entry?.marketplaceId === 'string' && typeof entry.status === 'string') statuses.set(entry.marketplaceId, entry.status);
	}
	const rows: HealthRow[] = [];
	for (const raw of Array.isArray(root?.performanceMetrics) ? root.performanceMetrics : []) {
		const store = record(raw);
		if (!store || typeof store.marketplaceId !== 'string') continue;
		const marketplaceId = store.marketplaceId;
		for (const metric of settings.metrics) {
			const definition = healthMetric(metric);
			const entry = record(definition.keys.map((key) => store[key]).find((value) => value !== undefined));
			if (!entry) continue;
			if (metric === 'orderDefectRate') {
				for (const type of ['mfn', 'afn'] as const) {
					const row = record(entry[type]) && rowOf(marketplaceId, definition, record(entry[type])!, settings, statuses.get(marketplaceId), type);
					if (row) rows.push(row);
				}
			} else {
				const row = rowOf(marketplaceId, definition, entry, settings, statuses.get(marketplaceId));
				if (row) rows.push(row);
			}
		}
	}
	return rows;
}
