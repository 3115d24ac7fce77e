/**
 * Flat, readable shapes of the finances 2024-06-19 answers (transactions, balances, settlement
 * summaries): money as `{amount, currency}` next to Amazon's original object under `raw`.
 */
import { toLocalIso } from '../dates';
import { readAmazonMoney, type Money } from '../money';
import { marketplaceOfEvent } from './marketplaceOfEvent';
import { withoutUndefined } from './refunds';
import { field, relatedIdentifiers } from './refundsFromTransactions';

type Json = Record<string, unknown>;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function list(value: unknown): Json[] {
	return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null) : [];
}

/**
 * The deepest breakdown levels keyed by their path: "Sales/ProductCharges/Principal" → money. Levels with
 * children are left out (they are the sum of their children), so the values add up to the total.
 */
export function flattenBreakdowns(breakdowns: unknown, prefix = '', out: Record<string, Money> = {}): Record<string, Money> {
	for (const breakdown of list(breakdowns)) {
		const type = text(field(breakdown, 'breakdownType')) ?? 'Unspecified';
		const key = prefix ? `${prefix}/${type}` : type;
		const children = list(field(breakdown, 'breakdowns'));
		if (children.length > 0) {
			flattenBreakdowns(children, key, out);
			continue;
		}
		const value = readAmazonMoney(field(breakdown, 'breakdownAmount'));
		if (value) out[out[key] ? `${key} (${Object.keys(out).length})` : key] = value;
	}
	return out;
}

function identifierObject(object: unknown, itemLevel = false): Record<string, string> {
	const out: Record<string, string> = {};
	const nameField = itemLevel ? 'itemRelatedIdentifierName' : 'relatedIdentifierName';
	const valueField = itemLevel ? 'itemRelatedIdentifierValue' : 'relatedIdentifierValue';
	for (const identifier of list(field(object, 'relatedIdentifiers'))) {
		const name = text(field(identifier, nameField));
		const value = text(field(identifier, valueField));
		if (name && value && !(name in out)) out[name] = value;
	}
	return out;
}

export interface FlatTransaction {
	transactionId?: string;
	transactionType?: string;
	transactionStatus?: string;
	description?: string;
	postedDate?: string;
	postedDateLocal?: string;
	marketplaceId?: string;
	marketplaceName?: string;
	amazonOrderId?: string;
	financialEventGroupId?: string;
	relatedIdentifiers: Record<string, string>;
	totalAmount?: Money;
	breakdown: Record<string, Money>;
	items: Json[];
	deferralReason?: string;
	maturityDate?: string;
	raw: Json;
}

export function flattenTransaction(transaction: Json): FlatTransaction {
	const details = field(transaction, 'marketplaceDetails');
	const metadata = field(transaction, 'sellingPartnerMetadata');
	const marketplace = marketplaceOfEvent(text(field(details, 'marketplaceId')) ?? text(field(metadata, 'marketplaceId')), text(field(details, 'marketplaceName')));
	const postedDate = text(field(transaction, 'postedDate'));
	const ids = relatedIdentifiers(transaction);
	const deferred = list(field(transaction, 'contexts')).find((context) => text(field(context, 'contextType'))?.toLowerCase() === 'deferredcontext');
	const items = list(field(transaction, 'items')).map((item) => {
		const product = list(field(item, 'contexts')).find((context) => text(field(context, 'contextType'))?.toLowerCase() === 'productcontext');
		return withoutUndefined({
			description: text(field(item, 'description')),
			relatedIdentifiers: identifierObject(item, true),
			sellerSku: text(field(product, 'sku')),
			asin: text(field(product, 'asin')),
			quantity: typeof field(product, 'quantityShipped') === 'number' ? (field(product, 'quantityShipped') as number) : undefined,
			totalAmount: readAmazonMoney(field(item, 'totalAmount')),
			breakdown: flattenBreakdowns(field(item, 'breakdowns')),
		}) as Json;
	});
	return withoutUndefined({
		transactionId: text(field(transaction, 'transactionId')),
		transactionType: text(field(transaction, 'transactionType')),
		transactionStatus: text(field(transaction, 'transactionStatus')),
		description: text(field(transaction, 'description')),
		postedDate,
		postedDateLocal: marketplace.timeZone ? toLocalIso(postedDate, marketplace.timeZone) : undefined,
		marketplaceId: marketplace.id,
		marketplaceName: marketplace.name,
		amazonOrderId: ids.get('orderid'),
		financialEventGroupId: ids.get('financialeventgroupid'),
		relatedIdentifiers: identifierObject(transaction),
		totalAmount: readAmazonMoney(field(transaction, 'totalAmount')),
		breakdown: flattenBreakdowns(field(transaction, 'breakdowns')),
		items,
		deferralReason: text(field(deferred, 'deferralReason')),
		maturityDate: text(field(deferred, 'maturityDate')),
		raw: transaction,
	});
}

export interface FlatBalance {
	marketplaceId?: string;
	accountType?: string;
	balanceType?: string;
	amount?: Money;
	/** Every nested balance by its type (AVAILABLE, RESERVED, DEFERRED, ...), the top one included. */
	balances: Record<string, Money>;
	lastUpdatedTime?: string;
	asOfDate?: string;
	raw: Json;
}

function nestedBalances(balance: Json, out: Record<string, Money> = {}): Record<string, Money> {
	const type = text(balance.balanceType);
	const value = readAmazonMoney(balance.amount);
	if (type && value && !(type in out)) out[type] = value;
	for (const child of list(balance.balances)) nestedBalances(child, out);
	return out;
}

export function flattenBalance(balance: Json): FlatBalance {
	const partner = field(balance, 'partnerMetadata');
	return withoutUndefined({
		marketplaceId: text(field(partner, 'marketplaceId')),
		accountType: text(field(partner, 'accountType')),
		balanceType: text(balance.balanceType),
		amount: readAmazonMoney(balance.amount),
		balances: nestedBalances(balance),
		lastUpdatedTime: text(balance.lastUpdatedTime),
		asOfDate: text(balance.asOfDate),
		raw: balance,
	});
}

export interface FlatSummary {
	marketplaceId?: string;
	accountType?: string;
	periodStart?: string;
	periodEnd?: string;
	netProceeds?: Money;
	settlementId?: string;
	financialEventGroupId?: string;
	relatedIdentifiers: Record<string, string>;
	breakdown: Record<string, Money>;
	raw: Json;
}

export function flattenSummary(summary: Json): FlatSummary {
	const partner = field(summary, 'partnerMetadata');
	const ids = identifierObject(summary);
	return withoutUndefined({
		marketplaceId: text(field(partner, 'marketplaceId')),
		accountType: text(field(partner, 'accountType')),
		periodStart: text(summary.periodStart),
		periodEnd: text(summary.periodEnd),
		netProceeds: readAmazonMoney(summary.netProceeds),
		settlementId: ids.SETTLEMENT_ID,
		financialEventGroupId: ids.FINANCIAL_EVENT_GROUP_ID,
		relatedIdentifiers: ids,
		breakdown: flattenBreakdowns(summary.breakdowns),
		raw: summary,
	});
}
