/**
 * Refund anomaly detection, kept deliberately simple so a seller can check it by hand.
 *
 * Two back-to-back periods end at `end`: the current period C (the last `current` days) and, before it,
 * the baseline period B (the `baseline` days before C). Refund lines are put into groups by one field
 * (SKU, marketplace, order or return reason) and currency; groups never mix currencies. Per group:
 *
 *   n_C, n_B   number of refund lines in C and in B          u_C   refunded units in C
 *   A_C, A_B   refunded amount in C and in B (exact decimals; see `amountBasis`)
 *   E_n = n_B × current / baseline     the count C would have at the baseline's pace
 *   E_A = A_B × current / baseline     the same for the amount
 *
 * A group trips when any enabled rule holds:
 *   count      n_C ≥ minCount                                        (minCount > 0)
 *   amount     A_C ≥ the amount threshold set for its currency
 *   spike      n_C ≥ spikeMinCount and n_C ≥ spikeFactor × E_n        (spikeFactor > 0)
 *   amountSpike n_C ≥ spikeMinCount and A_C ≥ spikeFactor × E_A and A_C > 0
 * With nothing in the baseline, E_n = 0, so the spike rule trips as soon as n_C reaches spikeMinCount
 * ("new"). All amount comparisons are exact (integers), never floating point.
 */
import type { IDataObject } from 'n8n-workflow';
import { amountValue, compareDecimals, currencyDecimals, formatDecimal, money, negateDecimal, parseDecimal, sumMoney, type AmountStyle, type Decimal, type Money } from '../../sp-api/money';
import type { RefundInput } from '../../sp-api/finances/refundJson';

export type GroupBy = 'sku' | 'marketplace' | 'order' | 'reason';
export type AmountBasis = 'net' | 'refundedToBuyer';
export type Rule = 'count' | 'amount' | 'spike' | 'amountSpike';
export type SentenceLanguage = 'en' | 'zh';

export interface AnomalySettings {
	groupBy: GroupBy;
	endMs: number;
	currentMs: number;
	baselineMs: number;
	minCount: number;
	/** Per currency (upper case): trips when the period's amount reaches it. */
	amountThresholds: ReadonlyMap<string, Decimal>;
	spikeFactor: Decimal;
	spikeMinCount: number;
	amountBasis: AmountBasis;
	language: SentenceLanguage;
	/** Amounts of the finding as numbers (node version 1.1) or exact text (1); …Exact is text either way. */
	amountStyle?: AmountStyle;
}

export interface IndexedRefund {
	refund: RefundInput;
	itemIndex: number;
}

interface GroupData {
	value: string;
	currency: string;
	current: IndexedRefund[];
	baseline: IndexedRefund[];
}

const NONE: Record<GroupBy, string> = { sku: '(no SKU)', marketplace: '(unknown marketplace)', order: '(no order)', reason: '(no return reason)' };

function groupValue(refund: RefundInput, groupBy: GroupBy): string {
	switch (groupBy) {
		case 'sku':
			return refund.sellerSku ?? NONE.sku;
		case 'marketplace':
			return refund.marketplaceId ?? refund.marketplaceName ?? NONE.marketplace;
		case 'order':
			return refund.amazonOrderId ?? NONE.order;
		case 'reason':
			return refund.returnReason ?? NONE.reason;
	}
}

const BUYER_PARTS = ['principal', 'tax', 'shipping', 'shippingTax', 'giftWrap', 'giftWrapTax', 'promotion'] as const;

/**
 * The refunded amount of one line as a positive number when money went out:
 * net = −total (what the seller lost, fees given back included);
 * refundedToBuyer = −(principal + tax + shipping + shippingTax + giftWrap + giftWrapTax + promotion).
 */
export function refundedAmount(refund: RefundInput, basis: AmountBasis): Money {
	if (basis === 'refundedToBuyer') {
		const parts = BUYER_PARTS.map((part) => refund.parts[part]).filter((value): value is Money => value !== undefined);
		if (parts.length > 0) return money(negateDecimal(parseDecimal(sumMoney(parts, refund.currency).amount)), refund.currency);
	}
	return money(negateDecimal(parseDecimal(refund.total.amount)), refund.currency);
}

function sumAmounts(refunds: readonly IndexedRefund[], basis: AmountBasis, currency: string): Money {
	return sumMoney(
		refunds.map(({ refund }) => refundedAmount(refund, basis)),
		currency,
	);
}

function multiply(a: Decimal, b: Decimal): Decimal {
	return { units: a.units * b.units, scale: a.scale + b.scale };
}

function integer(n: number): Decimal {
	return { units: BigInt(Math.round(n)), scale: 0 };
}

/** `value × numerator / denominator`, rounded half away from zero to the currency's decimals. */
function scaleMoney(value: Money, numerator: number, denominator: number): Money {
	const decimals = currencyDecimals(value.currency);
	const d = parseDecimal(value.amount);
	// units / 10^scale × num / den, expressed in 10^-decimals
	const top = d.units * BigInt(Math.round(numerator)) * 10n ** BigInt(decimals);
	const bottom = BigInt(Math.round(denominator)) * 10n ** BigInt(d.scale);
	const negative = top < 0n !== bottom < 0n;
	const absTop = top < 0n ? -top : top;
	const absBottom = bottom < 0n ? -bottom : bottom;
	let quotient = absTop / absBottom;
	if ((absTop % absBottom) * 2n >= absBottom) quotient += 1n;
	return money({ units: negative ? -quotient : quotient, scale: decimals }, value.currency);
}

function fixed(n: number, digits = 1): string {
	return Number.isFinite(n) ? n.toFixed(digits).replace(/\.0+$/, '') : '∞';
}

function days(ms: number): string {
	return fixed(ms / 86_400_000, 2).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

export interface AnomalyResult {
	json: IDataObject;
	itemIndexes: number[];
}

function label(groupBy: GroupBy, value: string, sample: RefundInput, language: SentenceLanguage): string {
	const where = sample.marketplaceName ? (language === 'zh' ? `（${sample.marketplaceName}）` : ` (${sample.marketplaceName})`) : '';
	switch (groupBy) {
		case 'sku':
			return `SKU ${value}${where}`;
		case 'marketplace':
			return sample.marketplaceName ?? value;
		case 'order':
			return language === 'zh' ? `订单 ${value}${where}` : `Order ${value}${where}`;
		case 'reason': {
			const description = sample.returnReasonDescription ? ` “${sample.returnReasonDescription}”` : '';
			return language === 'zh' ? `退货原因 ${value}${description}` : `Return reason ${value}${description}`;
		}
	}
}

export interface AnomalyCheck {
	anomalies: AnomalyResult[];
	/** Refund lines inside one of the two periods. */
	considered: number;
	/** Of those, in the current period. */
	inCurrent: number;
	/** Groups (value and currency) with at least one refund in either period. */
	groups: number;
	outside: number;
	undated: number;
}

export function detectAnomalies(refunds: readonly IndexedRefund[], settings: AnomalySettings): AnomalyCheck {
	const currentStart = settings.endMs - settings.currentMs;
	const baselineStart = currentStart - settings.baselineMs;
	const groups = new Map<string, GroupData>();
	let considered = 0;
	let inCurrent = 0;
	let outside = 0;
	let undated = 0;
	for (const entry of refunds) {
		const at = entry.refund.postedDate ? Date.parse(entry.refund.postedDate) : Number.NaN;
		if (!Number.isFinite(at)) {
			undated += 1;
			continue;
		}
		const period = at >= currentStart && at < settings.endMs ? 'current' : at >= baselineStart && at < currentStart ? 'baseline' : undefined;
		if (!period) {
			outside += 1;
			continue;
		}
		considered += 1;
		if (period === 'current') inCurrent += 1;
		const value = groupValue(entry.refund, settings.groupBy);
		const key = `${value}\u0000${entry.refund.currency}`;
		const group = groups.get(key) ?? { value, currency: entry.refund.currency, current: [], baseline: [] };
		group[period].push(entry);
		groups.set(key, group);
	}

	const anomalies: AnomalyResult[] = [];
	for (const group of groups.values()) {
		const result = evaluate(group, settings, currentStart, baselineStart);
		if (result) anomalies.push(result);
	}
	// Most refunds first, then by name, so the worst group is on top of a message.
	anomalies.sort((a, b) => Number(b.json.refundCount) - Number(a.json.refundCount) || String(a.json.group).localeCompare(String(b.json.group)));
	return { anomalies, considered, inCurrent, groups: groups.size, outside, undated };
}

function evaluate(group: GroupData, settings: AnomalySettings, currentStart: number, baselineStart: number): AnomalyResult | undefined {
	const { currency } = group;
	const n = group.current.length;
	if (n === 0) return undefined;
	const nBaseline = group.baseline.length;
	const units = group.current.reduce((sum, { refund }) => sum + Math.abs(refund.quantity ?? 1), 0);
	const amount = sumAmounts(group.current, settings.amountBasis, currency);
	const baselineAmount = sumAmounts(group.baseline, settings.amountBasis, currency);
	const expectedCount = (nBaseline * settings.currentMs) / settings.baselineMs;
	const expectedAmount = scaleMoney(baselineAmount, settings.currentMs, settings.baselineMs);
	const amountDecimal = parseDecimal(amount.amount);
	const spikeOn = settings.spikeFactor.units > 0n;
	const rules: Rule[] = [];

	if (settings.minCount > 0 && n >= settings.minCount) rules.push('count');
	const threshold = settings.amountThresholds.get(currency);
	if (threshold && compareDecimals(amountDecimal, threshold) >= 0) rules.push('amount');
	if (spikeOn && n >= settings.spikeMinCount) {
		// n × baseline ≥ factor × nBaseline × current, in integers
		const left = multiply(integer(n), integer(settings.baselineMs));
		const right = multiply(multiply(settings.spikeFactor, integer(nBaseline)), integer(settings.currentMs));
		if (compareDecimals(left, right) >= 0) rules.push('spike');
		const amountLeft = multiply(amountDecimal, integer(settings.baselineMs));
		const amountRight = multiply(multiply(settings.spikeFactor, parseDecimal(baselineAmount.amount)), integer(settings.currentMs));
		if (amountDecimal.units > 0n && compareDecimals(amountLeft, amountRight) >= 0) rules.push('amountSpike');
	}
	if (rules.length === 0) return undefined;

	const sample = group.current[0].refund;
	const ratio = expectedCount > 0 ? n / expectedCount : null;
	const perDay = nBaseline / (settings.baselineMs / 86_400_000);
	// what a person reads first (which group, how many, how much, the sentence), Amazon's ids and exact text after
	const json: IDataObject = {
		groupLabel: label(settings.groupBy, group.value, sample, 'en'),
		refundCount: n,
		refundedUnits: units,
		refundedAmount: amountValue(amount, settings.amountStyle ?? 'number'),
		currency,
		message: sentence(group.value, sample, settings, { n, units, amount, nBaseline, perDay, ratio, rules, threshold, currency }),
		baselineCount: nBaseline,
		baselineAmount: amountValue(baselineAmount, settings.amountStyle ?? 'number'),
		expectedCount: fixed(expectedCount, 2),
		expectedAmount: amountValue(expectedAmount, settings.amountStyle ?? 'number'),
		countRatio: ratio === null ? null : Number(ratio.toFixed(2)),
		rules,
		groupBy: settings.groupBy,
		group: group.value,
		marketplaceIds: [...new Set(group.current.map(({ refund }) => refund.marketplaceId).filter(Boolean))] as string[],
		currentPeriodStart: new Date(currentStart).toISOString(),
		currentPeriodEnd: new Date(settings.endMs).toISOString(),
		baselinePeriodStart: new Date(baselineStart).toISOString(),
		orderIds: [...new Set(group.current.map(({ refund }) => refund.amazonOrderId).filter(Boolean))] as string[],
		refundKeys: group.current.map(({ refund }) => refund.refundKey).filter(Boolean) as string[],
		refundedAmountExact: amount.amount,
		baselineAmountExact: baselineAmount.amount,
		expectedAmountExact: expectedAmount.amount,
	};
	return { json, itemIndexes: [...group.current, ...group.baseline].map(({ itemIndex }) => itemIndex) };
}

interface SentenceFacts {
	n: number;
	units: number;
	amount: Money;
	nBaseline: number;
	perDay: number;
	ratio: number | null;
	rules: Rule[];
	threshold?: Decimal;
	currency: string;
}

function sentence(value: string, sample: RefundInput, settings: AnomalySettings, facts: SentenceFacts): string {
	const { n, units, amount, nBaseline, perDay, ratio, rules, threshold, currency } = facts;
	const current = days(settings.currentMs);
	const baseline = days(settings.baselineMs);
	const what = label(settings.groupBy, value, sample, settings.language);
	const money = `${amount.amount} ${amount.currency}`;
	if (settings.language === 'zh') {
		// A space only between Latin text and Chinese, as Chinese typesetting does.
		const parts = [`退款异常：${what}${/[\x21-\x7e]$/.test(what) ? ' ' : ''}在过去 ${current} 天有 ${n} 笔退款（${units} 件，${money}）`];
		if (rules.includes('spike') || rules.includes('amountSpike')) {
			parts.push(
				nBaseline === 0 ? `，而之前 ${baseline} 天没有退款` : `，是之前 ${baseline} 天平均每天 ${fixed(perDay, 2)} 笔的 ${ratio === null ? '∞' : fixed(ratio)} 倍`,
			);
		}
		if (rules.includes('count')) parts.push(`，达到 ${settings.minCount} 笔的提醒线`);
		if (rules.includes('amount') && threshold) parts.push(`，超过 ${formatDecimal(threshold)} ${currency} 的金额提醒线`);
		return `${parts.join('')}。`;
	}
	const parts = [`Refund alert: ${what} had ${n} refund${n === 1 ? '' : 's'} (${units} unit${units === 1 ? '' : 's'}, ${money}) in the last ${current} day${current === '1' ? '' : 's'}`];
	if (rules.includes('spike') || rules.includes('amountSpike')) {
		parts.push(
			nBaseline === 0
				? `, and none in the ${baseline} days before`
				: `, ${ratio === null ? '∞' : fixed(ratio)}× the usual ${fixed(perDay, 2)} per day over the previous ${baseline} days`,
		);
	}
	if (rules.includes('count')) parts.push(`, reaching the limit of ${settings.minCount} refunds`);
	if (rules.includes('amount') && threshold) parts.push(`, above the limit of ${formatDecimal(threshold)} ${currency}`);
	return `${parts.join('')}.`;
}
