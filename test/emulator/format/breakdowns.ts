/**
 * Nested breakdowns of the 2024-06-19 API. Built from the same parts as the v0 events, so every level
 * sums exactly to its parent and the top level to the transaction's totalAmount. Zero parts are left out.
 */
import { camelMoney, type CamelCurrency } from '../money';
import type { ItemLine, Part } from '../data/model';

export interface BreakdownNode {
	type: string;
	minor: number;
	children: BreakdownNode[];
}

export interface BreakdownJson {
	breakdownType: string;
	breakdownAmount: CamelCurrency;
	breakdowns?: BreakdownJson[];
}

/** Second-level group of a v0 charge or fee type; the first level is Sales, Expenses or Tax. */
const GROUP_OF: Record<string, [top: string, group: string]> = {
	Principal: ['Sales', 'ProductCharges'],
	Tax: ['Sales', 'ProductCharges'],
	ShippingCharge: ['Sales', 'Shipping'],
	ShippingTax: ['Sales', 'Shipping'],
	GiftWrap: ['Sales', 'GiftWrap'],
	GiftWrapTax: ['Sales', 'GiftWrap'],
	PromotionMetaDataDefinitionValue: ['Sales', 'Promotions'],
};

function placeOf(part: Part, kind: 'charge' | 'fee' | 'promotion' | 'taxWithheld'): [string, string] {
	if (kind === 'fee') return ['Expenses', 'AmazonFees'];
	if (kind === 'taxWithheld') return ['Tax', 'MarketplaceFacilitatorTax'];
	return GROUP_OF[part.type] ?? ['Sales', 'OtherCharges'];
}

function addLeaf(tree: BreakdownNode[], path: string[], minor: number): void {
	let level = tree;
	for (const type of path) {
		let node = level.find((candidate) => candidate.type === type);
		if (!node) {
			node = { type, minor: 0, children: [] };
			level.push(node);
		}
		node.minor += minor;
		level = node.children;
	}
}

export function itemBreakdowns(item: ItemLine): BreakdownNode[] {
	const tree: BreakdownNode[] = [];
	const add = (parts: Part[], kind: 'charge' | 'fee' | 'promotion' | 'taxWithheld'): void => {
		for (const part of parts) if (part.minor !== 0) addLeaf(tree, [...placeOf(part, kind), part.type], part.minor);
	};
	add(item.charges, 'charge');
	add(item.promotions, 'promotion');
	add(item.fees, 'fee');
	add(item.taxWithheld, 'taxWithheld');
	return tree;
}

/** A breakdown tree from `[path..., leafType]` entries. */
export function breakdownsOf(entries: { path: string[]; minor: number }[]): BreakdownNode[] {
	const tree: BreakdownNode[] = [];
	for (const entry of entries) if (entry.minor !== 0) addLeaf(tree, entry.path, entry.minor);
	return tree;
}

/** Sums several trees level by level (same type = same node). */
export function mergeBreakdowns(trees: BreakdownNode[][]): BreakdownNode[] {
	const merged: BreakdownNode[] = [];
	const mergeInto = (target: BreakdownNode[], source: BreakdownNode[]): void => {
		for (const node of source) {
			let existing = target.find((candidate) => candidate.type === node.type);
			if (!existing) {
				existing = { type: node.type, minor: 0, children: [] };
				target.push(existing);
			}
			existing.minor += node.minor;
			mergeInto(existing.children, node.children);
		}
	};
	for (const tree of trees) mergeInto(merged, tree);
	return merged;
}

export function breakdownsJson(tree: BreakdownNode[], currency: string): BreakdownJson[] {
	return tree.map((node) => {
		const out: BreakdownJson = { breakdownType: node.type, breakdownAmount: camelMoney(node.minor, currency) };
		if (node.children.length > 0) out.breakdowns = breakdownsJson(node.children, currency);
		return out;
	});
}
