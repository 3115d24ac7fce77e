/**
 * "One item per event": a finances v0 `FinancialEvents` object becomes a list of flat events, each naming
 * its type and carrying every money value as `{amount, currency}` (exact decimal text), next to the raw
 * event. Where money sits in each event comes from the generated table, not from guessing.
 */
import { toLocalIso } from '../dates';
import { parseDecimal, readAmazonMoney, sumMoney, type Money } from '../money';
import type { FinanceEventListSpec, MoneyPathSpec } from './eventListSpec';
import { FINANCE_EVENT_LISTS, TOTAL_RULES } from './eventLists';
import { marketplaceOfEvent } from './marketplaceOfEvent';

type Json = Record<string, unknown>;

/** Flattened amounts of one group: key (a charge type, a field path) → money. */
export type AmountGroup = Record<string, Money>;

export interface FlatFinancialEvent {
	eventType: string;
	eventList: string;
	eventModel: string;
	postedDate?: string;
	/** The same instant in the marketplace's time zone, when the marketplace is known. */
	postedDateLocal?: string;
	amazonOrderId?: string;
	sellerOrderId?: string;
	marketplaceId?: string;
	marketplaceName?: string;
	sellerSku?: string;
	asin?: string;
	/** The event's currency when all its money is in one currency. */
	currency?: string;
	/** Net effect on the seller's balance (see TOTAL_RULES); absent when the event holds no counted money. */
	total?: Money;
	charges?: AmountGroup;
	fees?: AmountGroup;
	promotions?: AmountGroup;
	taxWithheld?: AmountGroup;
	directPayments?: AmountGroup;
	/** Money fields that are not typed components, keyed by their path (list levels summed). */
	amounts?: AmountGroup;
	/** Set when the events were listed for one settlement period (financial event group). */
	financialEventGroupId?: string;
	raw: Json;
}

export interface MoneyLeaf {
	group: string;
	key: string;
	money: Money;
}

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows `path` through objects and arrays; calls `visit` with the object holding the last property. */
function walk(value: unknown, path: readonly string[], visit: (holder: Json, leaf: unknown) => void): void {
	if (Array.isArray(value)) {
		for (const element of value) walk(element, path, visit);
		return;
	}
	if (!isObject(value) || path.length === 0) return;
	const [head, ...rest] = path;
	if (rest.length === 0) visit(value, value[head]);
	else walk(value[head], rest, visit);
}

/** Every money value of an event with its group and key, in the model's order. */
export function moneyLeaves(spec: FinanceEventListSpec, event: Json): MoneyLeaf[] {
	const leaves: MoneyLeaf[] = [];
	for (const moneyPath of spec.money as readonly MoneyPathSpec[]) {
		walk(event, moneyPath.path, (holder, leaf) => {
			const money = readAmazonMoney(leaf);
			if (!money) return;
			let key: string;
			if (moneyPath.typeField) {
				const type = holder[moneyPath.typeField];
				key = typeof type === 'string' && type.trim() !== '' ? type.trim() : 'Unspecified';
			} else {
				key = moneyPath.path.join('.');
			}
			leaves.push({ group: moneyPath.group, key, money });
		});
	}
	return leaves;
}

/** Sums leaves per group and key; a key seen in two currencies gets the currency added to its name. */
function groupLeaves(leaves: readonly MoneyLeaf[]): Record<string, AmountGroup> {
	const parts = new Map<string, Map<string, Money[]>>();
	for (const leaf of leaves) {
		const group = parts.get(leaf.group) ?? new Map<string, Money[]>();
		const list = group.get(leaf.key) ?? [];
		list.push(leaf.money);
		group.set(leaf.key, list);
		parts.set(leaf.group, group);
	}
	const out: Record<string, AmountGroup> = {};
	for (const [groupName, keys] of parts) {
		const group: AmountGroup = {};
		for (const [key, monies] of keys) {
			const currencies = [...new Set(monies.map((m) => m.currency))];
			if (currencies.length === 1) group[key] = sumMoney(monies, currencies[0]);
			else for (const currency of currencies) group[`${key} (${currency})`] = sumMoney(monies.filter((m) => m.currency === currency), currency);
		}
		out[groupName] = group;
	}
	return out;
}

/** The net of an event by its TOTAL_RULE; undefined when nothing counted or currencies are mixed. */
export function eventTotal(spec: FinanceEventListSpec, leaves: readonly MoneyLeaf[]): Money | undefined {
	const rule = TOTAL_RULES[spec.model];
	if (!rule) return undefined;
	const counted = leaves.filter(
		(leaf) => (leaf.group !== 'amounts' && rule.groups?.includes(leaf.group)) || (leaf.group === 'amounts' && rule.amounts?.includes(leaf.key)),
	);
	if (counted.length === 0) return undefined;
	const currencies = new Set(counted.map((leaf) => leaf.money.currency));
	if (currencies.size !== 1) return undefined;
	return sumMoney(
		counted.map((leaf) => leaf.money),
		counted[0].money.currency,
	);
}

function stringField(event: Json, name: string | undefined): string | undefined {
	if (!name) return undefined;
	const value = event[name];
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export interface FlattenContext {
	financialEventGroupId?: string;
}

export function flattenEvent(spec: FinanceEventListSpec, event: Json, context: FlattenContext = {}): FlatFinancialEvent {
	const leaves = moneyLeaves(spec, event);
	const groups = groupLeaves(leaves);
	const ids = spec.identifiers;
	const marketplace = marketplaceOfEvent(stringField(event, ids.marketplaceId), stringField(event, ids.marketplaceName));
	const postedDate = stringField(event, spec.dateField ?? undefined);
	const currencies = new Set(leaves.map((leaf) => leaf.money.currency));
	const out: FlatFinancialEvent = {
		eventType: spec.eventType,
		eventList: spec.list,
		eventModel: spec.model,
		postedDate,
		postedDateLocal: marketplace.timeZone ? toLocalIso(postedDate, marketplace.timeZone) : undefined,
		amazonOrderId: stringField(event, ids.amazonOrderId),
		sellerOrderId: stringField(event, ids.sellerOrderId),
		marketplaceId: marketplace.id,
		marketplaceName: marketplace.name,
		sellerSku: stringField(event, ids.sellerSku),
		asin: stringField(event, ids.asin),
		currency: currencies.size === 1 ? [...currencies][0] : undefined,
		total: eventTotal(spec, leaves),
		...groups,
		financialEventGroupId: context.financialEventGroupId,
		raw: event,
	};
	// n8n shows `undefined` fields as empty columns; leave them out instead.
	for (const key of Object.keys(out) as (keyof FlatFinancialEvent)[]) if (out[key] === undefined) delete out[key];
	return out;
}

export interface ListedEvent {
	spec: FinanceEventListSpec;
	event: Json;
}

/** Every event of a `FinancialEvents` object, list by list in the model's order. Unknown lists are skipped. */
export function eventsOf(financialEvents: unknown): ListedEvent[] {
	if (!isObject(financialEvents)) return [];
	const out: ListedEvent[] = [];
	for (const spec of FINANCE_EVENT_LISTS as readonly FinanceEventListSpec[]) {
		const list = financialEvents[spec.list];
		if (!Array.isArray(list)) continue;
		for (const event of list) if (isObject(event)) out.push({ spec, event });
	}
	return out;
}

/** Lists present in an answer that the generated table does not know (Amazon added one): worth a warning. */
export function unknownEventLists(financialEvents: unknown): string[] {
	if (!isObject(financialEvents)) return [];
	const known = new Set<string>(FINANCE_EVENT_LISTS.map((spec) => spec.list));
	return Object.keys(financialEvents).filter((name) => !known.has(name) && Array.isArray(financialEvents[name]) && (financialEvents[name] as unknown[]).length > 0);
}

/** Sorts flattened events by posting date (events without a date last), stable otherwise. */
export function byPostedDate(a: { postedDate?: string }, b: { postedDate?: string }): number {
	if (a.postedDate === b.postedDate) return 0;
	if (!a.postedDate) return 1;
	if (!b.postedDate) return -1;
	return Date.parse(a.postedDate) - Date.parse(b.postedDate);
}

/** True when a money value is zero (used to leave zero parts out of sentences). */
export function isZero(money: Money): boolean {
	return parseDecimal(money.amount).units === 0n;
}
