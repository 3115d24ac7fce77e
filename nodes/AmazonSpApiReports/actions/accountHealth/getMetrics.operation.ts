/**
 * Account Health → Get Metrics: Amazon's seller performance report for each store (one report per
 * store), read into one item per store and metric with Amazon's target, the seller's threshold and a
 * sentence for a chat group. Empty marketplaces = every store the account sells in.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { tr } from '../../../sp-api/i18n/translate';
import { findMarketplace, type Marketplace } from '../../../sp-api/marketplaces';
import { formatDecimal, parseDecimal } from '../../../sp-api/money';
import { marketplacesProperty } from '../../../sp-api/n8n/commonProperties';
import { addOutputPaneHint } from '../../../sp-api/n8n/emptyOutput';
import { readMarketplaces } from '../../../sp-api/n8n/marketplaceOptions';
import { messageLanguageProperty } from '../../../sp-api/n8n/messageLanguage';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { createReport, readReportDocumentText, waitForReport } from '../../../sp-api/reports';
import {
	ACCOUNT_HEALTH_REPORT_TYPE,
	accountHealthRows,
	DEFAULT_HEALTH_METRICS,
	HEALTH_METRICS,
	healthMetric,
	roundPercent,
	type HealthMetric,
	type HealthRow,
} from '../../../sp-api/reports/accountHealth';
import { storesOfCredential } from '../../../sp-api/sellers/stores';
import { readWaitOptions, waitOptions } from '../shared/wait';

const show = { resource: ['accountHealth'], operation: ['getMetrics'] };
const displayOptions = { show };
/** An account health report of one store is a few kB; anything near this is not one. */
const MAX_DOCUMENT_CHARS = 20_000_000;

type Language = 'en' | 'zh';

export const description: INodeProperties[] = [
	{
		displayName:
			'Requests Amazon’s seller performance report (Account Health) for each store and outputs one item per store and metric: the rate, Amazon’s target, your threshold and whether it is past it.',
		name: 'accountHealthNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	marketplacesProperty({ displayOptions, description: 'Amazon stores to check. Empty means every store the account sells in (of the credential’s region).' }),
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		default: [...DEFAULT_HEALTH_METRICS],
		options: [
			{ name: 'Late Shipment Rate', value: 'lateShipmentRate', description: 'Seller-fulfilled orders confirmed after the expected ship date (Amazon’s target: under 4%)' },
			{ name: 'On-Time Delivery Rate', value: 'onTimeDeliveryRate', description: 'Shipments delivered by the promised date (Amazon’s target: over 90%)' },
			{ name: 'Order Defect Rate', value: 'orderDefectRate', description: 'Orders with negative feedback, an A-to-z claim or a chargeback, FBA and seller-fulfilled apart (Amazon’s target: under 1%)' },
			{ name: 'Pre-Fulfilment Cancel Rate', value: 'preFulfillmentCancellationRate', description: 'Seller-fulfilled orders you cancelled before shipping (Amazon’s target: under 2.5%)' },
			{ name: 'Valid Tracking Rate', value: 'validTrackingRate', description: 'Seller-fulfilled shipments with a valid tracking number (Amazon’s target: 95%)' },
		],
		description: 'Which account health metrics to output',
		displayOptions,
	},
	{
		displayName: 'Your Thresholds (%)',
		name: 'thresholds',
		type: 'collection',
		placeholder: 'Add threshold',
		default: {},
		description: 'Alert earlier than Amazon: a metric past your threshold gets status "alert". Metrics without one are judged by Amazon’s target.',
		displayOptions,
		options: [
			{ displayName: 'Late Shipment Rate Above (%)', name: 'lateShipmentRate', type: 'number', typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 }, default: 4 },
			{ displayName: 'On-Time Delivery Rate Below (%)', name: 'onTimeDeliveryRate', type: 'number', typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 }, default: 90 },
			{ displayName: 'Order Defect Rate Above (%)', name: 'orderDefectRate', type: 'number', typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 }, default: 1 },
			{ displayName: 'Pre-Fulfilment Cancel Rate Above (%)', name: 'preFulfillmentCancellationRate', type: 'number', typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 }, default: 2.5 },
			{ displayName: 'Valid Tracking Rate Below (%)', name: 'validTrackingRate', type: 'number', typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 }, default: 95 },
		],
	},
	{
		displayName: 'Output',
		name: 'outputMetrics',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'Every Metric', value: 'all', description: 'One item per store and metric, with status "ok" or "alert"' },
			{ name: 'Only Metrics Past the Threshold', value: 'alerts', description: 'Only the items with status "alert" (nothing when all is well)' },
		],
		displayOptions,
	},
	messageLanguageProperty(displayOptions, { description: 'Language of the "message" field, ready to paste into DingTalk, WeCom, Feishu or Slack' }),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add option', default: {}, displayOptions, options: [...waitOptions] },
];

function readMetrics(context: IExecuteFunctions, itemIndex: number): HealthMetric[] {
	const raw = context.getNodeParameter('metrics', itemIndex, [...DEFAULT_HEALTH_METRICS]) as unknown;
	const values = (Array.isArray(raw) ? raw : String(raw ?? '').split(',')).map((value) => String(value).trim()).filter(Boolean);
	const known = new Set(HEALTH_METRICS.map((definition) => definition.metric as string));
	const unknown = values.filter((value) => !known.has(value));
	if (unknown.length) throw new InputError(tr`Unknown account health metric: ${unknown.join(', ')}.`);
	if (values.length === 0) throw new InputError(tr`Pick at least one metric.`);
	return values as HealthMetric[];
}

function readThresholds(context: IExecuteFunctions, itemIndex: number): Partial<Record<HealthMetric, string>> {
	const raw = context.getNodeParameter('thresholds', itemIndex, {}) as IDataObject;
	const out: Partial<Record<HealthMetric, string>> = {};
	for (const definition of HEALTH_METRICS) {
		const value = raw[definition.metric];
		if (value === undefined || value === '' || value === null) continue;
		const number = Number(value);
		if (!Number.isFinite(number) || number < 0 || number > 100) throw new InputError(tr`The threshold of ${definition.name} must be a percentage from 0 to 100.`);
		// the number the seller typed, as exact decimal text (2.5 stays "2.5")
		out[definition.metric] = formatDecimal(parseDecimal(number));
	}
	return out;
}

async function storesToCheck(context: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<Array<{ marketplace: Marketplace; storeName?: string }>> {
	const chosen = readMarketplaces(context, 'marketplaceIds', itemIndex, client.credentials.region);
	if (chosen.length > 0) return chosen.map((marketplace) => ({ marketplace }));
	const stores = await storesOfCredential(client);
	if (stores.length === 0) throw new InputError(tr`The seller account sells in no Amazon store of region ${client.credentials.region}: nothing to check.`);
	return stores;
}

const METRIC_NAMES_ZH: Record<HealthMetric, string> = {
	orderDefectRate: '订单缺陷率',
	lateShipmentRate: '迟发率',
	preFulfillmentCancellationRate: '配送前取消率',
	validTrackingRate: '有效追踪率',
	onTimeDeliveryRate: '准时交货率',
};

function metricLabel(row: HealthRow, language: Language): string {
	const name = language === 'zh' ? METRIC_NAMES_ZH[row.metric] : healthMetric(row.metric).name;
	if (!row.fulfillmentType) return name;
	if (language === 'zh') return `${name}（${row.fulfillmentType === 'afn' ? '亚马逊配送' : '卖家自配送'}）`;
	return `${name} (${row.fulfillmentType === 'afn' ? 'Fulfilled by Amazon' : 'seller-fulfilled'})`;
}

/** A sentence for a chat group: store, metric, value, the threshold and Amazon's target. */
export function healthMessage(row: HealthRow, store: string, language: Language): string {
	const value = `${roundPercent(row.ratePercent)}%`;
	const days = row.reportingDateFrom && row.reportingDateTo ? { from: row.reportingDateFrom.slice(0, 10), to: row.reportingDateTo.slice(0, 10) } : undefined;
	const lower = row.condition === 'LESS_THAN';
	if (language === 'zh') {
		const target = `亚马逊目标：${lower ? '低于' : '高于'} ${row.targetPercent}%`;
		const period = days ? `统计期 ${days.from} 至 ${days.to}。` : '';
		if (row.status === 'ok') return `账户健康正常（${store}）：${metricLabel(row, language)} ${value}（阈值 ${row.thresholdPercent}%，${target}）。`;
		const past = row.thresholdSource === 'yours' ? `${lower ? '超过' : '低于'}你的阈值 ${row.thresholdPercent}%` : `未达到亚马逊目标`;
		return `账户健康警告（${store}）：${metricLabel(row, language)} ${value}，${past}（${target}）。${period}`;
	}
	const target = `Amazon’s target: ${lower ? 'under' : 'over'} ${row.targetPercent}%`;
	const period = days ? ` Period ${days.from} to ${days.to}.` : '';
	if (row.status === 'ok') return `Account health OK (${store}): ${metricLabel(row, language)} ${value} (threshold ${row.thresholdPercent}%, ${target}).`;
	const past = row.thresholdSource === 'yours' ? `${lower ? 'above' : 'below'} your threshold of ${row.thresholdPercent}%` : `misses Amazon’s target`;
	return `Account health alert (${store}): ${metricLabel(row, language)} is ${value}, ${past} (${target}).${period}`;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number, client: SpApiClient): Promise<IDataObject[]> {
	const settings = { metrics: readMetrics(this, itemIndex), thresholds: readThresholds(this, itemIndex) };
	const onlyAlerts = this.getNodeParameter('outputMetrics', itemIndex, 'all') === 'alerts';
	const language = this.getNodeParameter('messageLanguage', itemIndex, 'en') as Language;
	const wait = readWaitOptions(this, itemIndex);
	const stores = await storesToCheck(this, itemIndex, client);

	// every store's report is requested first, so Amazon builds them side by side
	const requested: Array<{ store: (typeof stores)[number]; reportId: string }> = [];
	for (const store of stores) {
		const { reportId } = await createReport(client, { reportType: ACCOUNT_HEALTH_REPORT_TYPE, marketplaceIds: [store.marketplace.id] });
		requested.push({ store, reportId });
	}
	const out: IDataObject[] = [];
	const noData: string[] = [];
	for (const { store, reportId } of requested) {
		const outcome = await waitForReport(client, reportId, wait);
		if (outcome.status === 'CANCELLED') {
			noData.push(store.marketplace.countryCode);
			continue;
		}
		const document = parseJson(await readReportDocumentText(client, outcome.reportDocumentId, MAX_DOCUMENT_CHARS));
		if (document === undefined) throw new InputError(tr`The account health report ${reportId} is not JSON: Amazon may have changed its format.`);
		for (const row of accountHealthRows(document, settings)) {
			if (onlyAlerts && row.status !== 'alert') continue;
			const marketplace = findMarketplace(row.marketplaceId) ?? store.marketplace;
			const storeLabel = `Amazon.${marketplace.domain.replace(/^amazon\./, '')}`;
			out.push({
				marketplaceId: row.marketplaceId,
				marketplaceName: storeLabel,
				countryCode: marketplace.countryCode,
				storeName: store.storeName,
				metric: row.metric,
				metricName: healthMetric(row.metric).name,
				fulfillmentType: row.fulfillmentType,
				value: roundPercent(row.ratePercent),
				valueExact: row.ratePercent,
				rate: row.rate,
				threshold: row.thresholdPercent,
				thresholdSource: row.thresholdSource,
				target: row.targetPercent,
				targetCondition: row.condition,
				status: row.status,
				amazonStatus: row.amazonStatus,
				accountStatus: row.accountStatus,
				total: row.total,
				count: row.count,
				reportingDateFrom: row.reportingDateFrom,
				reportingDateTo: row.reportingDateTo,
				reportId,
				message: healthMessage(row, storeLabel, language),
			});
		}
	}
	if (noData.length) addOutputPaneHint(this, tr`Amazon had no account health data for ${noData.join(', ')} (the report was cancelled): no items for those stores.`);
	for (const item of out) for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
	return out;
}
