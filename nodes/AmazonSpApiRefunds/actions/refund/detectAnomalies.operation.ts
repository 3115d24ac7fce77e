import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { SpApiClient } from '../../../sp-api/client';
import { parseDateInput } from '../../../sp-api/dates';
import { fetchRefunds } from '../../../sp-api/finances/fetchRefunds';
import { resolvePostedRange } from '../../../sp-api/finances/postedRange';
import { formatDecimal, isIsoCurrencyCode, parseDecimal, type Decimal } from '../../../sp-api/money';
import { InputError } from '../../../sp-api/n8n/nodeErrors';
import { detectAnomalies, type AmountBasis, type AnomalyCheck, type AnomalySettings, type GroupBy, type IndexedRefund, type SentenceLanguage } from '../../logic/anomalies';
import { tr, translateText } from '../../../sp-api/i18n/translate';
import { explainEmptyResult, readableTime } from '../../../sp-api/n8n/emptyOutput';
import { amountStyleOf } from '../../../sp-api/n8n/amountStyle';
import { readRefund, refundToJson, type RefundInput } from '../../../sp-api/finances/refundJson';
import { kindsProperty, readRefundQuery, sourceProperty } from './fetchProperties';
import { sortInputItems } from './inputItems';
import { EVERY_STORE_HINT, marketplacesProperty } from '../../../sp-api/n8n/commonProperties';
import { messageLanguageProperty } from '../../../sp-api/n8n/messageLanguage';

const show = { resource: ['refund'], operation: ['detectAnomalies'] };
const displayOptions = { show };
const fetchShow = { ...show, refundsFrom: ['fetch'] };
const DAY_MS = 86_400_000;

export const description: INodeProperties[] = [
	{
		displayName: 'Refunds',
		name: 'refundsFrom',
		type: 'options',
		default: 'fetch',
		options: [
			{ name: 'Fetch From Amazon', value: 'fetch', description: 'This node gets the refunds of the current and the baseline period' },
			{ name: 'Input Items', value: 'input', description: 'Check the refund lines coming in (from "Get Refunds" or "Enrich Refunds with Return Reasons")' },
		],
		displayOptions,
	},
	sourceProperty(fetchShow),
	marketplacesProperty({
		displayOptions: { show: fetchShow },
		description: 'Amazon stores to check, several at once. Empty means every store of the credential’s region.',
		hint: EVERY_STORE_HINT,
	}),
	kindsProperty(fetchShow),
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'options',
		default: 'sku',
		options: [
			{ name: 'SKU', value: 'sku', description: 'One group per product (SKU) and currency' },
			{ name: 'Marketplace', value: 'marketplace', description: 'One group per Amazon store' },
			{ name: 'Order', value: 'order', description: 'One group per order (catches orders refunded again and again)' },
			{ name: 'Return Reason', value: 'reason', description: 'One group per return reason (needs refunds from "Enrich Refunds with Return Reasons")' },
		],
		displayOptions,
	},
	{
		displayName: 'Period (Days)',
		name: 'currentDays',
		type: 'number',
		// no fixed decimals: 1 shows as "1", half a day can still be typed as 0.5
		typeOptions: { minValue: 0.05 },
		default: 1,
		description: 'The period to check: the last this many days before "Period Ends At"',
		displayOptions,
	},
	{
		displayName: 'Compare With (Days Before)',
		name: 'baselineDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 28,
		description: 'The normal pace is measured over this many days just before the period',
		displayOptions,
	},
	{
		displayName: 'Period Ends At',
		name: 'endAt',
		type: 'dateTime',
		default: '',
		description: 'Empty means now (Amazon’s data lags a few minutes to 48 hours, so the newest refunds may still come)',
		hint: 'Empty: now',
		displayOptions,
	},
	{
		displayName: 'Spike Factor',
		name: 'spikeFactor',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 3,
		description: 'Alert when a group has at least this many times its usual number of refunds (0 = off)',
		displayOptions,
	},
	{
		displayName: 'Minimum Refunds for a Spike',
		name: 'spikeMinCount',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 3,
		description: 'A spike needs at least this many refunds in the period, so one refund of a rarely refunded SKU is no alert',
		displayOptions,
	},
	{
		displayName: 'Alert at Refund Count',
		name: 'minCount',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Alert when a group has at least this many refunds in the period, whatever the usual pace (0 = off)',
		displayOptions,
	},
	{
		displayName: 'Alert at Amount',
		name: 'amountThresholds',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add amount limit',
		description: 'Alert when a group’s refunded amount in the period reaches this limit (one limit per currency)',
		options: [
			{
				name: 'limit',
				displayName: 'Limit',
				values: [
					{ displayName: 'Currency', name: 'currency', type: 'string', default: 'USD', placeholder: 'e.g. USD, EUR, JPY' },
					{ displayName: 'Amount', name: 'amount', type: 'string', default: '', placeholder: 'e.g. 200 or 30000', description: 'A plain number (decimal point, no thousands separator)' },
				],
			},
		],
		displayOptions,
	},
	{
		displayName: 'Amount Means',
		name: 'amountBasis',
		type: 'options',
		default: 'net',
		options: [
			{ name: 'Net Loss (After Fees Amazon Gives Back)', value: 'net', description: 'Minus the refund total: what the refund cost you' },
			{ name: 'Refunded to the Buyer', value: 'refundedToBuyer', description: 'Price, tax, shipping and gift wrap given back, less promotions' },
		],
		displayOptions,
	},
	messageLanguageProperty(displayOptions, { name: 'language' }),
];

const GROUP_WORDS: Record<GroupBy, () => string> = {
	sku: () => tr`SKU`,
	marketplace: () => tr`store`,
	order: () => tr`order`,
	reason: () => tr`return reason`,
};

/** "Nothing unusual": how many refunds were compared, in how many groups, against which rules. */
function nothingUnusualSentence(check: AnomalyCheck, settings: AnomalySettings, spikeFactor: number): string {
	const rules = [
		spikeFactor > 0 ? tr`a spike of ${spikeFactor}× the usual pace with at least ${settings.spikeMinCount} refunds` : undefined,
		settings.minCount > 0 ? tr`${settings.minCount} refunds in the period` : undefined,
		...[...settings.amountThresholds].map(([currency, limit]) => tr`${formatDecimal(limit)} ${currency} refunded in the period`),
	].filter(Boolean);
	const days = (ms: number) => Number((ms / 86_400_000).toFixed(2));
	const counted = tr`Nothing unusual: ${check.considered} refunds compared (${check.inCurrent} in the checked period of ${days(settings.currentMs)} day(s) up to ${readableTime(new Date(settings.endMs))}, ${check.considered - check.inCurrent} in the ${days(settings.baselineMs)} day(s) before), in ${check.groups} groups by ${GROUP_WORDS[settings.groupBy]()}.`;
	const verdict = rules.length > 0 ? tr`No group reached ${rules.join(tr` or `)}.` : tr`No alert rule is switched on: set "Spike Factor", "Alert at Refund Count" or "Alert at Amount".`;
	const outside = check.outside + check.undated > 0 ? tr`${check.outside + check.undated} input refunds lie outside both periods.` : '';
	return [counted, verdict, outside].filter(Boolean).join(' ');
}

function readPositive(context: IExecuteFunctions, name: string, label: string, minimum: number): number {
	const value = Number(context.getNodeParameter(name, 0));
	if (!Number.isFinite(value) || value < minimum) throw new InputError(tr`"${translateText(label)}" must be a number of at least ${minimum}.`);
	return value;
}

function decimalOrUndefined(text: string): Decimal | undefined {
	try {
		return parseDecimal(text);
	} catch {
		return undefined;
	}
}

function readThresholds(context: IExecuteFunctions): Map<string, Decimal> {
	const raw = context.getNodeParameter('amountThresholds', 0, {}) as { limit?: { currency?: string; amount?: string | number }[] };
	const out = new Map<string, Decimal>();
	for (const limit of raw.limit ?? []) {
		const currency = String(limit.currency ?? '').trim().toUpperCase();
		if (!isIsoCurrencyCode(currency)) throw new InputError(tr`"${limit.currency ?? ''}" in "Alert at Amount" is not a currency code such as USD, EUR or JPY.`);
		const amount = decimalOrUndefined(String(limit.amount ?? '').trim());
		if (!amount) throw new InputError(tr`"${limit.amount ?? ''}" in "Alert at Amount" (${currency}) is not a number.`);
		if (amount.units <= 0n) throw new InputError(tr`The ${currency} limit in "Alert at Amount" must be more than zero.`);
		out.set(currency, amount);
	}
	return out;
}

export async function executeBatch(this: IExecuteFunctions, client: SpApiClient): Promise<INodeExecutionData[]> {
	const now = Date.now();
	const currentMs = Math.round(readPositive(this, 'currentDays', 'Period (Days)', 0.05) * DAY_MS);
	const baselineMs = Math.round(readPositive(this, 'baselineDays', 'Compare With (Days Before)', 1) * DAY_MS);
	const spikeFactorNumber = readPositive(this, 'spikeFactor', 'Spike Factor', 0);
	const endInput = parseDateInput(this.getNodeParameter('endAt', 0, ''), 'Period Ends At', this.getTimezone());
	if (endInput && endInput.getTime() > now) throw new InputError(tr`"Period Ends At" is in the future: pick a past time or leave it empty for now.`);
	const refundsFrom = this.getNodeParameter('refundsFrom', 0, 'fetch') as string;

	let refunds: IndexedRefund[];
	let endMs = endInput?.getTime() ?? now;
	if (refundsFrom === 'fetch') {
		const range = resolvePostedRange({
			now,
			after: new Date(endMs - currentMs - baselineMs),
			before: new Date(endMs),
			defaultLookbackMs: currentMs + baselineMs,
			afterLabel: tr`start of the compared days`,
			beforeLabel: 'Period Ends At',
		});
		// Amazon accepts only times at least two minutes old: the period ends there.
		endMs = range.end.getTime();
		const query = readRefundQuery(this, 0, client, range);
		refunds = [];
		for await (const { refund } of fetchRefunds(client, query)) refunds.push({ refund: readRefund(refundToJson(refund)) as RefundInput, itemIndex: 0 });
	} else {
		refunds = sortInputItems(this.getInputData(), { refunds: true, returns: false }).refunds;
	}

	const settings: AnomalySettings = {
		groupBy: this.getNodeParameter('groupBy', 0, 'sku') as GroupBy,
		endMs,
		currentMs,
		baselineMs,
		minCount: Math.floor(readPositive(this, 'minCount', 'Alert at Refund Count', 0)),
		amountThresholds: readThresholds(this),
		spikeFactor: parseDecimal(spikeFactorNumber),
		spikeMinCount: Math.max(1, Math.floor(readPositive(this, 'spikeMinCount', 'Minimum Refunds for a Spike', 1))),
		amountBasis: this.getNodeParameter('amountBasis', 0, 'net') as AmountBasis,
		language: this.getNodeParameter('language', 0, 'en') as SentenceLanguage,
		amountStyle: amountStyleOf(this.getNode()),
	};
	const check = detectAnomalies(refunds, settings);
	if (check.anomalies.length === 0) explainEmptyResult(this, nothingUnusualSentence(check, settings, spikeFactorNumber));
	return check.anomalies.map(({ json, itemIndexes }) => ({ json, pairedItem: [...new Set(itemIndexes.length ? itemIndexes : [0])].map((item) => ({ item })) }));
}
