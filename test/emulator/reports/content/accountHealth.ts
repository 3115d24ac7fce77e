/**
 * The seller performance report (GET_V2_SELLER_PERFORMANCE_REPORT), a JSON document in the shape of
 * Amazon's schema accountHealthReport-2020-11-18.json: `accountStatuses` and one `performanceMetrics`
 * entry per requested marketplace, each metric with its reporting window, counts, Amazon's status, the
 * rate, Amazon's target and the target condition.
 *
 * Counts are stable per seller and marketplace; the rates of most stores are well inside Amazon's
 * targets, and a few stores of the fixture sellers are outside one target on purpose (BREACHES), so a
 * health check has something to find. `accountHealthOf` is the truth the tests compare with.
 */
import { hashString } from '../../random';

const DAY_MS = 86_400_000;

export type HealthMetricKey = 'orderDefectRate' | 'lateShipmentRate' | 'preFulfillmentCancellationRate' | 'validTrackingRate' | 'onTimeDeliveryRate';

/** Amazon's published targets (Seller Central help "Seller performance measurement"), as the report states them. */
export const AMAZON_TARGETS: Record<HealthMetricKey, { targetValue: number; targetCondition: 'LESS_THAN' | 'GREATER_THAN'; windowDays: number }> = {
	orderDefectRate: { targetValue: 0.01, targetCondition: 'LESS_THAN', windowDays: 60 },
	lateShipmentRate: { targetValue: 0.04, targetCondition: 'LESS_THAN', windowDays: 30 },
	preFulfillmentCancellationRate: { targetValue: 0.025, targetCondition: 'LESS_THAN', windowDays: 7 },
	validTrackingRate: { targetValue: 0.95, targetCondition: 'GREATER_THAN', windowDays: 30 },
	onTimeDeliveryRate: { targetValue: 0.9, targetCondition: 'GREATER_THAN', windowDays: 30 },
};

/** Stores of the fixture sellers outside a target: seller id → marketplace id → metric → the rate to show. */
export const BREACHES: Record<string, Record<string, Partial<Record<HealthMetricKey, number>>>> = {
	A1ACORNSELLERNA: { ATVPDKIKX0DER: { lateShipmentRate: 0.0481 } },
	A1ACORNSELLEREU: { A1PA6795UKMFR9: { orderDefectRate: 0.0132 }, A1F83G8C2ARO7P: { validTrackingRate: 0.9312 } },
	A1ACORNSELLERFE: { A1VC38T7YXB528: { preFulfillmentCancellationRate: 0.031 } },
};

export interface MetricTruth {
	orderCount: number;
	count: number;
	/** count / orderCount (validTrackingRate and onTimeDeliveryRate: the good share). */
	rate: number;
	status: 'GOOD' | 'BAD';
}

export interface AccountHealthTruth {
	marketplaceId: string;
	accountStatus: 'NORMAL' | 'AT_RISK';
	/** End of every reporting window: the day before the report, 23:59 UTC. */
	reportingDateTo: number;
	metrics: Record<Exclude<HealthMetricKey, 'orderDefectRate'>, MetricTruth> & { orderDefectRate: { afn: MetricTruth; mfn: MetricTruth } };
}

function isGood(metric: HealthMetricKey, rate: number): boolean {
	const { targetValue, targetCondition } = AMAZON_TARGETS[metric];
	return targetCondition === 'LESS_THAN' ? rate < targetValue : rate > targetValue;
}

/** A metric with `orderCount` orders whose rate is near `wanted` (count rounded to whole orders). */
function metric(key: HealthMetricKey, orderCount: number, wanted: number): MetricTruth {
	const count = Math.round(wanted * orderCount);
	const rate = count / orderCount;
	return { orderCount, count, rate, status: isGood(key, rate) ? 'GOOD' : 'BAD' };
}

export function accountHealthOf(sellerId: string, marketplaceId: string, createdAt: number): AccountHealthTruth {
	const seed = (what: string) => hashString(`account-health|${sellerId}|${marketplaceId}|${what}`);
	const orders = (what: string, min: number, span: number) => min + (seed(what) % span);
	const breach = BREACHES[sellerId]?.[marketplaceId] ?? {};
	const pick = (key: HealthMetricKey, healthy: number) => breach[key] ?? healthy;
	// healthy rates: a fraction of the target's margin, different per store
	const small = (what: string, max: number) => ((seed(what) % 1000) / 1000) * max;
	const metrics = {
		orderDefectRate: {
			afn: metric('orderDefectRate', orders('odr-afn', 1200, 4000), small('odr-afn-rate', 0.004)),
			mfn: metric('orderDefectRate', orders('odr-mfn', 400, 1500), pick('orderDefectRate', small('odr-mfn-rate', 0.006))),
		},
		lateShipmentRate: metric('lateShipmentRate', orders('lsr', 300, 1200), pick('lateShipmentRate', small('lsr-rate', 0.02))),
		preFulfillmentCancellationRate: metric('preFulfillmentCancellationRate', orders('pfcr', 100, 400), pick('preFulfillmentCancellationRate', small('pfcr-rate', 0.012))),
		validTrackingRate: metric('validTrackingRate', orders('vtr', 300, 1200), pick('validTrackingRate', 0.97 + small('vtr-rate', 0.029))),
		onTimeDeliveryRate: metric('onTimeDeliveryRate', orders('otdr', 300, 1200), 0.93 + small('otdr-rate', 0.06)),
	};
	const bad = Object.keys(breach).length > 0;
	const day = Math.floor(createdAt / DAY_MS) * DAY_MS;
	return { marketplaceId, accountStatus: bad ? 'AT_RISK' : 'NORMAL', reportingDateTo: day - 60_000, metrics };
}

/** Policy metrics counted in defects (the schema's ListingLevelViolation); the fixtures have none. */
const LISTING_LEVEL_METRICS = [
	'listingPolicyViolations', 'productAuthenticityCustomerComplaints', 'productConditionCustomerComplaints', 'productSafetyCustomerComplaints',
	'receivedIntellectualPropertyComplaints', 'restrictedProductPolicyViolations', 'suspectedIntellectualPropertyViolations',
	'foodAndProductSafetyIssues', 'otherPolicyViolations', 'documentRequests',
];

/** 2020-11-18T23:59Z, as the schema writes reporting dates. */
function reportingDate(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

function range(to: number, days: number) {
	const from = Math.floor(to / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
	return { reportingDateFrom: reportingDate(from), reportingDateTo: reportingDate(to) };
}

function target(key: HealthMetricKey) {
	return { targetValue: AMAZON_TARGETS[key].targetValue, targetCondition: AMAZON_TARGETS[key].targetCondition };
}

function odr(truth: MetricTruth, fulfillmentType: 'afn' | 'mfn', to: number) {
	const claims = Math.floor(truth.count / 3);
	const chargebacks = Math.floor(truth.count / 10);
	return {
		reportingDateRange: range(to, AMAZON_TARGETS.orderDefectRate.windowDays),
		orderCount: truth.orderCount,
		orderWithDefects: { count: truth.count, status: truth.status },
		claims: { count: claims, status: 'NONE' },
		chargebacks: { count: chargebacks, status: 'NONE' },
		negativeFeedback: { count: truth.count - claims - chargebacks, status: 'NONE' },
		fulfillmentType,
		status: truth.status,
		rate: truth.rate,
		...target('orderDefectRate'),
	};
}

/** The report document for the requested marketplaces. */
export function accountHealthDocument(sellerId: string, marketplaceIds: readonly string[], createdAt: number): string {
	const truths = marketplaceIds.map((id) => accountHealthOf(sellerId, id, createdAt));
	const document = {
		accountStatuses: truths.map((truth) => ({ marketplaceId: truth.marketplaceId, status: truth.accountStatus })),
		performanceMetrics: truths.map((truth) => {
			const to = truth.reportingDateTo;
			const { lateShipmentRate: lsr, preFulfillmentCancellationRate: pfcr, validTrackingRate: vtr, onTimeDeliveryRate: otdr } = truth.metrics;
			return {
				marketplaceId: truth.marketplaceId,
				accountHealthRating: { ahrStatus: truth.accountStatus === 'NORMAL' ? 'GREAT' : 'WARNED', reportingDateRange: range(to, 180) },
				orderDefectRate: { afn: odr(truth.metrics.orderDefectRate.afn, 'afn', to), mfn: odr(truth.metrics.orderDefectRate.mfn, 'mfn', to) },
				lateShipmentRate: { reportingDateRange: range(to, 30), orderCount: lsr.orderCount, lateShipmentCount: lsr.count, status: lsr.status, rate: lsr.rate, ...target('lateShipmentRate') },
				// the schema's property name (its own example writes prefulfillmentCancelRate)
				preFulfillmentCancellationRate: { reportingDateRange: range(to, 7), orderCount: pfcr.orderCount, cancellationCount: pfcr.count, status: pfcr.status, rate: pfcr.rate, ...target('preFulfillmentCancellationRate') },
				validTrackingRate: { reportingDateRange: range(to, 30), shipmentCount: vtr.orderCount, validTrackingCount: vtr.count, status: vtr.status, rate: vtr.rate, ...target('validTrackingRate') },
				onTimeDeliveryRate: { reportingDateRange: range(to, 30), shipmentCountWithValidTracking: otdr.orderCount, onTimeDeliveryCount: otdr.count, status: otdr.status, rate: otdr.rate, ...target('onTimeDeliveryRate') },
				invoiceDefectRate: {
					reportingDateRange: range(to, 7),
					orderCount: lsr.orderCount,
					invoiceDefect: { count: 0, status: 'GOOD' },
					missingInvoice: { count: 0, status: 'NONE' },
					lateInvoice: { count: 0, status: 'NONE' },
					status: 'GOOD',
					rate: 0,
					targetValue: 0.05,
					targetCondition: 'LESS_THAN',
				},
				unitOnTimeDeliveryRate: { reportingDateRange: range(to, 30), status: 'GOOD', targetValue: 0.9, targetCondition: 'GREATER_THAN', unitOnTimeDeliveryCount: otdr.count, totalUnitCount: otdr.orderCount, rate: otdr.rate },
				...Object.fromEntries(LISTING_LEVEL_METRICS.map((name) => [name, { reportingDateRange: range(to, 180), defectsCount: 0, status: 'GOOD', targetValue: 0, targetCondition: 'EQUALS' }])),
				warningStates: truth.accountStatus === 'NORMAL' ? [] : [{ warningType: 'performanceTargetMissed', status: 'BAD' }],
			};
		}),
	};
	return JSON.stringify(document);
}
