/**
 * One normalized refund line: what a seller means by "a refund", whether Amazon reported it as a v0
 * financial event or as a 2024-06-19 transaction (or a TRANSACTION_UPDATE notification). Every amount is
 * exact decimal text with its currency, and `total` always equals the sum of the parts:
 *
 *   total = principal + tax + shipping + shippingTax + giftWrap + giftWrapTax + otherCharges
 *         + promotion + fees + taxWithheld
 *
 * Signs are Amazon's, seen from the seller's balance: money given back to the buyer is negative, fees
 * Amazon returns to the seller (the refunded commission) are positive.
 */
import { money, negateDecimal, parseDecimal, sumMoney, type Money } from '../money';
import { translateText, tr } from '../i18n/translate';

export type RefundKind = 'refund' | 'guaranteeClaim' | 'chargeback' | 'chargeRefund' | 'reimbursementReversal';

export const REFUND_KINDS: readonly { value: RefundKind; name: string; description: string }[] = [
	{ value: 'refund', name: 'Refund', description: 'Money given back to a buyer for an order (RefundEventList)' },
	{ value: 'guaranteeClaim', name: 'A-to-Z Guarantee Claim', description: 'Amazon granted a buyer’s A-to-z Guarantee claim (GuaranteeClaimEventList)' },
	{ value: 'chargeback', name: 'Chargeback', description: 'The buyer’s bank reversed the payment (ChargebackEventList)' },
	{ value: 'chargeRefund', name: 'Fee Refund (Charge Refund)', description: 'Amazon gave back a fee it had charged the seller (ChargeRefundEventList)' },
	{
		value: 'reimbursementReversal',
		name: 'Reimbursement Reversal',
		description: 'Amazon took back an FBA reimbursement, e.g. the lost item was found (AdjustmentEventList, REVERSAL_REIMBURSEMENT)',
	},
];

/** The kind as a person reads it (in a sheet's column, a message): the picker's name, in ACORN's language. */
export function refundKindLabel(kind: RefundKind): string {
	const name = REFUND_KINDS.find((k) => k.value === kind)?.name;
	return name === undefined ? kind : translateText(name);
}

/** The ten parts `total` is made of, in the order they are shown. */
export const REFUND_PARTS = [
	'principal',
	'tax',
	'shipping',
	'shippingTax',
	'giftWrap',
	'giftWrapTax',
	'otherCharges',
	'promotion',
	'fees',
	'taxWithheld',
] as const;

export type RefundPart = (typeof REFUND_PARTS)[number];

export interface RefundRecord extends Record<RefundPart, Money> {
	kind: RefundKind;
	kindLabel: string;
	/** Stable identity of this refund line, the same on every fetch (used to emit each refund once). */
	refundKey: string;
	amazonOrderId?: string;
	sellerOrderId?: string;
	orderAdjustmentItemId?: string;
	sellerSku?: string;
	asin?: string;
	quantity?: number;
	marketplaceId?: string;
	marketplaceName?: string;
	currency: string;
	total: Money;
	/** Every fee by Amazon's fee type (Commission, RefundCommission, ...); sums to `fees`. */
	feeBreakdown: Record<string, Money>;
	/** Charges that are none of the named parts, by type; sums to `otherCharges`. */
	otherChargeBreakdown: Record<string, Money>;
	/** Taxes Amazon withheld (marketplace facilitator), by type; sums to `taxWithheld`. */
	taxWithheldBreakdown: Record<string, Money>;
	/** Amazon Points given back (Japan). Informational: not part of `total`. */
	costOfPointsReturned?: Money;
	postedDate?: string;
	postedDateLocal?: string;
	financialEventGroupId?: string;
	/** Why Amazon made it, where Amazon says (ChargeRefund reason code, adjustment type). */
	reason?: string;
	source: 'financialEvents' | 'transactions';
	transactionId?: string;
	transactionStatus?: string;
	/** False when Amazon's total and its breakdown disagreed; the difference is in otherCharges. */
	breakdownComplete: boolean;
}

/** Where each charge type goes; everything else lands in otherCharges. */
const CHARGE_PARTS: Readonly<Record<string, RefundPart>> = {
	principal: 'principal',
	tax: 'tax',
	shippingcharge: 'shipping',
	shipping: 'shipping',
	shippingtax: 'shippingTax',
	giftwrap: 'giftWrap',
	giftwrapcharge: 'giftWrap',
	giftwraptax: 'giftWrapTax',
};

export function normalizedTypeName(type: string): string {
	return type.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function chargePartOf(chargeType: string): RefundPart {
	return CHARGE_PARTS[normalizedTypeName(chargeType)] ?? 'otherCharges';
}

/** Collects signed parts of one refund line in one currency and produces the exact record fields. */
export class RefundAmounts {
	private readonly parts = new Map<RefundPart, Money[]>();
	private readonly breakdowns = {
		fees: new Map<string, Money[]>(),
		otherCharges: new Map<string, Money[]>(),
		taxWithheld: new Map<string, Money[]>(),
	};
	private readonly currencies = new Set<string>();

	add(part: RefundPart, type: string, value: Money): void {
		this.currencies.add(value.currency);
		const list = this.parts.get(part) ?? [];
		list.push(value);
		this.parts.set(part, list);
		if (part === 'fees' || part === 'otherCharges' || part === 'taxWithheld') {
			const breakdown = this.breakdowns[part];
			const typed = breakdown.get(type) ?? [];
			typed.push(value);
			breakdown.set(type, typed);
		}
	}

	hasParts(): boolean {
		return this.parts.size > 0;
	}

	/** The one currency of the line; a line in two currencies is not something Amazon sends. */
	currency(fallback: string): string {
		if (this.currencies.size > 1) throw new RangeError(tr`A refund line mixes currencies: ${[...this.currencies].join(', ')}`);
		return [...this.currencies][0] ?? fallback;
	}

	partsTotal(currency: string): Money {
		return sumMoney([...this.parts.values()].flat(), currency);
	}

	fields(currency: string): Pick<RefundRecord, RefundPart | 'total' | 'feeBreakdown' | 'otherChargeBreakdown' | 'taxWithheldBreakdown'> {
		const sumOf = (part: RefundPart) => sumMoney(this.parts.get(part) ?? [], currency);
		const breakdown = (map: Map<string, Money[]>) => Object.fromEntries([...map].map(([type, values]) => [type, sumMoney(values, currency)]));
		const parts = Object.fromEntries(REFUND_PARTS.map((part) => [part, sumOf(part)])) as Record<RefundPart, Money>;
		return {
			...parts,
			total: sumMoney(Object.values(parts), currency),
			feeBreakdown: breakdown(this.breakdowns.fees),
			otherChargeBreakdown: breakdown(this.breakdowns.otherCharges),
			taxWithheldBreakdown: breakdown(this.breakdowns.taxWithheld),
		};
	}
}

export function isZeroMoney(value: Money): boolean {
	return parseDecimal(value.amount).units === 0n;
}

export function zero(currency: string): Money {
	return money(0, currency);
}

export function subtractMoney(a: Money, b: Money): Money {
	return sumMoney([a, money(negateDecimal(parseDecimal(b.amount)), b.currency)], a.currency);
}

/**
 * The stable identity of a refund line. Amazon's OrderAdjustmentItemId identifies a refunded order item
 * and is the same in v0 events and 2024-06-19 transactions, so both sources give the same key. Lines
 * without one fall back to what describes them (order, SKU, time, amount).
 */
export function refundKeyOf(record: Omit<RefundRecord, 'refundKey'>, fallbackId?: string): string {
	if (record.amazonOrderId && record.orderAdjustmentItemId) {
		return `${record.kind}:${record.amazonOrderId}:${record.orderAdjustmentItemId}`;
	}
	const parts = [
		record.kind,
		record.amazonOrderId ?? '-',
		record.sellerSku ?? '-',
		record.postedDate ?? '-',
		`${record.total.amount}${record.total.currency}`,
		record.reason ?? '-',
	];
	if (fallbackId) parts.push(fallbackId);
	return parts.join(':');
}

/** Refund lines are listed oldest first; lines of one event keep their order. */
export function byRefundPostedDate(a: RefundRecord, b: RefundRecord): number {
	const ta = a.postedDate ? Date.parse(a.postedDate) : Number.POSITIVE_INFINITY;
	const tb = b.postedDate ? Date.parse(b.postedDate) : Number.POSITIVE_INFINITY;
	return ta - tb;
}

/** Newest first (what a person looks at first); lines without a posted date last. */
export function byRefundPostedDateNewestFirst(a: RefundRecord, b: RefundRecord): number {
	const ta = a.postedDate ? Date.parse(a.postedDate) : Number.NEGATIVE_INFINITY;
	const tb = b.postedDate ? Date.parse(b.postedDate) : Number.NEGATIVE_INFINITY;
	return tb - ta || 0;
}

/** Leaves out undefined fields: n8n would show them as empty columns. */
export function withoutUndefined<T extends object>(value: T): T {
	for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
	return value;
}
