/**
 * Refund lines from finances 2024-06-19 transactions (listTransactions) and from the PascalCase copy of
 * a transaction in a TRANSACTION_UPDATE notification. One line per transaction item (an item is a
 * refunded order item); a transaction without items becomes one line.
 *
 * Amounts come from the deepest level of Amazon's nested breakdowns, sorted into the refund parts by
 * their type and where they sit (Expenses → fees, marketplace facilitator tax → taxWithheld, ...). When
 * the breakdown does not add up to the item's total, the difference goes to otherCharges and
 * `breakdownComplete` is false, so the line still adds up and the gap is visible.
 */
import { toLocalIso } from '../dates';
import { readAmazonMoney, type Money } from '../money';
import { marketplaceOfEvent } from './marketplaceOfEvent';
import {
	chargePartOf,
	isZeroMoney,
	normalizedTypeName,
	RefundAmounts,
	refundKeyOf,
	refundKindLabel,
	subtractMoney,
	type RefundKind,
	type RefundPart,
	type RefundRecord,
	withoutUndefined,
} from './refunds';

type Json = Record<string, unknown>;

/** A property in camelCase (2024-06-19) or PascalCase (TRANSACTION_UPDATE notification). */
export function field(object: unknown, camelName: string): unknown {
	if (!object || typeof object !== 'object') return undefined;
	const record = object as Json;
	return record[camelName] ?? record[camelName.charAt(0).toUpperCase() + camelName.slice(1)];
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function list(value: unknown): Json[] {
	return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null) : [];
}

/** "ORDER_ID", "OrderId" and "orderId" all name the same identifier. */
function identifierKey(name: unknown): string {
	return typeof name === 'string' ? name.toLowerCase().replace(/[^a-z]/g, '') : '';
}

/** The related identifiers of a transaction (or item) by normalized name: orderid, financialeventgroupid, ... */
export function relatedIdentifiers(object: unknown, itemLevel = false): Map<string, string> {
	const out = new Map<string, string>();
	const nameField = itemLevel ? 'itemRelatedIdentifierName' : 'relatedIdentifierName';
	const valueField = itemLevel ? 'itemRelatedIdentifierValue' : 'relatedIdentifierValue';
	for (const identifier of list(field(object, 'relatedIdentifiers'))) {
		const value = text(field(identifier, valueField));
		const key = identifierKey(field(identifier, nameField));
		if (value && key && !out.has(key)) out.set(key, value);
	}
	return out;
}

/**
 * Which refund kind a transaction is, or undefined when it is no refund. Amazon's transactionType is
 * free text ("Refund"; a chargeback refund may also say "Refund" with a chargeback description), so the
 * description is read too.
 */
export function refundKindOfTransaction(transactionType: unknown, description: unknown): RefundKind | undefined {
	const type = normalizedTypeName(typeof transactionType === 'string' ? transactionType : '');
	const said = typeof description === 'string' ? description.toLowerCase() : '';
	if (type.includes('chargeback') || said.includes('chargeback')) return 'chargeback';
	if (type.includes('guaranteeclaim') || said.includes('a-to-z') || said.includes('guarantee claim')) return 'guaranteeClaim';
	if (type === 'chargerefund') return 'chargeRefund';
	if (type.includes('refund')) return 'refund';
	if (type.includes('adjustment') && said.includes('reversal')) return 'reimbursementReversal';
	return undefined;
}

interface Leaf {
	path: string[];
	money: Money;
}

function leavesOf(breakdowns: unknown, path: string[] = [], out: Leaf[] = []): Leaf[] {
	for (const breakdown of list(breakdowns)) {
		const type = text(field(breakdown, 'breakdownType')) ?? 'Unspecified';
		const children = list(field(breakdown, 'breakdowns'));
		if (children.length > 0) {
			leavesOf(children, [...path, type], out);
			continue;
		}
		const value = readAmazonMoney(field(breakdown, 'breakdownAmount'));
		if (value) out.push({ path: [...path, type], money: value });
	}
	return out;
}

const FEE_ANCESTORS = new Set(['expenses', 'amazonfees', 'fees', 'fbafees', 'sellingfees']);
const TAX_WITHHELD_ANCESTORS = new Set(['marketplacefacilitatortax', 'taxwithheld', 'taxeswithheld', 'withheldtax']);
const PROMOTION_ANCESTORS = new Set(['promotions', 'promotion', 'promotionrebates']);

/** Where a breakdown leaf goes, by its own type and its ancestors' types. */
export function partOfBreakdown(path: readonly string[]): RefundPart {
	const names = path.map(normalizedTypeName);
	const leaf = names[names.length - 1] ?? '';
	const ancestors = names.slice(0, -1);
	if (ancestors.some((name) => TAX_WITHHELD_ANCESTORS.has(name)) || leaf.startsWith('marketplacefacilitatortax') || leaf.includes('withheld')) {
		return 'taxWithheld';
	}
	if (ancestors.some((name) => FEE_ANCESTORS.has(name)) || leaf.endsWith('fee') || leaf.includes('commission')) return 'fees';
	if (ancestors.some((name) => PROMOTION_ANCESTORS.has(name)) || leaf.includes('promotion')) return 'promotion';
	if (leaf === 'productcharges') return 'principal';
	return chargePartOf(path[path.length - 1] ?? '');
}

function amountsFromBreakdowns(breakdowns: unknown): RefundAmounts {
	const amounts = new RefundAmounts();
	for (const leaf of leavesOf(breakdowns)) amounts.add(partOfBreakdown(leaf.path), leaf.path[leaf.path.length - 1], leaf.money);
	return amounts;
}

/** Makes the parts add up to Amazon's total: a gap goes to otherCharges and is flagged. */
function reconcile(amounts: RefundAmounts, total: Money | undefined, currency: string): boolean {
	if (!total) return true;
	const gap = subtractMoney(total, amounts.partsTotal(currency));
	if (isZeroMoney(gap)) return true;
	amounts.add('otherCharges', 'NotBrokenDown', gap);
	return false;
}

function productContext(item: unknown): { asin?: string; sku?: string; quantity?: number } {
	const context = list(field(item, 'contexts')).find((c) => normalizedTypeName(String(field(c, 'contextType') ?? '')) === 'productcontext');
	if (!context) return {};
	const quantity = field(context, 'quantityShipped');
	return { asin: text(field(context, 'asin')), sku: text(field(context, 'sku')), quantity: typeof quantity === 'number' ? Math.abs(quantity) : undefined };
}

export interface TransactionRefundOptions {
	kinds?: ReadonlySet<RefundKind>;
}

/** Refund lines of one transaction; empty when the transaction is not a refund of a wanted kind. */
export function refundsFromTransaction(transaction: unknown, options: TransactionRefundOptions = {}): RefundRecord[] {
	const kind = refundKindOfTransaction(field(transaction, 'transactionType'), field(transaction, 'description'));
	if (!kind || (options.kinds && !options.kinds.has(kind))) return [];
	const details = field(transaction, 'marketplaceDetails');
	const metadata = field(transaction, 'sellingPartnerMetadata');
	const marketplace = marketplaceOfEvent(
		text(field(details, 'marketplaceId')) ?? text(field(metadata, 'marketplaceId')),
		text(field(details, 'marketplaceName')),
	);
	const identifiers = relatedIdentifiers(transaction);
	const postedDate = text(field(transaction, 'postedDate'));
	const transactionTotal = readAmazonMoney(field(transaction, 'totalAmount'));
	const transactionId = text(field(transaction, 'transactionId'));
	const base = {
		kind,
		kindLabel: refundKindLabel(kind),
		amazonOrderId: identifiers.get('orderid'),
		marketplaceId: marketplace.id,
		marketplaceName: marketplace.name,
		postedDate,
		postedDateLocal: marketplace.timeZone ? toLocalIso(postedDate, marketplace.timeZone) : undefined,
		financialEventGroupId: identifiers.get('financialeventgroupid'),
		reason: kind === 'chargeRefund' || kind === 'reimbursementReversal' ? text(field(transaction, 'description')) : undefined,
		source: 'transactions' as const,
		transactionId,
		transactionStatus: text(field(transaction, 'transactionStatus')),
	};
	const fallbackCurrency = transactionTotal?.currency ?? marketplace.currency ?? 'USD';

	const items = list(field(transaction, 'items'));
	const lines: { amounts: RefundAmounts; total?: Money; extra: Partial<RefundRecord> }[] =
		items.length > 0
			? items.map((item) => {
					const product = productContext(item);
					const itemIdentifiers = relatedIdentifiers(item, true);
					const hasBreakdown = list(field(item, 'breakdowns')).length > 0;
					const total = readAmazonMoney(field(item, 'totalAmount'));
					return {
						amounts: amountsFromBreakdowns(field(item, 'breakdowns')),
						total,
						extra: {
							orderAdjustmentItemId: itemIdentifiers.get('orderadjustmentitemid'),
							sellerSku: product.sku,
							asin: product.asin,
							quantity: product.quantity,
							// Reimbursements may carry their breakdown at transaction level only.
							breakdownComplete: hasBreakdown,
						},
					};
				})
			: [{ amounts: amountsFromBreakdowns(field(transaction, 'breakdowns')), total: transactionTotal, extra: {} }];

	return lines.map(({ amounts, total, extra }, index) => {
		const currency = amounts.hasParts() ? amounts.currency(fallbackCurrency) : (total?.currency ?? fallbackCurrency);
		const complete = reconcile(amounts, total, currency);
		const record: Omit<RefundRecord, 'refundKey'> = {
			...base,
			...extra,
			currency,
			...amounts.fields(currency),
			breakdownComplete: complete && extra.breakdownComplete !== false,
		};
		return withoutUndefined({ ...record, refundKey: refundKeyOf(record, transactionId ? `${transactionId}#${index}` : undefined) });
	});
}

export function refundsFromTransactions(transactions: unknown, options: TransactionRefundOptions = {}): RefundRecord[] {
	return list(transactions).flatMap((transaction) => refundsFromTransaction(transaction, options));
}
